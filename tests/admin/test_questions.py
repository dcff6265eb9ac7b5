"""Admins pick standard questions or write rating questions per language, reorder them, and
retire them; a reworded question that residents answered becomes a new version with a new code."""

import pytest
from sqlalchemy import select

from feedback_app.catalogue.models import Question, QuestionSetItem
from feedback_app.demo.seed import seed_responses
from feedback_app.extensions import db
from feedback_app.feedback.flow import questions_of
from feedback_app.models import AuditEvent, Service
from tests.admin.helpers import error_summary, post_form
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
QUESTIONS = "/staff/admin/services/home-support/questions"
LABELS_FR = "Très mauvais\nMauvais\nMoyen\nBon\nTrès bon"
LABELS_AR = "سيئ جدا\nسيئ\nمتوسط\nجيد\nجيد جدا"
CUSTOM = {
    "text_fr": "Le repas était-il chaud ?",
    "labels_fr": LABELS_FR,
    "text_ar": "هل كانت الوجبة ساخنة؟",
    "labels_ar": LABELS_AR,
}


@pytest.fixture
def admin_client(client, partner_admin, service):
    sign_in(client, "boss@example.org")
    return client


def _codes(service_id):
    db.session.expire_all()
    return [q.code for q in questions_of(db.session.get(Service, service_id))]


def _item(code):
    return db.session.scalar(select(QuestionSetItem).join(Question).where(Question.code == code))


def test_an_admin_writes_a_rating_question_in_two_languages(admin_client, service):
    page = assert_page_basics(admin_client.get(f"{QUESTIONS}/new"))
    assert page.find("textarea", attrs={"name": "labels_ar"})["dir"] == "rtl"
    response = post_form(admin_client, f"{QUESTIONS}/new", CUSTOM)
    assert response.location == QUESTIONS
    assert _codes(service.id)[-1] == "home_support_q1"
    question = db.session.scalar(select(Question).filter_by(code="home_support_q1"))
    assert question.bank == "custom" and question.options["fr"][0] == "Très mauvais"
    assert question.text == {"fr": CUSTOM["text_fr"], "ar": CUSTOM["text_ar"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text_fr": "", "text_ar": ""}, "Enter the question in one language at least"),
        ({"labels_fr": "Bad\nGood"}, "Write 5 answer labels, one per line"),
        ({"text_fr": "x" * 301}, "The question must be 300 characters or fewer"),
    ],
)
def test_bad_questions_are_explained_and_what_was_typed_is_kept(
    admin_client, service, change, message
):
    response = post_form(admin_client, f"{QUESTIONS}/new", {**CUSTOM, **change})
    assert response.status_code == 400 and message in error_summary(response)
    kept = parse(response).find("textarea", attrs={"name": "labels_ar"}).get_text().strip()
    assert kept == LABELS_AR
    assert "home_support_q1" not in _codes(service.id)


def test_a_standard_question_is_added_from_the_banks(admin_client, service):
    item = _item("ces")
    code, question_id = item.question.code, item.question_id
    post_form(admin_client, f"{QUESTIONS}/{item.id}/retire")
    assert code not in _codes(service.id)
    page = parse(admin_client.get(QUESTIONS))
    offered = [i["value"] for i in page.find_all("input", attrs={"name": "question"})]
    assert offered == [str(question_id)]
    post_form(admin_client, QUESTIONS, {"question": str(question_id)})
    assert _codes(service.id)[-1] == code
    forged = post_form(admin_client, QUESTIONS, {"question": "999999"})
    assert "Choose one of the questions listed" in error_summary(forged)


def test_move_up_and_move_down_reorder_the_questions(admin_client, service):
    before = _codes(service.id)
    second = _item(before[1])
    post_form(admin_client, f"{QUESTIONS}/{second.id}/move/up", form_page=QUESTIONS)
    assert _codes(service.id) == [before[1], before[0], *before[2:]]
    post_form(admin_client, f"{QUESTIONS}/{second.id}/move/down", form_page=QUESTIONS)
    assert _codes(service.id) == before


def test_an_answered_question_is_retired_not_deleted(admin_client, service):
    seed_responses(service, count=3)
    db.session.commit()
    item = _item("a11_trust")
    page = assert_page_basics(admin_client.get(f"{QUESTIONS}/{item.id}/retire"))
    assert "its answers stay in the insights" in page.get_text()
    post_form(admin_client, f"{QUESTIONS}/{item.id}/retire")
    assert "a11_trust" not in _codes(service.id)
    db.session.expire_all()
    assert db.session.get(QuestionSetItem, item.id).retired_at is not None
    assert admin_client.get(f"{QUESTIONS}/{item.id}/retire").status_code == 404


def test_an_unanswered_question_is_taken_out(admin_client, service):
    post_form(admin_client, f"{QUESTIONS}/new", CUSTOM)
    item_id = _item("home_support_q1").id
    post_form(admin_client, f"{QUESTIONS}/{item_id}/retire")
    db.session.expire_all()
    assert db.session.get(QuestionSetItem, item_id) is None
    assert db.session.scalar(select(AuditEvent).filter_by(action="question_removed"))


