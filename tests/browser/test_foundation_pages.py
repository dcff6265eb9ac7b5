"""The pages every visitor meets first pass axe with zero violations, on a phone and a desktop."""

import pytest
from playwright.sync_api import expect

from feedback_app.i18n import LANGUAGES
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    STAFF_PASSWORD,
    assert_no_horizontal_scroll,
    axe_violations,
)

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_have_no_axe_violations(live_server, new_page, lang, viewport):
    page = new_page(VIEWPORTS[viewport])
    for path in (f"/{lang}/", "/login", "/no-such-page"):
        page.goto(f"{live_server}{path}")
        assert page.locator("html").get_attribute("lang") == lang
        assert axe_violations(page) == [], path
        assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_login_error_state_has_no_axe_violations(live_server, new_page, viewport):
    page = new_page(VIEWPORTS[viewport])
    page.goto(f"{live_server}/login")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error:")
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    # The page's script moves focus once it runs, which may be just after the page is shown.
    expect(summary).to_be_focused()
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)


def test_language_choice_offers_the_browser_language_first(live_server, new_page):
    page = new_page(PHONE, locale="es-ES")
    page.goto(f"{live_server}/")
    first = page.locator(".language-choice a").first
    assert first.inner_text() == "Español"
    assert first.get_attribute("lang") == "es"
    assert axe_violations(page) == []


def test_staff_sign_in_with_the_keyboard_alone(live_server, new_page):
    page = new_page(PHONE)
    page.goto(f"{live_server}/login")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.get_by_label("Email address").focus()
    page.keyboard.type("analyst@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your services"
    assert axe_violations(page) == []
