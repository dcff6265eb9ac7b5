"""Switching language keeps what was typed on the page and not yet sent (with JavaScript),
and keeps it nowhere once the page in the other language has loaded."""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.feedback_pages import CARRIED_ANSWERS, FLOW

CARRIED = f"() => sessionStorage.getItem('{CARRIED_ANSWERS}')"


def switch_to(page, code):
    page.locator(f".language-switch a[hreflang={code}]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_typed_comment_and_chosen_answers_survive_a_language_switch(live_server, new_page):
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}/rate")
    page.locator("input[name=rating_csat][value='4']").check()
    switch_to(page, "fr")
    expect(page.locator("input[name=rating_csat][value='4']")).to_be_checked()

    page.goto(f"{live_server}/fr{FLOW}/comment")
    page.locator("#comment").fill("Le guichet ferme trop tôt.")
    switch_to(page, "ar")
    expect(page.locator("#comment")).to_have_value("Le guichet ferme trop tôt.")
    # The count was brought up to date with the text put back.
    expect(page.locator("#comment-count")).not_to_contain_text("2000")
    assert page.evaluate(CARRIED) is None


def test_answers_go_to_no_other_page(live_server, new_page):
    """The switch's page answers elsewhere (a session gone, say): a stage with the very same
    questions gets nothing of the stage before."""
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}/journey/find_out")
    page.locator("#text").fill("Only for finding out.")
    link = page.locator(".language-switch a[hreflang=es]")
    link.evaluate("(link) => link.addEventListener('click', (event) => event.preventDefault())")
    link.click()
    assert page.evaluate(CARRIED) is not None
    page.goto(f"{live_server}/es{FLOW}/journey/apply")
    expect(page.locator("#went_through-0")).to_be_visible()
    expect(page.locator("#text")).to_have_value("")
    assert page.evaluate(CARRIED) is None


def test_a_language_opened_in_a_new_tab_leaves_nothing_behind(live_server, new_page):
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}/comment")
    page.locator("#comment").fill("Not for a later visit.")
    with page.context.expect_page() as new_tab:
        page.locator(".language-switch a[hreflang=fr]").click(modifiers=["Shift"])
    new_tab.value.close()
    assert page.evaluate(CARRIED) is None
    page.reload()
    expect(page.locator("#comment")).to_have_value("")


def test_answers_kept_over_a_minute_ago_are_not_put_back(live_server, new_page):
    """A switch that never arrived (no network, say) leaves nothing for a later visit."""
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}/comment")
    page.evaluate(
        """(key) => sessionStorage.setItem(key, JSON.stringify({
          page: document.querySelector(".language-switch").dataset.page,
          at: Date.now() - 61000, fields: [{name: "comment", value: "Stale."}]}))""",
        CARRIED_ANSWERS,
    )
    page.reload()
    expect(page.locator("#comment")).to_have_value("")
    assert page.evaluate(CARRIED) is None
