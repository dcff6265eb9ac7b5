"""A resident goes through the whole flow; exactly what they said is stored, once."""

import pytest
from sqlalchemy import func, inspect, select

from feedback_app.catalogue.models import Service
from feedback_app.extensions import db
from feedback_app.feedback import submit
from feedback_app.feedback.drafts import start_draft
from feedback_app.feedback.models import Draft, Response
from feedback_app.feedback.receipts import receipt_hash
from tests.feedback.resident import (
    ABOUT_YOU,
    ACTIVITIES,
    COMMENT,
    Resident,
    english,
    error_messages,
)
from tests.fixtures.pages import assert_page_basics, parse

pytestmark = pytest.mark.database


def stored_responses():
    db.session.expire_all()
    return list(db.session.scalars(select(Response)))


def test_start_page_explains_the_flow_and_links_to_the_first_question(client, service):
    page = assert_page_basics(client.get("/fr/s/home-support"), lang="fr")
    assert page.h1.get_text(strip=True) == service.name["fr"]
    assert "3 minutes" in page.main.get_text()
    start = page.find("a", string="Commencer")
    assert start["href"] == "/fr/s/home-support/rate"


def test_every_question_page_has_a_back_link_and_its_step_number(client, service):
    resident = Resident(client)
    pages = ["/rate", *(f"/journey/{s.code}" for s in service.journey.stages), "/comment"]
    pages += ["/about-you/consent"]
    previous = "/en/s/home-support"
    for number, path in enumerate(pages, start=1):
        page = assert_page_basics(resident.get(path), lang="en")
        assert f"Step {number} of 11" in page.find(class_="caption").get_text()
        assert page.find("a", class_="back-link")["href"] == previous
        previous = resident.url(path)


@pytest.mark.parametrize(
    ("consent", "check_step"), [("yes", "Step 11 of 11"), ("no", "Step 9 of 9")]
)
def test_the_step_count_follows_the_answer_to_consent(client, service, consent, check_step):
    resident = Resident(client)
    resident.post("/about-you/consent", {"consent": consent})
    assert check_step in parse(resident.get("/check")).find(class_="caption").get_text()
    # Changing one's mind counts the questions about you again.
    resident.post("/about-you/consent", {"consent": "yes" if consent == "no" else "no"})
    again = parse(resident.get("/comment")).find(class_="caption").get_text()
    assert ("of 11" if consent == "no" else "of 9") in again


def test_a_whole_response_is_stored_exactly_as_sent(client, service):
    resident = Resident(client, lang="es")
    resident.answer_everything()
    assert resident.send().headers["Location"] == "/es/s/home-support/sent"
    [response] = stored_responses()
    assert (response.channel, response.locale) == ("web", "es")
    assert response.consent_version == submit.CONSENT_VERSION
    ratings = {answer.question.code: answer.value for answer in response.answers}
    assert ratings == {"a11_satisfaction": 4, "csat": 5, "ces": None}
    stories = {s.stage.code: s for s in response.stage_experiences}
    assert set(stories) == {"apply", "wait"}
    apply = stories["apply"]
    assert (apply.went_through, apply.emotion) == ("yes", -1)
    assert apply.barriers == ["paperwork", "digital"]
    assert apply.text == "The form was long.\nI needed help."
    assert (stories["wait"].went_through, stories["wait"].emotion) == ("not_yet", None)
    assert [(c.text, c.lang) for c in response.comments] == [(COMMENT, "es")]
    profile = response.profile
    for name, value in {**ABOUT_YOU, **ACTIVITIES}.items():
        assert getattr(profile, name) == value
    assert profile.wg_cognition is None
    assert profile.disability == "yes"  # mobility: cannot do at all


def test_the_receipt_code_shown_matches_the_stored_hash(client, service):
    resident = Resident(client)
    resident.answer_everything()
    resident.send()
    code = resident.receipt_code()
    [response] = stored_responses()
    assert response.receipt_hash == receipt_hash(code)
    assert code not in {response.client_key, response.receipt_hash}


