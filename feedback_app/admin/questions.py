"""A service's questions: taken from the standard banks or written for it, ordered, retired.

A question's code is what the analysis groups answers by, so a wording that residents have
already answered is never changed in place: the new wording gets a new code (`…_v2`) and the
old question is retired from the service, its answers kept under the old code.
"""

import re
from itertools import count

from sqlalchemy import func, select

from ..catalogue.banks import ensure_standard_questions
from ..catalogue.models import Question, QuestionBank, QuestionSet, QuestionSetItem
from ..database import utcnow
from ..extensions import db
from ..feedback.models import Answer
from ..privacy.audit import record

SCALE = (1, 5)
VERSION_SUFFIX = re.compile(r"_v\d+$")


def question_set_of(service):
    """The service's question set, made on first use."""
    if service.question_set is None:
        db.session.add(QuestionSet(service=service))
        db.session.flush()
    return service.question_set


def bank_questions(service):
    """The standard questions (A-11, CSAT, CES) the service does not ask yet; made on first
    use, so a fresh installation offers them too."""
    ensure_standard_questions()
    asked = {question.id for question in question_set_of(service).questions}
    query = select(Question).where(Question.bank != QuestionBank.CUSTOM).order_by(Question.id)
    return [question for question in db.session.scalars(query) if question.id not in asked]


def has_answers(question):
    query = select(Answer.id).where(Answer.question_id == question.id).limit(1)
    return db.session.scalar(query) is not None


def _append(service, question, by):
    question_set = question_set_of(service)
    last = db.session.scalar(
        select(func.max(QuestionSetItem.position)).filter_by(question_set_id=question_set.id)
    )
    item = QuestionSetItem(question_set=question_set, question=question, position=(last or 0) + 1)
    db.session.add(item)
    db.session.flush()
    record(
        "question_added",
        target_type="service",
        target_id=service.id,
        user=by,
        service=service.id,
        details={"question": question.code},
    )
    return item


def add_bank_question(service, question, *, by):
    item = _append(service, question, by)
    db.session.commit()
    return item


def _first_free(candidates):
    """The first code of `candidates` (an endless iterator) no question has."""
    for code in candidates:
        if db.session.scalar(select(Question.id).where(Question.code == code)) is None:
            return code


def _new_code(service):
    prefix = service.slug.replace("-", "_")[:50]
    return _first_free(f"{prefix}_q{n}" for n in count(1))


def _next_version(code):
    base = VERSION_SUFFIX.sub("", code)[:55]
    return _first_free(f"{base}_v{n}" for n in count(2))


def add_custom_question(service, *, text, labels, easy_read=None, by):
    """A rating question on a 1-5 scale written for this service."""
    question = Question(
        code=_new_code(service),
        bank=QuestionBank.CUSTOM,
        scale_min=SCALE[0],
        scale_max=SCALE[1],
        text=dict(text),
        options=dict(labels),
        easy_read=dict(easy_read or {}) or None,
    )
    db.session.add(question)
    item = _append(service, question, by)
    db.session.commit()
    return item


def _asked_elsewhere(item):
    """A question copied into another service is theirs too: rewording must not reach it."""
    query = select(QuestionSetItem.id).where(
        QuestionSetItem.question_id == item.question_id, QuestionSetItem.id != item.id
    )
    return db.session.scalar(query.limit(1)) is not None


def reword(service, item, *, text, labels, easy_read=None, by):
    """New wording: in place until someone answered (or another service asks it), else as a
    new version of the question. Easy read says the same in plainer words: a change to it
    alone is made in place."""
    question = item.question
    easy_read = dict(easy_read or {}) or None
    same_wording = question.text == dict(text) and question.options == dict(labels)
    if same_wording or (not has_answers(question) and not _asked_elsewhere(item)):
        question.text, question.options = dict(text), dict(labels)
        question.easy_read = easy_read
        record(
            "question_changed",
            target_type="question",
            target_id=question.id,
            user=by,
            service=service.id,
        )
        db.session.commit()
        return item
    new = Question(
        code=_next_version(question.code),
        bank=QuestionBank.CUSTOM,
        scale_min=question.scale_min,
        scale_max=question.scale_max,
        allows_not_applicable=question.allows_not_applicable,
        text=dict(text),
        options=dict(labels),
        easy_read=easy_read,
    )
    db.session.add(new)
    position = item.position
    item.retired_at = utcnow()
    replacement = QuestionSetItem(question_set=item.question_set, question=new, position=position)
    db.session.add(replacement)
    record(
        "question_reworded",
        target_type="question",
        target_id=question.id,
        user=by,
        service=service.id,
        details={"old_code": question.code, "new_code": new.code},
    )
    db.session.commit()
    return replacement


def move_question(item, step, *, by):
    """Swap with the asked question just before (-1) or after (+1)."""
    items = item.question_set.open_items
    index = items.index(item) + step
    if 0 <= index < len(items):
        other = items[index]
        item.position, other.position = other.position, item.position
        record(
            "question_moved",
            target_type="question",
            target_id=item.question_id,
            user=by,
            service=item.question_set.service_id,
            details={"step": step},
        )
        db.session.commit()
        db.session.expire(item.question_set, ["items"])


def take_out(service, item, *, by):
    """Retired when residents answered it (answers stay in the analysis), else removed."""
    answered = has_answers(item.question)
    if answered:
        item.retired_at = utcnow()
    else:
        db.session.delete(item)
    record(
        "question_retired" if answered else "question_removed",
        target_type="service",
        target_id=service.id,
        user=by,
        service=service.id,
        details={"question": item.question.code},
    )
    db.session.commit()
    return answered
