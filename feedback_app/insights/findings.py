"""Charts, tables and sentences for equity gaps, the journey and comment themes."""

import pandas as pd
from flask_babel import gettext
from markupsafe import Markup

from ..i18n import current_language
from . import charts, heatmaps
from .figures import Table, count_text, hidden_text, percent_text, shown
from .labels import (
    SEVERITY_LABELS,
    STATUS_LABELS,
    gap_sentence,
    language_name,
    number,
    q_text,
    signed,
)
from .labels import parts as segment_parts
from .theme_names import introduced_name, name_in_language

SUPPRESSED = "suppressed"


def gap_figures(words, table):
    """Flagged gaps: one sentence each, a chart of group against everyone else, a table."""
    flagged = table[table["status"] == "gap"]
    sentences = [(row, gap_sentence(words, row)) for _, row in flagged.iterrows()]
    rows = [
        (
            gettext(
                "%(group)s — %(outcome)s",
                group=words.group(row.segment),
                outcome=words.outcome(row.outcome),
            ),
            [
                (row.top2, gettext("This group: %(share)s", share=percent_text(row.top2))),
                (
                    row.rest_top2,
                    gettext("Everyone else: %(share)s", share=percent_text(row.rest_top2)),
                ),
            ],
        )
        for row in flagged.itertuples()
    ]
    chart = charts.bar_chart(
        "gaps",
        gettext("Share giving one of the two best answers: each group against everyone else"),
        _gaps_summary(table),
        rows,
        maximum=1,
        legend=[(gettext("This group"), 0), (gettext("Everyone else"), 1)],
    )
    return sentences, chart, _gaps_table(words, flagged)


def _gaps_summary(table):
    counts = table["status"].value_counts()
    return gettext(
        "%(tested)s comparisons: %(gaps)s gaps flagged, %(hidden)s hidden because a group "
        "had fewer than 10 people, %(small)s too small to test.",
        tested=number(len(table), "#,##0"),
        gaps=number(counts.get("gap", 0), "#,##0"),
        hidden=number(counts.get(SUPPRESSED, 0), "#,##0"),
        small=number(counts.get("insufficient n", 0), "#,##0"),
    )


def _gaps_table(words, flagged):
    body = [
        [
            number(row.priority, "#,##0"),
            words.group(row.segment),
            words.question(row.outcome),
            count_text(row.n),
            percent_text(row.top2),
            gettext(
                "%(low)s to %(high)s",
                low=percent_text(row.top2_ci_low),
                high=percent_text(row.top2_ci_high),
            ),
            percent_text(row.rest_top2),
            signed(row.effect),
            q_text(row.q_value),
            str(SEVERITY_LABELS.get(row.severity, row.severity)),
        ]
        for row in flagged.itertuples()
    ]
    head = [
        gettext("Priority"),
        gettext("Group"),
        gettext("Question"),
        gettext("People"),
        gettext("Two best answers"),
        gettext("%(level)s confidence interval", level=percent_text(0.95)),
        gettext("Everyone else"),
        gettext("Effect (Cliff's delta)"),
        gettext("q-value"),
        gettext("Size"),
    ]
    return Table(gettext("Flagged equity gaps"), head, body, {0, 3, 4, 6, 7, 8})


def journey_figures(words, data):
    """Per dimension, a heatmap of mean feeling (stages × groups) and its table."""
    curve, stages = data["curve"], data["stages"]
    columns = [(s.code, words.stage(s.code)) for s in stages]
    overall = curve[curve["order"] == 0]
    figures = []
    for dimension in dict.fromkeys(
        d for segment in curve["segment"] for d, _ in segment_parts(segment)
    ):
        groups = curve[curve["segment"].str.startswith(f"{dimension}=")]
        both = pd.concat([overall, groups])
        labels = {"all": gettext("Everyone")}
        labels.update({s: words.value(dimension, s.split("=", 1)[1]) for s in groups["segment"]})
        values = {
            (row.segment, row.stage): shown(row.mean, row.status) for row in both.itertuples()
        }
        gaps = {(row.segment, row.stage) for row in groups.itertuples() if row.status == "gap"}
        name = words.dimension(dimension)
        chart = heatmaps.heatmap(
            f"journey-{dimension}",
            gettext("How people felt at each stage, by %(dimension)s", dimension=name.lower()),
            _hardest_summary(words, data["hardest"], dimension),
            columns,
            list(labels.items()),
            values,
            value_text=lambda value: signed(round(value, 1) + 0.0, 1),  # no "−0.0"
            marked=gaps,
            right_to_left=current_language().direction == "rtl",
        )
        figures.append((name, chart, _journey_table(words, stages, labels, values, gaps, name)))
    return figures