def test_nothing_about_the_device_or_the_person_is_stored(app):
    columns = {c["name"] for c in inspect(db.engine).get_columns("response")}
    columns |= {c["name"] for c in inspect(db.engine).get_columns("draft")}
    forbidden = {"ip", "ip_address", "remote_addr", "user_agent", "name", "email"}
    assert not columns & forbidden


def test_sending_twice_stores_one_response_and_shows_the_same_receipt(client, service):
    resident = Resident(client)
    resident.answer_everything()
    key = resident.client_key()
    first = resident.send(key)
    code = resident.receipt_code()
    second = resident.send(key)  # a double tap, or "back" then "Send" again
    assert first.headers["Location"] == second.headers["Location"]
    assert resident.receipt_code() == code
    assert len(stored_responses()) == 1


def test_going_back_to_check_your_answers_after_sending_shows_the_confirmation(client, service):
    resident = Resident(client)
    resident.post("/comment", {"comment": "Hello"})
    resident.send()
    assert resident.get("/check").headers["Location"] == "/en/s/home-support/sent"
    assert resident.send(client_key="").headers["Location"] == "/en/s/home-support/sent"
    assert len(stored_responses()) == 1


def test_a_send_racing_another_of_the_same_draft_returns_the_stored_one(client, service):
    resident = Resident(client)
    resident.answer_everything()
    resident.send()
    [stored] = stored_responses()
    # The same draft, as a second request read it before the first one committed.
    _token, draft = start_draft(service)
    draft.client_key, draft.answers = stored.client_key, {"comment": "again"}
    db.session.commit()
    result = submit.send(service, draft, stored.client_key, locale="en", secret="s")
    assert result.id == stored.id
    assert len(stored_responses()) == 1


def test_refusing_consent_forgets_and_never_stores_answers_about_you(client, service):
    resident = Resident(client)
    resident.answer_everything(consent="yes")
    resident.post("/about-you/consent", {"consent": "no"})
    draft = db.session.scalar(select(Draft))
    db.session.refresh(draft)
    assert "about_you" not in draft.answers and "activities" not in draft.answers
    for path in ("/about-you", "/about-you/activities"):
        assert resident.get(path).headers["Location"] == "/en/s/home-support/about-you/consent"
    resident.send()
    [response] = stored_responses()
    assert response.profile is None and response.consent_version is None


def test_answers_about_you_need_consent_first(client, service):
    resident = Resident(client)
    resident.post("/rate", {"rating_csat": "3"})
    refused = resident.client.post(resident.url("/about-you"), data={"age_band": "75+"})
    assert refused.status_code == 302
    assert refused.headers["Location"].endswith("/about-you/consent")


def test_consent_no_skips_the_questions_about_you(client, service):
    resident = Resident(client)
    response = resident.post("/about-you/consent", {"consent": "no"})
    assert response.headers["Location"] == "/en/s/home-support/check"
    back = parse(resident.get("/check")).find("a", class_="back-link")["href"]
    assert back == "/en/s/home-support/about-you/consent"


def test_change_links_return_to_check_your_answers(client, service):
    resident = Resident(client)
    resident.answer_everything()
    page = parse(resident.get("/check"))
    change = page.find("a", href=lambda h: h and "/journey/apply?" in h)
    assert change["href"] == "/en/s/home-support/journey/apply?return_to=check#went_through-0"
    assert "Applying" in change.get_text()
    edit = parse(client.get(change["href"].split("#")[0]))
    assert edit.find("a", class_="back-link")["href"] == "/en/s/home-support/check"
    assert edit.find("input", attrs={"value": "paperwork"}).has_attr("checked")
    story = {"went_through": "yes", "emotion": "2"}
    saved = resident.post("/journey/apply", story, query="?return_to=check")
    assert saved.headers["Location"] == "/en/s/home-support/check"
    resident.send()
    [response] = stored_responses()
    apply = next(s for s in response.stage_experiences if s.stage.code == "apply")
    assert (apply.emotion, apply.barriers, apply.text) == (2, [], None)


def test_check_your_answers_shows_labels_not_codes(client, service):
    resident = Resident(client)
    resident.answer_everything()
    text = parse(resident.get("/check")).main.get_text(" ", strip=True)
    for label in ("Agree", "Very satisfied", "Does not apply", "Bad", "Paperwork", "75 or over"):
        assert label in text
    assert "a11_satisfaction" not in text


