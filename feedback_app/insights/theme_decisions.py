"""Comment themes as analysts arranged them: renamed, merged, and the comments behind each.

The analysis finds themes afresh from the comments each time; a `ThemeDecision` follows its
theme by key. Reading a theme's comments is bounded (one page of ids at a time) and recorded
in the audit log with the responses read, for the access register.
"""

import pandas as pd
from sqlalchemy import select

from ..extensions import db
from ..feedback.models import Comment, Response
from ..privacy.audit import record
from . import analyses
from .models import ThemeDecision

COMMENTS_PER_PAGE = 20
# No comment is read from a theme of fewer comments than this (analyses.SUPPRESS_BELOW).
MIN_COMMENTS_SHOWN = analyses.SUPPRESS_BELOW
SUMMED = ("n", "share")


class ThemeError(ValueError):
    """A merge that cannot be done (into itself, or into a theme not shown)."""


def decisions(service):
    """{theme key: ThemeDecision} of the service."""
    query = select(ThemeDecision).where(ThemeDecision.service_id == service.id)
    return {decision.theme_key: decision for decision in db.session.scalars(query)}


def named_themes(service, response_filter):
    """The themes of analyses.comment_themes with the analysts' names and merges applied."""
    return apply_decisions(analyses.comment_themes(service, response_filter), decisions(service))


def apply_decisions(table, decided):
    """The theme table with merged themes summed into the one they were merged into.

    Adds `found_label` (the analysis's label; `label` is the analyst's name when given),
    `label_language` (the comments' language for a found label; "" for an analyst's name,
    whose language is not known), `numbers` (the analysis's theme numbers covered, for
    finding the comments) and `parts` ([(key, found label)] of the themes merged in). Rows
    are renumbered, most common first.
    """
    if table.empty:
        return table.assign(found_label=[], label_language=[], numbers=[], parts=[])
    present = set(table["key"])
    target = {key: _final(key, decided, present) for key in table["key"]}
    rows = []
    for key, group in table.groupby(table["key"].map(target), sort=False):
        own = group[group["key"] == key].iloc[0]
        others = group[group["key"] != key]
        summed = group[[*SUMMED, *(c for c in table.columns if c.startswith("share:"))]].sum()
        name = decided[key].label if key in decided else None
        rows.append(
            {
                **own.to_dict(),
                **summed.to_dict(),
                "label": name or own["label"],
                "found_label": own["label"],
                "label_language": "" if name else own["language"],
                "numbers": [int(own["theme"]), *map(int, others["theme"])],
                "parts": list(zip(others["key"], others["label"], strict=True)),
            }
        )
    merged = pd.DataFrame(rows).sort_values("n", ascending=False, kind="stable")
    merged["n"] = merged["n"].astype(int)
    return merged.assign(theme=range(1, len(merged) + 1)).reset_index(drop=True)


def _final(key, decided, present):
    """The theme `key` is shown under: the end of its merges among the themes present (in a
    loop of merges, which stale decisions can make, the loop's smallest key)."""
    path = [key]
    while key in decided and decided[key].merged_into in present:
        key = decided[key].merged_into
        if key in path:
            return min(path[path.index(key) :])
        path.append(key)
    return key


def _decision(service, key):
    decision = decisions(service).get(key)
    if decision is None:
        decision = ThemeDecision(service_id=service.id, theme_key=key)
        db.session.add(decision)
    return decision


def rename(service, key, label, user):
    """Name a theme; an empty name gives it back the label found in the comments."""
    decision = _decision(service, key)
    decision.label = label or None
    decision.updated_by_id = user.id
    record(
        "insights.theme-rename",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={"theme": key, "label": decision.label},
    )
    db.session.commit()


def merge(service, key, into, shown_keys, user):
    """Show theme `key` (and what was merged into it) as part of theme `into`."""
    if key == into or into not in shown_keys:
        raise ThemeError(into)
    decision = _decision(service, key)
    decision.merged_into = into
    decision.updated_by_id = user.id
    record(
        "insights.theme-merge",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={"theme": key, "into": into},
    )
    db.session.commit()


def separate(service, key, user):
    """Undo the merge of theme `key`: it is shown on its own again."""
    decision = decisions(service).get(key)
    if decision is None or decision.merged_into is None:
        raise ThemeError(key)
    decision.merged_into = None
    decision.updated_by_id = user.id
    record(
        "insights.theme-separate",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={"theme": key},
    )
    db.session.commit()


def page_count(theme):
    return max(1, -(-int(theme["n"]) // COMMENTS_PER_PAGE))


def read_comments(service, response_filter, theme, page):
    """One page of a theme's comments, newest first, recorded in the audit log.

    Returns [(text, lang)]; [] for a theme of fewer than MIN_COMMENTS_SHOWN comments.
    """
    if theme["n"] < MIN_COMMENTS_SHOWN:
        return []
    table = analyses.comment_themes(service, response_filter)
    assignment = table.attrs["assignment"]
    labels = [label for number in theme["numbers"] for label in assignment.members(number)]
    frame = analyses.comments(service, response_filter)
    ids = sorted(frame.loc[labels, "response_id"].astype(int), reverse=True)
    shown = ids[(page - 1) * COMMENTS_PER_PAGE : page * COMMENTS_PER_PAGE]
    query = (
        select(Comment.response_id, Comment.text, Comment.lang)
        .join(Response)
        .where(Comment.response_id.in_(shown), Response.withdrawn_at.is_(None))
        .order_by(Comment.response_id.desc(), Comment.id)
    )
    first = {}
    for response_id, text, lang in db.session.execute(query):
        first.setdefault(response_id, (text, lang))
    record(
        "insights.theme-comments",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={
            "theme": theme["key"],
            "page": page,
            "filter": response_filter.query_args(),
            "responses": list(first),
        },
    )
    db.session.commit()
    return list(first.values())
