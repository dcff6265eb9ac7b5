"""Pages outside any feature: language and reading aids choices, the residents' home, health
check."""

from datetime import date

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select, text

from ..accounts.policy import Rule, rule
from ..catalogue.models import Service
from ..extensions import db
from ..i18n import (
    LANGUAGE_COOKIE,
    LANGUAGES,
    languages_by_preference,
    save_language_choice,
)
from ..next_url import safe_next_url
from ..reading import current_reading_aids, save_reading_aids
from .forms import ReadingAidsForm

bp = Blueprint("pages", __name__, template_folder="templates")
# Update with the statement whenever what it says changes.
ACCESSIBILITY_REVIEWED_ON = date(2026, 11, 26)


@bp.route("/")
@rule(Rule.PUBLIC)
def index():
    saved = request.cookies.get(LANGUAGE_COOKIE)
    if saved in LANGUAGES:
        return redirect(url_for("pages.home", lang=saved))
    return render_template("pages/choose_language.html", languages=languages_by_preference())


@bp.route("/language/<lang:code>")
@rule(Rule.PUBLIC)
def choose_language(code):
    """Save a language for pages whose URL has none (staff pages), then go back."""
    response = redirect(safe_next_url(request.args.get("next"), url_for("accounts.home")))
    save_language_choice(response, code)
    return response


@bp.route("/<lang:lang>/reading-aids", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def reading_aids():
    """Text size, colours and easy read, saved in a preference cookie; then back (PRG)."""
    form = ReadingAidsForm.of(current_reading_aids(), request.args.get("next"))
    back_url = safe_next_url(form.next.data, url_for("pages.home"))
    if form.validate_on_submit():
        response = redirect(back_url)
        save_reading_aids(response, form.aids())
        return response
    html = render_template("pages/reading_aids.html", form=form, back_url=back_url)
    return html, 400 if form.errors else 200


@bp.route("/<lang:lang>/")
@rule(Rule.PUBLIC)
def home():
    services = db.session.scalars(
        select(Service).where(Service.is_published).order_by(Service.slug)
    )
    return render_template("pages/home.html", services=list(services))


@bp.route("/<lang:lang>/accessibility")
@rule(Rule.PUBLIC)
def accessibility():
    return render_template("pages/accessibility.html", reviewed_on=ACCESSIBILITY_REVIEWED_ON)


@bp.route("/healthz")
@rule(Rule.PUBLIC)
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any failure to reach the database means "not ready"
        db.session.rollback()
        reason = type(error).__name__
        return jsonify(status="unavailable", database="unreachable", reason=reason), 503
    return jsonify(status="ok", database="ok")
