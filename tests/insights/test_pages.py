"""The analysts' pages with seeded data: what they show, how they filter, what they record."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.feedback.withdrawal import withdraw
from feedback_app.insights.frames import SEGMENTS
from feedback_app.insights.labels import Vocabulary
from feedback_app.models import Profile, ReferencePopulation, Response
from tests.api.helpers import seed_small
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in
from tests.insights.conftest import INSIGHTS
from tests.insights.helpers import audit_events, error_messages
from tests.insights.test_analyses import CENSUS

PAGES = {
    "overview": "/",
    "participation": "/participation",
    "gaps": "/gaps",
    "journey": "/journey",
    "themes": "/themes",
    "priorities": "/priorities",
}


def text_of(response):
    return parse(response).get_text(" ", strip=True)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_and_is_audited(analyst_client, insights_analyst, page):
    response = analyst_client.get(INSIGHTS + PAGES[page] + "?since=2020-01-01")
    assert response.status_code == 200
    html = assert_page_basics(response, lang="en")
    nav = html.find("nav", attrs={"aria-label": "Insights"})
    assert nav.find("a", attrs={"aria-current": "page"}) is not None
    views = [e for e in audit_events("insights.view") if e.details["page"] == page]
    assert len(views) == 1
    assert views[0].user_id == insights_analyst.id
    assert views[0].details["filter"] == {"since": "2020-01-01"}


@pytest.mark.parametrize("page", ["gaps", "journey"])
def test_a_filter_matching_one_response_names_none_of_its_groups(
    app, analyst_client, seeded_service, page
):
    """A review found a one-day filter naming, as hidden, each group of its one resident."""
    alone = db.session.scalar(select(Response).join(Profile).order_by(Response.id))
    alone.created_at = datetime(2020, 1, 1, 12, tzinfo=UTC)
    db.session.commit()
    response = analyst_client.get(INSIGHTS + PAGES[page] + "?since=2020-01-01&until=2020-01-01")
    assert response.status_code == 200
    cells = [cell.get_text(" ", strip=True) for cell in parse(response).find_all(["th", "td"])]
    with app.test_request_context():
        groups = [
            Vocabulary.value(dimension, getattr(alone.profile, dimension))
            for dimension in SEGMENTS
            if getattr(alone.profile, dimension)
        ]
    assert groups and not [cell for cell in cells for group in groups if cell.endswith(group)]


def test_overview_shows_totals_charts_and_tables(analyst_client):
    response = analyst_client.get(INSIGHTS + "/")
    page = parse(response)
    assert "400" in page.find(class_="key-figures").get_text()
    timeline = page.find("figure", id="timeline")
    assert timeline.find("svg", attrs={"role": "img"})["aria-labelledby"] == (
        "timeline-title timeline-summary"
    )
    assert "400 responses from" in timeline.find(class_="chart__summary").get_text()
    tables = page.find_all("table")
    assert [t.caption.get_text() for t in tables] == [
        "Responses per period and channel",
        "Answers per question",
    ]
    # Cells under 10 are hidden and say so.
    assert "Hidden" in tables[0].get_text()


def test_overview_question_filter_shows_its_spread(analyst_client):
    response = analyst_client.get(INSIGHTS + "/?question=ces")
    page = parse(response)
    figure = page.find("figure", id="distribution")
    assert "The service made it easy for me to handle my request." in figure.get_text()
    assert len(figure.find_all(class_="bar-chart__row")) == 7


def test_a_bad_filter_is_a_400_with_an_error_summary_and_no_data(analyst_client):
    response = analyst_client.get(INSIGHTS + "/gaps?since=2026-02-30&channel=fax")
    assert response.status_code == 400
    page = assert_page_basics(response)
    assert page.title.get_text().startswith("Error:")
    assert error_messages(response) == [
        "Enter a real date, like 2026-03-31",
        "Choose one of the options listed",
    ]
    assert page.find("a", href="#since") and page.find("a", href="#channel-0")
    assert page.find(class_="finding-list") is None
    assert audit_events("insights.view") == []


def test_live_refresh_answers_304_until_data_changes(analyst_client, seeded_service):
    first = analyst_client.get(INSIGHTS + "/live?channel=web")
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-store"
    assert "key-figures" in first.get_data(as_text=True)
    etag = first.headers["ETag"]
    again = analyst_client.get(INSIGHTS + "/live?channel=web", headers={"If-None-Match": etag})
    assert again.status_code == 304
    refreshes = [
        e for e in audit_events("insights.view") if e.details["page"] == "overview-refresh"
    ]
    assert len(refreshes) == 1  # a 304 shows no data, so it is not recorded
    web = db.session.scalar(select(Response).where(Response.channel == "web").limit(1))
    withdraw(web)
    changed = analyst_client.get(INSIGHTS + "/live?channel=web", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_live_refresh_with_a_bad_filter(analyst_client):
    response = analyst_client.get(INSIGHTS + "/live?until=soon")
    assert response.status_code == 400
    assert response.json == {"errors": {"until": ["Enter a real date, like 2026-03-31"]}}


def test_gaps_page_leads_with_plain_sentences_and_statistics_one_click_away(analyst_client):
    page = parse(analyst_client.get(INSIGHTS + "/gaps"))
    top = page.select("ol.finding-list > li.finding-list__item")
    sentences = [li.find("p", class_="finding-list__sentence").get_text() for li in top]
    effort = "People with a disability rate “effort” lower than everyone else: "
    assert any(s.startswith(effort) and s.endswith(" out of 7.") for s in sentences), sentences
    for item in page.select(".finding-list__item"):  # statistics one click away, no JS
        details = item.find("details", recursive=False)
        assert "q = " in details.get_text() or "q < " in details.get_text()
        assert "Cliff's delta" in details.find("summary").find_next("dl").get_text()
        assert "q = " not in item.find("p", class_="finding-list__sentence").get_text()
    assert page.find("figure", id="gaps") is not None
    assert page.find("caption", string="Flagged equity gaps") is not None


def test_gaps_filter_by_dimension_and_outcome(analyst_client):
    page = parse(analyst_client.get(INSIGHTS + "/gaps?dimension=age_band&question=ces"))
    assert page.select(".finding-list__item") == []
    assert "No gap is flagged for these filters." in page.get_text()
    page = parse(analyst_client.get(INSIGHTS + "/gaps?dimension=disability&question=ces"))
    assert len(page.select(".finding-list__item")) == 1


def test_gaps_weighted_by_raking(analyst_client, seeded_service):
    unweighted = text_of(analyst_client.get(INSIGHTS + "/gaps?weighted=1"))
    assert "upload a reference population" in unweighted
    db.session.add(ReferencePopulation(service_id=seeded_service.id, name="Census", rows=CENSUS))
    db.session.commit()
    weighted = text_of(analyst_client.get(INSIGHTS + "/gaps?weighted=1"))
    assert "Results are weighted by raking" in weighted


def test_journey_heatmaps_barriers_and_hardest_stage(analyst_client):
    page = parse(analyst_client.get(INSIGHTS + "/journey"))
    heatmaps = page.select("figure[id^=journey-]")
    assert [f["id"] for f in heatmaps] == [
        "journey-age_band",
        "journey-gender",
        "journey-disability",
        "journey-rurality",
    ]
    disability = page.find("figure", id="journey-disability")
    marked = [t.get_text() for t in disability.find_all("text") if t.get_text().endswith("*")]
    assert marked, "the flagged gap at the applying stage is marked with an asterisk"
    headers = [
        " ".join(t.stripped_strings)
        for t in disability.find_all("text", {"text-anchor": "middle", "font-weight": "bold"})
    ]
    assert headers[:3] == ["Finding out", "Applying", "Waiting for a decision"], (
        "names, not numbers"
    )
    rural = page.find("figure", id="journey-rurality")
    assert "The countryside" in [t.get_text() for t in rural.find_all("text")], "not clipped"
    hardest = page.find("caption", string="The stage where each group struggles most").parent
    row = next(tr for tr in hardest.find_all("tr") if "Disability: Yes" in tr.get_text())
    assert "Applying" in row.get_text()
    assert page.find("figure", id="barriers") is not None


def test_journey_heatmap_is_mirrored_in_arabic(analyst_client):
    page = parse(analyst_client.get(INSIGHTS + "/journey", headers={"Accept-Language": "ar"}))
    svg = page.find("figure", id="journey-rurality").find("svg")
    assert svg["direction"] == "rtl"
    width = float(svg["width"])
    cells = [float(r["x"]) for r in svg.find_all("rect") if r.get("height") == "26"]
    columns = [t for t in svg.find_all("text") if t.get("font-weight") == "bold" and t.tspan]
    first_stage = " ".join(columns[0].stripped_strings)
    assert first_stage == "الاستعلام" and float(columns[0]["x"]) > width / 2, "first on the right"
    label = next(t for t in svg.find_all("text") if t.get_text() == "الجميع")
    assert float(label["x"]) > max(cells), "row labels on the right of the cells"


def test_themes_show_terms_quotes_and_shares(analyst_client):
    page = parse(analyst_client.get(INSIGHTS + "/themes"))
    themes = page.select("section.theme")
    assert len(themes) >= 2
    assert themes[0].find("blockquote") is not None
    assert page.find("caption", string="Share of each group's comments in each theme")


def test_themes_with_too_few_comments(client, service, make_user, partner):
    make_user("lonely@example.org", organisation=partner, role="analyst")
    sign_in(client, "lonely@example.org")
    response = client.get(INSIGHTS + "/themes")
    assert response.status_code == 200
    assert "too few comments" in text_of(response)


def test_empty_service_pages_still_render(client, service, make_user, partner):
    make_user("new@example.org", organisation=partner, role="analyst")
    sign_in(client, "new@example.org")
    for path in PAGES.values():
        response = client.get(INSIGHTS + path)
        assert response.status_code == 200, path
        assert_page_basics(response)


def test_staff_home_links_to_insights(analyst_client):
    page = parse(analyst_client.get("/staff/"))
    link = page.find("a", string="Insights: overview")
    assert link["href"] == "/staff/services/home-support/insights/"


def test_reference_template_lists_every_group(analyst_client):
    response = analyst_client.get(INSIGHTS + "/participation/reference-template.csv")
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "dimension,group,population"
    assert "age_band,75+," in lines and "disability,yes," in lines


def test_a_service_without_questions_or_journey_renders(client, make_user, outsider_organisation):
    make_user("librarian@example.org", organisation=outsider_organisation, role="analyst")
    sign_in(client, "librarian@example.org")
    for path in PAGES.values():
        response = client.get("/staff/services/library-at-home/insights" + path)
        assert response.status_code == 200, path
        assert_page_basics(response)


@pytest.mark.parametrize("page", PAGES)
def test_a_filter_matching_nobody_renders_every_page(analyst_client, page):
    path = PAGES[page] + "?since=2000-01-01&until=2000-01-01&dimension=rurality&question=ces"
    response = analyst_client.get(INSIGHTS + path)
    assert response.status_code == 200
    assert_page_basics(response)


def test_a_service_without_responses_draws_no_empty_axis(client, make_user, outsider_organisation):
    make_user("other@example.org", organisation=outsider_organisation, role="analyst")
    sign_in(client, "other@example.org")
    page = parse(client.get("/staff/services/library-at-home/insights/"))
    figure = page.find("figure", id="timeline")
    assert figure.find("svg") is None, "no axis of 0, 0, 0, 1, 1"
    assert "No response matches these filters yet." in figure.get_text()


def test_six_responses_draw_no_chart_and_hide_every_count(client, service, make_user, partner):
    seed_small(service, count=6)
    make_user("few@example.org", organisation=partner, role="analyst")
    sign_in(client, "few@example.org")
    page = parse(client.get(INSIGHTS + "/?question=ces"))
    timeline = page.find("figure", id="timeline")
    assert timeline.find("svg") is None, "no axis of 0 and 1, no line along zero"
    assert page.get_text(" ").count("Fewer than 10 responses match these filters") == 1
    tables = page.select("details.data-table table")
    counts = {td.get_text(strip=True) for table in tables for td in table.select("td")}
    assert counts and counts <= {"Hidden"}, "a 0 beside hidden counts"
