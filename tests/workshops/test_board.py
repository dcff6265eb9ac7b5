"""The live board lists what the room said under a heading per activity and stage, and tells
polling browsers cheaply whether anything changed."""

import pytest

from feedback_app.extensions import db
from feedback_app.workshops import agenda, cards, participants, voting
from feedback_app.workshops.models import Activity
from tests.fixtures.pages import assert_page_basics, parse
from tests.workshops.helpers import text_of

pytestmark = pytest.mark.database


def test_the_board_shows_cards_per_stage_with_the_join_code(client, workshop, journey_map):
    stage = workshop.service.journey.stages[0]
    someone, _token = participants.join(workshop, locale="en")
    cards.post_card(journey_map, someone, text="Found the number online", kind="step", stage=stage)
    rude = cards.post_card(journey_map, someone, text="Rude words", kind="pain", stage=stage)
    cards.hide(rude, "Offensive", user=None)
    page = assert_page_basics(client.get(f"/w/{workshop.join_code}/board"))
    assert workshop.join_code in page.find(class_="join-code").get_text()
    qr_code = page.find("svg", attrs={"role": "img"})
    # A viewBox the size of the code, so CSS shrinks it whole instead of cropping it.
    assert qr_code["viewbox"] == f"0 0 {qr_code['width']} {qr_code['height']}"
    section = page.find("section", attrs={"data-board-section": str(journey_map.id)})
    stage_headings = [h.get_text() for h in section.find_all("h3")]
    assert len(stage_headings) == len(workshop.service.journey.stages)
    assert "Found the number online" in section.get_text()
    assert "Rude words" not in section.get_text()
    assert page.find("a", string="Refresh") is not None
    assert page.find(attrs={"role": "status"}) is not None
    assert page.find(attrs={"aria-live": True}) is None


def test_vote_counts_show_on_the_board_only_once_revealed(client, workshop, idea_wall, dot_vote):
    someone, _token = participants.join(workshop, locale="en")
    card = cards.post_card(idea_wall, someone, text="Ring first", kind="idea")
    voting.cast(dot_vote, someone, card)
    url = f"/w/{workshop.join_code}/board"
    assert "1 dot" not in text_of(client.get(url))
    agenda.reveal_votes(db.session.get(Activity, dot_vote.id), True)
    assert "Ring first – 1 dot" in text_of(client.get(url))


def test_the_version_answers_304_until_something_changes(client, workshop, idea_wall):
    url = f"/w/{workshop.join_code}/board/version"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and etag.strip('"') == first.json["version"]
    assert parse(client.get(f"/w/{workshop.join_code}/board")).find(
        attrs={"data-version": first.json["version"]}
    )
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    cards.post_card(idea_wall, None, text="New idea", kind="idea")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_an_unknown_board_is_a_404(client, workshop):
    assert client.get("/w/ZZZZZ9/board").status_code == 404
