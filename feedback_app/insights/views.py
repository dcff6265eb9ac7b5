"""Analysts' pages: overview (with live refresh), equity gaps, journey and comment themes."""

from flask import current_app, make_response, render_template, request

from ..accounts.links import register_service_link
from ..i18n import _l
from . import analyses, figures, findings
from .blueprint import STAFF_PREFIX, analysis_page, analyst_page, audit_view, bp, read_filter
from .cache import fingerprint
from .filters import service_questions
from .gap_findings import gap_findings
from .labels import Vocabulary, language_name
from .theme_decisions import named_themes
from .theme_names import language_of_key, name_in_language

register_service_link(_l("Insights: overview"), "insights.overview")
register_service_link(_l("Insights: equity gaps"), "insights.gaps")
register_service_link(_l("Insights: prioritized insights"), "insights.priorities")
# How often an open overview asks whether new responses arrived (config INSIGHTS_LIVE_SECONDS).
LIVE_INTERVAL_SECONDS = 30
OVERVIEW_FIELDS = ("since", "until", "channel", "kiosk", "question")


def overview_context(service, response_filter):
    words = Vocabulary(service)
    data = analyses.overview(service, response_filter)
    timeline_chart, timeline_table = figures.timeline_figure(words, data)
    questions_chart, questions_table = figures.questions_figure(words, data)
    context = {
        "data": data,
        "words": words,
        "timeline": (timeline_chart, timeline_table),
        "questions": (questions_chart, questions_table),
        "etag": fingerprint(service, response_filter),
        "live_interval": current_app.config.get("INSIGHTS_LIVE_SECONDS", LIVE_INTERVAL_SECONDS),
    }
    selected = response_filter.question
    if selected:
        question = next(q for q in service_questions(service) if q.code == selected)
        context["distribution"] = figures.distribution_figure(words, data, question)
    return context


@bp.route(f"{STAFF_PREFIX}/")
@analysis_page("overview", "insights/overview.html", OVERVIEW_FIELDS)
def overview(service, response_filter):
    return overview_context(service, response_filter)


@bp.route(f"{STAFF_PREFIX}/live")
@analyst_page
def overview_live(service):
    """The overview's figures alone, for the page's polling script; 304 when nothing changed."""
    form, response_filter = read_filter(service)
    if response_filter is None:
        return {"errors": form.errors}, 400
    etag = fingerprint(service, response_filter)
    if request.if_none_match.contains(etag):
        return "", 304
    audit_view(service, "overview-refresh", response_filter)
    html = render_template(
        "insights/_overview_figures.html",
        service=service,
        insight_filter=response_filter,
        **overview_context(service, response_filter),
    )
    response = make_response(html)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route(f"{STAFF_PREFIX}/gaps")
@analysis_page(
    "gaps",
    "insights/gaps.html",
    ("since", "until", "channel", "kiosk", "question", "dimension", "weighted"),
)
def gaps(service, response_filter):
    words = Vocabulary(service)
    table = analyses.equity_gaps(service, response_filter)
    _sentences, chart, flagged = findings.gap_figures(words, table)
    return {
        "words": words,
        "findings": gap_findings(words, table),
        "gap_figure": (chart, flagged),
        "weighted": table.attrs.get("weighted", False),
        "effective_n": table.attrs.get("effective_n"),
        "has_reference": analyses.latest_reference(service) is not None,
    }


@bp.route(f"{STAFF_PREFIX}/journey")
@analysis_page("journey", "insights/journey.html")
def journey(service, response_filter):
    words = Vocabulary(service)
    data = analyses.journey(service, response_filter)
    if data["curve"] is None:
        return {"words": words, "data": data}
    return {
        "words": words,
        "data": data,
        "heatmaps": findings.journey_figures(words, data),
        "barriers": findings.barrier_figure(words, data["barriers"]),
        "hardest": findings.hardest_table(words, data["hardest"]),
    }


@bp.route(f"{STAFF_PREFIX}/themes")
@analysis_page("themes", "insights/themes.html")
def themes(service, response_filter):
    words = Vocabulary(service)
    found = analyses.comment_themes(service, response_filter)
    table = named_themes(service, response_filter)
    return {
        "words": words,
        "themes": table,
        "ungrouped": found.attrs.get("ungrouped", 0),
        "sampled": found.attrs["sampled"],
        "comments": found.attrs["comments"],
        "per_language": current_app.config["THEMES_SAMPLE"],
        "language_name": language_name,
        "name_in_language": name_in_language,
        "language_of_key": language_of_key,
        "theme_figure": findings.theme_figures(words, table),
    }


from . import decision_views, participation_views, public_views, theme_views  # noqa: E402, F401
