"""A journey card already posted moves to another stage with a list and a button (no dragging,
WCAG 2.5.7): by its author while the map is open, and by the facilitator on the console."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from feedback_app.workshops import agenda, cards, participants
from feedback_app.workshops.models import Activity, Card
from tests.fixtures.pages import csrf_token, parse
from tests.fixtures.people import sign_in
from tests.workshops.helpers import join, post_form, text_of

pytestmark = pytest.mark.database


def _page(activity):
    return f"/w/{activity.workshop.join_code}/a/{activity.id}"


@pytest.fixture
def my_card(client, journey_map):
    """A card posted on the first stage through the participant's own page."""
    join(client, journey_map.workshop.join_code)
    first = journey_map.workshop.service.journey.stages[0]
    post_form(
        client, _page(journey_map), {"text": "Long wait", "kind": "pain", "stage": first.code}
    )
    return db.session.scalar(select(Card))


def _stage_of(card):
    """The card's stage as stored now (the request changed it in another session)."""
    db.session.expire_all()
    return db.session.get(Card, card.id).stage_id


def _move(client, activity, card, stage_code, *, page=None):
    url = f"{_page(activity)}/cards/{card.id}/move"
    return post_form(
        client,
        url,
        {f"move-{card.id}-stage": stage_code},
        page=page or _page(activity),
        prefix=f"move-{card.id}-",
    )


def test_the_author_moves_a_card_with_a_labelled_list_and_a_button(client, journey_map, my_card):
    page = parse(client.get(_page(journey_map)))
    select_ = page.find("select", id=f"move-{my_card.id}-stage")
    assert page.find("label", attrs={"for": select_["id"]}).get_text(strip=True) == "Move to stage"
    assert page.find("button", string="Move the card")
    second = journey_map.workshop.service.journey.stages[1]
    moved = _move(client, journey_map, my_card, second.code)
    assert moved.status_code == 302 and moved.location.endswith(f"#my-card-{my_card.id}")
    told = parse(client.get(_page(journey_map))).find(class_="status-messages").get_text(strip=True)
    assert told == f"The card was moved to “{second.name['en']}”."
    assert _stage_of(my_card) == second.id
    # Nobody on staff moved it, so nothing is audited about the participant.
    assert (
        db.session.scalar(select(AuditEvent).where(AuditEvent.action == "workshop_card_moved"))
        is None
    )


def test_an_unknown_stage_is_explained(client, journey_map, my_card):
    refused = _move(client, journey_map, my_card, "nowhere")
    assert refused.status_code == 400
    assert "Choose a stage from the list" in parse(refused).find(class_="error-summary").get_text()
    assert _stage_of(my_card) == journey_map.workshop.service.journey.stages[0].id


def test_someone_elses_card_cannot_be_moved(client, journey_map, my_card):
    other, _token = participants.join(journey_map.workshop, locale="fr")
    theirs = cards.post_card(journey_map, other, text="Mine", kind="step")
    second = journey_map.workshop.service.journey.stages[1]
    assert _move(client, journey_map, theirs, second.code).status_code == 404
    assert _stage_of(theirs) is None


def test_a_closed_map_keeps_its_cards_where_they_are(client, journey_map, my_card):
    token_page = client.get(_page(journey_map))
    agenda.set_status(db.session.get(Activity, journey_map.id), "closed", user=None)
    second = journey_map.workshop.service.journey.stages[1]
    url = f"{_page(journey_map)}/cards/{my_card.id}/move"
    refused = client.post(
        url,
        data={
            f"move-{my_card.id}-csrf_token": csrf_token(token_page),
            f"move-{my_card.id}-stage": second.code,
        },
    )
    assert refused.status_code == 409
    assert "This activity is closed" in text_of(refused)
    assert _stage_of(my_card) != second.id


def test_the_facilitator_moves_a_card_on_the_console_and_it_is_audited(
    client, facilitator, workshop, journey_map
):
    person, _token = participants.join(workshop, locale="fr")
    stages = workshop.service.journey.stages
    card = cards.post_card(journey_map, person, text="Forms", kind="pain", stage=stages[0])
    sign_in(client, facilitator.email)
    console = f"/staff/services/{workshop.service.slug}/workshops/{workshop.id}/console"
    page = parse(client.get(console))
    assert (
        page.find("select", id=f"move-{card.id}-stage").find("option", selected=True)["value"]
        == stages[0].code
    )
    url = f"/staff/services/{workshop.service.slug}/workshops/{workshop.id}/cards/{card.id}/move"
    moved = post_form(
        client,
        url,
        {f"move-{card.id}-stage": stages[2].code},
        page=console,
        prefix=f"move-{card.id}-",
    )
    assert moved.status_code == 302
    assert _stage_of(card) == stages[2].id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "workshop_card_moved"))
    assert (event.user_id, event.target_id) == (facilitator.id, str(card.id))
    assert event.details == {"from": stages[0].id, "to": stages[2].id}
