"""The printable report's content: the analysts' pages' own charts, tables and sentences.

The figures come from `figures` and `findings`, exactly as the pages draw them, so the report
and the pages can never disagree; only their order and the titles of the sections are here.
"""

from flask_babel import format_datetime
from flask_babel import gettext as _

from . import analyses, figures, findings
from .decision_views import item as insight_item
from .labels import Vocabulary
from .report import filter_notes, method_notes

TOP_INSIGHTS = 20


def _section(id_, title, *, figures_=(), tables=(), sentences=(), empty=None):
    return {
        "id": id_,
        "title": title,
        "figures": list(figures_),
        "tables": list(tables),
        "sentences": list(sentences),
        "empty": empty,
    }


def _overview_section(words, service, insight_filter):
    data = analyses.overview(service, insight_filter)
    return _section(
        "responses",
        _("Responses and ratings"),
        figures_=[figures.timeline_figure(words, data), figures.questions_figure(words, data)],
    )


def _gaps_section(words, service, insight_filter):
    sentences, chart, table = findings.gap_figures(
        words, analyses.equity_gaps(service, insight_filter)
    )
    if not sentences:
        return _section("gaps", _("Equity gaps"), empty=_("No gap is flagged for these filters."))
    return _section(
        "gaps",
        _("Equity gaps"),
        sentences=[sentence for _row, sentence in sentences],
        figures_=[(chart, table)],
    )


def _participation_section(words, service, insight_filter):
    data = analyses.participation(service, insight_filter)
    if data is None:
        return _section(
            "participation",
            _("Who took part"),
            empty=_("No reference population has been uploaded for this service."),
        )
    found = figures.participation_figures(words, data)
    return _section("participation", _("Who took part"), figures_=[(c, t) for _n, c, t in found])


def _journey_section(words, service, insight_filter):
    data = analyses.journey(service, insight_filter)
    if data["curve"] is None or not len(data["curve"]):
        return _section("journey", _("Journey"), empty=_("No journey data for these filters."))
    heatmaps = [(chart, table) for _name, chart, table in findings.journey_figures(words, data)]
    return _section(
        "journey",
        _("Journey"),
        figures_=[*heatmaps, findings.barrier_figure(words, data["barriers"])],
        tables=[findings.hardest_table(words, data["hardest"])],
    )


def _themes_section(words, service, insight_filter):
    found = analyses.comment_themes(service, insight_filter)
    if not len(found):
        return _section(
            "themes",
            _("Themes in comments"),
            empty=_("There are too few comments to find themes for these filters."),
        )
    return _section(
        "themes", _("Themes in comments"), figures_=[findings.theme_figures(words, found)]
    )


def sections(service, insight_filter):
    """The report's sections after the prioritized insights, in reading order."""
    words = Vocabulary(service)
    return [
        build(words, service, insight_filter)
        for build in (
            _gaps_section,
            _participation_section,
            _journey_section,
            _themes_section,
            _overview_section,
        )
    ]


def top_insights(service, insight_filter):
    """The highest-ranked insights, as the prioritized insights page words them."""
    words = Vocabulary(service)
    ranked = analyses.ranked_insights(service, insight_filter)
    ranked = ranked[ranked["rank"].notna()].head(TOP_INSIGHTS)
    return [insight_item(words, row) for row in ranked.to_dict("records")]


def report_context(service, insight_filter, created):
    """Everything report.html shows.

    With 1 to 9 responses the total is hidden (None) and the report says only that there are
    too few to show: every figure would be suppressed anyway.
    """
    total = analyses.overview(service, insight_filter)["total"]
    too_few = total is None
    return {
        "service": service,
        "created_label": format_datetime(created, "medium"),
        "total": total,
        "filters": filter_notes(service, insight_filter),
        "insights": [] if too_few else top_insights(service, insight_filter),
        "sections": [] if too_few else sections(service, insight_filter),
        "method_notes": method_notes(),
        "suppress_below": analyses.SUPPRESS_BELOW,
    }
