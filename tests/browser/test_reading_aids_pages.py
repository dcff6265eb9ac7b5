"""Reading aids in Chromium (issue 13): chosen with the keyboard and no JavaScript, zero axe
violations in both themes, the largest text and easy read, in four languages at 320 and 1280 px,
on the flow, the public pages, the kiosk and a workshop's participant pages; read aloud only
where the browser has a voice; the whole flow in easy read with the keyboard alone."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.i18n import LANGUAGES
from feedback_app.kiosk import registry
from feedback_app.models import User
from feedback_app.reading import READING_COOKIE
from feedback_app.workshops import agenda
from tests.browser.conftest import DESKTOP, PHONE, demo_app, serving
from tests.browser.feedback_pages import FLOW, check_page, response_for_code, submit
from tests.browser.speech import speech_engine
from tests.browser.test_feedback_keyboard import choose, continue_, focused, tab_to
from tests.workshops.helpers import make_workshop

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
ALL_AIDS = "largest.high.on"


def with_aids(new_page, server, viewport, aids, *, javascript=True):
    """A fresh browser whose reading aids cookie already holds `aids`."""
    page = new_page(viewport, javascript=javascript)
    page.context.add_cookies([{"name": READING_COOKIE, "value": aids, "url": server}])
    return page


def walk_the_flow(page, base, what):
    """Every question page, "Check your answers" and the receipt, each checked on the way."""
    page.goto(base)
    check_page(page, f"start {what}")
    page.goto(f"{base}/rate")
    check_page(page, f"ratings {what}")
    page.check("#rating_a11_satisfaction-3")
    submit(page)
    check_page(page, f"stage {what}")
    page.check("#went_through-0")
    page.check("#emotion-1")
    submit(page)
    for step in ("comment", "about-you/consent"):
        page.goto(f"{base}/{step}")
        check_page(page, f"{step} {what}")
    page.check("#consent-0")
    submit(page)
    check_page(page, f"about you {what}")
    submit(page)
    check_page(page, f"activities {what}")
    submit(page)
    check_page(page, f"check {what}")
    submit(page)
    check_page(page, f"sent {what}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_flow_with_every_aid_on_has_no_axe_violations(live_server, new_page, lang, viewport):
    page = with_aids(new_page, live_server, VIEWPORTS[viewport], ALL_AIDS)
    base = f"{live_server}/{lang}{FLOW}"
    walk_the_flow(page, base, ALL_AIDS)
    assert page.locator("html").get_attribute("class") == "text-largest high-contrast easy-read"
    for path in ("/", "/accessibility", "/reading-aids", "/s/home-support/you-said-we-did"):
        page.goto(f"{live_server}/{lang}{path}")
        check_page(page, path)


@pytest.mark.parametrize("aids", ["largest.standard.on", "large.high.off", "standard.high.on"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_theme_and_size_has_no_axe_violations_on_a_phone(live_server, new_page, lang, aids):
    page = with_aids(new_page, live_server, PHONE, aids)
    walk_the_flow(page, f"{live_server}/{lang}{FLOW}", aids)


def check_as_served(new_page, page, what):
    """axe-core never finishes where JavaScript is off, so the page the server sent (the same
    URL, with the same cookies) is checked in a page where it is on."""
    twin = new_page(PHONE)
    twin.context.add_cookies(page.context.cookies())
    twin.goto(page.url)
    check_page(twin, what)


def test_the_aids_are_chosen_with_the_keyboard_without_javascript(live_server, new_page):
    page = new_page(PHONE, javascript=False)
    page.goto(f"{live_server}/en{FLOW}/rate")
    tab_to(page, ".reading-aids-link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_as_served(new_page, page, "reading aids")
    choose(page, "#text_size-0", 2)
    choose(page, "#contrast-0", 1)
    choose(page, "#easy-0", 1)
    continue_(page)
    assert page.url == f"{live_server}/en{FLOW}/rate"
    assert page.locator("html").get_attribute("class") == "text-largest high-contrast easy-read"
    expect(page.locator("main .icon--very-good").first).to_be_visible()
    cookie = next(c for c in page.context.cookies() if c["name"] == READING_COOKIE)
    assert cookie["value"] == ALL_AIDS and cookie["sameSite"] == "Lax" and cookie["httpOnly"]
    check_as_served(new_page, page, "after choosing")


def test_the_whole_flow_in_easy_read_with_the_keyboard_alone(live_app, live_server, new_page):
    page = with_aids(new_page, live_server, PHONE, "large.standard.on")
    page.goto(f"{live_server}/en{FLOW}")
    page.keyboard.press("Tab")
    assert focused(page, ".skip-link")
    tab_to(page, "a.button--start")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("main legend").first.inner_text() == "I am happy with the help I got."
    choose(page, "#rating_a11_satisfaction-0", 4)
    continue_(page)
    choose(page, "#went_through-0", 0)
    choose(page, "#emotion-0", 3)
    continue_(page)
    for _stage in range(4):
        continue_(page)
    continue_(page)  # nothing to add
    choose(page, "#consent-0", 1)
    continue_(page)
    continue_(page)  # check your answers: send
    code = page.locator(".receipt-code").inner_text()
    stored = response_for_code(live_app, code)
    assert stored["ratings"] == {"a11_satisfaction": 5}
    assert stored["stages"]["find_out"][:2] == ("yes", 1)
    assert stored["profile"] is None


@pytest.fixture(scope="module")
def kiosk_and_workshop(tmp_path_factory):
    """Its own app: a kiosk offering the demo service, and a workshop with an open idea wall."""
    with demo_app(tmp_path_factory.mktemp("reading") / "reading.db") as (app, service):
        facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
        _kiosk, token = registry.register_kiosk(
            location="Library",
            default_locale="en",
            services=[service],
            user=facilitator,
            service=service,
        )
        workshop = make_workshop(facilitator, service, languages=list(LANGUAGES))
        wall = agenda.add_activity(workshop, "idea_wall", prompt="How might we help?")
        agenda.set_status(wall, "open", user=None)
        ids = {"token": token, "code": workshop.join_code, "wall": wall.id}
    with serving(app) as url:
        yield url, ids


def test_the_kiosk_and_a_workshop_show_the_aids_without_axe_violations(
    new_page, kiosk_and_workshop
):
    server, ids = kiosk_and_workshop
    kiosk = with_aids(new_page, server, PHONE, ALL_AIDS)
    kiosk.goto(f"{server}/kiosk/setup/{ids['token']}")
    submit(kiosk)
    check_page(kiosk, "kiosk home")
    kiosk.goto(f"{server}/ar{FLOW}/rate")
    assert kiosk.locator("body.kiosk").count() == 1
    check_page(kiosk, "kiosk flow")
    participant = with_aids(new_page, server, PHONE, ALL_AIDS)
    participant.goto(f"{server}/w")
    check_page(participant, "join")
    participant.locator("#code").fill(ids["code"])
    submit(participant)
    participant.locator("main input[value=en]").check()
    submit(participant)
    check_page(participant, "participant home")
    participant.goto(f"{server}/w/{ids['code']}/a/{ids['wall']}")
    check_page(participant, "idea wall")


def question_buttons(page):
    return page.locator("main button.read-aloud")


def test_read_aloud_reads_one_question_and_its_answers_in_the_pages_language(live_server, new_page):
    page = new_page(PHONE)
    page.add_init_script(speech_engine("fr-FR", "en-GB"))
    page.goto(f"{live_server}/fr{FLOW}/rate")
    groups = page.locator("main fieldset").count()
    expect(question_buttons(page)).to_have_count(groups)
    button = question_buttons(page).nth(1)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    [spoken] = page.evaluate("window.__spoken")
    legend = page.locator("main fieldset").nth(1).locator("legend").inner_text()
    answers = page.locator("main fieldset").nth(1).locator("label").all_inner_texts()
    assert spoken["lang"] == "fr-FR" and legend in spoken["text"]
    assert all(answer in spoken["text"] for answer in answers)
    # The engine fails (no audio device, say): the button offers reading again.
    page.evaluate("window.__utterance.onerror({ error: 'synthesis-failed' })")
    expect(button).to_have_attribute("aria-pressed", "false")
    check_page(page, "read aloud buttons")
    page.goto(f"{live_server}/fr{FLOW}/comment")
    button = question_buttons(page).first
    button.click()
    spoken = page.evaluate("window.__spoken")[-1]["text"]
    assert page.locator("main label").first.inner_text() in spoken
    assert "Read" not in spoken and "Lire" not in spoken


def test_read_aloud_is_offered_only_with_a_voice_for_the_pages_language(live_server, new_page):
    page = new_page(PHONE)
    page.add_init_script(speech_engine("fr-FR"))
    page.goto(f"{live_server}/ar{FLOW}/rate")
    expect(question_buttons(page).first).to_be_hidden()
    assert page.evaluate("window.__spoken") == []
    no_script = new_page(PHONE, javascript=False)
    no_script.goto(f"{live_server}/en{FLOW}/rate")
    expect(question_buttons(no_script)).to_have_count(0)
