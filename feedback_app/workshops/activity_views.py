"""A participant (or a helper on their behalf) takes part in one open activity: post cards,
put dots on and take them back, rate options. Nothing typed is lost when input is refused."""

from flask import abort, redirect, render_template, url_for

from ..i18n import _l
from . import cards, ratings, voting
from .blueprint import activity_of, bp
from .forms import CardForm, RatingForm, VoteForm
from .models import ActivityKind, ActivityStatus
from .participant_views import PARTICIPANT, current_participant, workshop_or_404

CLOSED = _l("This activity is closed, so nothing more can be added. What you wrote is kept below.")
VOTING_CLOSED = _l("Voting is closed, so your dots cannot change any more.")
VOTE_MESSAGES = {
    voting.VoteRefused.NO_DOTS_LEFT: _l(
        "You have no dots left. Take one back from another card first."
    ),
    voting.VoteRefused.ONE_PER_CARD: _l("You already put a dot on this card."),
    voting.VoteRefused.NONE_ON_CARD: _l("You have no dot on this card to take back."),
}
ACTIVITY = f"{PARTICIPANT}/a/<int:activity_id>"


def _taking_part(code, activity_id):
    """(activity, participant) for a participant of this workshop, else a redirect to join."""
    workshop = workshop_or_404(code)
    activity = activity_of(workshop, activity_id)
    if activity.status == ActivityStatus.DRAFT:
        abort(404)
    participant = current_participant(workshop)
    return activity, participant


def _here(activity):
    return redirect(
        url_for(".activity_page", code=activity.workshop.join_code, activity_id=activity.id)
    )


def _page(activity, participant, *, form=None, problem=None, status=200):
    """The activity page of its kind, with `problem` told at the top when input was refused."""
    context = {"activity": activity, "workshop": activity.workshop, "problem": problem}
    if activity.kind == ActivityKind.DOT_VOTE:
        template = "workshops/take_part_vote.html"
        context.update(
            ranked=voting.ranked_cards(activity),
            mine=voting.my_dots(activity, participant),
            form=form or VoteForm(),
        )
        context["dots_left"] = activity.dots_per_participant - sum(context["mine"].values())
    elif activity.kind == ActivityKind.RATING_ROUND:
        template = "workshops/take_part_rating.html"
        values = ratings.my_ratings(activity, participant)
        context["form"] = form or RatingForm.for_activity(activity, values)
    else:
        template = "workshops/take_part_cards.html"
        context.update(
            form=form or CardForm.for_activity(activity),
            my_cards=cards.my_cards(activity, participant),
            stages=_stages(activity),
        )
    return render_template(template, **context), status


def _stages(activity):
    journey = activity.workshop.service.journey
    return {s.id: s for s in journey.stages} if journey else {}


@bp.route(ACTIVITY, methods=["GET", "POST"])
def activity_page(code, activity_id):
    activity, participant = _taking_part(code, activity_id)
    if participant is None:
        return redirect(url_for(".short_link", code=activity.workshop.join_code))
    if activity.kind == ActivityKind.DOT_VOTE:
        return _page(activity, participant)
    if activity.kind == ActivityKind.RATING_ROUND:
        form = RatingForm.for_activity(activity)
    else:
        form = CardForm.for_activity(activity)
    if not form.is_submitted():
        return _page(activity, participant)
    if not form.validate_on_submit():
        return _page(activity, participant, form=form, status=400)
    if not activity.is_open:
        return _page(activity, participant, form=form, problem=CLOSED, status=409)
    _save(activity, participant, form)
    return _here(activity)


def _save(activity, participant, form, entered_by=None):
    if isinstance(form, RatingForm):
        ratings.rate(activity, participant, form.to_values(), entered_by=entered_by)
        return
    stages = {s.code: s for s in _stages(activity).values()}
    cards.post_card(
        activity,
        participant,
        text=form.text.data,
        kind=form.kind.data,
        stage=stages.get(form.stage.data) if form.is_journey else None,
        emotion=int(form.emotion.data) if form.is_journey and form.emotion.data else None,
        entered_by=entered_by,
    )


@bp.route(f"{ACTIVITY}/dots/<any(add,remove):action>", methods=["POST"])
def dot(code, activity_id, action):
    activity, participant = _taking_part(code, activity_id)
    if participant is None or activity.kind != ActivityKind.DOT_VOTE:
        abort(403 if participant is None else 404)
    form = VoteForm()
    if not form.validate_on_submit():
        return _page(activity, participant, form=form, status=400)
    card = cards.card_in(activity.source_activity, form.card.data)
    if card is None or not card.is_shown:
        form.card.errors = [str(_l("Choose a card from the list"))]
        return _page(activity, participant, form=form, status=400)
    if not activity.is_open:
        return _page(activity, participant, problem=VOTING_CLOSED, status=409)
    try:
        if action == "add":
            voting.cast(activity, participant, card)
        else:
            voting.take_back(activity, participant, card)
    except voting.VoteRefused as refused:
        return _page(activity, participant, problem=VOTE_MESSAGES[refused.reason], status=409)
    return _here(activity)
