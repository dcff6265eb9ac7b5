"""The standard banks (A-11, CSAT, CES) are offered on a fresh installation, not only where the
demo was seeded, and the demo asks the very same questions."""

import pytest
from sqlalchemy import func, select

from feedback_app.catalogue.banks import STANDARD_QUESTIONS, ensure_standard_questions
from feedback_app.catalogue.models import Question
from feedback_app.extensions import db
from tests.admin.helpers import post_form
from tests.fixtures.pages import parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
QUESTIONS = "/staff/admin/services/library-at-home/questions"


def test_a_fresh_installation_offers_the_standard_questions(client, outsider_admin):
    assert db.session.scalar(select(func.count()).select_from(Question)) == 0
    sign_in(client, "other-boss@example.org")
    page = parse(client.get(QUESTIONS))
    offered = [i["value"] for i in page.find_all("input", attrs={"name": "question"})]
    assert len(offered) == len(STANDARD_QUESTIONS)
    assert "I am satisfied with the service I received." in page.get_text(" ")
    post_form(client, QUESTIONS, {"question": offered[0]})
    again = parse(client.get(QUESTIONS)).find_all("input", attrs={"name": "question"})
    assert [i["value"] for i in again] == offered[1:]


def test_the_demo_asks_the_standard_questions(service):
    asked = {item.question.code: item.question for item in service.question_set.items}
    assert list(asked) == [code for code, *_ in STANDARD_QUESTIONS]
    assert ensure_standard_questions() == asked
    assert db.session.scalar(select(func.count()).select_from(Question)) == len(asked)
    assert asked["a11_satisfaction"].text["ar"] == STANDARD_QUESTIONS[0][4]["ar"]
