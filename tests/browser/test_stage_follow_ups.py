"""With JavaScript, "Not yet" or "No" hides the questions for those who went through a stage."""

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
