"""The export of individual responses as files, each written batch by batch as it is read.

CSV: UTF-8 with a byte order mark, codes as in the aggregate exports, a stage's barriers joined
with "; ". JSON: one document, {"notes": {...}, "fields": [...], "responses": [{...}, ...]},
streamed a batch at a time (not JSON Lines: one document opens in any JSON reader). XLSX, for
people: headings, channels, groups and barriers in the reader's language, built in a write-only
workbook on a temporary file (a new sheet whenever one reaches Excel's row limit), then sent in
chunks. In CSV and XLSX a text that a spreadsheet would run as a formula is neutralised.
"""

import csv
import io
import json
import tempfile
from datetime import date

from flask_babel import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..i18n import current_language, localized
from .exports import neutralise, plain_value, sheet_title, xlsx_cell
from .filters import DIMENSION_LABELS
from .frames import SEGMENTS
from .labels import Vocabulary, language_name
from .response_rows import BARRIERS_PREFIX, WITHHELD

# Rows in one Excel sheet, its heading included.
EXCEL_ROWS = 1_048_576
CHUNK_BYTES = 64 * 1024


def csv_file(layout, batches, notes):
    """CSV text, one chunk per batch; `notes` live in the documentation, not in the file."""
    yield "\ufeff" + _csv_lines([layout.columns])
    for batch in batches:
        yield _csv_lines(batch)


def _csv_lines(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_csv_value(value) for value in row] for row in rows)
    return buffer.getvalue()


def _csv_value(value):
    """exports.csv_cell for the few types a row holds, checked in the order they are common
    (exports.plain_value tries every type a DataFrame holds: a million rows notice)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        value = "; ".join(value)
    elif isinstance(value, date):
        return value.isoformat()
    return neutralise(value)


def json_file(layout, batches, notes):
    """One JSON document: the notes, the field names, then the responses as objects."""
    columns = layout.columns
    head = json.dumps({"notes": notes, "fields": columns}, ensure_ascii=False)
    # The head's closing brace is left off: the array of responses goes inside it.
    yield head[:-1] + ', "responses": ['
    separator = "\n"
    for batch in batches:
        objects = (dict(zip(columns, map(_json_value, row), strict=True)) for row in batch)
        text = ",\n".join(json.dumps(item, ensure_ascii=False) for item in objects)
        if text:
            yield separator + text
            separator = ",\n"
    yield "\n]}\n"


def _json_value(value):
    return value.isoformat() if isinstance(value, date) else value


def xlsx_file(layout, batches, notes, *, rows_per_sheet=EXCEL_ROWS):
    """A workbook of one sheet (more past Excel's row limit), built on disk, sent in chunks."""
    workbook = Workbook(write_only=True)
    heads = headings(layout)
    title, taken = gettext("Responses"), set()
    sheet, used = None, rows_per_sheet
    converters = _converters(layout)
    for batch in batches:
        for row in batch:
            if used == rows_per_sheet:
                sheet, used = _new_sheet(workbook, sheet_title(title, taken), heads), 1
            sheet.append([xlsx_cell(plain_value(value)) for value in _for_people(converters, row)])
            used += 1
    if sheet is None:
        _new_sheet(workbook, sheet_title(title, taken), heads)
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk


def _new_sheet(workbook, title, heads):
    sheet = workbook.create_sheet(title)
    sheet.sheet_view.rightToLeft = current_language().direction == "rtl"
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = [WriteOnlyCell(sheet, value=xlsx_cell(head)) for head in heads]
    for cell in cells:
        cell.font = bold
    sheet.append(cells)
    return sheet


def headings(layout):
    """The columns named for people, in the reader's language."""
    fixed = {
        "response_id": gettext("Response number"),
        "day": gettext("Day"),
        "channel": gettext("Channel"),
        "kiosk": gettext("Kiosk or location"),
        "language": gettext("Language"),
        **{segment: str(DIMENSION_LABELS[segment]) for segment in SEGMENTS},
    }
    heads = [fixed[column] for column in fixed]
    heads += [localized(q.texts).text or q.code for q in layout.questions]
    for stage in layout.stages:
        name = localized(stage.texts).text or stage.code
        heads.append(gettext("%(stage)s: how it felt, from -2 to +2", stage=name))
        heads.append(gettext("%(stage)s: barriers met", stage=name))
    return heads


def _converters(layout):
    """(column index, into words) for the columns whose codes people read as words."""
    converters = {
        "channel": Vocabulary.channel,
        "language": language_name,
        **{segment: _group_value(segment) for segment in SEGMENTS},
    }
    found = []
    for index, column in enumerate(layout.columns):
        if column.startswith(BARRIERS_PREFIX):
            found.append((index, _barriers))
        elif column in converters:
            found.append((index, converters[column]))
    return found


def _group_value(segment):
    def in_words(value):
        return gettext("Withheld") if value == WITHHELD else Vocabulary.value(segment, value)

    return in_words


def _barriers(codes):
    return [Vocabulary.barrier(code) for code in codes]


def _for_people(converters, row):
    """The row with channel, language, groups and barriers in words; numbers stay numbers."""
    shown = list(row)
    for index, in_words in converters:
        if shown[index] is not None:
            shown[index] = in_words(shown[index])
    return shown
