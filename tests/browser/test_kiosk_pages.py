"""A kiosk in Chromium: set up from its link, idle reset with and without JavaScript,
read-aloud, keyboard use, and zero axe violations in four languages on a phone and a desktop."""

import re

import pytest
from playwright.sync_api import expect

from feedback_app.extensions import db
from feedback_app.i18n import LANGUAGES
from feedback_app.kiosk import registry
from feedback_app.models import Kiosk, User
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    STAFF_PASSWORD,
    assert_no_horizontal_scroll,
    axe_violations,
    demo_app,
    serving,
    sign_in,
)
from tests.browser.feedback_pages import CARRIED_ANSWERS
from tests.browser.speech import speech_engine

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
IDLE, WARNING = 2, 2


def setup_links(app, kiosk_id, facilitator_id):
    """A fresh setup link each time: a link works once."""

    def new_link():
        with app.app_context():
            kiosk = db.session.get(Kiosk, kiosk_id)
            return registry.replace_setup_link(
                kiosk, db.session.get(User, facilitator_id), kiosk.services[0]
            )

    return new_link


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory):
    """Its own app with short idle times, and a kiosk offering the demo service (French home);
    yields its URL and a function making a new setup link."""
    database = tmp_path_factory.mktemp("kiosk") / "kiosk.db"
    config = {"KIOSK_IDLE_SECONDS": IDLE, "KIOSK_WARNING_SECONDS": WARNING}
    with demo_app(database, **config) as (app, service):
        facilitator = db.session.query(User).filter_by(email="facilitator@example.org").one()
        kiosk, _token = registry.register_kiosk(
            location="Town hall, reception",
            default_locale="fr",
            services=[service],
            user=facilitator,
            service=service,
        )
        new_link = setup_links(app, kiosk.id, facilitator.id)
    with serving(app) as url:
        yield url, new_link


def kiosk_page(new_page, kiosk_server, viewport=DESKTOP, *, javascript=True, offline_app=True):
    """A browser set up as the kiosk through its setup page, showing the home screen; without
    `offline_app`, its service worker is not installed (test_kiosk_offline.py covers it)."""
    url, new_link = kiosk_server
    workers = "allow" if offline_app else "block"
    page = new_page(viewport, javascript=javascript, service_workers=workers)
    page.goto(f"{url}/kiosk/setup/{new_link()}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{url}/fr/kiosk")
    return page


def test_a_resident_walks_away_and_the_next_one_finds_a_clean_screen(new_page, kiosk_server):
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server)
    page.locator("main").get_by_role("link", name="English").click()
    page.locator(".kiosk-services a").first.click()
    page.get_by_role("link", name="Start now").click()
    page.locator("input[name=rating_csat][value='5']").check()
    page.get_by_role("button", name="Continue").click()
    dialog = page.get_by_role("dialog", name="Are you still there?")
    expect(dialog).to_be_visible(timeout=(IDLE + 2) * 1000)
    # The dialog holds the focus; a key press answers it.
    expect(dialog.get_by_role("button", name="I am still here")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    assert "/journey/" in page.url
    # Left alone again: the warning comes back, and this time the screen starts over.
    expect(dialog).to_be_visible(timeout=(IDLE + 2) * 1000)
    page.wait_for_url(f"{url}/fr/kiosk", timeout=(WARNING + 3) * 1000)
    # "Back" shows the page the server renders now, not what the browser remembers of it.
    page.go_back()
    expect(page).to_have_url(f"{url}/en/s/home-support/rate")
    expect(page.locator("input[name=rating_csat][value='5']")).not_to_be_checked()
    page.goto(f"{url}/en/s/home-support/rate")
    expect(page.locator("input[name=rating_csat][value='5']")).not_to_be_checked()


def test_starting_over_forgets_answers_carried_across_a_language_switch(new_page, kiosk_server):
    """The pages forget them as they load; starting over forgets them too, for the offline
    app's pages, which do not load app.js (blocked here to stand for them)."""
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server, offline_app=False)
    page.route("**/static/js/app.js", lambda route: route.abort())
    page.goto(f"{url}/en/s/home-support/comment")
    page.evaluate("(key) => sessionStorage.setItem(key, '{}')", CARRIED_ANSWERS)
    page.wait_for_url(f"{url}/fr/kiosk", timeout=(IDLE + WARNING + 3) * 1000)
    assert page.evaluate("sessionStorage.length") == 0


