"""Taking part in one activity, for a participant on their own phone or for a helper typing on
their behalf: the same forms, rules and messages, only the addresses and the provenance differ.

These are view helpers (they read the posted form and render pages); the rules themselves are
in cards.py, voting.py and ratings.py.
"""

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _

from ..i18n import _l, localized
from . import cards, ratings, voting
from .models import ActivityKind
from .participant_forms import CardForm, MoveForm, RatingForm, VoteForm

CLOSED = _l("This activity is closed, so nothing more can be added. What you wrote is kept below.")
VOTING_CLOSED = _l("Voting is closed, so your dots cannot change any more.")
VOTE_MESSAGES = {
    voting.VoteRefused.NO_DOTS_LEFT: _l(
        "You have no dots left. Take one back from another card first."
    ),
    voting.VoteRefused.ONE_PER_CARD: _l("You already put a dot on this card."),
    voting.VoteRefused.NONE_ON_CARD: _l("You have no dot on this card to take back."),
}


@dataclass
class Seat:
    """Who is taking part and from where: the participant, the helper (None on their own
    phone), the page listing the open activities, this activity's page and the address of its
    dot buttons (a function of "add" or "remove") and of a card's "Move" button (a function of
    the card's id)."""

    participant: object
    entered_by: object
    home_url: str
    page_url: str
    dot_url: object
    move_url: object


def _stages(activity):
    journey = activity.workshop.service.journey
    return {s.id: s for s in journey.stages} if journey else {}


def _move_forms(activity, my_cards, moving=None):
    """A "Move to stage" form per shown card of an open journey map; `moving` one posted."""
    if activity.kind != ActivityKind.JOURNEY_MAP or not activity.is_open:
        return {}
    stages = list(_stages(activity).values())
    forms = {
        card.id: MoveForm.for_card(card, stages, formdata=None)
        for card in my_cards
        if card.is_shown
    }
    if moving is not None:
        forms[moving[0]] = moving[1]
    return forms


def page(activity, seat, *, form=None, problem=None, status=200, moving=None):
    """The activity page of its kind, with `problem` told at the top when input was refused."""
    participant = seat.participant
    context = {
        "activity": activity,
        "workshop": activity.workshop,
        "problem": problem,
        "seat": seat,
        "moving_form": moving[1] if moving else None,
    }
    if activity.kind == ActivityKind.DOT_VOTE:
        template = "workshops/take_part_vote.html"
        mine = voting.my_dots(activity, participant)
        context.update(
            ranked=voting.ranked_cards(activity),
            mine=mine,
            form=form or VoteForm(),
            dots_left=activity.dots_per_participant - sum(mine.values()),
        )
    elif activity.kind == ActivityKind.RATING_ROUND:
        template = "workshops/take_part_rating.html"
        values = ratings.my_ratings(activity, participant)
        context["form"] = form or RatingForm.for_activity(activity, values)
    else:
        template = "workshops/take_part_cards.html"
        my_cards = cards.my_cards(activity, participant)
        context.update(
            form=form or CardForm.for_activity(activity),
            my_cards=my_cards,
            stages=_stages(activity),
            move_forms=_move_forms(activity, my_cards, moving),
        )
    return render_template(template, **context), status


def take_part(activity, seat):
    """GET shows the page; POST posts a card or saves ratings, then back to the page."""
    if activity.kind == ActivityKind.DOT_VOTE:
        return page(activity, seat)
    if activity.kind == ActivityKind.RATING_ROUND:
        form = RatingForm.for_activity(activity)
    else:
        form = CardForm.for_activity(activity)
    if not form.is_submitted():
        return page(activity, seat)
    if not form.validate_on_submit():
        return page(activity, seat, form=form, status=400)
    if not activity.is_open:
        return page(activity, seat, form=form, problem=CLOSED, status=409)
    return _back(seat, *_save(activity, seat, form))


def _back(seat, message, anchor=""):
    """Back to the activity page, on the changed item, with what happened told in the status
    area: the participant's focus lands where their change is and hears what it was."""
    flash(message)
    return redirect(f"{seat.page_url}#{anchor}" if anchor else seat.page_url)


def _save(activity, seat, form):
    """Save the posted form; the message to tell and the anchor of what changed."""
    if isinstance(form, RatingForm):
        ratings.rate(activity, seat.participant, form.to_values(), entered_by=seat.entered_by)
        return _("Your ratings were saved."), ""
    stages = {s.code: s for s in _stages(activity).values()}
    card = cards.post_card(
        activity,
        seat.participant,
        text=form.text.data,
        kind=form.kind.data,
        stage=stages.get(form.stage.data) if form.is_journey else None,
        emotion=int(form.emotion.data) if form.is_journey and form.emotion.data else None,
        entered_by=seat.entered_by,
    )
    return _("Your card was posted."), f"my-card-{card.id}"


def dot(activity, seat, action):
    """Put a dot on or take one back; every refusal is told on the page with a 4xx."""
    form = VoteForm()
    if not form.validate_on_submit():
        return page(activity, seat, form=form, status=400)
    card = cards.card_in(activity.source_activity, form.card.data)
    if card is None or not card.is_shown:
        form.card.errors = [str(_l("Choose a card from the list"))]
        return page(activity, seat, form=form, status=400)
    if not activity.is_open:
        return page(activity, seat, problem=VOTING_CLOSED, status=409)
    try:
        if action == "add":
            voting.cast(activity, seat.participant, card, entered_by=seat.entered_by)
            message = _("You put a dot on “%(card)s”.", card=card.text)
        else:
            voting.take_back(activity, seat.participant, card)
            message = _("You took a dot back from “%(card)s”.", card=card.text)
    except voting.VoteRefused as refused:
        return page(activity, seat, problem=VOTE_MESSAGES[refused.reason], status=409)
    return _back(seat, message, f"vote-card-{card.id}")


def move(activity, seat, card_id):
    """Move one of the participant's own journey cards to another stage while the map is open."""
    card = cards.card_in(activity, card_id)
    if card is None or card.participant_id != seat.participant.id or not card.is_shown:
        abort(404)
    stages = {s.code: s for s in _stages(activity).values()}
    form = MoveForm.for_card(card, list(stages.values()))
    if not form.validate_on_submit() or form.stage.data not in stages:
        form.stage.errors = [str(_l("Choose a stage from the list"))]
        return page(activity, seat, moving=(card.id, form), status=400)
    if not activity.is_open:
        return page(activity, seat, problem=CLOSED, status=409)
    stage = stages[form.stage.data]
    cards.move_to_stage(card, stage, user=seat.entered_by)
    message = _("The card was moved to “%(stage)s”.", stage=localized(stage.name).text)
    return _back(seat, message, f"my-card-{card.id}")