def _hardest_summary(words, hardest, dimension):
    """Which stage is hardest for most groups of a dimension, and the exceptions."""
    rows = hardest[hardest["segment"].str.startswith(f"{dimension}=")]
    if rows.empty:
        return gettext("No group is large enough to show.")
    by_stage = rows.groupby("stage", sort=False)["segment"].apply(list)
    common = by_stage.map(len).idxmax()
    sentences = [
        gettext(
            "The hardest stage is “%(stage)s” for %(count)s of %(total)s groups.",
            stage=words.stage(common),
            count=number(len(by_stage[common]), "#,##0"),
            total=number(len(rows), "#,##0"),
        )
    ]
    sentences += [
        gettext(
            "For %(groups)s: “%(stage)s”.",
            groups=", ".join(words.value(dimension, s.split("=", 1)[1]) for s in segments),
            stage=words.stage(stage),
        )
        for stage, segments in by_stage.items()
        if stage != common
    ]
    return " ".join(sentences)


def _journey_table(words, stages, labels, values, gaps, name):
    def cell(segment, stage):
        value = values.get((segment, stage))
        if value is None:
            return hidden_text()
        if (segment, stage) in gaps:
            return gettext("%(value)s (gap)", value=signed(value))
        return signed(value)

    body = [[label] + [cell(segment, s.code) for s in stages] for segment, label in labels.items()]
    head = [gettext("Group")] + [words.stage(s.code) for s in stages]
    caption = gettext(
        "Mean feeling per stage (−2 very bad to +2 very good): %(dimension)s", dimension=name
    )
    return Table(caption, head, body, set(range(1, len(head))))


def hardest_table(words, hardest):
    body = [
        [
            words.group(row.segment),
            words.stage(row.stage),
            signed(row.mean),
            str(STATUS_LABELS.get(row.status, row.status)),
        ]
        for row in hardest.itertuples()
    ]
    head = [gettext("Group"), gettext("Hardest stage"), gettext("Mean feeling"), gettext("Test")]
    return Table(gettext("The stage where each group struggles most"), head, body, {2})


def barrier_figure(words, barriers):
    """Share of everyone who went through a stage reporting each barrier."""
    rows = [
        (
            gettext(
                "%(stage)s: %(barrier)s",
                stage=words.stage(row.stage),
                barrier=words.barrier(row.barrier),
            ),
            [(row.share, percent_text(row.share))],
        )
        for row in barriers.itertuples()
    ]
    summary = gettext("Nobody reported a barrier.")
    if len(barriers):
        top = barriers.sort_values("share").iloc[-1]
        summary = gettext(
            "The most reported barrier is “%(barrier)s” at the “%(stage)s” stage (%(share)s).",
            barrier=words.barrier(top["barrier"]),
            stage=words.stage(top["stage"]),
            share=percent_text(top["share"]),
        )
    chart = charts.bar_chart(
        "barriers", gettext("Barriers reported at each stage"), summary, rows, maximum=1
    )
    body = [[row[0], row[1][0][1]] for row in rows]
    table = Table(
        gettext("Barriers per stage"), [gettext("Stage and barrier"), gettext("Share")], body, {1}
    )
    return chart, table


def theme_figures(words, themes):
    """A chart of how common each theme is, and a table of its share per group; each theme's
    name is marked with its language and introduced by that language's name."""
    # The analysis's names are in their comments' language; an analyst's, in none known.
    languages = list(themes.get("label_language", themes.get("language", [])))
    names = [
        introduced_name(label, language)
        for label, language in zip(themes.get("label", []), languages, strict=True)
    ]
    rows = [
        (name, [(row.share, percent_text(row.share))])
        for name, row in zip(names, themes.itertuples(), strict=True)
    ]
    summary = gettext("Too few comments to find themes.")
    if len(themes):
        top = themes.iloc[0]
        summary = Markup(
            gettext(
                "%(count)s themes. The most common, in %(language)s, “%(name)s”, covers "
                "%(share)s of comments."
            )
        ) % {
            "count": number(len(themes), "#,##0"),
            "language": language_name(top["language"]),
            "name": name_in_language(top["label"], languages[0]),
            "share": percent_text(top["share"]),
        }
    chart = charts.bar_chart(
        "themes", gettext("Share of comments in each theme"), summary, rows, maximum=1
    )
    share_columns = [c for c in themes.columns if c.startswith("share:")]
    body = [
        [words.group(column.split(":", 1)[1])]
        + [percent_text(theme[column]) for _, theme in themes.iterrows()]
        for column in share_columns
    ]
    head = [gettext("Group"), *names]
    table = Table(
        gettext("Share of each group's comments in each theme"),
        head,
        body,
        set(range(1, len(head))),
    )
    return chart, table