def test_without_javascript_the_kiosk_still_starts_over(new_page, kiosk_server):
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server, javascript=False)
    page.goto(f"{url}/en/s/home-support/rate")
    page.locator("input[name=rating_csat][value='5']").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{url}/fr/kiosk", timeout=(IDLE * 3 + 4) * 1000)


def test_the_home_screen_in_its_own_language_waits_without_a_timer(new_page, kiosk_server):
    page = kiosk_page(new_page, kiosk_server)
    page.wait_for_timeout((IDLE + 1) * 1000)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("dialog[open]")).to_have_count(0)


def test_read_aloud_speaks_the_page_in_its_language(new_page, kiosk_server):
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server)
    page.add_init_script(speech_engine("ar-SA", "fr-FR"))
    page.goto(f"{url}/ar/s/home-support")
    button = page.locator("[data-read-aloud]")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    spoken = page.evaluate("window.__spoken")
    heading = page.locator("h1").inner_text()
    assert len(spoken) == 1 and spoken[0]["lang"] == "ar-SA" and heading in spoken[0]["text"]
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")


def test_read_aloud_reads_each_question_once_without_the_buttons_labels(new_page, kiosk_server):
    """A review heard "Read aloud: ..." before every question, then the question again."""
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server)
    page.add_init_script(speech_engine("en-GB"))
    page.goto(f"{url}/en/s/home-support/rate")
    page.locator("[data-read-aloud]").click()
    text = page.evaluate("window.__spoken")[0]["text"]
    legends = page.locator("main legend").all_inner_texts()
    assert legends and all(text.count(legend.strip()) == 1 for legend in legends), text
    assert "Read aloud" not in text
    expect(page.locator("button.read-aloud").first).to_be_visible()


