"""Forged, missing, out-of-range or too long input: a 4xx, a clear message, the answers kept."""

import io

import pytest
from sqlalchemy import select

from feedback_app.catalogue.models import Service
from feedback_app.errors import CSRF_MESSAGE
from feedback_app.extensions import db
from feedback_app.feedback import forms
from feedback_app.feedback.models import Response
from tests.feedback.resident import RATINGS, Resident, english, error_messages
from tests.fixtures.pages import assert_page_basics, csrf_token, parse

pytestmark = pytest.mark.database


def textarea_text(page):
    # The widget writes a line break after <textarea>, which browsers drop.
    return page.find("textarea").get_text().removeprefix("\r\n")


def checked_values(response):
    return {i["name"]: i["value"] for i in parse(response).main.find_all("input", checked=True)}


def test_an_unknown_rating_is_refused_and_the_other_answers_kept(client, service):
    response = Resident(client).post("/rate", {**RATINGS, "rating_a11_trust": "9"})
    assert response.status_code == 400
    page = assert_page_basics(response)
    [message] = error_messages(response)
    assert message.startswith("Select one of the answers shown for")
    assert "increased my trust" in message
    assert page.find(class_="error-summary").a["href"] == "#rating_a11_trust-0"
    assert checked_values(response) == RATINGS
    assert page.title.get_text().startswith("Error:")


@pytest.mark.parametrize(
    "story, field",
    [
        ({"went_through": "maybe"}, "went_through"),
        ({"went_through": "yes", "emotion": "3"}, "emotion"),
        ({"went_through": "yes", "emotion": "-3"}, "emotion"),
        ({"went_through": "yes", "barriers": ["cost", "bribes"]}, "barriers"),
    ],
)
def test_out_of_range_stage_answers_are_refused(client, service, story, field):
    response = Resident(client).post("/journey/apply", story)
    assert response.status_code == 400
    link = parse(response).find(class_="error-summary").a["href"]
    assert link == f"#{field}-0"


def test_a_forged_answer_to_went_through_is_refused_and_the_text_kept(client, service):
    story = {"went_through": "maybe", "emotion": "1", "text": "Quick and kind."}
    response = Resident(client).post("/journey/apply", story)
    assert response.status_code == 400
    assert error_messages(response) == [english(forms.WENT_THROUGH_INVALID)]
    page = parse(response)
    assert textarea_text(page) == "Quick and kind."
    assert checked_values(response) == {"emotion": "1"}


def test_an_unknown_stage_or_service_is_not_found(client, service):
    resident = Resident(client)
    assert resident.get("/journey/teleport").status_code == 404
    assert Resident(client, slug="no-such-service").get("/rate").status_code == 404
    assert client.get("/xx/s/home-support").status_code == 404


def test_an_unpublished_service_is_not_found(client, service):
    service.is_published = False
    db.session.commit()
    assert Resident(client).get().status_code == 404


def test_a_stage_of_another_service_is_not_found(client, service):
    other = Service(slug="library-at-home", name={"en": "Library at home"})
    db.session.add(other)
    db.session.commit()
    assert Resident(client, slug="library-at-home").get("/journey/apply").status_code == 404


def test_an_over_long_comment_is_refused_and_kept(client, service):
    text = "é" * (forms.COMMENT_LIMIT + 5)
    response = Resident(client, lang="fr").post("/comment", {"comment": text})
    assert response.status_code == 400
    assert error_messages(response) == ["Votre commentaire ne doit pas dépasser 2000 caractères"]
    page = assert_page_basics(response, lang="fr")
    assert textarea_text(page) == text
    assert page.find(id="comment-count").get_text() == "Vous avez 5 caractères en trop"


def test_direction_overrides_are_left_out_of_what_residents_write(client, service):
    """Text that others read never reads backwards ("abc \u202eexe.gpj" shows "abc jpg.exe")."""
    resident = Resident(client)
    assert resident.post("/comment", {"comment": "abc \u202eexe.gpj\u202c\nend"}).status_code == 302
    page = parse(resident.get("/comment"))
    assert textarea_text(page) == "abc exe.gpj\nend"


