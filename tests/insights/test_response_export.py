"""The export of individual responses: the stored rows, small groups withheld, streamed in
batches, every format opened with its own reader, no live formula, audited before it streams."""

import csv
import io
import json
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select
from sqlalchemy.orm import selectinload

from feedback_app.demo.bulk import seed_random_responses
from feedback_app.demo.seed import seed_kiosks, seed_responses
from feedback_app.extensions import db
from feedback_app.feedback.models import Profile, Response, StageExperience
from feedback_app.feedback.stories import lived
from feedback_app.insights import response_files
from feedback_app.insights.filters import InsightFilter
from feedback_app.insights.response_rows import WITHHELD, Layout, row_batches
from feedback_app.kiosk.models import Kiosk
from tests.fixtures.pages import parse
from tests.fixtures.people import sign_in
from tests.insights.helpers import audit_events

pytestmark = pytest.mark.database

EXPORTS = "/staff/services/home-support/exports"
SEGMENTS = ("age_band", "gender", "disability", "rurality")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def analyst_client(client, service, make_user, partner):
    analyst = make_user("rows-analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, analyst.email)
    return client


@pytest.fixture(params=["demo", "random"])
def data(request, service):
    """The demo's responses (planted gaps, kiosks) or random ones of every shape."""
    kiosks = seed_kiosks(service)
    if request.param == "demo":
        seed_responses(service, count=200, kiosks=kiosks)
    else:
        seed_random_responses(service, count=400, seed=5, kiosks=[k for k, _ in kiosks])
    db.session.commit()
    return service


def expected(service, response_filter=None):
    """The rows as the stored responses say, read through the ORM one response at a time."""
    query = (
        select(Response)
        .where(Response.service_id == service.id, Response.withdrawn_at.is_(None))
        .options(selectinload(Response.answers), selectinload(Response.stage_experiences))
        .options(selectinload(Response.profile), selectinload(Response.kiosk))
        .order_by(Response.id)
    )
    responses = list(db.session.scalars(query))
    # Combinations are counted among all the service's responses, whatever the filter.
    sizes = Counter(_segments(r.profile) for r in responses)
    if response_filter and response_filter.channels:
        responses = [r for r in responses if r.channel.value in response_filter.channels]
    return [
        _expected_row(service, response, groups if sizes[groups] >= 10 else (WITHHELD,) * 4)
        for response, groups in ((r, _segments(r.profile)) for r in responses)
    ]


def _segments(profile):
    return tuple(getattr(profile, s) if profile else None for s in SEGMENTS)


def _expected_row(service, response, segments):
    row = {
        "response_id": response.id,
        "day": response.created_at.astimezone(UTC).date().isoformat()
        if response.created_at.tzinfo
        else response.created_at.date().isoformat(),
        "channel": response.channel.value,
        "kiosk": response.kiosk.location if response.kiosk else None,
        "language": response.locale,
        **dict(zip(SEGMENTS, segments, strict=True)),
    }
    ratings = {a.question.code: a.value for a in response.answers}
    row |= {i.question.code: ratings.get(i.question.code) for i in service.question_set.items}
    stories = {s.stage.code: s for s in response.stage_experiences}
    for stage in service.journey.stages:
        story = stories.get(stage.code)
        told = story and lived(story.went_through, story.emotion, story.barriers)
        row[f"stage:{stage.code}"] = story.emotion if told else None
        row[f"barriers:{stage.code}"] = list(dict.fromkeys(story.barriers)) if told else None
    return row


def _json(client, query=""):
    response = client.get(f"{EXPORTS}/responses.json{query}")
    assert response.status_code == 200, response.status_code
    return json.loads(response.get_data(as_text=True))


def _csv(client, query=""):
    response = client.get(f"{EXPORTS}/responses.csv{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _xlsx(client, query=""):
    response = client.get(f"{EXPORTS}/responses.xlsx{query}")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.get_data()))


