"""The receipt code shows a resident what they said and lets them withdraw it."""

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.feedback.models import Answer, Comment, Profile, Response, StageExperience
from feedback_app.feedback.receipts import normalise_receipt_code, receipt_code_for, receipt_hash
from feedback_app.privacy.models import AuditEvent
from tests.feedback.resident import COMMENT, Resident, error_messages
from tests.fixtures.pages import assert_page_basics, csrf_token, parse

pytestmark = pytest.mark.database


@pytest.fixture
def sent(client, service):
    """A resident who sent a full response; returns (their browser, receipt code)."""
    resident = Resident(client)
    resident.answer_everything()
    resident.send()
    return resident, resident.receipt_code()


def enter_code(client, code, lang="en"):
    token = csrf_token(client.get(f"/{lang}/receipt"))
    return client.post(f"/{lang}/receipt", data={"csrf_token": token, "code": code})


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_code_is_derived_from_the_client_key_and_the_secret():
    code = receipt_code_for("key-1", "secret")
    assert code == receipt_code_for("key-1", "secret")
    assert code != receipt_code_for("key-2", "secret")
    assert code != receipt_code_for("key-1", "another secret")
    assert len(code) == 12 and code[4] == code[9] == "-"


def test_the_code_shows_what_was_said(app, sent):
    _resident, code = sent
    browser = app.test_client()  # another device: only the code is needed
    response = enter_code(browser, f"  {code.lower().replace('-', ' ')} ")
    assert response.headers["Location"] == "/en/receipt/response"
    page = assert_page_basics(browser.get("/en/receipt/response"))
    text = page.main.get_text(" ", strip=True)
    for said in (COMMENT, "Very satisfied", "Does not apply", "Paperwork, Digital access"):
        assert said in text
    assert page.find("a", string="Withdraw this feedback")["href"] == "/en/receipt/withdraw"
    assert page.find("a", string="Change") is None


def test_the_response_page_needs_a_code_first(client, service):
    assert client.get("/en/receipt/response").headers["Location"] == "/en/receipt"
    assert client.get("/en/receipt/withdraw").headers["Location"] == "/en/receipt/response"


def test_withdrawing_asks_for_confirmation_then_deletes_what_was_said(client, sent):
    _resident, code = sent
    enter_code(client, code)
    confirm = assert_page_basics(client.get("/en/receipt/withdraw"))
    assert "cannot undo" in confirm.main.get_text()
    assert count(Answer) == 3  # nothing deleted by looking at the confirmation
    response = client.post(
        "/en/receipt/withdraw", data={"csrf_token": csrf_token(client.get("/en/receipt/withdraw"))}
    )
    assert response.headers["Location"] == "/en/receipt/withdrawn"
    assert_page_basics(client.get("/en/receipt/withdrawn"))
    db.session.expire_all()
    [stored] = db.session.scalars(select(Response))
    assert stored.withdrawn_at is not None
    assert stored.receipt_hash == receipt_hash(code)
    assert stored.client_key is None
    for model in (Answer, StageExperience, Comment, Profile):
        assert count(model) == 0, model
    [event] = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "response_withdrawn")
    )
    assert (event.target_type, event.target_id, event.user_id) == ("response", str(stored.id), None)


def test_a_withdrawn_response_says_so_and_cannot_be_sent_again(client, sent):
    resident, code = sent
    draft_key = db.session.scalar(select(Response.client_key))
    enter_code(client, code)
    client.post("/en/receipt/withdraw", data={"csrf_token": csrf_token(client.get("/en/receipt"))})
    page = parse(client.get("/en/receipt/response"))
    assert "You withdrew this feedback" in page.main.get_text()
    assert client.get("/en/receipt/withdraw").headers["Location"] == "/en/receipt/response"
    # A late retry of the original "Send" finds the withdrawn response and stores nothing.
    resident.send(client_key=draft_key)
    assert count(Response) == 1 and count(Comment) == 0


def test_withdrawing_without_a_csrf_token_changes_nothing(client, sent):
    _resident, code = sent
    enter_code(client, code)
    response = client.post("/en/receipt/withdraw", data={})
    assert response.status_code == 400
    assert len(error_messages(response)) == 1
    assert count(Answer) == 3


def test_the_receipt_pages_speak_the_residents_language(client, sent):
    _resident, code = sent
    enter_code(client, code, lang="ar")
    page = assert_page_basics(client.get("/ar/receipt/response"), lang="ar")
    assert page.html["dir"] == "rtl"
    assert "الدعم المنزلي" in page.find(class_="caption").get_text()


def test_digits_typed_on_an_arabic_keyboard_are_read_as_the_same_code(app, sent):
    _resident, code = sent
    arabic = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    full_width = code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for typed in (arabic, full_width):
        browser = app.test_client()
        response = enter_code(browser, typed, lang="ar")
        assert response.headers["Location"] == "/ar/receipt/response"


def test_normalising_a_code_maps_every_kind_of_digit_and_drops_the_rest():
    assert normalise_receipt_code(" ab٢۳-４d  e ") == "AB234DE"
    assert normalise_receipt_code(None) == ""
