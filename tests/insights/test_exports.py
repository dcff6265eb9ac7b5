"""Exports, each opened with its own reader: no suppressed number, no live formula, all audited."""

import csv
import io
import json
import os
import re
import sys
import zipfile

import pandas as pd
import pytest
from frictionless import validate
from openpyxl import load_workbook
from pypdf import PdfReader

from feedback_app.insights import report, sheets
from feedback_app.insights.labels import KIND_LABELS, Vocabulary
from tests.api.helpers import REFERENCE_ROWS, audit_actions, seed_small
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in

EXPORTS = "/staff/services/home-support/exports"
ROUTES = ["/", "/csv", "/xlsx", "/json", "/report", "/report.pdf"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INJECTED = [row["group"] for row in REFERENCE_ROWS if row["group"].startswith(("=", "@"))]
# Columns that hold a count or a statistic of a group: empty whenever the row is suppressed.
NUMBERS = {"n", "count", "mean", "top2", "share", "effect", "q_value", "ratio", "rest_top2"}


@pytest.fixture
def analyst(make_user, partner):
    return make_user("analyst@example.org", organisation=partner, role="analyst")


@pytest.fixture
def signed_in(client, service, analyst):
    """The analyst, signed in, with a small sample of the demo responses."""
    seed_small(service)
    sign_in(client, analyst.email)
    return client


def _describes_people(row):
    """Rows about a group of people; a theme counts comments and has no demographics."""
    return row.get("kind") != "theme" and "top_terms" not in row


def _assert_tables_safe(tables):
    """Each table: suppressed rows carry no number, and no group of 1 to 9 people is shown."""
    suppressed = 0
    for name, rows in tables.items():
        for row in rows:
            if row.get("status") == "suppressed":
                suppressed += 1
                filled = {k for k in NUMBERS & set(row) if row[k] not in ("", None)}
                assert not filled, f"{name}: suppressed row shows {filled}"
            shown = [row[c] for c in ("n", "count") if row.get(c) not in ("", None)]
            if _describes_people(row):
                assert all(float(v) == 0 or float(v) >= 10 for v in shown), (name, row)
    assert suppressed, "the small sample always has cells to suppress"


def test_exports_page_lists_every_format_with_the_filters(signed_in):
    response = signed_in.get(f"{EXPORTS}/?channel=kiosk&since=2026-01-01")
    page = assert_page_basics(response)
    links = [a["href"] for a in page.select(".export-list a")]
    assert len(links) == 8
    assert all("channel=kiosk" in href and "since=2026-01-01" in href for href in links)
    assert "Kiosk" in page.select_one(".summary-list").get_text()


def test_exports_page_explains_bad_filters(signed_in):
    response = signed_in.get(f"{EXPORTS}/?since=yesterday")
    assert response.status_code == 400
    page = assert_page_basics(response)
    assert "Enter a real date" in page.select_one(".error-summary").get_text()
    assert not page.select(".export-list")


def test_csv_zip_opens_with_the_csv_reader(signed_in, analyst):
    response = signed_in.get(f"{EXPORTS}/csv")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    tables = {}
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8-sig")
        tables[name.removesuffix(".csv")] = list(csv.DictReader(io.StringIO(text)))
    expected = {"notes", "insights", "equity_gaps", "participation", "outreach", "journey"}
    expected.add("themes")
    assert expected <= set(tables)
    assert all(row["n_more"] == "" for row in tables["outreach"] if row["n"] == "")
    _assert_tables_safe(tables)
    cells = [v for rows in tables.values() for row in rows for v in row.values()]
    live = [v for v in cells if v.startswith(FORMULA_STARTS) and not _is_number(v)]
    assert not live, live
    groups = {row["group"] for row in tables["participation"]}
    assert {"'" + g for g in INJECTED} <= groups
    assert any(float(row["effect"]) < 0 for row in tables["equity_gaps"] if row["effect"])
    assert [e[0] for e in audit_actions("export")] == [analyst.id]
    assert audit_actions("export")[0][2]["format"] == "csv"


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def _sheet_records(sheet):
    """A sheet's rows keyed by the analysis' column codes, its statuses as codes again."""
    codes = {str(heading): code for code, (heading, _format) in sheets.COLUMNS.items()}
    labels = {
        column: {str(label): code for code, label in words.items()}
        for column, words in (("status", sheets.STATUS_WORDS), ("kind", KIND_LABELS))
    }
    header, *body = sheet.iter_rows(values_only=True)
    records = [dict(zip([codes.get(h, h) for h in header], row, strict=True)) for row in body]
    for record in records:
        for column, codes_of in labels.items():
            record[column] = codes_of.get(record.get(column), record.get(column))
    return records


def test_xlsx_opens_with_openpyxl_with_notes_and_numbers(app, signed_in):
    response = signed_in.get(f"{EXPORTS}/xlsx?channel=web&channel=kiosk")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames[0] == "Notes"
    assert [cell.value for cell in workbook["Notes"][1]] == ["Note", "Value"]
    notes = dict(workbook["Notes"].iter_rows(min_row=2, values_only=True))
    assert notes["Channels"] == "Kiosk, Website" and notes["Smallest group shown"] == "10"
    tables = {}
    for sheet in workbook.worksheets[1:]:
        with app.test_request_context():
            tables[sheet.title] = _sheet_records(sheet)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_STARTS), cell.value
    _assert_tables_safe(tables)
    gaps = tables["Equity gaps"]
    assert isinstance(gaps[0]["effect"], float) and gaps[0]["effect"] < 0
    assert {"'" + g for g in INJECTED} <= {row["group"] for row in tables["Who took part"]}


