"""Each page of the residents' flow reads the database a fixed number of times, whatever the
size of the service: its questions and stages come with it, not one query each, and are kept
between requests until the catalogue changes."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from feedback_app.catalogue.models import Question, QuestionBank, QuestionSetItem
from feedback_app.extensions import db
from tests.feedback.resident import RATINGS, Resident

PAGES = ("", "/rate", "/journey/apply", "/comment", "/check")
# A service with its question set, questions, journey and stages (feedback.flow.LOADED).
LOADING = 3


@contextmanager
def counted_statements():
    seen = []

    def count(*args):
        seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def statements(send):
    with counted_statements() as seen:
        response = send()
    assert response.status_code in (200, 302), response.status_code
    return len(seen)


def add_questions(service, number):
    items = service.question_set.items
    for index in range(number):
        question = Question(code=f"extra_{index}", bank=QuestionBank.CUSTOM, text={"en": "Q?"})
        items.append(QuestionSetItem(question=question, position=len(items) + 1))
    db.session.commit()


@pytest.mark.database
def test_a_page_costs_the_same_with_three_questions_or_thirteen(client, service):
    resident = Resident(client)
    resident.post("/rate", RATINGS)
    before = [statements(lambda page=page: resident.get(page)) for page in PAGES]
    sending = statements(lambda: resident.post("/comment", {"comment": "Long wait."}))
    add_questions(service, 10)
    # The first page after the change loads the service again, in three queries however many
    # questions it has; the next ones use what that page kept (loaded_services).
    assert statements(lambda: resident.get(PAGES[0])) == before[0] + LOADING
    after = [statements(lambda page=page: resident.get(page)) for page in PAGES]
    assert after == before
    assert statements(lambda: resident.post("/comment", {"comment": "Long wait."})) == sending
    assert max(after) <= 5
