"""Is a fetched surface (page, JSON, CSV, XLSX, PDF, zip of them) free of executable markup?

Each check returns how many times the surface shows a payload, so a sweep can tell surfaces that
show the hostile text (and proved it inert) from those that do not show it at all.
"""

import csv
import io
import json
import zipfile

from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader

from .payloads import (
    DIRECTION_CONTROLS,
    EVALUATED,
    FORMULA_TRIGGERS,
    ISOLATING,
    MARK,
    URL_ATTRIBUTES,
)


def html_problems(markup):
    """What in an HTML document could run: handlers, inline scripts, javascript: URLs,
    template output, direction controls leaking into the text around them."""
    page = BeautifulSoup(markup, "html.parser")
    problems = []
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                problems.append(f"<{element.name} {name}=…>")
            if name.lower() in URL_ATTRIBUTES and _scheme(value) in ("javascript", "data"):
                problems.append(f"<{element.name} {name}={value!r}>")
        if element.name == "script" and not element.get("src"):
            problems.append(f"inline <script>{element.get_text()[:40]}")
    for text in page.find_all(string=DIRECTION_CONTROLS):
        if not _isolated(text):
            problems.append(f"direction control outside an isolate: {text.parent.name}")
    if EVALUATED.search(page.get_text()):
        problems.append("a template evaluated the payload")
    return problems


def _scheme(value):
    cleaned = "".join(ch for ch in value if ch > " ").lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def _isolated(text):
    """The text node is the whole of a <bdi> (or a form control's value), or of an element
    that sets its own direction, so whatever it reorders stays inside it."""
    parent = text.parent
    if parent.name in ISOLATING:
        return True
    return bool(parent.get("dir")) and parent.name not in ("html", "body")


def shown(text):
    return text.count(MARK) // 2


def check_html(body):
    problems = html_problems(body)
    assert not problems, problems
    return shown(BeautifulSoup(body, "html.parser").get_text())


def check_json(body):
    document = json.loads(body)
    text = json.dumps(document, ensure_ascii=False)
    assert not EVALUATED.search(text), "a template evaluated the payload"
    return shown(text)


def check_pdf(body):
    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    assert not EVALUATED.search(text), "a template evaluated the payload"
    return shown(text)


def check_xlsx(body):
    workbook = load_workbook(io.BytesIO(body))
    found = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type != "f", f"a formula in {sheet.title}!{cell.coordinate}"
                    assert not _formula(cell.value), f"{sheet.title}!{cell.coordinate}"
                    found += shown(cell.value)
    return found


def check_zip(body):
    found = 0
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            found += check_json(content) if name.endswith(".json") else check_csv(content)
    return found


def _formula(text):
    """Text a spreadsheet would run: a trigger first, and not simply a number like -1.5."""
    if not text.startswith(FORMULA_TRIGGERS):
        return False
    try:
        float(text)
    except ValueError:
        return True
    return False


def check_csv(body):
    """Every cell of a CSV file, as a spreadsheet program would split it, is inert."""
    text = body.decode("utf-8-sig")
    assert not EVALUATED.search(text), "a template evaluated the payload"
    formulas = [cell for row in csv.reader(io.StringIO(text)) for cell in row if _formula(cell)]
    assert not formulas, f"cells a spreadsheet would run: {formulas[:3]}"
    return shown(text)


def check(response):
    """Dispatch on what the response says it is; every kind the app serves has a check."""
    kind = response.mimetype
    body = response.get_data()
    if kind == "text/html":
        return check_html(body.decode())
    if kind.endswith("json"):
        assert response.headers.get("X-Content-Type-Options") == "nosniff"
        return check_json(body)
    if kind == "application/pdf":
        return check_pdf(body)
    if kind == "application/zip":
        return check_zip(body)
    if kind.endswith("spreadsheetml.sheet"):
        return check_xlsx(body)
    if kind == "text/csv":
        return check_csv(body)
    if kind in ("image/svg+xml", "text/plain", "text/javascript"):
        text = body.decode("utf-8-sig")
        assert not EVALUATED.search(text)
        return shown(text)
    raise AssertionError(f"no check for {kind}")
