"""Participants: join with a code or a short link, then take part in each open activity.

Every action is a plain form POST answered by a redirect, so it all works without JavaScript.
"""

from flask import abort, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..accounts.policy import Rule, register_check, rule
from ..extensions import limiter
from ..i18n import save_language_choice
from . import agenda, participants
from .blueprint import bp, status_for, workshop_for_code
from .participant_forms import UNKNOWN_CODE, JoinCodeForm, JoinForm

COOKIE = "ensemble_workshop"
PARTICIPANT = "/w/<code>"
# Only failed attempts count, so a whole room joining from one network is never slowed down.
GUESSES = limiter.limit("20 per minute", deduct_when=lambda response: response.status_code == 404)


def _cookie_path(workshop):
    return f"/w/{workshop.join_code}"


def current_participant(workshop):
    """This browser's participant in `workshop` (its cookie), else None; found once a request."""
    token = request.cookies.get(COOKIE)
    found = g.setdefault("workshop_participants", {})
    if (workshop.id, token) not in found:
        found[workshop.id, token] = participants.participant_for(workshop, token)
    return found[workshop.id, token]


def is_participant(workshop):
    """Rule.WORKSHOP_PARTICIPANT: this browser joined `workshop`."""
    return current_participant(workshop) is not None


register_check(Rule.WORKSHOP_PARTICIPANT, is_participant)


@bp.route("/w", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
@GUESSES
def join_by_code():
    form = JoinCodeForm()
    if form.validate_on_submit():
        workshop = agenda.workshop_by_code(form.code.data)
        if workshop is not None:
            return redirect(url_for(".short_link", code=workshop.join_code))
        form.code.errors.append(str(UNKNOWN_CODE))
        return render_template("workshops/join_code.html", form=form), 404
    return render_template("workshops/join_code.html", form=form), status_for(form)


def workshop_or_404(code):
    """The workshop of a short link, else the code form saying so (a 404 that counts as a guess)."""
    workshop = workshop_for_code(code)
    if workshop is None:
        form = JoinCodeForm(formdata=None, data={"code": code[:20]})
        form.code.errors = [str(UNKNOWN_CODE)]
        abort(make_response(render_template("workshops/join_code.html", form=form), 404))
    return workshop


@bp.route(PARTICIPANT, methods=["GET", "POST"])
@rule(Rule.PUBLIC)
@GUESSES
def short_link(code):
    workshop = workshop_or_404(code)
    if code != workshop.join_code:
        return redirect(url_for(".short_link", code=workshop.join_code))
    participant = current_participant(workshop)
    if participant is not None:
        return render_template(
            "workshops/participant_home.html",
            workshop=workshop,
            participant=participant,
            activities=agenda.open_activities(workshop),
        )
    form = JoinForm.for_workshop(workshop)
    if form.validate_on_submit():
        participant, token = participants.join(
            workshop, locale=form.language.data, display_name=form.display_name.data
        )
        with force_locale(form.language.data):
            flash(_("You joined the workshop. The open activities are listed below."))
        # "#main": past the header, straight to the message and the activities.
        response = redirect(url_for(".short_link", code=workshop.join_code) + "#main")
        response.set_cookie(
            COOKIE,
            token,
            path=_cookie_path(workshop),
            httponly=True,
            samesite="Lax",
            secure=request.is_secure,
        )
        save_language_choice(response, form.language.data)
        return response
    html = render_template("workshops/join.html", workshop=workshop, form=form)
    return html, status_for(form)
