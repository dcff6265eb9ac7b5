"""Every insights page in Chromium: zero axe violations in four languages, on a phone and a
desktop, no sideways scrolling, complete without JavaScript and live with it."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback_app.demo.seed import seed_responses
from feedback_app.extensions import db
from feedback_app.feedback.withdrawal import withdraw
from feedback_app.i18n import LANGUAGES
from feedback_app.models import Insight, ReferencePopulation, Response
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_no_horizontal_scroll,
    axe_violations,
    demo_app,
    serving,
    signed_in_page,
)
from tests.insights.test_analyses import CENSUS

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
INSIGHTS = "/staff/services/home-support/insights"
ITEM_KEY = "gap%7Cdisability%3Dyes%7Cces"
PAGES = [
    "/",
    "/?question=ces",
    "/participation",
    "/gaps",
    "/journey",
    "/themes",
    "/priorities",
    f"/priorities/item?key={ITEM_KEY}",
]


@pytest.fixture(scope="module")
def insights_app(tmp_path_factory):
    """Its own database: the demo with 400 responses, a census and two decided insights."""
    database = tmp_path_factory.mktemp("insights") / "insights.db"
    with demo_app(database, INSIGHTS_LIVE_SECONDS=1) as (app, service):
        seed_responses(service, count=400)
        db.session.add(ReferencePopulation(service_id=service.id, name="Census", rows=CENSUS))
        db.session.add_all(
            [
                Insight(
                    service_id=service.id,
                    insight_key="gap|disability=yes|ces",
                    kind="gap",
                    status="in_progress",
                ),
                Insight(
                    service_id=service.id,
                    insight_key="journey|rurality=village|wait",
                    kind="journey",
                    status="done",
                    public_text={
                        "en": "Decisions now come within two weeks.",
                        "ar": "تصدر القرارات الآن في غضون أسبوعين.",
                    },
                ),
            ]
        )
        db.session.commit()
    return app


@pytest.fixture(scope="module")
def insights_server(insights_app):
    with serving(insights_app) as url:
        yield url


def open_all_details(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_insights_pages_have_no_axe_violations(insights_server, new_page, lang, viewport):
    page = signed_in_page(new_page, insights_server, VIEWPORTS[viewport], lang)
    for path in PAGES:
        page.goto(f"{insights_server}{INSIGHTS}{path}")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("html").get_attribute("dir") == LANGUAGES[lang].direction
        open_all_details(page)
        assert axe_violations(page) == [], path
        assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_text_at_200_percent_with_the_filters_open_does_not_scroll_sideways(
    insights_server, new_page, lang
):
    """The date fields of the filters shrink to a 320 px phone's width at twice the text."""
    page = signed_in_page(new_page, insights_server, PHONE, lang)
    for path in PAGES:
        page.goto(f"{insights_server}{INSIGHTS}{path}")
        open_all_details(page)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_you_said_we_did_has_no_axe_violations(insights_server, new_page, lang, viewport):
    page = new_page(VIEWPORTS[viewport])
    page.goto(f"{insights_server}/{lang}/s/home-support/you-said-we-did")
    assert page.locator("html").get_attribute("dir") == LANGUAGES[lang].direction
    expected = "تصدر القرارات" if lang == "ar" else "Decisions now come within two weeks."
    assert expected in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_error_states_have_no_axe_violations(insights_server, new_page, viewport):
    page = signed_in_page(new_page, insights_server, VIEWPORTS[viewport])
    page.goto(f"{insights_server}{INSIGHTS}/gaps?since=2026-02-30")
    summary = page.get_by_role("alert")
    assert "Enter a real date" in summary.inner_text()
    expect(summary).to_be_focused()
    assert axe_violations(page) == []
    page.goto(f"{insights_server}{INSIGHTS}/participation")
    page.get_by_role("button", name="Upload").click()
    assert page.title().startswith("Error:")
    assert "Choose a CSV file to upload" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)


def test_overview_is_complete_without_javascript(insights_server, new_page):
    page = signed_in_page(new_page, insights_server, PHONE, javascript=False)
    page.goto(f"{insights_server}{INSIGHTS}/")
    assert "Reload the page to see new responses." in page.locator("main").inner_text()
    assert page.get_by_role("img", name="Responses over time, by channel").is_visible()
    page.get_by_text("Show the data as a table: Responses per period and channel").click()
    assert page.get_by_role("table", name="Responses per period and channel").is_visible()


def test_overview_refreshes_itself_when_responses_change(insights_server, insights_app, new_page):
    page = signed_in_page(new_page, insights_server, DESKTOP)
    page.goto(f"{insights_server}{INSIGHTS}/?channel=paper")
    assert "refresh by themselves" in page.locator("[data-live-note]").inner_text()
    before = page.locator(".key-figures__number").first.inner_text()
    with insights_app.app_context():
        paper = db.session.scalar(select(Response).where(Response.channel == "paper").limit(1))
        withdraw(paper)
    status = page.locator("[data-live-status]")
    status.filter(has_text="Figures updated at").wait_for(state="attached", timeout=10_000)
    after = page.locator(".key-figures__number").first.inner_text()
    assert int(after.replace(",", "")) == int(before.replace(",", "")) - 1


def test_accept_an_insight_with_the_keyboard(insights_server, new_page):
    page = signed_in_page(new_page, insights_server, PHONE)
    page.goto(f"{insights_server}{INSIGHTS}/priorities")
    first = page.locator(".insight").first
    first.get_by_role("button", name="Accept").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".status-messages")).to_contain_text("The insight is now “Accepted”.")
    assert "Status: Accepted" in page.locator(".insight").first.inner_text()
    assert axe_violations(page) == []


def open_first_theme(page, server):
    page.goto(f"{server}{INSIGHTS}/themes")
    page.locator("section.theme a[href*='/themes/theme']").first.click()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_theme_page_has_no_axe_violations(insights_server, new_page, lang, viewport):
    page = signed_in_page(new_page, insights_server, VIEWPORTS[viewport], lang)
    open_first_theme(page, insights_server)
    assert page.locator("ol.theme-comments blockquote").count() >= 10
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    page.locator("form:has(select) button[type=submit]").click()  # merge with nothing chosen
    assert page.title().startswith(("Error:", "خطأ"))
    expect(page.get_by_role("alert")).to_be_focused()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)


def test_rename_a_theme_with_the_keyboard_and_without_javascript(insights_server, new_page):
    page = signed_in_page(new_page, insights_server, PHONE, javascript=False)
    open_first_theme(page, insights_server)
    page.get_by_label("Name of this theme").fill("Buses from villages")
    page.get_by_role("button", name="Save the name").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".status-messages")).to_contain_text("The theme was renamed.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Theme: Buses from villages")
    page.get_by_role("link", name="Back to themes").click()
    assert "Buses from villages" in page.locator("section.theme h2").all_inner_texts()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_paired_bars_share_one_scale(insights_server, new_page, viewport):
    """Every bar's track is as long as the others, whatever the length of its value's text."""
    page = signed_in_page(new_page, insights_server, VIEWPORTS[viewport])
    page.goto(f"{insights_server}{INSIGHTS}/participation")
    widths = page.locator("figure .bar-chart__bar").evaluate_all(
        "bars => bars.map(bar => Math.round(bar.getBoundingClientRect().width))"
    )
    assert len(widths) >= 4 and len(set(widths)) == 1, widths