def test_xlsx_reads_like_the_pages_in_the_readers_language(signed_in):
    """Questions and groups by name (not `ces`, `disability=yes`), rounded numbers with
    formats, columns as wide as their labels."""
    response = signed_in.get(f"{EXPORTS}/xlsx", headers={"Accept-Language": "fr"})
    workbook = load_workbook(io.BytesIO(response.data))
    gaps = workbook.worksheets[2]
    cells = [c for s in workbook.worksheets[1:] for r in s.iter_rows(min_row=2) for c in r]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert not {t for t in texts if re.search(r"\w=\w", t)}, "groups as codes"
    assert not texts & {"ces", "a11_ease", "wait", "apply"}, "questions or stages as codes"
    assert "Le service m'a facilité les démarches pour ma demande." in texts
    assert "Handicap : Oui" in texts and "Attendre la décision" in texts
    floats = [c for c in cells if isinstance(c.value, float)]
    assert floats and all(c.number_format != "General" for c in floats)
    unrounded = [
        v.value for v in floats if v.value not in (round(v.value, 4), float(f"{v.value:.3g}"))
    ]
    assert unrounded == []
    longest = max(len(str(c.value or "")) for (c,) in gaps.iter_rows(min_row=2, max_col=1))
    assert gaps.column_dimensions["A"].width >= min(longest, 60)


def test_xlsx_in_arabic_reads_right_to_left(signed_in):
    response = signed_in.get(f"{EXPORTS}/xlsx", headers={"Accept-Language": "ar"})
    workbook = load_workbook(io.BytesIO(response.data))
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)


def test_json_data_package_is_valid_for_frictionless(signed_in, tmp_path):
    response = signed_in.get(f"{EXPORTS}/json")
    zipfile.ZipFile(io.BytesIO(response.data)).extractall(tmp_path)
    result = validate(str(tmp_path / "datapackage.json"))
    assert result.valid, result.flatten(["type", "note"])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    names = [resource["name"] for resource in descriptor["resources"]]
    assert "insights" in names and "equity_gaps" in names
    tables = {name: json.loads((tmp_path / f"{name}.json").read_text()) for name in names}
    _assert_tables_safe(tables)


def test_report_page_in_arabic(signed_in):
    response = signed_in.get(f"{EXPORTS}/report", headers={"Accept-Language": "ar"})
    page = assert_page_basics(response, lang="ar")
    assert page.find("html")["dir"] == "rtl"
    assert page.select("ol.insight-list li")
    titles = [h2.get_text() for h2 in page.select("section h2")]
    assert len(titles) == 7, titles
    charts = page.select("figure.chart svg[role=img]")
    assert len(charts) >= 5 and len(page.select("table")) >= len(charts)
    assert not page.select("details"), "on paper every table is shown"
    assert page.find("link", attrs={"media": "print"})["href"].endswith("print.css")
    assert audit_actions("export")[0][2]["format"] == "html"


