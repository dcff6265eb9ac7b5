"""The receipt pages: a resident enters their code, sees what they said, and may withdraw it."""

from flask import redirect, render_template, session, url_for

from ..accounts.policy import Rule, rule
from ..extensions import db, limiter
from . import withdrawal
from .blueprint import bp, status_for
from .forms import RECEIPT_NOT_FOUND, ReceiptForm, WithdrawForm
from .models import Response
from .submit import answers_from_response
from .summary import summary_sections

# The response whose receipt code was entered in this browser session.
RECEIPT = "receipt_response_id"


def _response():
    response_id = session.get(RECEIPT)
    return db.session.get(Response, response_id) if response_id else None


@bp.route("/<lang:lang>/receipt", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
@limiter.limit("10 per minute", methods=["POST"])
def receipt():
    form = ReceiptForm()
    if form.validate_on_submit():
        response = withdrawal.response_for_receipt(form.code.data)
        if response is not None:
            session[RECEIPT] = response.id
            return redirect(url_for(".receipt_response"))
        form.fail(form.code, RECEIPT_NOT_FOUND)
    return render_template("feedback/receipt.html", form=form), status_for(form)


@bp.route("/<lang:lang>/receipt/response")
@rule(Rule.PUBLIC)
def receipt_response():
    response = _response()
    if response is None:
        return redirect(url_for(".receipt"))
    sections = summary_sections(response.service, answers_from_response(response))
    return render_template("feedback/receipt_response.html", response=response, sections=sections)


@bp.route("/<lang:lang>/receipt/withdraw", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def withdraw():
    response = _response()
    if response is None or response.withdrawn_at is not None:
        return redirect(url_for(".receipt_response"))
    form = WithdrawForm()
    if form.validate_on_submit():
        withdrawal.withdraw(response)
        return redirect(url_for(".withdrawn"))
    return render_template("feedback/withdraw.html", form=form), status_for(form)


@bp.route("/<lang:lang>/receipt/withdrawn")
@rule(Rule.PUBLIC)
def withdrawn():
    response = _response()
    if response is None or response.withdrawn_at is None:
        return redirect(url_for(".receipt_response"))
    return render_template("feedback/withdrawn.html")
