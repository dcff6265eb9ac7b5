"""A participant takes part in one open activity from their own phone: post cards, put dots on
and take them back, rate options."""

from flask import abort, redirect, url_for

from ..accounts.policy import Rule, allows, require, rule
from . import taking_part
from .blueprint import activity_of, bp
from .models import ActivityKind, ActivityStatus
from .participant_views import PARTICIPANT, current_participant, workshop_or_404

ACTIVITY = f"{PARTICIPANT}/a/<int:activity_id>"


def _seat(code, activity_id):
    """(activity, seat) for this browser's participant; seat None when it has not joined."""
    workshop = workshop_or_404(code)
    activity = activity_of(workshop, activity_id)
    if activity.status == ActivityStatus.DRAFT:
        abort(404)
    if not allows(Rule.WORKSHOP_PARTICIPANT, workshop):
        return activity, None
    seat = taking_part.Seat(
        participant=current_participant(workshop),
        entered_by=None,
        home_url=url_for(".short_link", code=workshop.join_code),
        page_url=url_for(".activity_page", code=workshop.join_code, activity_id=activity.id),
        dot_url=lambda action: url_for(
            ".dot", code=workshop.join_code, activity_id=activity.id, action=action
        ),
        move_url=lambda card_id: url_for(
            ".move_card", code=workshop.join_code, activity_id=activity.id, card_id=card_id
        ),
    )
    return activity, seat


@bp.route(ACTIVITY, methods=["GET", "POST"])
@rule(Rule.WORKSHOP_PARTICIPANT)
def activity_page(code, activity_id):
    activity, seat = _seat(code, activity_id)
    if seat is None:
        return redirect(url_for(".short_link", code=activity.workshop.join_code))
    return taking_part.take_part(activity, seat)


@bp.route(f"{ACTIVITY}/dots/<any(add,remove):action>", methods=["POST"])
@rule(Rule.WORKSHOP_PARTICIPANT)
def dot(code, activity_id, action):
    activity, seat = _seat(code, activity_id)
    require(Rule.WORKSHOP_PARTICIPANT, activity.workshop)
    if activity.kind != ActivityKind.DOT_VOTE:
        abort(404)
    return taking_part.dot(activity, seat, action)


@bp.route(f"{ACTIVITY}/cards/<int:card_id>/move", methods=["POST"])
@rule(Rule.WORKSHOP_PARTICIPANT)
def move_card(code, activity_id, card_id):
    activity, seat = _seat(code, activity_id)
    require(Rule.WORKSHOP_PARTICIPANT, activity.workshop)
    return taking_part.move(activity, seat, card_id)
