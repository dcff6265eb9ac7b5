"""The exports page, the printable report and the tokens page in Chromium: zero axe violations
in four languages, on a phone and a desktop, and no sideways scrolling."""

import pytest

from feedback_app.i18n import LANGUAGES
from tests.api.helpers import seed_small
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_no_horizontal_scroll,
    axe_violations,
    demo_app,
    serving,
    signed_in_page,
)

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
EXPORTS = "/staff/services/home-support/exports"
PAGES = [f"{EXPORTS}/", f"{EXPORTS}/?channel=kiosk", f"{EXPORTS}/report", "/staff/tokens"]


@pytest.fixture(scope="module")
def exports_server(tmp_path_factory):
    """The demo catalogue and staff with a small sample and a census, on its own database."""
    with demo_app(tmp_path_factory.mktemp("exports") / "exports.db") as (app, service):
        seed_small(service)
    with serving(app) as url:
        yield url


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_export_pages_have_no_axe_violations(exports_server, new_page, lang, viewport):
    page = signed_in_page(new_page, exports_server, VIEWPORTS[viewport], lang)
    for path in PAGES:
        page.goto(f"{exports_server}{path}")
        assert page.locator("html").get_attribute("dir") == LANGUAGES[lang].direction
        assert axe_violations(page) == [], path
        assert_no_horizontal_scroll(page)


def test_a_new_token_is_shown_and_accessible(exports_server, new_page):
    page = signed_in_page(new_page, exports_server, PHONE, "en")
    page.goto(f"{exports_server}/staff/tokens")
    page.get_by_label("Name of the new token").fill("Dashboard")
    page.get_by_role("button", name="Create token").click()  # no permission ticked: refused
    assert page.get_by_label("Name of the new token").input_value() == "Dashboard"
    assert axe_violations(page) == []
    page.get_by_role("checkbox", name="Read insights").check()
    page.get_by_role("radio", name="30 days").check()
    page.get_by_role("button", name="Create token").click()
    assert page.get_by_label("Token", exact=True).input_value().startswith("ens_")
    region = page.get_by_role("region", name="Your tokens")
    region.focus()
    assert region.evaluate("element => element === document.activeElement")
    assert axe_violations(page) == []
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Revoke Dashboard").click()
    assert "is revoked" in page.locator("main").inner_text()


def test_exports_page_links_to_every_download(exports_server, new_page):
    page = signed_in_page(new_page, exports_server, DESKTOP, "fr")
    page.goto(f"{exports_server}/staff/")
    page.locator(f"a[href='{EXPORTS}/']").click()
    with page.expect_download() as download:
        page.locator(".export-list a").first.click()
    assert download.value.suggested_filename.endswith(".csv.zip")
