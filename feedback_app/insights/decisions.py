"""What designers decide about prioritized insights, and what residents are told about it.

An insight moves new → accepted → planned → in progress → done; it can be dismissed on the
way and reopened. Done needs a short public text, shown on "You said, we did". Every change
is written to the audit log.
"""

import math

import pandas as pd
from sqlalchemy import select

from analysis import INSIGHT_COLUMNS

from ..extensions import db
from ..privacy.audit import record
from .models import Insight, InsightStatus

S = InsightStatus
# action: (statuses it applies to, status it leads to)
ACTIONS = {
    "accept": ({S.NEW}, S.ACCEPTED),
    "dismiss": ({S.NEW, S.ACCEPTED, S.PLANNED}, S.DISMISSED),
    "plan": ({S.ACCEPTED}, S.PLANNED),
    "start": ({S.PLANNED}, S.IN_PROGRESS),
    "finish": ({S.IN_PROGRESS}, S.DONE),
    "reopen": ({S.DISMISSED, S.DONE}, S.ACCEPTED),
}
SNAPSHOT_FIELDS = tuple(c for c in INSIGHT_COLUMNS if c != "insight_key")


class DecisionError(ValueError):
    """An action that does not apply to the insight's status (or needs a public text)."""


def actions_for(status):
    """The actions offered for an insight in `status`, in workflow order."""
    return [name for name, (sources, _) in ACTIONS.items() if S(status) in sources]


def find_insight(service, key):
    query = select(Insight).where(Insight.service_id == service.id, Insight.insight_key == key)
    return db.session.scalar(query)


def snapshot(row):
    """The finding as the analysis saw it, as JSON (no NaN, no numpy types)."""
    return {name: _plain(row.get(name)) for name in SNAPSHOT_FIELDS if name in row}


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def decide(service, row, action, user, *, public_text=None):
    """Apply `action` to the insight of a prioritized row, creating its record if needed.

    "finish" needs a public text, given here or saved before.
    """
    insight = find_insight(service, row["insight_key"])
    status = insight.status if insight else S.NEW
    if action not in ACTIONS or S(status) not in ACTIONS[action][0]:
        raise DecisionError(action)
    if action == "finish" and not (public_text or insight.public_text):
        raise DecisionError(action)
    changes = {"status": ACTIONS[action][1]}
    if public_text:
        changes["public_text"] = dict(public_text)
    insight = insight_for(service, row)
    _change(insight, user, "insights.decision", action=action, **changes)
    return insight


def insight_for(service, row):
    """The stored insight of a prioritized row, created as "new" when nobody decided yet."""
    insight = find_insight(service, row["insight_key"])
    if insight is None:
        insight = Insight(
            service_id=service.id,
            insight_key=row["insight_key"],
            kind=row["kind"],
            status=S.NEW,
        )
        db.session.add(insight)
    insight.snapshot = snapshot(row)
    return insight


def annotate(insight, note, user):
    _change(insight, user, "insights.note", note=note or None)


def set_public_text(insight, texts, user):
    _change(insight, user, "insights.public_text", public_text=dict(texts))


def _change(insight, user, audit_action, *, action=None, **changes):
    before = str(insight.status) if insight.status else str(S.NEW)
    for name, value in changes.items():
        setattr(insight, name, value)
    insight.updated_by_id = user.id
    db.session.flush()
    details = {"key": insight.insight_key, "from": before, "to": str(insight.status or S.NEW)}
    if action:
        details["action"] = action
    if "public_text" in changes:
        details["languages"] = sorted(changes["public_text"])
    record(
        audit_action,
        target_type="insight",
        target_id=insight.id,
        service=insight.service_id,
        details=details,
    )
    db.session.commit()


def stored_insights(service):
    query = select(Insight).where(Insight.service_id == service.id).order_by(Insight.id)
    return list(db.session.scalars(query))


def merge_decisions(service, ranked):
    """Prioritized rows with `insight_id`, `status`, `note` and `public_text` added.

    Decided insights the analysis no longer flags are appended, unranked, from their
    snapshots, so no decision drops out of view when the data moves.
    """
    decided = {i.insight_key: i for i in stored_insights(service)}
    ranked = ranked.assign(**_decision_columns(ranked["insight_key"], decided))
    gone = [i for key, i in decided.items() if key not in set(ranked["insight_key"])]
    if not gone:
        return ranked
    stale = pd.DataFrame(
        [
            {**(i.snapshot or {}), "rank": None, "kind": i.kind, "insight_key": i.insight_key}
            for i in gone
        ]
    )
    stale = stale.assign(**_decision_columns(stale["insight_key"], decided))
    return pd.concat([ranked, stale], ignore_index=True)


def _decision_columns(keys, decided):
    found = [decided.get(key) for key in keys]
    return {
        "insight_id": [i.id if i else None for i in found],
        "status": [str(i.status) if i else "new" for i in found],
        "note": [i.note if i else None for i in found],
        "public_text": [dict(i.public_text or {}) if i else {} for i in found],
    }


def public_insights(service):
    """Done insights with a public text, most recent first, for "You said, we did"."""
    query = (
        select(Insight)
        .where(Insight.service_id == service.id, Insight.status == S.DONE)
        .order_by(Insight.updated_at.desc(), Insight.id.desc())
    )
    return [insight for insight in db.session.scalars(query) if insight.public_text]
