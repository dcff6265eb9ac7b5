"""Every page and every error state of the residents' flow: zero axe violations, in fr, en, es
and ar, at 320 px and 1280 px, with no sideways scrolling and targets of at least 44×44 px.

One browser page per language and width walks the whole flow, errors included, so the matrix
stays fast. Controls are found by id or role, never by their words, which translators change.
"""

import pytest

from feedback_app.i18n import LANGUAGES
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.feedback_pages import (
    FLOW,
    STAGES,
    assert_error_state,
    check_page,
    error_prefix,
    response_for_code,
    submit,
)

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


def error_then_fix(page, prefix, field_id, make_error):
    make_error()
    submit(page)
    assert_error_state(page, prefix, field_id)
    check_page(page, f"error on {field_id}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_whole_flow_has_no_axe_violations(live_app, live_server, new_page, lang, viewport):
    page = new_page(VIEWPORTS[viewport])
    prefix = error_prefix(live_app, lang)
    base = f"{live_server}/{lang}{FLOW}"

    page.goto(f"{base}/check")  # nothing answered yet: sending is refused
    submit(page)
    assert_error_state(page, prefix)
    check_page(page, "nothing to send")

    page.goto(base)
    check_page(page, "start")
    with page.expect_navigation():
        page.locator("a.button--start").click()
    check_page(page, "ratings")

    def forge_rating():
        page.check("#rating_a11_trust-0")
        page.eval_on_selector("#rating_a11_trust-0", "input => { input.value = '9'; }")

    error_then_fix(page, prefix, "rating_a11_trust-0", forge_rating)
    for field, option in (("a11_satisfaction", 3), ("a11_trust", 4), ("csat", 4), ("ces", 7)):
        page.check(f"#rating_{field}-{option}")
    submit(page)

    check_page(page, "stage find_out")
    error_then_fix(page, prefix, "text", lambda: page.fill("#text", "x" * 1001))
    page.check("#went_through-0")
    page.check("#barriers-0")
    page.fill("#text", "Long wait.")
    submit(page)
    for _stage in STAGES[1:]:
        check_page(page, "stage")
        submit(page)

    check_page(page, "comment")
    error_then_fix(
        page, prefix, None, lambda: page.eval_on_selector("[name=csrf_token]", "e => e.remove()")
    )
    error_then_fix(page, prefix, "comment", lambda: page.fill("#comment", "x" * 2001))
    page.fill("#comment", "Thank you.")
    submit(page)

    check_page(page, "consent")
    error_then_fix(page, prefix, "consent-0", lambda: None)
    page.check("#consent-0")
    submit(page)

    check_page(page, "about you")
    error_then_fix(
        page, prefix, "gender_self_description", lambda: page.fill("#gender_self_description", "x")
    )
    page.fill("#gender_self_description", "")
    page.check("#age_band-6")
    submit(page)

    check_page(page, "everyday activities")
    page.check("#wg_mobility-3")
    submit(page)

    check_page(page, "check your answers")
    submit(page)
    check_page(page, "sent")
    code = page.locator(".receipt-code").inner_text()
    stored = response_for_code(live_app, code)
    assert stored["locale"] == lang and stored["same_key"] == 1
    assert stored["ratings"] == {"a11_satisfaction": 4, "a11_trust": 5, "csat": 5, "ces": None}

    page.goto(f"{live_server}/{lang}/receipt")
    check_page(page, "receipt")
    error_then_fix(page, prefix, "code", lambda: page.fill("#code", "ABCD-EFGH-JK"))
    page.fill("#code", code)
    submit(page)
    check_page(page, "your feedback")
    with page.expect_navigation():
        page.locator("a.button--warning").click()
    check_page(page, "withdraw")
    submit(page)
    check_page(page, "withdrawn")
    assert response_for_code(live_app, code)["withdrawn"]

    page.goto(f"{live_server}/{lang}/accessibility")
    check_page(page, "accessibility statement")
    page.goto(f"{live_server}/{lang}/privacy")
    check_page(page, "privacy notice")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_published_incident_notice_and_its_banner(
    live_app, live_server, new_page, tmp_path, lang, viewport
):
    notice = tmp_path / "incident_notice.toml"
    notice.write_text(
        'published = 2026-12-03\n[what_happened]\nen = "A kiosk printed receipts twice."\n'
        '[what_we_did]\nfr = "Nous avons réparé l’imprimante."\n'
        '[what_you_can_do]\nar = "لا شيء"\n',
        encoding="utf-8",
    )
    live_app.config["INCIDENT_NOTICE_FILE"] = str(notice)
    try:
        page = new_page(VIEWPORTS[viewport])
        page.goto(f"{live_server}/{lang}/privacy")
        check_page(page, "a page with the incident banner")
        with page.expect_navigation():
            page.locator(".incident-banner a").click()
        check_page(page, "incident notice")
    finally:
        live_app.config["INCIDENT_NOTICE_FILE"] = None
