"""A resident completes the whole flow, then withdraws it, with the keyboard alone.

On every Tab the focused element must show a focus indicator and not be covered by anything.
"""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.feedback_pages import FLOW, FOCUS_STATE, STAGES, response_for_code


def focused(page, selector):
    return page.locator(selector).evaluate("element => element === document.activeElement")


def tab_to(page, selector, limit=150):
    """Press Tab until `selector` has focus, checking that every stop on the way is seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state["visible"], f"focus not visible on {state['description']}"
        assert state["unobscured"], f"focus hidden on {state['description']}"
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def choose(page, first_radio, index):
    """Tab into a radio group (focus lands on its first answer), then pick answer `index`."""
    tab_to(page, first_radio)
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")


def press_enter_on(page, selector):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def continue_(page):
    press_enter_on(page, "main form button[type=submit]")


def test_the_whole_flow_with_the_keyboard_alone(live_app, live_server, new_page):
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}")
    page.keyboard.press("Tab")
    assert focused(page, ".skip-link")
    press_enter_on(page, "a.button--start")

    choose(page, "#rating_a11_satisfaction-0", 3)
    choose(page, "#rating_csat-0", 4)
    continue_(page)

    choose(page, "#went_through-0", 0)
    choose(page, "#emotion-0", 1)
    tab_to(page, "#barriers-0")
    page.keyboard.press("Tab")  # to "Paperwork"
    page.keyboard.press("Space")
    tab_to(page, "#text")
    page.keyboard.type("Nobody called back.")
    continue_(page)
    for _stage in STAGES[1:]:
        continue_(page)

    tab_to(page, "#comment")
    page.keyboard.type("Kind staff.")
    assert page.locator("#comment-count").inner_text() == "You have 1989 characters remaining"
    # Screen readers hear the count once typing pauses.
    expect(page.locator("#comment-count-status")).to_have_text("You have 1989 characters remaining")
    continue_(page)

    continue_(page)  # consent not answered: the error summary takes focus
    assert focused(page, ".error-summary")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # its link takes focus to the first answer
    assert focused(page, "#consent-0")
    page.keyboard.press("Space")
    continue_(page)

    choose(page, "#age_band-0", 6)
    continue_(page)
    choose(page, "#wg_mobility-0", 2)
    continue_(page)

    assert page.locator("h1").inner_text() == "Check your answers before sending them"
    continue_(page)
    code = page.locator(".receipt-code").inner_text()
    stored = response_for_code(live_app, code)
    assert stored["ratings"] == {"a11_satisfaction": 4, "csat": 5}
    assert stored["stages"] == {"find_out": ("yes", -1, ["paperwork"], "Nobody called back.")}
    assert stored["comments"] == ["Kind staff."]
    assert stored["profile"] == {"age_band": "75+", "disability": "yes"}

    page.goto(f"{live_server}/en/receipt")
    tab_to(page, "#code")
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    press_enter_on(page, "a.button--warning")
    continue_(page)
    assert response_for_code(live_app, code)["withdrawn"]
