"""Exports of a service's insights: CSV, XLSX, JSON data package, and the printable report."""

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, g, render_template, request, stream_with_context
from flask_babel import gettext as _

from ..accounts.links import register_service_link
from ..database import utcnow
from ..downloads import attachment
from ..extensions import db
from ..i18n import _l
from ..privacy.audit import record
from . import analyses, exports, response_files
from .blueprint import analyst_page, read_filter, render_page
from .filters import FilterError, parse_filter
from .report import PdfUnavailable, export_bundle, filter_notes, html_to_pdf, pdf_available
from .report_sections import report_context
from .response_rows import WITHHELD, Layout, row_batches

bp = Blueprint("insights_exports", __name__, template_folder="templates")


@dataclass(frozen=True)
class FileFormat:
    label: str
    hint: str
    suffix: str
    mimetype: str
    write: object


FILE_FORMATS = {
    "csv": FileFormat(
        _l("CSV files (zip)"),
        _l("One UTF-8 CSV file per table, and notes.csv, in one zip file."),
        "csv.zip",
        "application/zip",
        exports.csv_zip,
    ),
    "xlsx": FileFormat(
        _l("Excel workbook (XLSX)"),
        _l("A notes sheet, then one sheet per table."),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.xlsx,
    ),
    "json": FileFormat(
        _l("JSON data package (zip)"),
        _l("One JSON file per table, described by a Frictionless datapackage.json."),
        "datapackage.zip",
        "application/zip",
        exports.datapackage_zip,
    ),
}


# The individual responses, one row each; written as they are read (response_files.py).
RESPONSE_FORMATS = {
    "csv": FileFormat(
        _l("Individual responses (CSV)"),
        _l("UTF-8, one line per response, codes as in the other exports."),
        "csv",
        "text/csv",
        response_files.csv_file,
    ),
    "xlsx": FileFormat(
        _l("Individual responses (Excel workbook, XLSX)"),
        _l("One row per response, with headings and answers in words."),
        "xlsx",
        FILE_FORMATS["xlsx"].mimetype,
        response_files.xlsx_file,
    ),
    "json": FileFormat(
        _l("Individual responses (JSON)"),
        _l("One JSON document: notes, field names, then one object per response."),
        "json",
        "application/json",
        response_files.json_file,
    ),
}


def _filter_or_400(service):
    try:
        return parse_filter(request.args, service)
    except FilterError:
        abort(400)


def _record_export(service, insight_filter, file_format, tables=()):
    record(
        "export",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={
            "format": file_format,
            "filters": insight_filter.query_args(),
            "tables": list(tables),
        },
    )
    db.session.commit()


@bp.route("/staff/services/<slug>/exports/")
@analyst_page
def index(service):
    form, insight_filter = read_filter(service)
    return render_page(
        "insights/exports.html",
        service,
        "exports",
        form,
        insight_filter,
        filter_fields=("since", "until", "channel", "kiosk", "question", "dimension"),
        formats=FILE_FORMATS,
        response_formats=RESPONSE_FORMATS,
        filters=filter_notes(service, insight_filter) if insight_filter else (),
        pdf_available=pdf_available(),
        suppress_below=analyses.SUPPRESS_BELOW,
    )


@bp.route("/staff/services/<slug>/exports/<any(csv, xlsx, json):file_format>")
@analyst_page
def download(service, file_format):
    insight_filter = _filter_or_400(service)
    created = utcnow()
    bundle = export_bundle(service, insight_filter, g.user, created)
    chosen = FILE_FORMATS[file_format]
    content = chosen.write(bundle)
    _record_export(service, insight_filter, file_format, (t.name for t in bundle.tables))
    return attachment(content, f"{bundle.name}.{chosen.suffix}", chosen.mimetype)


@bp.route("/staff/services/<slug>/exports/responses.<any(csv, xlsx, json):file_format>")
@analyst_page
def responses(service, file_format):
    """Every matching response, one row each, streamed; audited before the first byte."""
    insight_filter = _filter_or_400(service)
    _record_export(service, insight_filter, file_format, ["responses"])
    layout = Layout.of(service)
    batch_size = current_app.config["EXPORT_BATCH_SIZE"]
    batches = row_batches(service, insight_filter.responses, layout, batch_size=batch_size)
    notes = {
        "service": service.slug,
        "created": utcnow().isoformat(),
        "filters": insight_filter.query_args(),
        "withheld": WITHHELD,
        "suppress_below": analyses.SUPPRESS_BELOW,
    }
    chosen = RESPONSE_FORMATS[file_format]
    content = stream_with_context(chosen.write(layout, batches, notes))
    filename = f"{service.slug}-{utcnow().date().isoformat()}-responses.{chosen.suffix}"
    return attachment(content, filename, chosen.mimetype)


def _report_html(service, insight_filter, *, for_pdf):
    context = report_context(service, insight_filter, utcnow())
    return render_template(
        "insights/report.html",
        **context,
        for_pdf=for_pdf,
        query_args=insight_filter.query_args(),
    )


@bp.route("/staff/services/<slug>/exports/report")
@analyst_page
def report(service):
    insight_filter = _filter_or_400(service)
    page = _report_html(service, insight_filter, for_pdf=False)
    _record_export(service, insight_filter, "html")
    return page


@bp.route("/staff/services/<slug>/exports/report.pdf")
@analyst_page
def report_pdf(service):
    insight_filter = _filter_or_400(service)
    try:
        content = html_to_pdf(_report_html(service, insight_filter, for_pdf=True))
    except PdfUnavailable as error:
        title = _("PDF export is not available on this server")
        advice = _(
            "PDF export is not available on this server: %(reason)s. The other formats work; "
            "an administrator can install WeasyPrint's system libraries (Pango) to enable it.",
            reason=str(error),
        )
        page = render_template("errors/error.html", code=503, title=title, advice=advice)
        return page, 503
    _record_export(service, insight_filter, "pdf")
    filename = f"{service.slug}-{utcnow().date().isoformat()}-report.pdf"
    return attachment(content, filename, "application/pdf")


register_service_link(_l("Export data and report"), "insights_exports.index")
