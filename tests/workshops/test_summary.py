"""The summary of a workshop, its exports, and its pain points and top ideas sent to the
designers' prioritized insights with where they came from."""

import io
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.insights.models import Insight
from feedback_app.models import AuditEvent
from feedback_app.workshops import agenda, cards, participants, ratings, to_insights, voting
from feedback_app.workshops.models import Card
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in
from tests.workshops.helpers import post_form, text_of

pytestmark = pytest.mark.database


@pytest.fixture
def held(facilitator, workshop, journey_map, idea_wall, dot_vote):
    """A workshop where two people mapped the journey and voted on ideas."""
    stages = workshop.service.journey.stages
    first, _t = participants.join(workshop, locale="fr")
    second, _t = participants.join(workshop, locale="ar")
    cards.post_card(journey_map, first, text="Long wait", kind="pain", stage=stages[0], emotion=-2)
    cards.post_card(journey_map, second, text="Kind nurse", kind="step", stage=stages[0], emotion=1)
    idea = cards.post_card(idea_wall, first, text="Text me the time", kind="idea")
    other = cards.post_card(idea_wall, second, text="Same carer", kind="idea")
    duplicate = cards.post_card(idea_wall, second, text="SMS the time", kind="idea")
    for person in (first, second):
        voting.cast(dot_vote, person, idea)
    voting.cast(dot_vote, second, duplicate)
    cards.merge(duplicate, idea, user=facilitator)
    return {"idea": idea, "other": other, "duplicate": duplicate}


@pytest.fixture
def summary_url(client, facilitator, workshop):
    sign_in(client, "facilitator@example.org")
    return f"/staff/services/home-support/workshops/{workshop.id}/summary"


def test_the_summary_shows_the_journey_ranked_ideas_and_hides_small_groups(
    client, summary_url, held, workshop
):
    page = assert_page_basics(client.get(summary_url))
    first_stage = page.find("tbody").find("tr")
    cells = [td.get_text(" ", strip=True) for td in first_stage.find_all("td")]
    assert cells[:3] == ["1", "1", "0"] and cells[3].startswith("-0.5")
    ranked = [li.get_text(" ", strip=True) for li in page.select("ol.card-list li")]
    assert ranked == ["Text me the time – 3 dots", "Same carer – 0 dots"]
    # One person per language: fewer than 10, so every count is hidden.
    people = [row.find_all("td")[2].get_text() for row in page.find_all("table")[-1].tbody("tr")]
    assert people and set(people) == {"hidden"}


def test_the_summary_gives_each_options_average_per_criterion(client, summary_url, workshop):
    rating_round = agenda.add_activity(
        workshop, "rating_round", options=["Phone", "Visit"], criteria=["Easy", "Quick"]
    )
    first, _t = participants.join(workshop, locale="fr")
    second, _t = participants.join(workshop, locale="en")
    ratings.rate(rating_round, first, {(0, 0): 2, (0, 1): 1, (1, 0): -1})
    ratings.rate(rating_round, second, {(0, 0): 1, (1, 0): -2})
    page = assert_page_basics(client.get(summary_url))
    tables = {
        table.caption.get_text(strip=True): [
            [cell.get_text(strip=True) for cell in row(["th", "td"])] for row in table.tbody("tr")
        ]
        for table in page.select("table")
        if table.caption
    }
    assert tables["Phone"] == [["Easy", "1.5", "2"], ["Quick", "1.0", "1"]]
    assert tables["Visit"] == [["Easy", "-1.5", "2"], ["Quick", "–", "0"]]


def test_exports_use_the_insights_formats(client, summary_url, held):
    response = client.get(f"{summary_url}.csv")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    files = zipfile.ZipFile(io.BytesIO(response.data))
    assert {"journey.csv", "ideas_by_dots.csv", "notes.csv"} <= set(files.namelist())
    assert "Text me the time" in files.read("ideas_by_dots.csv").decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(client.get(f"{summary_url}.xlsx").data))
    assert len(workbook.sheetnames) == 5
    package = zipfile.ZipFile(io.BytesIO(client.get(f"{summary_url}.json").data))
    assert "datapackage.json" in package.namelist()
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "workshop_export"))


def test_sending_to_insights_keeps_the_provenance_and_does_not_duplicate(
    client, summary_url, held, workshop
):
    url = summary_url.replace("/summary", "/send-to-insights")
    response = post_form(client, url, {}, page=summary_url)
    assert response.status_code == 302
    assert "2 findings were sent" in text_of(client.get(summary_url))
    post_form(client, url, {}, page=summary_url)
    insights = {i.snapshot["reason"]: i for i in db.session.scalars(select(Insight))}
    assert set(insights) == {"Long wait", "Text me the time"}
    idea = insights["Text me the time"].snapshot
    assert idea["workshop_id"] == workshop.id and idea["dots"] == 3
    assert idea["card_id"] == held["idea"].id and idea["merged_card_ids"] == [held["duplicate"].id]
    assert insights["Long wait"].snapshot["stage"] == workshop.service.journey.stages[0].code
    assert {i.kind for i in insights.values()} == {"workshop"}


def test_the_summary_is_for_the_services_facilitators_only(client, make_user, partner, workshop):
    make_user("analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, "analyst@example.org")
    url = f"/staff/services/home-support/workshops/{workshop.id}/summary"
    assert client.get(url).status_code == 403
    assert client.get(f"{url}.csv").status_code == 403
    assert parse(client.get("/staff/")).find("a", string="Workshops") is None


def test_sent_findings_appear_in_the_designers_priorities(
    client, make_user, partner, facilitator, workshop, held
):
    to_insights.send(workshop, facilitator)
    make_user("analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, "analyst@example.org")
    response = client.get("/staff/services/home-support/insights/priorities")
    assert response.status_code == 200
    assert "Text me the time" in text_of(response) and "Long wait" in text_of(response)


def test_sent_findings_read_as_sentences_with_their_provenance(
    client, make_user, partner, facilitator, workshop, held
):
    to_insights.send(workshop, facilitator)
    make_user("analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, "analyst@example.org")
    page = text_of(client.get("/staff/services/home-support/insights/priorities"))
    pain = db.session.scalar(select(Card).where(Card.text == "Long wait"))
    stage = workshop.service.journey.stages[0].name["en"]
    assert (
        f"Workshop “Getting help at home” of Mar 14, 2027, card {pain.id}: "
        f"pain point at the “{stage}” stage: “Long wait”"
    ) in page
    assert (
        f"Workshop “Getting help at home” of Mar 14, 2027, card {held['idea'].id}: "
        "idea: “Text me the time” (3 dots)"
    ) in page