@pytest.mark.skipif(
    not report.pdf_available() and os.environ.get("CI") != "true",
    reason="WeasyPrint's system libraries are missing (make browser installs them)",
)
def test_pdf_report_holds_the_insights_and_tables(signed_in):
    response = signed_in.get(f"{EXPORTS}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Prioritized insights" in text and "Equity gaps" in text
    assert "People with a disability" in text
    assert audit_actions("export")[0][2]["format"] == "pdf"


@pytest.mark.skipif(
    not report.pdf_available() and os.environ.get("CI") != "true",
    reason="WeasyPrint's system libraries are missing (make browser installs them)",
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pdf_report_is_tagged_for_screen_readers_in_the_readers_language(signed_in, lang):
    response = signed_in.get(f"{EXPORTS}/report.pdf", headers={"Accept-Language": lang})
    catalog = PdfReader(io.BytesIO(response.data)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == lang


def test_every_chart_draws_its_own_patterns(signed_in):
    """A PDF renderer draws each inline SVG alone: a fill pointing into another SVG is empty
    there (the "Everyone else" and "Residents" bars printed blank)."""
    page = parse(signed_in.get(f"{EXPORTS}/report"))
    svgs = page.find_all("svg")
    striped = 0
    for svg in svgs:
        own_ids = {element["id"] for element in svg.find_all(id=True)}
        for element in svg.find_all(fill=re.compile(r"^url\(")):
            assert element["fill"][len("url(#") : -1] in own_ids, element
        striped += len(svg.find_all("rect", fill="#D55E00"))
    assert striped, "the second series of a comparison is drawn with stripes"


@pytest.mark.parametrize("failure", ["missing package", "missing system library"])
def test_without_weasyprint_pdf_is_a_clear_503_and_other_formats_work(
    signed_in, monkeypatch, failure
):
    if failure == "missing package":
        monkeypatch.setitem(sys.modules, "weasyprint", None)
    else:

        def no_pango(name):
            raise OSError("cannot load library 'libpango-1.0-0': no such file")

        monkeypatch.setattr(report.importlib, "import_module", no_pango)
    response = signed_in.get(f"{EXPORTS}/report.pdf")
    assert response.status_code == 503
    page = assert_page_basics(response)
    assert "PDF export is not available on this server:" in page.get_text()
    assert signed_in.get(f"{EXPORTS}/xlsx").status_code == 200
    exports_page = parse(signed_in.get(f"{EXPORTS}/"))
    assert "not available on this server" in exports_page.get_text()
    assert [e[2]["format"] for e in audit_actions("export")] == ["xlsx"]


@pytest.mark.parametrize("route", ROUTES)
def test_analyst_of_another_organisation_gets_403(
    client, analyst, make_user, outsider_organisation, route
):
    make_user("other@example.org", organisation=outsider_organisation, role="analyst")
    sign_in(client, "other@example.org")
    assert client.get(EXPORTS + route).status_code == 403
    assert audit_actions("export") == []


@pytest.mark.parametrize("route", ROUTES)
def test_facilitator_of_the_service_gets_403(client, analyst, make_user, partner, route):
    make_user("facilitator@example.org", organisation=partner, role="facilitator")
    sign_in(client, "facilitator@example.org")
    assert client.get(EXPORTS + route).status_code == 403


@pytest.mark.parametrize("route", ROUTES)
def test_signed_out_people_are_sent_to_sign_in(client, analyst, route):
    response = client.get(EXPORTS + route)
    assert response.status_code == 302 and response.location.startswith("/login")


def test_bad_filters_on_a_download_are_a_400(signed_in):
    assert signed_in.get(f"{EXPORTS}/csv?channel=pigeon").status_code == 400
    assert audit_actions("export") == []


def test_staff_home_links_to_exports_for_analysts(signed_in):
    page = parse(signed_in.get("/staff/"))
    assert page.find("a", href=f"{EXPORTS}/")


@pytest.mark.parametrize("route", ["/csv", "/xlsx", "/json", "/report"])
def test_a_service_without_responses_or_journey_still_exports(
    client, make_user, outsider_organisation, route
):
    """Another partnership's new service: nothing to analyse yet, every file still opens."""
    make_user("other@example.org", organisation=outsider_organisation, role="analyst")
    sign_in(client, "other@example.org")
    response = client.get(f"/staff/services/library-at-home/exports{route}")
    assert response.status_code == 200
    if route == "/xlsx":
        assert load_workbook(io.BytesIO(response.data)).sheetnames[0] == "Notes"
    elif route != "/report":
        assert zipfile.ZipFile(io.BytesIO(response.data)).namelist()


@pytest.mark.parametrize("route", ["/report", "/report.pdf"])
def test_report_of_fewer_than_10_responses_says_there_are_too_few(client, service, analyst, route):
    """A total of 1 to 9 is hidden: the report still opens and says why it shows nothing."""
    if route.endswith(".pdf") and not report.pdf_available():
        pytest.skip("WeasyPrint's system libraries are missing")
    seed_small(service, count=6)
    sign_in(client, analyst.email)
    response = client.get(EXPORTS + route)
    assert response.status_code == 200
    if route.endswith(".pdf"):
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    else:
        text = assert_page_basics(response).get_text(" ")
    text = " ".join(text.split())
    assert "Fewer than 10 responses match these filters: there are too few to show" in text
    assert "Prioritized insights" not in text


def test_xlsx_themes_sheet_names_themes_and_languages_in_words(app, service):
    themes = pd.DataFrame(
        {
            "theme": [1],
            "key": ["fr|aides|domicile|gentilles|heure|merci"],
            "label": ["les aides à domicile sont gentilles"],
            "language": ["fr"],
            "top_terms": ["aides, domicile, gentilles"],
            "n": [42],
            "share": [0.35],
        }
    )
    with app.test_request_context(headers={"Accept-Language": "en"}):
        table = sheets.theme_sheet(Vocabulary(service), themes).frame
    assert list(table.columns) == [
        "Theme",
        "Theme name",
        "Language of its comments",
        "Comments",
        "Share of all comments",
        "Most frequent words",
        "Identifier for programs",
    ]
    name = "les aides à domicile sont gentilles"
    assert table.iloc[0].tolist()[:5] == [1, name, "French", 42, 0.35]


def test_xlsx_notes_use_the_words_of_the_sheets(signed_in):
    response = signed_in.get(f"{EXPORTS}/xlsx")
    notes = load_workbook(io.BytesIO(response.data)).worksheets[0]
    text = " ".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    assert "the status “Hidden: fewer than 10 people”" in text
    assert "“Two best answers” is the share" in text
    assert "top2 is the share" not in text and "status “suppressed”" not in text
