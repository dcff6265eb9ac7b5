"""Charts, tables and sentences for the overview and "who took part", from analyses' results.

A figure is a chart (see charts.py) plus a `Table` holding the same numbers for screen
readers and for anyone who prefers to read them. Hidden (suppressed) cells say so in words.
"""

from dataclasses import dataclass, field

import pandas as pd
from flask_babel import format_date, gettext

from ..i18n import localized
from . import charts
from .labels import STATUS_LABELS, number, percent, q_text

SUPPRESSED = "suppressed"


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list[str]]
    # Columns (by index) holding numbers, aligned to the end.
    numeric: set[int] = field(default_factory=set)


def hidden_text():
    return gettext("Hidden")


def shown(value, status=""):
    """The value, or None when it is missing or its row was suppressed."""
    return None if status == SUPPRESSED or value is None or pd.isna(value) else value


def count_text(value):
    return hidden_text() if value is None else number(value, "#,##0")


def percent_text(value, status=""):
    value = shown(value, status)
    return hidden_text() if value is None else percent(value)


def period_label(day, period, *, long=False):
    if period == "month":
        return format_date(day, "LLLL y" if long else "LLL y")
    if period == "week" and long:
        return gettext("Week of %(date)s", date=format_date(day, "d MMM y"))
    return format_date(day, "d MMM y" if long else "d MMM")


def timeline_figure(words, data):
    """Responses per period and channel: a line chart and its table.

    A period not complete (begun before the data, or not over yet) is shaded in the chart
    and named as such in the summary and the table, so a dip there is not read as a fall.
    """
    table = data["timeline"]
    periods = sorted(table["period"].unique())
    partial = set(data.get("partial", ()))
    channels = list(dict.fromkeys(table["channel"]))
    counts = {(row.period, row.channel): shown(row.count, row.status) for row in table.itertuples()}
    series = {words.channel(c): [counts.get((p, c)) for p in periods] for c in channels}
    chart = charts.time_series(
        "timeline",
        gettext("Responses over time, by channel"),
        _timeline_summary(words, data, periods),
        [period_label(p, data["period"]) for p in periods],
        series,
        tick_format=lambda value: number(value, "#,##0"),
        partial={i for i, p in enumerate(periods) if p in partial},
    )
    rows = [
        [_period_name(p, data["period"], p in partial)]
        + [count_text(counts.get((p, c))) for c in channels]
        for p in periods
    ]
    head = [gettext("Period")] + [words.channel(c) for c in channels]
    caption = gettext("Responses per period and channel")
    return chart, Table(caption, head, rows, set(range(1, len(head))))


def _period_name(day, period, partial):
    name = period_label(day, period, long=True)
    return gettext("%(period)s (not complete)", period=name) if partial else name


def _timeline_summary(words, data, periods):
    if data["total"] is None:
        return gettext("Fewer than 10 responses match these filters, so no figures are shown.")
    if not periods:
        return gettext("No response matches these filters yet.")
    channels = data["channels"]
    visible = channels[channels["status"] != SUPPRESSED].sort_values("count", ascending=False)
    summary = gettext(
        "%(total)s responses from %(start)s to %(end)s.",
        total=number(data["total"], "#,##0"),
        start=period_label(periods[0], data["period"], long=True),
        end=period_label(periods[-1], data["period"], long=True),
    )
    if len(visible):
        top = visible.iloc[0]
        summary += " " + gettext(
            "Most came through the channel “%(channel)s” (%(count)s).",
            channel=words.channel(top["channel"]),
            count=number(top["count"], "#,##0"),
        )
    partial = [p for p in periods if p in set(data.get("partial", ()))]
    if partial:
        summary += " " + gettext(
            "Not complete yet or begun part-way, and shaded in the chart: %(periods)s.",
            periods=", ".join(period_label(p, data["period"], long=True) for p in partial),
        )
    return summary


