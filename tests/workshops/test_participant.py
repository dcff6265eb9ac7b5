"""Participants join without an account, post cards, vote with dots and rate options, with
every refusal explained in their language and nothing they typed lost."""

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.workshops import agenda, cards, participants, voting
from feedback_app.workshops.models import Activity, Card, Participant, Rating
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.workshops.helpers import join, post_form, text_of

pytestmark = pytest.mark.database


def _activity_url(activity):
    return f"/w/{activity.workshop.join_code}/a/{activity.id}"


@pytest.fixture
def joined(client, workshop):
    join(client, workshop.join_code, language="en", name="Sam")
    return client


def test_the_code_is_forgiving_of_case_spaces_and_dashes(client, workshop):
    code = workshop.join_code
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    response = post_form(client, "/w", {"code": typed})
    assert response.status_code == 302 and response.location.endswith(f"/w/{code}")
    assert client.get(f"/w/{code.lower()}").location.endswith(f"/w/{code}")


@pytest.mark.parametrize("typed", ["", "ABC", "0O1IL5", "ABCDEFG"])
def test_a_malformed_code_is_explained(client, workshop, typed):
    response = post_form(client, "/w", {"code": typed})
    assert response.status_code == 400
    assert "Enter the 6-character code" in assert_page_basics(response).get_text()


@pytest.mark.parametrize(
    "typed", ["<script>alert(1)</script>", "Z" * 5000], ids=["markup", "5000 characters"]
)
def test_a_malformed_code_stays_in_the_field_to_be_corrected(client, workshop, typed):
    response = post_form(client, "/w", {"code": typed})
    assert response.status_code == 400
    assert parse(response).find("input", id="code")["value"] == typed
    assert "<script>alert" not in response.get_data(as_text=True)


def test_an_unknown_code_is_a_404_with_the_code_form(client, workshop):
    unknown = "ZZZZZZ" if workshop.join_code != "ZZZZZZ" else "YYYYYY"
    response = post_form(client, "/w", {"code": unknown})
    assert response.status_code == 404 and "No workshop has this code" in text_of(response)
    response = client.get(f"/w/{unknown}")
    assert response.status_code == 404 and "No workshop has this code" in text_of(response)


def test_joining_keeps_only_a_hash_and_uses_the_chosen_language(client, workshop):
    page = assert_page_basics(client.get(f"/w/{workshop.join_code}"))
    languages = [i["value"] for i in page.find_all("input", attrs={"name": "language"})]
    assert languages == ["fr", "en", "ar"]
    response = join(client, workshop.join_code, language="ar", name="سامي")
    assert response.status_code == 302
    cookie = client.get_cookie("ensemble_workshop", path=f"/w/{workshop.join_code}")
    participant = db.session.scalar(select(Participant))
    assert participant.token_hash == participants.token_hash(cookie.value) != cookie.value
    assert (participant.locale, participant.display_name) == ("ar", "سامي")
    home = assert_page_basics(client.get(f"/w/{workshop.join_code}"), lang="ar")
    assert home.find("html")["dir"] == "rtl"


def test_a_join_form_without_a_language_is_explained(client, workshop):
    response = join(client, workshop.join_code, language="")
    assert response.status_code == 400 and "Choose your language" in text_of(response)


