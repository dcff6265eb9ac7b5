"""Who took part: uploading a reference population, its validation, and what the page says."""

import io

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import ReferencePopulation
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.insights.conftest import INSIGHTS
from tests.insights.helpers import audit_events, error_messages

PAGE = INSIGHTS + "/participation"
GOOD_CSV = (
    "dimension,group,population\n"
    "age_band,16-24,1200\nage_band,25-34,1500\nage_band,35-44,1500\nage_band,45-54,1500\n"
    "age_band,55-64,1500\nage_band,65-74,1400\nage_band,75+,1400\n"
    "rurality,large_city,3000\nrurality,town,3000\nrurality,village,2000\n"
    "rurality,countryside,2000\n"
)


def upload(client, content, name="Census 2021", filename="census.csv"):
    token = csrf_token(client.get(PAGE))
    data = {"csrf_token": token, "name": name}
    if content is not None:
        raw = content if isinstance(content, bytes) else content.encode()
        data["file"] = (io.BytesIO(raw), filename)
    return client.post(PAGE, data=data, content_type="multipart/form-data")


def test_without_reference_the_page_invites_an_upload(analyst_client):
    response = analyst_client.get(PAGE)
    page = assert_page_basics(response)
    assert "No reference population yet" in page.get_text()
    assert page.find("input", attrs={"type": "file"})["accept"] == ".csv,text/csv"


def test_a_good_upload_is_stored_audited_and_compared(analyst_client, seeded_service):
    response = upload(analyst_client, "\ufeff" + GOOD_CSV)
    assert response.status_code == 302
    stored = db.session.scalar(select(ReferencePopulation))
    assert stored.name == "Census 2021"
    assert {"dimension": "age_band", "group": "75+", "population": 1400} in stored.rows
    [event] = audit_events("insights.reference_upload")
    assert event.details == {"name": "Census 2021", "rows": 11}
    assert event.service_id == seeded_service.id
    page = parse(analyst_client.get(PAGE))
    sentences = [li.get_text(" ", strip=True) for li in page.select(".finding-list__item")]
    assert any(
        s.startswith("People aged 75 or over are ") and s.endswith("% of residents.")
        for s in sentences
    ), sentences
    assert "R = " in page.find(class_="score-list").get_text()
    assert page.find("figure", id="participation-age_band") is not None
    assert page.find("caption", string="Age: who took part") is not None
    assert "effective sample size" in page.get_text()


def test_the_latest_upload_wins(analyst_client):
    upload(analyst_client, GOOD_CSV, name="Old census")
    upload(analyst_client, GOOD_CSV.replace("75+,1400", "75+,9000"), name="New census")
    assert "Compared with “New census”" in parse(analyst_client.get(PAGE)).get_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Choose a CSV file to upload"),
        ("", "The first row must name the columns dimension, group and population."),
        ("region,count\nnorth,3\n", "The first row must name the columns"),
        ("dimension,group,population\n", "The file has no rows of data."),
        (
            "dimension,group,population\nincome,high,10\n",
            "Row 2: “income” is not a dimension. Use age_band, gender, disability or rurality.",
        ),
        (
            "dimension,group,population\nage_band,80+,10\n",
            "Row 2: “80+” is not a group of age_band. Use one of: 16-24, 25-34,",
        ),
        (
            "dimension,group,population\ngender,woman,lots\n",
            "Row 2: the population must be a whole number of 0 or more, like 12345.",
        ),
        (
            "dimension,group,population\ngender,woman,-3\n",
            "Row 2: the population must be a whole number",
        ),
        (
            "dimension,group,population\ngender,woman,5\ngender,woman,6\n",
            "Row 3: gender “woman” is listed twice.",
        ),
        (
            "dimension,group,population\ngender,woman,0\ngender,man,0\n",
            "The populations of gender add up to 0.",
        ),
        ("dimension,group,population\ngender,woman,5\n".encode("utf-16"), "Save the file as CSV"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "Save the file as CSV with UTF-8 encoding."),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_error(analyst_client, content, message):
    response = upload(analyst_client, content)
    assert response.status_code == 400
    page = assert_page_basics(response)
    assert page.title.get_text().startswith("Error:")
    messages = error_messages(response)
    assert any(m.startswith(message) for m in messages), messages
    assert page.find("a", href="#file") is not None
    assert db.session.scalar(select(ReferencePopulation)) is None


def test_many_problems_are_capped(analyst_client):
    rows = "".join(f"nowhere,{i},1\n" for i in range(12))
    messages = error_messages(upload(analyst_client, "dimension,group,population\n" + rows))
    assert len(messages) == 6
    assert messages[-1] == "And 7 more problems."


def test_a_name_is_required(analyst_client):
    response = upload(analyst_client, GOOD_CSV, name="  ")
    assert response.status_code == 400
    assert error_messages(response) == ["Enter a name for the reference, like “Census 2021”"]