def questions_figure(words, data):
    """Share giving one of the two best answers, per question."""
    table = data["questions"]
    rows = [
        (words.question(row.outcome), [(shown(row.top2, row.status), percent_or_hidden(row))])
        for row in table.itertuples()
    ]
    visible = table[table["top2"].notna()].sort_values("top2")
    summary = gettext("No question has enough answers to show.")
    if len(visible):
        worst, best = visible.iloc[0], visible.iloc[-1]
        summary = gettext(
            "Highest: “%(best)s” (%(best_share)s). Lowest: “%(worst)s” (%(worst_share)s).",
            best=words.outcome(best["outcome"]),
            best_share=percent(best["top2"]),
            worst=words.outcome(worst["outcome"]),
            worst_share=percent(worst["top2"]),
        )
    chart = charts.bar_chart(
        "questions",
        gettext("Share of people giving one of the two best answers, per question"),
        summary,
        rows,
        maximum=1,
    )
    body = [
        [
            words.question(row.outcome),
            count_text(shown(row.n)),
            percent_or_hidden(row),
            number(row.mean, "0.0") if shown(row.mean) is not None else hidden_text(),
        ]
        for row in table.itertuples()
    ]
    head = [gettext("Question"), gettext("Answers"), gettext("Two best answers"), gettext("Mean")]
    return chart, Table(gettext("Answers per question"), head, body, {1, 2, 3})


def percent_or_hidden(row):
    return percent_text(row.top2, row.status)


def distribution_figure(words, data, question):
    """How the answers to one question are spread across its scale."""
    cells = data["ratings"][data["ratings"]["outcome"] == question.code]
    labels = _scale_labels(question)
    rows = [
        (
            labels.get(row.value, str(row.value)),
            [(shown(row.share, row.status), _share_text(row))],
        )
        for row in cells.itertuples()
    ]
    summary_row = data["questions"][data["questions"]["outcome"] == question.code]
    summary = gettext("Too few people answered this question to show how they answered.")
    if len(summary_row) and shown(summary_row.iloc[0]["top2"]) is not None:
        summary = gettext(
            "%(n)s people answered. %(share)s gave one of the two best answers.",
            n=number(summary_row.iloc[0]["n"], "#,##0"),
            share=percent(summary_row.iloc[0]["top2"]),
        )
    chart = charts.bar_chart(
        "distribution",
        gettext("Answers to “%(question)s”", question=words.question(question.code)),
        summary,
        rows,
        maximum=1,
    )
    body = [
        [
            labels.get(row.value, str(row.value)),
            count_text(shown(row.count, row.status)),
            _share_text(row),
        ]
        for row in cells.itertuples()
    ]
    head = [gettext("Answer"), gettext("People"), gettext("Share")]
    return chart, Table(gettext("Answers to this question"), head, body, {1, 2})


def _share_text(row):
    return percent_text(row.share, row.status)


def _scale_labels(question):
    options = localized(question.options).text or []
    return {question.scale_min + i: label for i, label in enumerate(options)}


def participation_figures(words, data):
    """Per dimension: a chart of respondents' and residents' shares, and its table."""
    groups = data["groups"]
    figures = []
    legend = [(gettext("Respondents"), 0), (gettext("Residents"), 1)]
    for dimension, rows in groups.groupby("dimension", sort=False):
        name = words.dimension(dimension)
        bars = [
            (
                words.value(dimension, row.group),
                [
                    (
                        shown(row.share, row.status),
                        _labelled(gettext("Respondents"), row.share, row.status),
                    ),
                    (row.reference_share, _labelled(gettext("Residents"), row.reference_share)),
                ],
            )
            for row in rows.itertuples()
        ]
        score = data["scores"].get(dimension)
        chart = charts.bar_chart(
            f"participation-{dimension}",
            gettext("%(dimension)s: respondents and residents", dimension=name),
            _score_sentence(score),
            bars,
            legend=legend,
        )
        figures.append((name, chart, _participation_table(words, dimension, rows, name)))
    return figures


def _labelled(series, value, status=""):
    return gettext("%(series)s: %(value)s", series=series, value=percent_text(value, status))


def _score_sentence(score):
    if score is None or pd.isna(score):
        return gettext("The participation score R cannot be computed for this dimension.")
    return gettext(
        "Participation score R = %(score)s (1 means every group took part at the same rate).",
        score=number(score, "0.00"),
    )


def _participation_table(words, dimension, rows, name):
    body = [
        [
            words.value(dimension, row.group),
            count_text(shown(row.n, row.status)),
            percent_text(row.share, row.status),
            percent_text(row.reference_share),
            number(shown(row.ratio, row.status), "0.00"),
            q_text(shown(row.q_value, row.status)),
            str(STATUS_LABELS.get(row.status, row.status)),
        ]
        for row in rows.itertuples()
    ]
    head = [
        gettext("Group"),
        gettext("Respondents"),
        gettext("Share of respondents"),
        gettext("Share of residents"),
        gettext("Ratio"),
        gettext("q-value"),
        gettext("Status"),
    ]
    caption = gettext("%(dimension)s: who took part", dimension=name)
    return Table(caption, head, body, {1, 2, 3, 4})
