"""Facilitators: create workshops for their services, build the agenda, run the console."""

from flask import g, redirect, render_template, request, url_for

from ..accounts.links import register_service_link
from ..accounts.policy import Rule, require, rule
from ..feedback.blueprint import service_or_404
from ..i18n import _l, current_language
from . import (
    activity_views,  # noqa: F401  (route modules: their routes join bp)
    agenda,
    assist_views,  # noqa: F401
    board_views,  # noqa: F401
    console_views,  # noqa: F401
    paper_views,  # noqa: F401
    participant_views,  # noqa: F401
    summary_views,  # noqa: F401
    voice_views,  # noqa: F401
)
from .blueprint import (
    STAFF,
    WORKSHOP,
    activity_of,
    bp,
    confirmed,
    facilitated_workshop,
    status_for,
)
from .forms import ActivityForm, ConfirmForm, WorkshopForm

register_service_link(_l("Workshops"), "workshops.manage")


@bp.route(STAFF, methods=["GET", "POST"])
@rule(Rule.SERVICE_FACILITATOR)
def manage(slug):
    service = service_or_404(slug, published_only=False)
    require(Rule.SERVICE_FACILITATOR, service)
    form = WorkshopForm()
    if form.validate_on_submit():
        workshop = agenda.create_workshop(service, user=g.user, **form.details())
        return redirect(url_for(".agenda_page", slug=slug, workshop_id=workshop.id))
    if not form.is_submitted():
        form.languages.data = [current_language().code]
    html = render_template(
        "workshops/manage.html",
        service=service,
        form=form,
        workshops=agenda.workshops_of(service),
    )
    return html, status_for(form)


def _agenda(workshop, form, status=200):
    html = render_template(
        "workshops/agenda.html",
        workshop=workshop,
        service=workshop.service,
        form=form,
        action_form=ConfirmForm(),
    )
    return html, status


@bp.route(WORKSHOP)
@rule(Rule.SERVICE_FACILITATOR)
def agenda_page(slug, workshop_id):
    workshop = facilitated_workshop(slug, workshop_id)
    return _agenda(workshop, ActivityForm.for_workshop(agenda.vote_sources(workshop)))


@bp.route(f"{WORKSHOP}/activities", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def add_activity(slug, workshop_id):
    workshop = facilitated_workshop(slug, workshop_id)
    form = ActivityForm.for_workshop(agenda.vote_sources(workshop))
    if not form.validate_on_submit():
        return _agenda(workshop, form, 400)
    agenda.add_activity(workshop, form.kind.data, **form.settings())
    return redirect(url_for(".agenda_page", slug=slug, workshop_id=workshop_id))


def _confirmed_activity(slug, workshop_id, activity_id):
    """The activity of a console or agenda button, once its CSRF token is checked; else 400."""
    workshop = facilitated_workshop(slug, workshop_id)
    activity = activity_of(workshop, activity_id)
    return activity if confirmed() else None


def _back(slug, workshop_id):
    """To the console when the button was there, else to the agenda."""
    endpoint = ".console_page" if request.args.get("back") == "console" else ".agenda_page"
    return redirect(url_for(endpoint, slug=slug, workshop_id=workshop_id))


@bp.route(f"{WORKSHOP}/activities/<int:activity_id>/<any(up,down):direction>", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def move(slug, workshop_id, activity_id, direction):
    activity = _confirmed_activity(slug, workshop_id, activity_id)
    if activity:
        agenda.move(activity, -1 if direction == "up" else 1)
    return _back(slug, workshop_id)


@bp.route(
    f"{WORKSHOP}/activities/<int:activity_id>/<any(open,closed,draft):status>", methods=["POST"]
)
@rule(Rule.SERVICE_FACILITATOR)
def set_status(slug, workshop_id, activity_id, status):
    activity = _confirmed_activity(slug, workshop_id, activity_id)
    if activity:
        agenda.set_status(activity, status, user=g.user)
    return _back(slug, workshop_id)


@bp.route(f"{WORKSHOP}/activities/<int:activity_id>/timer/<int(max=30):minutes>", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def timer(slug, workshop_id, activity_id, minutes):
    """Start, extend (minutes) or stop (0) the advisory timer; nothing closes when it ends."""
    activity = _confirmed_activity(slug, workshop_id, activity_id)
    if activity:
        agenda.set_timer(activity, minutes)
    return _back(slug, workshop_id)


@bp.route(
    f"{WORKSHOP}/activities/<int:activity_id>/votes/<any(reveal,conceal):action>",
    methods=["POST"],
)
@rule(Rule.SERVICE_FACILITATOR)
def reveal(slug, workshop_id, activity_id, action):
    activity = _confirmed_activity(slug, workshop_id, activity_id)
    if activity:
        agenda.reveal_votes(activity, action == "reveal")
    return _back(slug, workshop_id)