def test_open_activities_are_listed_and_cards_posted(joined, workshop, journey_map):
    agenda.add_activity(workshop, "idea_wall", prompt="Not open yet")
    home = text_of(joined.get(f"/w/{workshop.join_code}"))
    assert "Your journey" in home and "Not open yet" not in home
    stage = workshop.service.journey.stages[1]
    url = _activity_url(journey_map)
    response = post_form(
        joined,
        url,
        # A NUL byte and a direction override ("\u202e") are left out: a card never reads backwards.
        {
            "text": "Waited\x00 three\u202e weeks",
            "kind": "pain",
            "stage": stage.code,
            "emotion": "-2",
        },
    )
    assert response.status_code == 302
    card = db.session.scalar(select(Card))
    assert (card.text, card.kind, card.stage_id, card.emotion) == (
        "Waited three weeks",
        "pain",
        stage.id,
        -2,
    )
    assert card.provenance == "web" and card.participant_id is not None
    assert "Waited three weeks" in text_of(joined.get(url))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "x" * 281, "kind": "idea"}, "A card must be 280 characters or fewer"),
        ({"text": "   ", "kind": "idea"}, "Write something on your card"),
        ({"text": "Fine", "kind": "nonsense"}, "Choose what the card is from the list"),
        ({"text": "Fine", "kind": "pain", "stage": "nowhere"}, "Choose a stage from the list"),
        ({"text": "Fine", "kind": "pain", "stage": "", "emotion": "9"}, "Choose how it felt"),
    ],
)
def test_bad_cards_are_explained_and_kept(joined, journey_map, data, message):
    response = post_form(joined, _activity_url(journey_map), data)
    assert response.status_code == 400
    page = assert_page_basics(response)
    assert message in page.find(class_="error-summary").get_text()
    assert page.find("textarea").get_text().strip() == data["text"].strip()
    assert db.session.scalar(select(func.count(Card.id))) == 0


def test_a_card_for_a_closed_activity_is_refused_and_kept(joined, idea_wall):
    url = _activity_url(idea_wall)
    token_page = joined.get(url)
    agenda.set_status(db.session.get(Activity, idea_wall.id), "closed", user=None)
    response = joined.post(
        url, data={"csrf_token": csrf_token(token_page), "text": "Late idea", "kind": "idea"}
    )
    assert response.status_code == 409
    page = parse(response)
    assert "This activity is closed" in page.find(class_="error-summary").get_text()
    assert page.find("textarea").get_text().strip() == "Late idea"


def test_a_draft_activity_is_not_found(joined, workshop):
    draft = agenda.add_activity(workshop, "idea_wall")
    assert joined.get(_activity_url(draft)).status_code == 404


def _dot(client, activity, card_id, action="add"):
    url = f"{_activity_url(activity)}/dots/{action}"
    # The join-code page holds a token even when the vote page has no card to put a dot on.
    return post_form(client, url, {"card": str(card_id)}, page="/w")


def test_dot_voting_counts_down_and_takes_back(joined, workshop, idea_wall, dot_vote):
    someone, _token = participants.join(workshop, locale="fr")
    first = cards.post_card(idea_wall, someone, text="Ring first", kind="idea")
    second = cards.post_card(idea_wall, someone, text="Same carer", kind="idea")
    page = text_of(joined.get(_activity_url(dot_vote)))
    assert "3 of 3 dots left" in page and "counts stay hidden" in page
    assert _dot(joined, dot_vote, first.id).status_code == 302
    assert "2 of 3 dots left" in text_of(joined.get(_activity_url(dot_vote)))
    response = _dot(joined, dot_vote, first.id)
    assert response.status_code == 409 and "You already put a dot on this card" in text_of(response)
    _dot(joined, dot_vote, second.id)
    assert _dot(joined, dot_vote, first.id, "remove").status_code == 302
    response = _dot(joined, dot_vote, first.id, "remove")
    assert response.status_code == 409 and "no dot on this card" in text_of(response)
    assert voting.counts(dot_vote) == {second.id: 1}
    page = text_of(joined.get(_activity_url(dot_vote)))
    assert "2 of 3 dots left" in page and "1 dot in all" not in page
    agenda.reveal_votes(db.session.get(Activity, dot_vote.id), True)
    assert "1 dot in all" in text_of(joined.get(_activity_url(dot_vote)))


def test_nobody_goes_over_their_dots(joined, workshop, idea_wall, dot_vote):
    dot_vote.multiple_dots_per_card = True
    db.session.commit()
    someone, _token = participants.join(workshop, locale="fr")
    card = cards.post_card(idea_wall, someone, text="Ring first", kind="idea")
    statuses = [_dot(joined, dot_vote, card.id).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 409]
    assert "You have no dots left" in text_of(_dot(joined, dot_vote, card.id))
    assert voting.counts(dot_vote) == {card.id: 3}


