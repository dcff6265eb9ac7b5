"""With JavaScript off, on a 320 px phone, a resident completes the flow, changes an answer
from "Check your answers", sends it, goes back and sends again: one response is stored."""

from tests.browser.conftest import PHONE, assert_no_horizontal_scroll
from tests.browser.feedback_pages import FLOW, response_for_code


def group(page, question):
    return page.get_by_role("group", name=question)


def continue_(page, name="Continue"):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    assert_no_horizontal_scroll(page)


def test_the_whole_flow_without_javascript(live_app, live_server, new_page):
    page = new_page(PHONE, javascript=False)
    page.goto(f"{live_server}/en{FLOW}")
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Start now").click()

    question = "Overall, how satisfied are you with this service?"
    group(page, question).get_by_label("Very satisfied").check()
    group(page, "I was treated fairly.").get_by_label("Does not apply").check()
    continue_(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Finding out"
    continue_(page)
    group(page, "Have you been through this stage?").get_by_label("Yes").check()
    group(page, "How did it feel?").get_by_label("Very bad").check()
    group(page, "What got in the way?").get_by_label("Waiting time").check()
    continue_(page)
    group(page, "Have you been through this stage?").get_by_label("Not yet").check()
    continue_(page)
    continue_(page)
    continue_(page)

    page.get_by_label("Is there anything else you want to tell us? (optional)").fill("Merci")
    continue_(page)
    group(page, "Do you want to answer questions about you?").get_by_label(
        "No, skip these questions"
    ).check()
    continue_(page)

    assert page.get_by_role("heading", level=1).inner_text().startswith("Check your answers")
    page.get_by_role("link", name="Change Applying").click()
    group(page, "How did it feel?").get_by_label("Bad", exact=True).check()
    continue_(page)
    assert page.url.split("#")[0].endswith("/check")
    assert "How it felt: Bad" in page.locator("main").inner_text()
    continue_(page, "Send feedback")
    code = page.locator(".receipt-code").inner_text()

    page.go_back()  # back to "Check your answers", and send again if the page offers it
    send_again = page.get_by_role("button", name="Send feedback")
    if send_again.count():
        continue_(page, "Send feedback")
    assert page.locator(".receipt-code").inner_text() == code

    stored = response_for_code(live_app, code)
    assert stored["same_key"] == 1
    assert stored["ratings"] == {"csat": 5, "a11_equity": None}
    assert stored["stages"] == {
        "apply": ("yes", -1, ["waiting_time"], None),
        "wait": ("not_yet", None, [], None),
    }
    assert stored["comments"] == ["Merci"]
    assert stored["profile"] is None and stored["consent_version"] is None