def test_every_format_holds_the_stored_responses(analyst_client, data):
    document = _json(analyst_client)
    rows = expected(data)
    assert document["responses"] == rows
    assert document["fields"] == list(rows[0])
    assert document["notes"]["withheld"] == WITHHELD
    assert any(row["age_band"] == WITHHELD for row in rows)
    table = _csv(analyst_client)
    assert table[0] == document["fields"]
    assert table[1:] == [[_as_csv(value) for value in row.values()] for row in rows]
    sheet = _xlsx(analyst_client).active
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][:3] == ("Response number", "Day", "Channel")
    assert [row[0] for row in cells[1:]] == [row["response_id"] for row in rows]
    ratings = [code for code in document["fields"] if code.startswith("a11_")]
    columns = [document["fields"].index(code) for code in ratings]
    assert [[r[i] for i in columns] for r in cells[1:]] == [
        [row[code] for code in ratings] for row in rows
    ]


def _as_csv(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def test_withdrawn_responses_are_left_out(analyst_client, data):
    withdrawn = db.session.scalars(select(Response).order_by(Response.id).limit(3)).all()
    for response in withdrawn:
        response.withdrawn_at = datetime.now(UTC)
    db.session.commit()
    ids = {row["response_id"] for row in _json(analyst_client)["responses"]}
    assert ids and not ids & {response.id for response in withdrawn}


def test_the_filters_choose_the_rows(analyst_client, data):
    kiosk_rows = _json(analyst_client, "?channel=kiosk")["responses"]
    assert kiosk_rows == expected(data, InsightFilter(channels=("kiosk",)))
    assert {row["channel"] for row in kiosk_rows} == {"kiosk"}
    library = db.session.scalar(select(Kiosk).order_by(Kiosk.id))
    at_library = _json(analyst_client, f"?kiosk={library.id}")["responses"]
    assert at_library and {row["kiosk"] for row in at_library} == {library.location}
    since = (datetime.now(UTC) - timedelta(days=30)).date()
    recent = _json(analyst_client, f"?since={since.isoformat()}")["responses"]
    assert recent and all(row["day"] >= since.isoformat() for row in recent)
    assert len(recent) < len(_json(analyst_client)["responses"])


def _add(service, count, profile, *, channel="web", kiosk=None, when=None):
    for _ in range(count):
        number = db.session.query(Response).count() + 1
        response = Response(
            service=service,
            channel=channel,
            kiosk=kiosk,
            locale="en",
            receipt_hash=f"{number:064x}",
            client_key=f"test-{number}",
            created_at=when or datetime.now(UTC),
        )
        if profile:
            response.profile = Profile(**dict(zip(SEGMENTS, profile, strict=True)))
        db.session.add(response)
    db.session.commit()


def test_segments_of_a_combination_under_ten_are_withheld(analyst_client, service):
    common, rare = ("35-49", "woman", "no", "town"), ("75+", "man", "yes", "village")
    old = datetime.now(UTC) - timedelta(days=60)
    _add(service, 6, common, when=old)
    _add(service, 5, common)
    _add(service, 3, rare)
    _add(service, 2, None)
    rows = _json(analyst_client)["responses"]
    segments = Counter(tuple(row[s] for s in SEGMENTS) for row in rows)
    assert segments == {common: 11, (WITHHELD,) * 4: 5}
    # The counts are the service's, whatever the filter: the five recent ones are shown as in
    # the export of every response (a review matched ids between the two when they differed).
    since = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    recent = _json(analyst_client, f"?since={since}")["responses"]
    shown = {row["response_id"]: tuple(row[s] for s in SEGMENTS) for row in rows}
    assert Counter(tuple(row[s] for s in SEGMENTS) for row in recent) == {
        common: 5,
        (WITHHELD,) * 4: 5,
    }
    assert all(shown[row["response_id"]] == tuple(row[s] for s in SEGMENTS) for row in recent)
    words = {
        cell for row in _xlsx(analyst_client).active.iter_rows(values_only=True) for cell in row
    }
    assert "Withheld" in words and "75+" not in words


def test_text_that_would_run_as_a_formula_is_neutralised(analyst_client, service):
    kiosk = Kiosk(location='=HYPERLINK("http://example.org","x")', default_locale="en")
    db.session.add(kiosk)
    service.journey.stages[0].code = "@SUM(1+1)"
    db.session.commit()
    _add(service, 10, ("35-49", "woman", "no", "town"), channel="kiosk", kiosk=kiosk)
    response_id = db.session.scalar(select(Response.id).order_by(Response.id))
    stage_id = service.journey.stages[0].id
    db.session.add(
        StageExperience(response_id=response_id, stage_id=stage_id, went_through="yes", emotion=-2)
    )
    db.session.commit()
    table = _csv(analyst_client)
    cells = [cell for row in table for cell in row]
    assert '\'=HYPERLINK("http://example.org","x")' in cells and "'stage:@SUM(1+1)" not in cells
    assert "stage:@SUM(1+1)" in table[0] and "-2" in table[1]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS) and cell != "-2"]
    for row in _xlsx(analyst_client).active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS))


