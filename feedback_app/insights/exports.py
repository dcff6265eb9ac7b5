"""Export writers: named tables, already through disclosure control, as files people reuse.

CSV: a zip with one UTF-8 file per table (with a byte order mark so spreadsheet programs read
Arabic and accents right) and notes.csv. XLSX: a notes sheet, then one sheet per table. JSON: a
zip with one JSON file per table (an array of objects) and a Frictionless datapackage.json
describing each. Text cells that a spreadsheet would run as a formula are neutralised in CSV
and XLSX; numbers stay numbers.
"""

import csv
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# A spreadsheet treats a cell starting with one of these as a formula (OWASP: CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# Column widths in characters: a heading wraps beyond HEADING_WIDTH, text beyond MAX_WIDTH.
MIN_WIDTH, MAX_WIDTH, HEADING_WIDTH, NUMBER_WIDTH = 8, 60, 24, 10


@dataclass(frozen=True)
class Sheet:
    """A table as people read it in a spreadsheet: its columns are headings, its cells
    labels and numbers; `formats` maps a heading to the number format of its column."""

    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExportTable:
    """One table of an export; `name` names its file, sheet and data-package resource.

    `frame` holds codes, for CSV and JSON; `sheet`, when given, is what the XLSX shows.
    """

    name: str
    title: str
    frame: pd.DataFrame
    description: str = ""
    sheet: Sheet | None = None

    def __post_init__(self):
        if not RESOURCE_NAME.match(self.name):
            raise ValueError(f"Export table names are lowercase file names, not {self.name!r}")


@dataclass(frozen=True)
class ExportBundle:
    """What one export holds: its tables and the notes that say where they come from."""

    name: str
    title: str
    tables: tuple[ExportTable, ...]
    # (label, value) pairs: provenance, filters, thresholds, method notes.
    notes: tuple[tuple[str, str], ...] = field(default=())
    notes_title: str = "Notes"
    # The XLSX notes sheet's headings, for people; notes.csv keeps "note" and "value".
    notes_heads: tuple[str, str] = ("note", "value")
    created: datetime | None = None
    right_to_left: bool = False


def neutralise(value):
    """Prefix a text that a spreadsheet would run as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def plain_value(value):
    """A Python scalar for one cell: None for missing, lists joined, numpy types unwrapped."""
    if isinstance(value, list | tuple | set):
        return "; ".join(str(item) for item in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def rows(frame):
    """The table's rows as lists of plain values."""
    return [[plain_value(value) for value in row] for row in frame.itertuples(index=False)]


def field_type(series):
    """The Table Schema type of a column."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(series.dtype):
        return "integer"
    if pd.api.types.is_numeric_dtype(series.dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return "datetime"
    return "string"


def _csv_text(header, body):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(str(name)) for name in header])
    for row in body:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value) if isinstance(value, str) else value


def csv_zip(bundle):
    """A zip of <table>.csv files plus notes.csv."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.csv", _csv_text(("note", "value"), bundle.notes))
        for table in bundle.tables:
            archive.writestr(f"{table.name}.csv", _csv_text(table.frame.columns, rows(table.frame)))
    return buffer.getvalue()


def sheet_title(title, taken):
    """A sheet name Excel accepts, unique (case-insensitively) among `taken`, which it joins."""
    base = SHEET_TITLE_FORBIDDEN.sub(" ", str(title)).strip()[:SHEET_TITLE_MAX] or "table"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[: SHEET_TITLE_MAX - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def xlsx_cell(value):
    """One XLSX cell: text without the characters XML refuses, never read as a formula."""
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _write_sheet(sheet, header, body, formats=None):
    """Bold frozen headings, text never read as a formula, number formats, fitted widths."""
    bold = Font(bold=True)
    sheet.append([xlsx_cell(str(name)) for name in header])
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in body:
        sheet.append([xlsx_cell(value) for value in row])
    number_formats = [(formats or {}).get(str(name)) for name in header]
    for row in sheet.iter_rows(min_row=2):
        for cell, number_format in zip(row, number_formats, strict=True):
            # openpyxl reads any text starting with "=" as a formula; neutralised text is text.
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif number_format and isinstance(cell.value, int | float):
                cell.number_format = number_format
    _fit_columns(sheet, header, body)
    sheet.freeze_panes = "A2"


def _fit_columns(sheet, header, body):
    """Each column as wide as its longest cell, within bounds; longer text wraps."""
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(header):
        longest = max(
            [_shown_length(row[index]) for row in body] + [min(len(str(name)), HEADING_WIDTH)]
        )
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = min(max(longest, MIN_WIDTH), MAX_WIDTH) + 2
        if longest > MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.alignment = wrap


def _shown_length(value):
    if value is None:
        return 0
    if isinstance(value, float):
        return NUMBER_WIDTH
    return len(str(value))


def xlsx(bundle):
    """A workbook: the notes sheet first, then one sheet per table (its `sheet` if any)."""
    workbook = Workbook()
    taken = set()
    notes = workbook.active
    notes.title = sheet_title(bundle.notes_title, taken)
    _write_sheet(notes, bundle.notes_heads, bundle.notes)
    for table in bundle.tables:
        sheet = workbook.create_sheet(sheet_title(table.title, taken))
        shown = table.sheet or Sheet(table.frame)
        _write_sheet(sheet, shown.frame.columns, rows(shown.frame), shown.formats)
    for sheet in workbook.worksheets:
        sheet.sheet_view.rightToLeft = bundle.right_to_left
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def datapackage(bundle):
    """The Frictionless Data Package descriptor of the JSON files."""
    descriptor = {
        "name": bundle.name,
        "title": bundle.title,
        "description": "\n".join(f"{label}: {value}" for label, value in bundle.notes),
        "profile": "tabular-data-package",
        "resources": [_resource(table) for table in bundle.tables],
    }
    if bundle.created:
        descriptor["created"] = bundle.created.isoformat()
    return descriptor


def _resource(table):
    return {
        "name": table.name,
        "path": f"{table.name}.json",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "schema": {
            "fields": [
                {"name": str(column), "type": field_type(table.frame[column])}
                for column in table.frame.columns
            ],
            "missingValues": [""],
        },
    }


def table_records(table):
    """The table as a list of {column: value} objects, missing values as null."""
    columns = [str(column) for column in table.frame.columns]
    return [dict(zip(columns, row, strict=True)) for row in rows(table.frame)]


def datapackage_zip(bundle):
    """A zip of datapackage.json and one <table>.json per table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", _json_bytes(datapackage(bundle)))
        for table in bundle.tables:
            archive.writestr(f"{table.name}.json", _json_bytes(table_records(table)))
    return buffer.getvalue()


def _json_bytes(document):
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