def test_a_comment_at_the_limit_counting_line_breaks_once_is_accepted(client, service):
    text = "a\r\n" * (forms.COMMENT_LIMIT // 2)
    response = Resident(client).post("/comment", {"comment": text})
    assert response.status_code == 302


def test_an_over_long_self_description_is_refused(client, service):
    resident = Resident(client)
    resident.post("/about-you/consent", {"consent": "yes"})
    data = {"gender": "self_describe", "gender_self_description": "x" * 101, "age_band": "16-24"}
    response = resident.post("/about-you", data)
    assert response.status_code == 400
    assert error_messages(response) == ["Your description must be 100 characters or fewer"]
    assert checked_values(response) == {"gender": "self_describe", "age_band": "16-24"}


def test_a_self_description_needs_the_matching_choice(client, service):
    resident = Resident(client)
    resident.post("/about-you/consent", {"consent": "yes"})
    response = resident.post("/about-you", {"gender": "woman", "gender_self_description": "x"})
    assert error_messages(response) == [english(forms.SELF_DESCRIPTION_WITHOUT_CHOICE)]


def test_a_forged_answer_about_you_is_refused(client, service):
    resident = Resident(client)
    resident.post("/about-you/consent", {"consent": "yes"})
    response = resident.post("/about-you", {"rurality": "moon", "preferred_language": "xx"})
    assert response.status_code == 400
    assert len(error_messages(response)) == 2
    response = resident.post("/about-you/activities", {"wg_seeing": "blind"})
    assert error_messages(response) == ["Select one of the answers shown"]


def test_consent_must_be_answered(client, service):
    response = Resident(client).post("/about-you/consent", {})
    assert response.status_code == 400
    assert error_messages(response) == [english(forms.CONSENT_MISSING)]


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_a_missing_or_bad_csrf_token_is_explained_and_the_answers_kept(client, service, token):
    resident = Resident(client, lang="es")
    resident.get("/rate")
    data = {**RATINGS, **({"csrf_token": token} if token else {})}
    response = client.post(resident.url("/rate"), data=data)
    assert response.status_code == 400
    page = assert_page_basics(response, lang="es")
    summary = page.find(class_="error-summary")
    assert "Su formulario había caducado" in summary.get_text()  # the CSRF message, in Spanish
    assert summary.find("a") is None  # nothing the resident could click to fix
    assert checked_values(response) == RATINGS
    # The re-rendered form carries a fresh token: "Continue" now works.
    retry = client.post(resident.url("/rate"), data={**RATINGS, "csrf_token": csrf_token(response)})
    assert retry.status_code == 302


def test_a_send_without_csrf_token_stores_nothing(client, service):
    resident = Resident(client)
    resident.post("/comment", {"comment": "Hello"})
    key = resident.client_key()
    response = client.post(resident.url("/check"), data={"client_key": key})
    assert response.status_code == 400
    assert db.session.scalars(select(Response)).all() == []


def test_an_oversized_body_gets_a_413_in_the_residents_language(app, client, service):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    resident = Resident(client, lang="ar")
    token = csrf_token(resident.get("/comment"))
    response = client.post(
        resident.url("/comment"), data={"csrf_token": token, "comment": "x" * 20_000}
    )
    assert response.status_code == 413
    page = assert_page_basics(response, lang="ar")
    assert page.html["dir"] == "rtl"


def test_a_malformed_or_unknown_receipt_code_is_explained(client, service):
    token = csrf_token(client.get("/en/receipt"))
    cases = [
        ("", forms.RECEIPT_MISSING),
        ("ABC", forms.RECEIPT_MALFORMED),
        ("ABCD-EFGH-JK", forms.RECEIPT_NOT_FOUND),
    ]
    for code, message in cases:
        response = client.post("/en/receipt", data={"csrf_token": token, "code": code})
        assert response.status_code == 400
        assert error_messages(response) == [english(message)]
        assert parse(response).find("input", attrs={"name": "code"})["value"] == code


def test_control_characters_and_nul_bytes_are_dropped_not_stored(client, service):
    # PostgreSQL refuses a NUL byte in text: kept, it made "Send" fail with a 500 every time.
    resident = Resident(client)
    story = {"went_through": "yes", "text": "Long\x00 wait\x07\r\nthen\tgood"}
    assert resident.post("/journey/apply", story).status_code == 302
    assert resident.post("/comment", {"comment": "Thanks\x00\x1b\x7f a lot"}).status_code == 302
    assert resident.send().status_code == 302
    stored = db.session.scalars(select(Response)).one()
    assert stored.comments[0].text == "Thanks a lot"
    assert stored.stage_experiences[0].text == "Long wait\nthen\tgood"


def test_a_nul_byte_in_the_service_address_is_not_found(client, service):
    assert client.get("/en/s/home-support%00").status_code == 404
    assert Resident(client, slug="home\x00support").get("/rate").status_code == 404


@pytest.mark.parametrize(
    "path, name",
    [
        ("/en/s/home-support/comment", "comment"),
        ("/en/s/home-support/journey/apply", "text"),
        ("/en/s/home-support/check", "client_key"),
        ("/en/receipt", "code"),
    ],
)
def test_a_file_in_place_of_an_answer_is_no_answer_not_a_500(client, service, path, name):
    token = csrf_token(client.get(path))
    upload = (io.BytesIO(b"hello"), "answer.txt")
    response = client.post(path, data={"csrf_token": token, name: upload})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert error_messages(response)


@pytest.mark.parametrize(
    "path, body",
    [
        ("/en/s/home-support/comment", {"comment": 5}),
        ("/en/receipt", {"code": 12345}),
        ("/en/s/home-support/check", {"client_key": 7}),
        ("/en/s/home-support/comment", ["not", "an", "object"]),
    ],
)
def test_a_json_body_is_no_answer_not_a_500(client, service, path, body):
    token = csrf_token(client.get(path))
    if isinstance(body, dict):
        body = {**body, "csrf_token": token}
    response = client.post(path, json=body)
    assert response.status_code == 400
    assert english(CSRF_MESSAGE) in error_messages(response)
