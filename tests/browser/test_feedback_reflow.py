"""Text made twice as large on a 320 px phone: every page of the flow still fits its width."""

import pytest

from tests.browser.conftest import PHONE, assert_no_horizontal_scroll
from tests.browser.feedback_pages import FLOW, submit

PAGES = [
    "",
    "/rate",
    "/journey/apply",
    "/comment",
    "/about-you/consent",
    "/about-you",
    "/about-you/activities",
    "/check",
    "/sent",
]


def larger_text(page):
    page.evaluate("document.documentElement.style.fontSize = '200%'")


# French and Spanish have the longest words ("administratives" beside its checkbox).
@pytest.mark.parametrize("lang", ["en", "ar", "fr", "es"])
def test_text_at_200_percent_does_not_scroll_sideways(live_server, new_page, lang):
    page = new_page(PHONE)
    base = f"{live_server}/{lang}{FLOW}"
    page.goto(f"{base}/about-you/consent")
    page.check("#consent-0")
    submit(page)
    page.goto(f"{base}/rate")
    page.check("#rating_csat-4")
    submit(page)
    for path in PAGES:
        if path == "/sent":
            page.goto(f"{base}/check")
            submit(page)
        else:
            page.goto(f"{base}{path}")
        larger_text(page)
        assert_no_horizontal_scroll(page)
    for path in ("/receipt", "/accessibility"):
        page.goto(f"{live_server}/{lang}{path}")
        larger_text(page)
        assert_no_horizontal_scroll(page)