def test_rewording_an_answered_question_makes_a_new_version(admin_client, service):
    post_form(admin_client, f"{QUESTIONS}/new", CUSTOM)
    item = _item("home_support_q1")
    url = f"{QUESTIONS}/{item.id}"
    # Unanswered: changed in place.
    post_form(admin_client, url, {**CUSTOM, "text_fr": "Le repas était-il bien chaud ?"})
    assert _codes(service.id)[-1] == "home_support_q1"
    db.session.expire_all()
    assert _item("home_support_q1").question.text["fr"] == "Le repas était-il bien chaud ?"
    # Answered: a new version, and the old wording keeps its answers under its own code.
    seed_responses(service, count=3)
    db.session.commit()
    assert "makes a new version" in parse(admin_client.get(url)).get_text()
    post_form(admin_client, url, {**CUSTOM, "text_fr": "Le repas était-il chaud à l'arrivée ?"})
    codes = _codes(service.id)
    assert "home_support_q1" not in codes and codes[-1] == "home_support_q1_v2"
    old = db.session.scalar(select(Question).filter_by(code="home_support_q1"))
    assert old.text["fr"] == "Le repas était-il bien chaud ?"


def test_standard_questions_keep_their_wording(admin_client, service):
    item = _item("a11_trust")
    assert admin_client.get(f"{QUESTIONS}/{item.id}").status_code == 404


def test_questions_of_another_service_are_not_found_here(admin_client, service):
    assert admin_client.get(f"{QUESTIONS}/99999/retire").status_code == 404
    assert admin_client.get(f"{QUESTIONS}/99999999999999999999").status_code == 404
    item = _item("a11_trust")
    url = f"{QUESTIONS}/{item.id}/move/sideways"
    assert post_form(admin_client, url, form_page=QUESTIONS).status_code == 404


@pytest.mark.parametrize("route", ["", "/new"])
def test_admins_outside_the_partnership_are_refused(client, outsider_admin, service, route):
    sign_in(client, "other-boss@example.org")
    assert client.get(QUESTIONS + route).status_code == 403
    data = {"question": "1", **CUSTOM}
    assert (
        post_form(client, QUESTIONS + route, data, form_page="/staff/password").status_code == 403
    )


def test_rewording_a_question_another_service_asks_leaves_theirs_alone(
    admin_client, service, partner
):
    post_form(admin_client, f"{QUESTIONS}/new", CUSTOM)
    new_service = {
        "slug": "meals-at-home",
        "languages": ["fr"],
        "name_fr": "Repas",
        "organisation": str(partner.id),
        "partner_role": "operator",
    }
    post_form(admin_client, "/staff/admin/services/new", new_service)
    copy = "/staff/admin/services/meals-at-home/copy"
    post_form(admin_client, copy, {"source": "home-support"})
    item = _item("home_support_q1")
    post_form(admin_client, f"{QUESTIONS}/{item.id}", {**CUSTOM, "text_fr": "Autre chose ?"})
    original = db.session.scalar(select(Question).filter_by(code="home_support_q1"))
    assert original.text["fr"] == CUSTOM["text_fr"]
    assert _codes(service.id)[-1] == "home_support_q1_v2"


EASY_READ = {"easy_read_fr": "Le repas était chaud ?", "easy_read_ar": "هل كان الطعام ساخنًا؟"}


def test_easy_read_is_written_beside_the_question_and_changes_in_place_once_answered(
    admin_client, service
):
    post_form(admin_client, f"{QUESTIONS}/new", {**CUSTOM, **EASY_READ})
    item = _item("home_support_q1")
    assert item.question.easy_read == {"fr": "Le repas était chaud ?", "ar": "هل كان الطعام ساخنًا؟"}
    url = f"{QUESTIONS}/{item.id}"
    form = assert_page_basics(admin_client.get(url))
    assert form.find("input", attrs={"name": "easy_read_ar"})["dir"] == "rtl"
    seed_responses(service, count=3)
    db.session.commit()
    # Easy read says the same in plainer words: no new version of an answered question.
    changed = {"easy_read_fr": "Le repas était-il chaud ? Dites-le.", "easy_read_ar": ""}
    post_form(admin_client, url, {**CUSTOM, **changed})
    assert _codes(service.id)[-1] == "home_support_q1"
    db.session.expire_all()
    assert _item("home_support_q1").question.easy_read == {
        "fr": "Le repas était-il chaud ? Dites-le."
    }
    post_form(admin_client, url, {**CUSTOM, "easy_read_fr": " "})
    db.session.expire_all()
    assert _item("home_support_q1").question.easy_read is None


def test_an_easy_read_text_too_long_is_explained(admin_client, service):
    response = post_form(admin_client, f"{QUESTIONS}/new", {**CUSTOM, "easy_read_es": "x" * 301})
    assert response.status_code == 400
    assert "The question must be 300 characters or fewer" in error_summary(response)
    assert parse(response).find("input", attrs={"name": "easy_read_es"})["value"] == "x" * 301
