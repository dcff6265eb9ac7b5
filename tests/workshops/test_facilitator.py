"""Facilitators plan a workshop, build and reorder its agenda, and run it from the console."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from feedback_app.database import utcnow
from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from feedback_app.workshops import agenda, cards, participants, voting
from feedback_app.workshops.models import Activity, Card, Workshop
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in
from tests.workshops.helpers import post_form, text_of

pytestmark = pytest.mark.database
LIST = "/staff/services/home-support/workshops"
NEW = {
    "title": "Getting help at home",
    "held_on": "2027-03-14",
    "place": "Town hall",
    "languages": ["fr", "ar"],
    "accessibility_note": "Hearing loop",
}


@pytest.fixture
def signed_in(client, facilitator):
    sign_in(client, "facilitator@example.org")
    return client


def _agenda_url(workshop):
    return f"{LIST}/{workshop.id}"


def test_facilitators_create_a_workshop_with_a_join_code(signed_in):
    assert LIST in signed_in.get("/staff/").get_data(as_text=True)
    assert "no workshop yet" in text_of(signed_in.get(LIST))
    response = post_form(signed_in, LIST, NEW)
    assert response.status_code == 302
    workshop = db.session.scalar(select(Workshop))
    assert response.location.endswith(_agenda_url(workshop))
    assert (workshop.title, workshop.languages, workshop.online) == (
        NEW["title"],
        ["fr", "ar"],
        False,
    )
    assert len(workshop.join_code) == 6 and set(workshop.join_code) <= set(
        "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    )
    assert (workshop.place, workshop.accessibility_note) == ("Town hall", "Hearing loop")
    page = assert_page_basics(signed_in.get(_agenda_url(workshop)))
    assert workshop.join_code in page.get_text() and "The agenda is empty" in page.get_text()
    assert "Town hall" in page.get_text() and "Hearing loop" in page.get_text()
    # Whoever joins reads the accessibility note before taking part.
    assert "Hearing loop" in text_of(
        signed_in.application.test_client().get(f"/w/{workshop.join_code}")
    )


def test_the_accessibility_note_never_reads_backwards(signed_in):
    """A right-to-left override would make "abc \u202eexe.gpj" read "abc jpg.exe" to those
    who join."""
    note = "Hearing \u202eloop\u202c\nStep-free \u200baccess"
    assert post_form(signed_in, LIST, {**NEW, "accessibility_note": note}).status_code == 302
    assert (
        db.session.scalar(select(Workshop)).accessibility_note == "Hearing loop\nStep-free access"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "Enter a title for the workshop"),
        ({"held_on": "14 March"}, "Enter the date as year-month-day"),
        ({"languages": []}, "Choose at least one language"),
        ({"languages": ["xx"]}, "Choose languages from the list"),
        ({"title": "x" * 121}, "The title must be 120 characters or fewer"),
    ],
)
def test_a_bad_workshop_is_explained_and_kept(signed_in, change, message):
    response = post_form(signed_in, LIST, {**NEW, **change})
    assert response.status_code == 400
    page = assert_page_basics(response)
    assert message in page.find(class_="error-summary").get_text()
    assert page.find("input", attrs={"name": "place"})["value"] == "Town hall"
    assert db.session.scalar(select(Workshop)) is None


def test_the_agenda_is_built_from_templates_reordered_and_opened(signed_in, workshop):
    url = _agenda_url(workshop)
    post_form(
        signed_in, f"{url}/activities", {"kind": "idea_wall", "prompt": "How might we?"}, page=url
    )
    post_form(
        signed_in,
        f"{url}/activities",
        {"kind": "rating_round", "options": "Paper form\nPhone call\n", "criteria": "Easy"},
        page=url,
    )
    wall, rating = db.session.scalars(select(Activity).order_by(Activity.position))
    assert (rating.options, rating.criteria) == (["Paper form", "Phone call"], ["Easy"])
    response = post_form(
        signed_in, f"{url}/activities", {"kind": "dot_vote", "dots": "3"}, page=url
    )
    assert response.status_code == 400
    assert "Choose the activity whose cards are voted on" in text_of(response)

    post_form(signed_in, f"{url}/activities/{rating.id}/up", {}, page=url)
    titles = [h.get_text() for h in parse(signed_in.get(url)).select("ol h3")]
    assert titles == ["1. Rating round of options or a prototype", "2. How might we?"]

    post_form(signed_in, f"{url}/activities/{wall.id}/open", {}, page=url)
    db.session.expire_all()
    assert db.session.get(Activity, wall.id).is_open
    assert db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "workshop_activity_status")
    )


def test_the_console_shows_who_joined_and_hides_cards_with_a_reason(signed_in, workshop, idea_wall):
    someone, _token = participants.join(workshop, locale="fr")
    card = cards.post_card(idea_wall, someone, text="Call me back", kind="idea")
    console = f"{_agenda_url(workshop)}/console"
    page = assert_page_basics(signed_in.get(console))
    assert "1 person has joined" in page.get_text()
    assert page.find("svg", attrs={"role": "img"}) is not None
    assert f"/w/{workshop.join_code}" in page.get_text()

    url = f"{_agenda_url(workshop)}/cards/{card.id}/hide"
    response = post_form(
        signed_in, url, {f"hide-{card.id}-reason": ""}, page=console, prefix=f"hide-{card.id}-"
    )
    assert response.status_code == 400 and "Say why the card is hidden" in text_of(response)
    post_form(
        signed_in,
        url,
        {f"hide-{card.id}-reason": "Personal details"},
        page=console,
        prefix=f"hide-{card.id}-",
    )
    db.session.expire_all()
    assert db.session.get(Card, card.id).hidden_reason == "Personal details"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "workshop_card_hidden"))
    assert event.details == {"reason": "Personal details"} and event.target_id == str(card.id)
    assert "Hidden: Personal details" in text_of(signed_in.get(console))


def test_merging_moves_the_dots_and_can_be_undone(signed_in, workshop, idea_wall, dot_vote):
    someone, _token = participants.join(workshop, locale="fr")
    first = cards.post_card(idea_wall, someone, text="Ring before coming", kind="idea")
    duplicate = cards.post_card(idea_wall, someone, text="Phone first", kind="idea")
    voting.cast(dot_vote, someone, duplicate)
    console = f"{_agenda_url(workshop)}/console"
    base = f"{_agenda_url(workshop)}/cards/{duplicate.id}"

    post_form(
        signed_in,
        f"{base}/merge",
        {f"merge-{duplicate.id}-into": str(first.id)},
        page=console,
        prefix=f"merge-{duplicate.id}-",
    )
    assert voting.counts(dot_vote) == {first.id: 1}
    assert "Merged into another card." in text_of(signed_in.get(console))
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "workshop_cards_merged"))

    post_form(signed_in, f"{base}/unmerge", {}, page=console)
    db.session.expire_all()
    assert voting.counts(dot_vote) == {duplicate.id: 1}
    assert db.session.get(Card, duplicate.id).merged_into_id is None


def test_a_card_cannot_be_merged_into_another_activity(signed_in, workshop, idea_wall, journey_map):
    someone, _token = participants.join(workshop, locale="fr")
    card = cards.post_card(idea_wall, someone, text="One", kind="idea")
    other = cards.post_card(journey_map, someone, text="Two", kind="pain")
    console = f"{_agenda_url(workshop)}/console"
    url = f"{_agenda_url(workshop)}/cards/{card.id}/merge"
    response = post_form(
        signed_in,
        url,
        {f"merge-{card.id}-into": str(other.id)},
        page=console,
        prefix=f"merge-{card.id}-",
    )
    assert response.status_code == 400
    assert "Choose a card of the same activity" in text_of(response)


def test_vote_counts_are_revealed_by_the_facilitator(signed_in, workshop, dot_vote):
    console = f"{_agenda_url(workshop)}/console"
    post_form(
        signed_in,
        f"{_agenda_url(workshop)}/activities/{dot_vote.id}/votes/reveal",
        {},
        page=console,
    )
    db.session.expire_all()
    assert db.session.get(Activity, dot_vote.id).votes_revealed
    assert "Hide the vote counts" in text_of(signed_in.get(console))
    agenda.reveal_votes(db.session.get(Activity, dot_vote.id), False)


def test_every_console_button_brings_the_facilitator_back_to_the_console(
    signed_in, workshop, idea_wall, dot_vote
):
    """The console's buttons (reveal, open or close, timers) answer with the console again."""
    console = f"{_agenda_url(workshop)}/console"
    forms = parse(signed_in.get(console)).select('form[method="post"][action*="back=console"]')
    assert len(forms) >= 4
    for form in forms:
        token = form.find("input", attrs={"name": lambda name: name.endswith("csrf_token")})
        response = signed_in.post(form["action"], data={token["name"]: token["value"]})
        assert response.status_code == 302, form["action"]
        assert response.location == console