def test_nothing_is_sent_before_anything_is_answered(client, service):
    resident = Resident(client)
    resident.post("/about-you/consent", {"consent": "yes"})
    response = resident.send()
    assert response.status_code == 400
    assert error_messages(response) == [english(submit.NOTHING_TO_SEND)]
    assert parse(response).title.get_text().startswith("Error:")
    assert stored_responses() == []


def test_a_key_from_another_window_is_refused_with_a_clear_message(client, service):
    resident = Resident(client)
    resident.post("/comment", {"comment": "Hello"})
    response = resident.send(client_key="not-the-key-of-this-draft")
    assert response.status_code == 400
    assert error_messages(response) == [english(submit.ANSWERS_CHANGED)]
    # The page offers the right key again, so "Send" works the second time.
    assert resident.send().status_code == 302


def test_sending_without_a_draft_explains_that_answers_expired(client, service):
    response = Resident(client).send(client_key="some-key-with-no-draft")
    assert response.status_code == 400
    assert error_messages(response) == [english(submit.ANSWERS_EXPIRED)]


def test_after_sending_a_new_visit_starts_a_new_draft(client, service):
    resident = Resident(client)
    resident.post("/comment", {"comment": "First"})
    resident.send()
    assert "First" not in resident.get("/comment").get_data(as_text=True)
    resident.post("/comment", {"comment": "Second"})
    resident.send()
    texts = sorted(r.comments[0].text for r in stored_responses())
    assert texts == ["First", "Second"]
    assert db.session.scalar(select(func.count()).select_from(Response)) == 2


def test_the_sent_page_without_a_response_goes_back_to_the_start(client, service):
    response = Resident(client).get("/sent")
    assert response.headers["Location"] == "/en/s/home-support"


def test_confirming_consent_again_keeps_the_answers_about_you(client, service):
    resident = Resident(client)
    resident.answer_everything()
    again = resident.post("/about-you/consent", {"consent": "yes"}, query="?return_to=check")
    assert again.headers["Location"] == "/en/s/home-support/about-you?return_to=check"
    page = parse(resident.get("/check")).main.get_text(" ", strip=True)
    assert "75 or over" in page and "Cannot do at all" in page


def test_a_service_without_questions_or_journey_asks_only_the_rest(client, service):
    db.session.add(Service(slug="library-at-home", name={"en": "Library at home"}))
    db.session.commit()
    resident = Resident(client, slug="library-at-home")
    start = parse(resident.get())
    assert start.find("a", class_="button--start")["href"] == resident.url("/comment")
    assert resident.get("/rate").status_code == 302
    page = parse(resident.get("/comment"))
    assert "Step 1 of 5" in page.find(class_="caption").get_text()
    resident.post("/comment", {"comment": "Deliveries are late."})
    resident.post("/about-you/consent", {"consent": "no"})
    assert resident.send().status_code == 302
    [response] = stored_responses()
    assert (response.answers, response.stage_experiences) == ([], [])


def test_no_answer_is_chosen_in_advance(client, service):
    resident = Resident(client)
    resident.post("/about-you/consent", {"consent": "yes"})
    for path in ("/rate", "/journey/apply", "/about-you", "/about-you/activities"):
        assert parse(resident.get(path)).main.find("input", checked=True) is None, path


def test_every_question_about_you_can_be_declined(client, service):
    resident = Resident(client)
    resident.post("/about-you/consent", {"consent": "yes"})
    for path in ("/about-you", "/about-you/activities"):
        for fieldset in parse(resident.get(path)).main.find_all("fieldset"):
            values = {i["value"] for i in fieldset.find_all("input")}
            assert "prefer_not_to_say" in values, fieldset.legend.get_text()


def test_every_rating_offers_does_not_apply_where_the_question_allows_it(client, service):
    question = service.question_set.questions[0]
    question.allows_not_applicable = False
    db.session.commit()
    page = parse(Resident(client).get("/rate"))
    for fieldset in page.main.find_all("fieldset"):
        values = [i["value"] for i in fieldset.find_all("input", type="radio")]
        assert ("na" in values) == (fieldset.input["name"] != f"rating_{question.code}")