def _dot_buttons(client, activity):
    """{card text: the dot buttons offered on it}."""
    page = parse(client.get(_activity_url(activity)))
    return {
        item.find("p").get_text(): [b.get_text() for b in item.find_all("button")]
        for item in page.find_all(class_="card-list__item")
    }


def test_add_a_dot_is_offered_only_where_it_can_work(joined, workshop, idea_wall, dot_vote):
    someone, _token = participants.join(workshop, locale="fr")
    texts = ["Ring first", "Same carer", "Evening visits", "A named contact"]
    posted = [cards.post_card(idea_wall, someone, text=text, kind="idea") for text in texts]
    _dot(joined, dot_vote, posted[0].id)
    buttons = _dot_buttons(joined, dot_vote)
    # One dot a card: the card with a dot can only give it back.
    assert buttons["Ring first"] == ["Take a dot back"]
    assert buttons["Same carer"] == ["Add a dot"]
    _dot(joined, dot_vote, posted[1].id)
    _dot(joined, dot_vote, posted[2].id)
    # No dot left: nothing can be added anywhere.
    buttons = _dot_buttons(joined, dot_vote)
    assert buttons == {
        "Ring first": ["Take a dot back"],
        "Same carer": ["Take a dot back"],
        "Evening visits": ["Take a dot back"],
        "A named contact": [],
    }
    dot_vote.multiple_dots_per_card = True
    db.session.commit()
    _dot(joined, dot_vote, posted[2].id, "remove")
    assert _dot_buttons(joined, dot_vote)["Ring first"] == ["Add a dot", "Take a dot back"]


@pytest.mark.parametrize("forged", ["999999", "abc", "", "1; DROP TABLE card"])
def test_a_forged_card_is_refused(joined, dot_vote, forged):
    response = _dot(joined, dot_vote, forged)
    assert response.status_code == 400 and "Choose a card from the list" in text_of(response)


def test_a_hidden_card_cannot_be_voted_on(joined, workshop, idea_wall, dot_vote):
    card = cards.post_card(idea_wall, None, text="Rude", kind="idea")
    cards.hide(card, "Rude", user=None)
    assert _dot(joined, dot_vote, card.id).status_code == 400


def test_a_vote_after_voting_closed_is_refused(joined, workshop, idea_wall, dot_vote):
    card = cards.post_card(idea_wall, None, text="Ring first", kind="idea")
    token_page = joined.get(_activity_url(dot_vote))
    agenda.set_status(db.session.get(Activity, dot_vote.id), "closed", user=None)
    url = f"{_activity_url(dot_vote)}/dots/add"
    response = joined.post(url, data={"csrf_token": csrf_token(token_page), "card": str(card.id)})
    assert response.status_code == 409 and "Voting is closed" in text_of(response)
    assert voting.counts(dot_vote) == {}


def test_a_rating_round_uses_the_residents_scale(joined, workshop):
    rating = agenda.add_activity(
        workshop, "rating_round", options=["Paper", "Phone"], criteria=["Easy", "Quick"]
    )
    agenda.set_status(rating, "open", user=None)
    url = _activity_url(rating)
    page = assert_page_basics(joined.get(url))
    assert len(page.find_all("fieldset")) == 4
    response = post_form(joined, url, {"r_0_0": "2", "r_1_1": "-1"})
    assert response.status_code == 302
    values = {(r.option, r.criterion, r.value) for r in db.session.scalars(select(Rating))}
    assert values == {(0, 0, 2), (1, 1, -1)}
    response = post_form(joined, url, {"r_0_0": "7"})
    assert response.status_code == 400 and "Choose a rating from the list" in text_of(response)
    checked = parse(joined.get(url)).find("input", attrs={"name": "r_0_0", "checked": True})
    assert checked["value"] == "2"
