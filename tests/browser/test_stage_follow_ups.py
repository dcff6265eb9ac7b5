"""With JavaScript, "Not yet" or "No" hides the questions for those who went through a stage,
and going back to a page shows it as the answers the browser puts back say."""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.feedback_pages import FLOW


def test_not_yet_hides_how_it_felt_and_yes_shows_it_again(live_server, new_page):
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}/journey/apply")
    went_through = page.get_by_role("group", name="Have you been through this stage?")
    feeling = page.get_by_role("group", name="How did it feel?")
    barriers = page.get_by_role("group", name="What got in the way?")
    expect(feeling).to_be_visible()
    went_through.get_by_label("Not yet").check()
    expect(feeling).to_be_hidden()
    expect(barriers).to_be_hidden()
    expect(page.get_by_label("What happened? (optional)")).to_be_visible()
    went_through.get_by_label("Yes").check()
    expect(feeling).to_be_visible()
    went_through.get_by_label("No", exact=True).check()
    expect(barriers).to_be_hidden()


def test_going_back_to_a_stage_hides_what_the_answer_put_back_hides(live_server, new_page):
    """The browser puts the earlier answer back after the page's script has run."""
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}/journey/find_out")
    page.get_by_role("group", name="Have you been through this stage?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("link", name="Accessibility statement").click()
    page.go_back()
    expect(page.locator("input[name=went_through][value=no]")).to_be_checked()
    expect(page.get_by_role("group", name="How did it feel?")).to_be_hidden()


def test_going_back_to_the_comment_counts_the_text_put_back(live_server, new_page):
    page = new_page(PHONE)
    page.goto(f"{live_server}/en{FLOW}/comment")
    page.locator("#comment").fill("Kind staff.")
    page.get_by_role("link", name="Accessibility statement").click()
    page.go_back()
    expect(page.locator("#comment")).to_have_value("Kind staff.")
    expect(page.locator("#comment-count")).to_have_text("You have 1989 characters remaining")
