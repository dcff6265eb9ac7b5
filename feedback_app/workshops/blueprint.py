"""The `workshops` blueprint, and finding a workshop for the person asking.

Route modules (views for facilitators, participant_views, board_views) add their routes to
`bp`; feedback_app registers it once through views.bp.
"""

from flask import Blueprint, abort, flash, g

from ..accounts.policy import Rule, require
from ..errors import CSRF_MESSAGE
from ..extensions import csrf, db
from ..feedback.blueprint import service_or_404
from . import codes
from .agenda import timer_end, workshop_by_code
from .forms import STATUS_LABELS, ConfirmForm, activity_title, kind_label
from .models import Activity, Card, Workshop

bp = Blueprint("workshops", __name__, template_folder="templates")
# Every form here is a FlaskForm that checks the CSRF token itself, so a failure is told in the
# form's error summary with what was typed kept, as in the residents' flow.
csrf.exempt(bp)
STAFF = "/staff/services/<slug>/workshops"
WORKSHOP = f"{STAFF}/<int:workshop_id>"


def facilitated_workshop(slug, workshop_id):
    """The service's workshop for its facilitators: 403 for other staff, 404 for another
    service's workshop id."""
    service = service_or_404(slug, published_only=False)
    require(Rule.SERVICE_FACILITATOR, service)
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or workshop.service_id != service.id:
        abort(404)
    g.workshop = workshop
    return workshop


def activity_of(workshop, activity_id):
    activity = db.session.get(Activity, activity_id)
    if activity is None or activity.workshop_id != workshop.id:
        abort(404)
    return activity


def card_of(workshop, card_id):
    card = db.session.get(Card, card_id)
    if card is None or card.activity.workshop_id != workshop.id:
        abort(404)
    return card


def workshop_for_code(code):
    """The workshop of a short link; None when the code is not one (the caller says so)."""
    normalized = codes.normalize(code)
    return workshop_by_code(normalized) if normalized else None


def confirmed():
    """True when a button's form (CSRF token only) is genuine; else says why on the next page."""
    if ConfirmForm().validate_on_submit():
        return True
    flash(CSRF_MESSAGE)
    return False


def status_for(form):
    return 400 if form.errors else 200


@bp.context_processor
def _labels():
    return {
        "activity_title": activity_title,
        "kind_label": kind_label,
        "status_labels": STATUS_LABELS,
        "timer_end": timer_end,
    }
