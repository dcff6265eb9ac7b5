"""Whom to reach next: the planner's table and sentences (its counts: cube_queries.source_cells)."""

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from .figures import Table, count_text, percent_text, shown
from .labels import STATUS_LABELS, number, percent

PLAN_LABELS = {
    "ready": _l("Enough to test"),
    "more needed": _l("More responses needed"),
    "out of reach": _l("Cannot be tested against everyone else"),
}


def outreach_sentence(words, row):
    """ "People aged 75 or over: about 140 more responses would let us test … reached most"."""
    need = ngettext(
        "%(group)s: about %(num)d more response would let us test whether the service works "
        "as well for them.",
        "%(group)s: about %(num)d more responses would let us test whether the service works "
        "as well for them.",
        int(row["n_more"]),
        group=words.people(row["segment"]),
    )
    # A kiosk is named only when kiosks are the channel that reached the group most.
    if isinstance(row["best_kiosk"], str) and str(row["best_channel"]) == "kiosk":
        place = gettext("The kiosk at %(location)s", location=row["best_kiosk"])
        share = row["best_kiosk_share"]
    elif isinstance(row["best_channel"], str):
        place = words.channel(row["best_channel"])
        share = row["best_channel_share"]
    else:
        return need
    reached = gettext(
        "%(place)s has reached them most (%(share)s of their answers).",
        place=place,
        share=percent(share),
    )
    return f"{need} {reached}"


def outreach_table(words, plan):
    """The planner as a table: group, responses, target, more needed, where they came from."""
    body = [
        [
            words.group(row.segment),
            count_text(shown(row.n, row.status)),
            number(row.n_target, "#,##0"),
            number(row.n_more, "#,##0"),
            _source_text(_channel(words, row.best_channel), row.best_channel_share, row.status),
            _source_text(row.best_kiosk, row.best_kiosk_share, row.status),
            str(PLAN_LABELS.get(row.status) or STATUS_LABELS.get(row.status, row.status)),
        ]
        for row in plan.itertuples()
    ]
    head = [
        gettext("Group"),
        gettext("Responses"),
        gettext("Responses needed"),
        gettext("More needed"),
        gettext("Channel that reached them most"),
        gettext("Kiosk that reached them most"),
        gettext("Status"),
    ]
    return Table(gettext("Whom to reach next"), head, body, {1, 2, 3})


def _source_text(name, share, status):
    """ "Kiosk (62%)", or a dash when nothing of 10 or more answers reached the group."""
    if not isinstance(name, str) or shown(share, status) is None:
        return "–"
    return gettext("%(name)s (%(share)s)", name=name, share=percent_text(share))


def _channel(words, code):
    return words.channel(code) if isinstance(code, str) else None