ROW_AND_LABEL_EDGES = """rows => rows.map(row => {
    const r = row.getBoundingClientRect(), l = row.querySelector("label").getBoundingClientRect();
    return {rowLeft: r.left, rowRight: r.right, left: l.left, right: l.right, height: l.height};
})"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_tap_anywhere_on_an_answers_row_chooses_it(new_page, kiosk_server, lang):
    """A review tapped below and beside the words of an answer and chose nothing. Each step
    is one round trip, the tap first: the kiosk here resets after 2 idle seconds."""
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server, PHONE)
    page.goto(f"{url}/{lang}/s/home-support/rate")
    rows = page.locator("main .choice:has(input[name^=rating_])")
    last = rows.last
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    far = (box["width"] - 2) if lang == "en" else 2
    page.mouse.click(box["x"] + far, box["y"] + box["height"] - 2)
    expect(last.locator("input")).to_be_checked()
    edges = rows.evaluate_all(ROW_AND_LABEL_EDGES)
    assert len(edges) >= 5
    for edge in edges:
        assert edge["height"] >= 3.5 * 16 - 1, edge
        if lang == "en":
            assert edge["right"] >= edge["rowRight"] - 1, edge
        else:
            assert edge["left"] <= edge["rowLeft"] + 1, edge


def test_read_aloud_is_offered_only_with_a_voice_for_the_pages_language(new_page, kiosk_server):
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server)
    page.add_init_script(speech_engine("ar-SA", "fr-FR"))
    page.goto(f"{url}/es/s/home-support")
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    page.goto(f"{url}/fr/s/home-support")
    button = page.locator("[data-read-aloud]")
    expect(button).to_be_visible()
    # The engine fails (no audio device, say): the button is ready again, not stuck on "Stop".
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    page.evaluate("window.__utterance.onerror(new Event('error'))")
    expect(button).to_have_attribute("aria-pressed", "false")


def test_read_aloud_is_not_offered_without_javascript(new_page, kiosk_server):
    page = kiosk_page(new_page, kiosk_server, javascript=False)
    expect(page.locator("[data-read-aloud]")).to_be_hidden()


def test_the_staff_set_a_kiosk_up_with_the_keyboard_alone(new_page, kiosk_server):
    url = kiosk_server[0]
    page = new_page(DESKTOP)
    page.goto(f"{url}/login")
    page.locator("#email").fill("facilitator@example.org")
    page.locator("#password").fill(STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/")
    page.goto(f"{url}/staff/services/home-support/kiosks")
    page.locator("#location").focus()
    page.keyboard.type("Library, entrance")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.locator("main form button[type=submit]").last.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Setup link of the kiosk")
    assert not axe_violations(page)
    link = page.locator(".share-url code").inner_text()
    assert re.fullmatch(rf"{re.escape(url)}/kiosk/setup/[\w-]+", link)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_kiosk_pages_have_no_axe_violations(new_page, kiosk_server, lang, viewport):
    url = kiosk_server[0]
    # With the 2-second idle reset here, installing the offline app would race the checks.
    page = kiosk_page(new_page, kiosk_server, VIEWPORTS[viewport], offline_app=False)
    for path in (f"/{lang}/kiosk", f"/{lang}/s/home-support", f"/{lang}/s/home-support/rate"):
        page.goto(url + path)
        assert not axe_violations(page), path
        assert_no_horizontal_scroll(page)
    page.evaluate("document.getElementById('idle-dialog').showModal()")
    assert not axe_violations(page), "idle dialog"


def test_a_step_sent_without_network_is_kept_and_sent_when_it_returns(new_page, kiosk_server):
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server)
    page.goto(f"{url}/en/s/home-support/rate")
    five = page.locator("input[name=rating_csat][value='5']")
    five.check()
    page.context.set_offline(True)
    page.get_by_role("button", name="Continue").click()
    # The script reports the failed send once the browser gives up; slower on a loaded machine.
    expect(page.get_by_role("alert")).to_contain_text("No connection", timeout=15_000)
    expect(five).to_be_checked()
    assert page.url == f"{url}/en/s/home-support/rate"
    page.context.set_offline(False)
    page.wait_for_url("**/journey/**")
    page.goto(f"{url}/en/s/home-support/rate")
    expect(five).to_be_checked()


def test_answers_with_errors_still_show_the_error_summary(new_page, kiosk_server):
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server)
    page.goto(f"{url}/en/s/home-support/check")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".error-summary")).to_contain_text("We could not find your answers")
    expect(page).to_have_title(re.compile("^Error:"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_kiosk_pages_have_no_axe_violations(new_page, kiosk_server, lang):
    url, new_link = kiosk_server
    page = sign_in(new_page(PHONE), url, "facilitator@example.org", lang=lang)
    page.goto(f"{url}/staff/services/home-support/kiosks")
    assert not axe_violations(page), "kiosks"
    assert_no_horizontal_scroll(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert not axe_violations(page), "kiosks with errors"
    page.locator(".kiosk-list__item a.button").first.click()
    assert not axe_violations(page), "retire?"
    assert_no_horizontal_scroll(page)
    page.goto(f"{url}/kiosk/setup/{new_link()}")
    assert not axe_violations(page), "setup"


def test_a_step_waits_while_the_server_cannot_store_answers(new_page, kiosk_server):
    url = kiosk_server[0]
    page = kiosk_page(new_page, kiosk_server)
    page.goto(f"{url}/en/s/home-support/comment")
    page.locator("#comment").fill("The bus never comes.")
    # The database is down: /healthz answers 503, as it does then.
    page.route("**/healthz", lambda route: route.fulfill(status=503, body="{}"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#comment")).to_have_value("The bus never comes.")
    page.unroute("**/healthz")
    page.wait_for_url("**/about-you/consent", timeout=6000)
