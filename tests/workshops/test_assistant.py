"""A facilitator types in cards, dots and ratings for someone without a phone: each entry is
marked assisted and who entered it is audited."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from feedback_app.workshops import agenda, cards, participants
from feedback_app.workshops.models import Card, Participant, Rating, Vote
from tests.fixtures.pages import assert_page_basics
from tests.fixtures.people import sign_in
from tests.workshops.helpers import make_workshop, post_form, text_of

pytestmark = pytest.mark.database


@pytest.fixture
def assist_url(client, facilitator, workshop):
    sign_in(client, "facilitator@example.org")
    return f"/staff/services/home-support/workshops/{workshop.id}/assist"


def _actions(action):
    return set(db.session.scalars(select(AuditEvent.target_id).where(AuditEvent.action == action)))


def test_an_assistant_adds_a_person_and_their_card_vote_and_rating(
    client, assist_url, facilitator, workshop, journey_map, idea_wall, dot_vote
):
    assert "Nobody yet." in text_of(client.get(assist_url))
    response = post_form(client, assist_url, {"language": "fr", "display_name": "Mme Diallo"})
    assert response.status_code == 302
    person = db.session.scalar(select(Participant))
    assert person.assisted and _actions("workshop_participant_assisted") == {str(person.id)}

    base = f"{assist_url}/{person.id}/a"
    page = assert_page_basics(client.get(assist_url))
    assert f"{base}/{journey_map.id}" in str(page)
    stage = workshop.service.journey.stages[0]
    data = {"text": "Nobody called back", "kind": "pain", "stage": stage.code}
    assert post_form(client, f"{base}/{journey_map.id}", data).status_code == 302
    card = db.session.scalar(select(Card))
    assert (card.provenance, card.entered_by_id, card.participant_id) == (
        "assisted",
        facilitator.id,
        person.id,
    )
    assert _actions("workshop_card_assisted") == {str(card.id)}

    idea = cards.post_card(idea_wall, None, text="Call back within a day", kind="idea")
    url = f"{base}/{dot_vote.id}/dots/add"
    assert post_form(client, url, {"card": str(idea.id)}, page=assist_url).status_code == 302
    vote = db.session.scalar(select(Vote))
    assert (vote.provenance, vote.entered_by_id, vote.participant_id) == (
        "assisted",
        facilitator.id,
        person.id,
    )
    assert "2 of 3 dots left" in text_of(client.get(f"{base}/{dot_vote.id}"))

    rating = agenda.add_activity(workshop, "rating_round", options=["A"], criteria=["Easy"])
    agenda.set_status(rating, "open", user=None)
    assert post_form(client, f"{base}/{rating.id}", {"r_0_0": "1"}).status_code == 302
    stored = db.session.scalar(select(Rating))
    assert (stored.provenance, stored.entered_by_id, stored.value) == (
        "assisted",
        facilitator.id,
        1,
    )


def test_an_assistant_cannot_reach_another_workshops_participant(
    client, assist_url, facilitator, service, workshop, idea_wall
):

    other = make_workshop(facilitator, service, title="Other")
    stranger, _token = participants.join(other, locale="en")
    assert client.get(f"{assist_url}/{stranger.id}/a/{idea_wall.id}").status_code == 404


def test_assisted_pages_are_for_facilitators(client, make_user, partner, workshop, idea_wall):
    make_user("analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, "analyst@example.org")
    url = f"/staff/services/home-support/workshops/{workshop.id}/assist"
    assert client.get(url).status_code == 403
