"""Typed-in paper forms: a CSV of cards and ratings, checked row by row, imported all or none.

Columns: activity (its number on the agenda), stage (code), kind (step, pain or idea), feeling
(−2..2), text — for cards; activity, option, criterion (their numbers, from 1), rating (−2..2)
— for a rating round. Each imported item is marked paper, with its batch and who typed it.
"""

import csv
import io
import secrets

from ..database import utcnow
from ..extensions import db
from ..i18n import _l
from ..inputs import UNTYPEABLE
from ..privacy.audit import record
from .models import ActivityKind, Card, CardKind, Provenance, Rating
from .participant_forms import CARD_LIMIT

COLUMNS = ("activity", "stage", "kind", "feeling", "text", "option", "criterion", "rating")
MAX_ROWS = 2000
NOT_CSV = _l("The file must be a CSV file saved as UTF-8.")
MISSING_COLUMNS = _l("The first line must name the columns; missing: %(columns)s.")
TOO_MANY_ROWS = _l("A file can hold at most %(max)d rows; split it in two.")
NO_ROWS = _l("The file has no rows under its first line.")
UNKNOWN_ACTIVITY = _l("There is no activity %(value)s on the agenda that takes cards or ratings.")
BAD_KIND = _l("The kind must be step, pain or idea.")
BAD_STAGE = _l("There is no stage with the code %(value)s.")
BAD_SCALE = _l("%(column)s must be a whole number from −2 to 2.")
NO_TEXT = _l("The card has no text.")
LONG_TEXT = _l("The text must be %(max)d characters or fewer.")
BAD_NUMBER = _l("%(column)s must be a number from 1 to %(max)d.")


def told(message, **params):
    """A message of this module in the reader's language, its placeholders filled."""
    return str(message) % params if params else str(message)


class ImportRefused(ValueError):
    """The file as a whole cannot be read; str() says why, in the reader's language."""

    def __init__(self, message, **params):
        super().__init__(told(message, **params))


def read_rows(content):
    """The rows of an uploaded CSV as dicts, or ImportRefused."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(NOT_CSV) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportRefused(MISSING_COLUMNS, columns=", ".join(missing))
    reader.fieldnames = header
    rows = []
    for row in reader:
        if len(rows) == MAX_ROWS:
            raise ImportRefused(TOO_MANY_ROWS, max=MAX_ROWS)
        rows.append({k: (v or "").strip() for k, v in row.items() if k in COLUMNS})
    if not rows:
        raise ImportRefused(NO_ROWS)
    return rows


def _scale(value, column, *, required):
    """An int −2..2, None when empty and allowed; a message when wrong."""
    if not value and not required:
        return None, None
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not -2 <= number <= 2:
        return None, told(BAD_SCALE, column=column)
    return number, None


def _position(value, column, items):
    if value.isdigit() and 1 <= int(value) <= len(items):
        return int(value) - 1, None
    return None, told(BAD_NUMBER, column=column, max=len(items))


def _card(row, activity, stages):
    """(Card fields, [messages]) for a card row."""
    problems = []
    text = UNTYPEABLE.sub("", row["text"])
    if not text:
        problems.append(told(NO_TEXT))
    elif len(text) > CARD_LIMIT:
        problems.append(told(LONG_TEXT, max=CARD_LIMIT))
    journey = activity.kind == ActivityKind.JOURNEY_MAP
    kind = row["kind"].lower() or (None if journey else CardKind.IDEA.value)
    if kind not in {k.value for k in CardKind} or (not journey and kind != CardKind.IDEA):
        problems.append(told(BAD_KIND))
    stage = stages.get(row["stage"]) if journey else None
    if journey and stage is None:
        problems.append(told(BAD_STAGE, value=row["stage"]))
    emotion, problem = _scale(row["feeling"], "feeling", required=False)
    problems += [problem] if problem else []
    fields = {"activity_id": activity.id, "text": text, "kind": kind, "emotion": emotion}
    fields["stage_id"] = stage.id if stage else None
    return fields, problems


def _rating(row, activity):
    option, bad_option = _position(row["option"], "option", activity.options)
    criterion, bad_criterion = _position(row["criterion"], "criterion", activity.criteria)
    value, bad_value = _scale(row["rating"], "rating", required=True)
    fields = {"activity_id": activity.id, "option": option, "criterion": criterion, "value": value}
    return fields, [p for p in (bad_option, bad_criterion, bad_value) if p]


def check(workshop, rows):
    """([(model, fields)], [(line number, message)]): every row checked, nothing written."""
    activities = {str(a.position): a for a in workshop.activities}
    journey = workshop.service.journey
    stages = {s.code: s for s in journey.stages} if journey else {}
    items, problems = [], []
    for line, row in enumerate(rows, start=2):
        activity = activities.get(row["activity"])
        if activity is None or activity.kind == ActivityKind.DOT_VOTE:
            problems.append((line, told(UNKNOWN_ACTIVITY, value=row["activity"] or "–")))
            continue
        if activity.kind == ActivityKind.RATING_ROUND:
            model, (fields, found) = Rating, _rating(row, activity)
        else:
            model, (fields, found) = Card, _card(row, activity, stages)
        problems += [(line, message) for message in found]
        items.append((model, fields))
    return items, problems


def import_items(workshop, items, user):
    """Write every checked item in one transaction, marked paper with one batch; returns it."""
    batch = f"paper-{utcnow():%Y%m%d-%H%M}-{secrets.token_hex(3)}"
    for model, fields in items:
        db.session.add(
            model(**fields, provenance=Provenance.PAPER, entered_by_id=user.id, batch=batch)
        )
    record(
        "workshop_paper_import",
        target_type="workshop",
        target_id=workshop.id,
        details={"batch": batch, "rows": len(items)},
        user=user,
        service=workshop.service_id,
    )
    db.session.commit()
    return batch
