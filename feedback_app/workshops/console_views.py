"""The facilitator's console: who joined, and moving, hiding or merging cards while the room
works."""

from flask import flash, g, redirect, render_template, url_for

from ..accounts.policy import Rule, rule
from ..feedback.share_views import qr_code_svg
from ..i18n import _l
from . import cards, console, participants
from .blueprint import WORKSHOP, bp, card_of, confirmed, facilitated_workshop
from .forms import ConfirmForm, HideForm, MergeForm
from .models import ActivityKind
from .participant_forms import MoveForm


def short_link(workshop):
    return url_for("workshops.short_link", code=workshop.join_code, _external=True)


def join_qr(workshop):
    link = short_link(workshop)
    return qr_code_svg(link, _l("QR code to join the workshop: %(url)s", url=link))


def _stages(workshop):
    journey = workshop.service.journey
    return list(journey.stages) if journey else []


def _move_forms(panels, shown, moving):
    """A "Move to stage" form per shown journey card; `moving` the (card id, form) posted."""
    stages = _stages(panels[0].activity.workshop) if panels else []
    forms = {
        card.id: MoveForm.for_card(card, stages, formdata=None)
        for p in panels
        if p.activity.kind == ActivityKind.JOURNEY_MAP
        for card in shown[p.activity.id]
    }
    if moving is not None:
        forms[moving[0]] = moving[1]
    return forms


def _console(workshop, *, hide_forms=None, moving=None, status=200):
    panels = console.panels(workshop)
    shown = {p.activity.id: [c for c in p.cards if c.is_shown] for p in panels}
    hide_forms = {
        card.id: (hide_forms or {}).get(card.id)
        or HideForm(prefix=f"hide-{card.id}", formdata=None)
        for cards_shown in shown.values()
        for card in cards_shown
    }
    merge_forms = {
        card.id: MergeForm.for_card(card, [c for c in shown[p.activity.id] if c.id != card.id])
        for p in panels
        for card in shown.get(p.activity.id, [])
    }
    html = render_template(
        "workshops/console.html",
        workshop=workshop,
        service=workshop.service,
        panels=panels,
        joined=participants.joined_count(workshop),
        short_link=short_link(workshop),
        qr_code=join_qr(workshop),
        action_form=ConfirmForm(),
        hide_forms=hide_forms,
        merge_forms=merge_forms,
        move_forms=_move_forms(panels, shown, moving),
    )
    return html, status


@bp.route(f"{WORKSHOP}/console")
@rule(Rule.SERVICE_FACILITATOR)
def console_page(slug, workshop_id):
    return _console(facilitated_workshop(slug, workshop_id))


def _to_console(workshop):
    return redirect(url_for(".console_page", slug=workshop.service.slug, workshop_id=workshop.id))


@bp.route(f"{WORKSHOP}/cards/<int:card_id>/hide", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def hide_card(slug, workshop_id, card_id):
    workshop = facilitated_workshop(slug, workshop_id)
    card = card_of(workshop, card_id)
    form = HideForm(prefix=f"hide-{card.id}")
    if not form.validate_on_submit():
        return _console(workshop, hide_forms={card.id: form}, status=400)
    cards.hide(card, form.reason.data, user=g.user)
    flash(_l("The card is hidden. It is kept with your reason."))
    return _to_console(workshop)


@bp.route(f"{WORKSHOP}/cards/<int:card_id>/show", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def show_card(slug, workshop_id, card_id):
    workshop = facilitated_workshop(slug, workshop_id)
    card = card_of(workshop, card_id)
    if confirmed():
        cards.show_again(card, user=g.user)
    return _to_console(workshop)


@bp.route(f"{WORKSHOP}/cards/<int:card_id>/move", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def move_card_on_console(slug, workshop_id, card_id):
    workshop = facilitated_workshop(slug, workshop_id)
    card = card_of(workshop, card_id)
    stages = {stage.code: stage for stage in _stages(workshop)}
    form = MoveForm.for_card(card, list(stages.values()))
    if not form.validate_on_submit() or form.stage.data not in stages:
        form.stage.errors = [str(_l("Choose a stage from the list"))]
        return _console(workshop, moving=(card.id, form), status=400)
    try:
        cards.move_to_stage(card, stages[form.stage.data], user=g.user)
    except cards.CardRefused:
        flash(_l("Only cards still on the board can be moved."))
        return _console(workshop, status=409)
    flash(_l("The card is moved."))
    return _to_console(workshop)


@bp.route(f"{WORKSHOP}/cards/<int:card_id>/merge", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def merge_card(slug, workshop_id, card_id):
    workshop = facilitated_workshop(slug, workshop_id)
    card = card_of(workshop, card_id)
    form = MergeForm(prefix=f"merge-{card.id}")
    into = cards.card_in(card.activity, _int(form.into.data))
    if not form.validate_on_submit() or into is None:
        flash(_l("Choose a card of the same activity to merge into."))
        return _console(workshop, status=400)
    try:
        cards.merge(card, into, user=g.user)
    except cards.CardRefused:
        flash(_l("Only cards still on the board can be merged."))
        return _console(workshop, status=409)
    flash(_l("The cards are merged; their dots are counted together. You can undo it."))
    return _to_console(workshop)


@bp.route(f"{WORKSHOP}/cards/<int:card_id>/unmerge", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def unmerge_card(slug, workshop_id, card_id):
    workshop = facilitated_workshop(slug, workshop_id)
    card = card_of(workshop, card_id)
    if confirmed() and card.merged_into_id is not None:
        cards.undo_merge(card, user=g.user)
        flash(_l("The merge is undone; the card has its own dots again."))
    return _to_console(workshop)


def _int(value):
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 12 else None
