"""What the exports and the printable report hold, and the report as PDF.

Every table comes from `analyses`, so it went through the same disclosure control as the
pages. WeasyPrint needs Pango and HarfBuzz from the operating system: a server without them
still serves every other export, and asking for the PDF raises PdfUnavailable with the reason.
"""

import importlib

from flask_babel import format_percent
from flask_babel import gettext as _

from analysis import INSIGHT_COLUMNS

from ..config import PROJECT_DIR
from ..i18n import current_language, localized
from . import analyses, sheets
from .exports import ExportBundle, ExportTable
from .filters import CHANNEL_LABELS, DIMENSION_LABELS, kiosk_choices
from .labels import Vocabulary

PRINT_STYLESHEETS = tuple(
    PROJECT_DIR / "static" / "css" / name for name in ("app.css", "insights.css", "print.css")
)
PDF_VARIANT = "pdf/ua-1"
# Designers' notes and texts stay in the app: exports carry the finding and its status.
INSIGHT_EXPORT_COLUMNS = (
    *(c for c in INSIGHT_COLUMNS if c not in ("reason_key", "reason_params")),
    "status",
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint, or a system library it needs, is missing on this server."""


def _table(words, name, title, frame, description, columns=None):
    """An export table: the codes for CSV and JSON, and labelled for the XLSX sheet."""
    codes = frame if columns is None else frame[[c for c in columns if c in frame.columns]]
    return ExportTable(name, title, codes, description, sheets.sheet(words, frame, columns))


def export_tables(service, insight_filter):
    """The tables of an export, in reading order, each as disclosure control left it."""
    words = Vocabulary(service)
    seen = analyses.overview(service, insight_filter)
    walked = analyses.journey(service, insight_filter)
    participated = analyses.participation(service, insight_filter)
    ranked = analyses.ranked_insights(service, insight_filter)
    tables = [
        _table(
            words,
            "insights",
            _("Prioritized insights"),
            ranked,
            _("Findings ranked by priority, with the designers' decision on each."),
            INSIGHT_EXPORT_COLUMNS,
        ),
        _table(
            words,
            "equity_gaps",
            _("Equity gaps"),
            analyses.equity_gaps(service, insight_filter).drop(columns=["dimensions"]),
            _("Each group compared with everyone else, for each question."),
        ),
        _table(
            words,
            "responses_over_time",
            _("Responses over time"),
            seen["timeline"],
            _("Responses per period and channel."),
        ),
        _table(
            words, "questions", _("Questions"), seen["questions"], _("Mean and share satisfied.")
        ),
        _table(
            words,
            "rating_distribution",
            _("Rating distribution"),
            seen["ratings"],
            _("Responses per question and rating."),
        ),
    ]
    tables.append(
        _table(
            words,
            "outreach",
            _("Whom to reach next"),
            analyses.outreach(service, insight_filter),
            _("More responses each group needs to test a small gap, and what reached it most."),
        )
    )
    if participated is not None:
        tables.append(
            _table(
                words,
                "participation",
                _("Who took part"),
                participated["groups"],
                _(
                    "Respondents against the reference population “%(name)s”.",
                    name=participated["reference"].name,
                ),
            )
        )
    if walked["curve"] is not None:  # None: the service has no journey
        tables += [
            _table(
                words,
                "journey",
                _("Journey"),
                walked["curve"],
                _("Emotion (-2 to +2) and barriers per stage, for everyone and each group."),
            ),
            _table(
                words,
                "journey_barriers",
                _("Barriers per stage"),
                walked["barriers"],
                _("Share of people who met each barrier at each stage."),
            ),
        ]
    themes = analyses.comment_themes(service, insight_filter)
    tables.append(
        ExportTable(
            "themes",
            _("Themes in comments"),
            themes,
            _("Themes found in comments, with their share overall and by group."),
            sheets.theme_sheet(words, themes),
        )
    )
    return tuple(tables)


def filter_notes(service, insight_filter):
    """The filters in words, as (label, value) pairs."""
    every = _("All")
    channels = ", ".join(str(CHANNEL_LABELS.get(c, c)) for c in insight_filter.channels)
    places = dict(kiosk_choices(service))
    kiosks = ", ".join(str(places.get(str(k), k)) for k in insight_filter.kiosks)
    args = insight_filter.query_args()
    return (
        (_("From"), args.get("since", every)),
        (_("To"), args.get("until", every)),
        (_("Channels"), channels or every),
        (_("Kiosk or location"), kiosks or every),
        (_("Question"), insight_filter.question or every),
        (_("Dimension"), str(DIMENSION_LABELS.get(insight_filter.dimension, every))),
    )


def method_notes():
    """Thresholds and how the numbers were made, as (label, value) pairs."""
    return (
        (_("Smallest group shown"), str(analyses.SUPPRESS_BELOW)),
        (_("Smallest group tested"), str(analyses.MIN_N_TEST)),
        (
            _("Disclosure control"),
            _(
                "Cells describing fewer than %(n)d people, and enough other cells to protect "
                "them, have no numbers and the status “%(status)s” (“suppressed” in CSV and "
                "JSON).",
                n=analyses.SUPPRESS_BELOW,
                status=sheets.STATUS_WORDS["suppressed"],
            ),
        ),
        (
            _("Equity gaps"),
            _(
                "Each group is compared with everyone else who answered: Mann-Whitney U test, "
                "Cliff's delta as the effect size, Benjamini-Hochberg q-values (false "
                "discovery rate %(fdr)s); a gap needs q < 0.05 and |delta| of at least 0.147.",
                fdr=format_percent(0.05),
            ),
        ),
        (
            _("Shares"),
            _(
                "“%(top2)s” is the share of people who gave one of the two best ratings. The "
                "spreadsheet shows shares as percentages; CSV and JSON as fractions between 0 "
                "and 1, in columns named with codes (“top2” for this one).",
                top2=sheets.COLUMNS["top2"][0],
            ),
        ),
    )


def export_notes(service, insight_filter, user, created):
    """Provenance, filters, thresholds and method notes, as (label, value) pairs."""
    provenance = (
        (_("Service"), f"{localized(service.name)} ({service.slug})"),
        (_("Exported by"), user.display_name),
        (_("Exported at"), created.isoformat(timespec="seconds")),
        (_("Source"), "Ensemble"),
    )
    return provenance + filter_notes(service, insight_filter) + method_notes()


def export_bundle(service, insight_filter, user, created):
    slug_date = created.date().isoformat()
    return ExportBundle(
        name=f"{service.slug}-{slug_date}",
        title=_("%(service)s: insights", service=localized(service.name)),
        tables=export_tables(service, insight_filter),
        notes=export_notes(service, insight_filter, user, created),
        notes_title=_("Notes"),
        notes_heads=(_("Note"), _("Value")),
        created=created,
        right_to_left=current_language().direction == "rtl",
    )


def _weasyprint():
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as error:  # OSError: a shared library failed to load.
        raise PdfUnavailable(str(error).splitlines()[0] if str(error) else repr(error)) from error


def pdf_available():
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def html_to_pdf(html):
    """The PDF of a self-contained report page, tagged (PDF/UA-1) in the page's language.

    Nothing is fetched while rendering (no file, no network): the page's charts are inline SVG
    and the stylesheets are read here, so a crafted text in the data cannot make the server
    read a local file or call another host.
    """
    weasyprint = _weasyprint()
    fetch_nothing = weasyprint.URLFetcher(allowed_protocols=())
    stylesheets = [
        weasyprint.CSS(filename=str(path), url_fetcher=fetch_nothing) for path in PRINT_STYLESHEETS
    ]
    document = weasyprint.HTML(string=html, url_fetcher=fetch_nothing, media_type="print")
    # PDF/UA-1: a tagged PDF (headings, lists, tables, reading order) for screen readers.
    return document.write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