def test_a_timer_that_has_run_out_goes_quiet_and_closes_nothing(signed_in, workshop, idea_wall):
    idea_wall.timer_ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    console = assert_page_basics(signed_in.get(f"{_agenda_url(workshop)}/console"))
    assert "Suggested time" not in console.get_text()
    board = assert_page_basics(signed_in.get(f"/w/{workshop.join_code}/board"))
    assert "Suggested time" not in board.get_text()
    db.session.expire_all()
    ran_out = db.session.get(Activity, idea_wall.id)
    assert ran_out.is_open and agenda.timer_end(ran_out) is None
    # Extending a timer that has run out counts from now, not from its old end.
    agenda.set_timer(ran_out, 5)
    assert agenda.timer_end(ran_out) > utcnow() + timedelta(minutes=4)


def test_the_advisory_timer_is_shown_and_never_closes_anything(
    signed_in, client, workshop, idea_wall
):
    console = f"{_agenda_url(workshop)}/console"
    url = f"{_agenda_url(workshop)}/activities/{idea_wall.id}/timer"
    post_form(signed_in, f"{url}/5", {}, page=console)
    assert "Suggested time: until" in text_of(signed_in.get(console))
    assert "Suggested time: until" in text_of(signed_in.get(f"/w/{workshop.join_code}/board"))
    db.session.expire_all()
    first_end = db.session.get(Activity, idea_wall.id).timer_ends_at
    post_form(signed_in, f"{url}/2", {}, page=console)
    db.session.expire_all()
    extended = db.session.get(Activity, idea_wall.id)
    assert extended.timer_ends_at > first_end and extended.is_open
    post_form(signed_in, f"{url}/0", {}, page=console)
    assert "Suggested time" not in text_of(signed_in.get(console))
    assert signed_in.post(f"{url}/31").status_code == 404