def test_the_file_streams_in_batches_of_the_configured_size(app, analyst_client, data):
    app.config["EXPORT_BATCH_SIZE"] = 2
    sent = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if "FROM answer" in statement:
            sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = analyst_client.get(f"{EXPORTS}/responses.csv", buffered=False)
        assert response.is_streamed
        assert audit_events("export")[-1].details["tables"] == ["responses"]
        text = b"".join(response.response).decode("utf-8-sig")
        response.close()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    ids = [int(row[0]) for row in list(csv.reader(io.StringIO(text)))[1:]]
    assert ids == [row["response_id"] for row in expected(data)]
    assert len(sent) == (len(ids) + 1) // 2


def test_a_full_sheet_continues_on_a_new_one(app, service):
    _add(service, 7, ("35-49", "woman", "no", "town"))
    with app.test_request_context():
        layout = Layout.of(service)
        batches = row_batches(service, InsightFilter(), layout, batch_size=3)
        content = b"".join(response_files.xlsx_file(layout, batches, {}, rows_per_sheet=4))
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Responses", "Responses (2)", "Responses (3)"]
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
    assert [len(rows) for rows in sheets] == [4, 4, 2]
    assert all(rows[0][0] == "Response number" for rows in sheets)
    assert [row[0] for rows in sheets for row in rows[1:]] == list(range(1, 8))


def test_each_download_is_audited_with_its_format_and_filters(analyst_client, data):
    for file_format in ("csv", "xlsx", "json"):
        analyst_client.get(f"{EXPORTS}/responses.{file_format}?channel=kiosk")
    events = audit_events("export")
    assert [event.details["format"] for event in events] == ["csv", "xlsx", "json"]
    assert all(event.details["tables"] == ["responses"] for event in events)
    assert all(event.details["filters"] == {"channel": ["kiosk"]} for event in events)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("responses.pdf", 404),
        ("responses.csv?since=yesterday", 400),
        ("responses.json?kiosk=x", 400),
    ],
)
def test_a_bad_format_or_filter_is_refused(analyst_client, service, path, status):
    assert analyst_client.get(f"{EXPORTS}/{path}").status_code == status
    assert not audit_events("export")


def test_the_exports_page_offers_the_rows_and_says_what_is_withheld(analyst_client, service):
    page = parse(analyst_client.get(f"{EXPORTS}/?channel=kiosk"))
    section = page.find(id="responses").find_next("ul")
    links = [a["href"] for a in section.find_all("a")]
    assert [link.split("?")[0].rsplit("/", 1)[1] for link in links] == [
        "responses.csv",
        "responses.xlsx",
        "responses.json",
    ]
    assert all("channel=kiosk" in link for link in links)
    assert "withheld" in section.find_previous("p").get_text()
