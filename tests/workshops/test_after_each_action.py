"""After each form a participant sends, the page they come back to lands on what changed and
says what happened in its status area, so keyboard and screen reader users are not left at the
top of the page wondering whether it worked."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.workshops import agenda, cards, participants
from feedback_app.workshops.models import Card
from tests.fixtures.pages import parse
from tests.workshops.helpers import join, post_form

pytestmark = pytest.mark.database


def _activity_url(activity):
    return f"/w/{activity.workshop.join_code}/a/{activity.id}"


def _told(client, url):
    """The messages in the status area of the page at `url`, and the page."""
    page = parse(client.get(url))
    status = page.find(class_="status-messages")
    assert status["role"] == "status"
    return status.get_text(" ", strip=True), page


def test_joining_lands_on_the_main_content_and_says_so(client, workshop):
    response = join(client, workshop.join_code, language="en")
    assert response.status_code == 302
    assert response.location.endswith(f"/w/{workshop.join_code}#main")
    told, page = _told(client, f"/w/{workshop.join_code}")
    assert told == "You joined the workshop. The open activities are listed below."
    assert page.find("main", id="main")


def test_a_posted_card_is_landed_on_and_told(client, workshop, idea_wall):
    join(client, workshop.join_code)
    url = _activity_url(idea_wall)
    response = post_form(client, url, {"text": "Ring before coming", "kind": "idea"})
    card = db.session.scalar(select(Card))
    assert response.status_code == 302
    assert response.location.endswith(f"{url}#my-card-{card.id}")
    told, page = _told(client, url)
    assert told == "Your card was posted."
    assert page.find(id=f"my-card-{card.id}").get_text() == "Ring before coming"
    # Told once: the next page is quiet again.
    assert _told(client, url)[0] == ""


def test_a_dot_put_on_or_taken_back_is_landed_on_and_told(client, workshop, idea_wall, dot_vote):
    join(client, workshop.join_code)
    someone, _token = participants.join(workshop, locale="fr")
    card = cards.post_card(idea_wall, someone, text="Same carer <every> day", kind="idea")
    url = _activity_url(dot_vote)
    for action, message in (
        ("add", "You put a dot on “Same carer <every> day”."),
        ("remove", "You took a dot back from “Same carer <every> day”."),
    ):
        response = post_form(client, f"{url}/dots/{action}", {"card": str(card.id)}, page=url)
        assert response.status_code == 302
        assert response.location.endswith(f"{url}#vote-card-{card.id}")
        told, page = _told(client, url)
        assert told == message
        assert page.find(id=f"vote-card-{card.id}")


def test_saved_ratings_are_told(client, workshop):
    rating = agenda.add_activity(workshop, "rating_round", options=["Paper"], criteria=["Easy"])
    agenda.set_status(rating, "open", user=None)
    join(client, workshop.join_code)
    url = _activity_url(rating)
    assert post_form(client, url, {"r_0_0": "1"}).location.endswith(url)
    assert _told(client, url)[0] == "Your ratings were saved."
