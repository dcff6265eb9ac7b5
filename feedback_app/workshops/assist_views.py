"""Assisted input: a facilitator adds cards, dots or ratings on behalf of someone without a
phone (or who prefers to dictate). Everything entered so is marked assisted, with who typed it,
and written to the audit log."""

from flask import abort, g, redirect, render_template, url_for

from ..accounts.policy import Rule, rule
from . import participants, taking_part
from .blueprint import WORKSHOP, activity_of, bp, facilitated_workshop, status_for
from .models import ActivityKind, ActivityStatus
from .participant_forms import JoinForm

ASSIST = f"{WORKSHOP}/assist"
ASSISTED_ACTIVITY = f"{ASSIST}/<int:participant_id>/a/<int:activity_id>"


@bp.route(ASSIST, methods=["GET", "POST"])
@rule(Rule.SERVICE_FACILITATOR)
def assist(slug, workshop_id):
    workshop = facilitated_workshop(slug, workshop_id)
    form = JoinForm.for_workshop(workshop)
    if form.validate_on_submit():
        participants.join(
            workshop,
            locale=form.language.data,
            display_name=form.display_name.data,
            assisted_by=g.user,
        )
        return redirect(url_for(".assist", slug=slug, workshop_id=workshop_id))
    html = render_template(
        "workshops/assist.html",
        workshop=workshop,
        service=workshop.service,
        form=form,
        people=participants.assisted_participants(workshop),
        activities=[a for a in workshop.activities if a.status != ActivityStatus.DRAFT],
    )
    return html, status_for(form)


def _seat(slug, workshop_id, participant_id, activity_id):
    workshop = facilitated_workshop(slug, workshop_id)
    activity = activity_of(workshop, activity_id)
    participant = participants.participant_in(workshop, participant_id)
    if participant is None or activity.status == ActivityStatus.DRAFT:
        abort(404)
    ids = {"slug": slug, "workshop_id": workshop_id, "participant_id": participant_id}
    seat = taking_part.Seat(
        participant=participant,
        entered_by=g.user,
        home_url=url_for(".assist", slug=slug, workshop_id=workshop_id),
        page_url=url_for(".assisted_activity", activity_id=activity_id, **ids),
        dot_url=lambda action: url_for(
            ".assisted_dot", activity_id=activity_id, action=action, **ids
        ),
        move_url=lambda card_id: url_for(
            ".assisted_move", activity_id=activity_id, card_id=card_id, **ids
        ),
    )
    return activity, seat


@bp.route(ASSISTED_ACTIVITY, methods=["GET", "POST"])
@rule(Rule.SERVICE_FACILITATOR)
def assisted_activity(slug, workshop_id, participant_id, activity_id):
    activity, seat = _seat(slug, workshop_id, participant_id, activity_id)
    return taking_part.take_part(activity, seat)


@bp.route(f"{ASSISTED_ACTIVITY}/dots/<any(add,remove):action>", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def assisted_dot(slug, workshop_id, participant_id, activity_id, action):
    activity, seat = _seat(slug, workshop_id, participant_id, activity_id)
    if activity.kind != ActivityKind.DOT_VOTE:
        abort(404)
    return taking_part.dot(activity, seat, action)


@bp.route(f"{ASSISTED_ACTIVITY}/cards/<int:card_id>/move", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def assisted_move(slug, workshop_id, participant_id, activity_id, card_id):
    activity, seat = _seat(slug, workshop_id, participant_id, activity_id)
    return taking_part.move(activity, seat, card_id)
