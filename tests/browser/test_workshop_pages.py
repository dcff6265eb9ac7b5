"""Workshops in Chromium: a participant takes part with the keyboard alone and JavaScript off,
the board shows a card posted from another browser without a reload, and the participants' and
facilitators' pages have zero axe violations in four languages on a phone and a desktop."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback_app.demo.workshop import JOIN_CODE, seed_workshop
from feedback_app.extensions import db
from feedback_app.i18n import LANGUAGES
from feedback_app.models import User
from feedback_app.workshops import agenda, cards
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    assert_no_horizontal_scroll,
    axe_violations,
    demo_app,
    serving,
    sign_in,
)
from tests.browser.feedback_pages import SMALL_TARGETS
from tests.workshops.helpers import make_workshop

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# How often the board asks whether anything changed (static/js/board.js).
EVERY_MS = 2000


@pytest.fixture(scope="module")
def workshop_server(tmp_path_factory):
    """The demo workshop (closed, with results) and a live one with every activity open."""
    with demo_app(tmp_path_factory.mktemp("workshops") / "workshops.db") as (app, service):
        demo = seed_workshop(service)
        db.session.commit()
        facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
        live = make_workshop(facilitator, service, languages=list(LANGUAGES))
        journey = agenda.add_activity(live, "journey_map", prompt="Your journey")
        wall = agenda.add_activity(live, "idea_wall", prompt="How might we help?")
        cards.post_card(wall, None, text="Ring before coming", kind="idea")
        vote = agenda.add_activity(
            live, "dot_vote", dots_per_participant=2, source_activity_id=wall.id
        )
        rating = agenda.add_activity(
            live, "rating_round", options=["Phone", "Visit"], criteria=["Easy"]
        )
        for activity in (journey, wall, vote, rating):
            agenda.set_status(activity, "open", user=None)
        ids = {
            "code": live.join_code,
            "workshop": live.id,
            "demo": demo.id,
            "journey": journey.id,
            "wall": wall.id,
            "vote": vote.id,
            "rating": rating.id,
        }
    with serving(app) as url:
        yield url, ids


def _join(page, server, code, language="English"):
    page.goto(f"{server}/w")
    page.locator("#code").fill(f"{code[:3].lower()} {code[3:]}")
    page.locator("main form button[type=submit]").click()
    page.get_by_label(language).check()
    page.locator("main form button[type=submit]").click()


def test_a_participant_does_every_activity_by_keyboard_without_javascript(
    new_page, workshop_server
):
    server, ids = workshop_server
    page = new_page(PHONE, javascript=False)
    page.goto(f"{server}/w")
    page.get_by_label("Workshop code").focus()
    page.keyboard.type(ids["code"].lower())
    page.keyboard.press("Enter")
    page.get_by_label("English").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Sam")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Open now")).to_be_visible()

    page.get_by_role("link", name="Your journey").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Your card").focus()
    page.keyboard.type("Waited three weeks")
    page.get_by_label("A pain point").focus()
    page.keyboard.press("Space")
    page.get_by_role("group", name="Stage").get_by_role("radio").first.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Post the card").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".card-list")).to_contain_text("Waited three weeks")

    page.goto(f"{server}/w/{ids['code']}/a/{ids['vote']}")
    expect(page.get_by_text("2 of 2 dots left")).to_be_visible()
    page.get_by_role("button", name="Add a dot").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 of 2 dots left")).to_be_visible()
    page.get_by_role("button", name="Take a dot back").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("2 of 2 dots left")).to_be_visible()

    page.goto(f"{server}/w/{ids['code']}/a/{ids['rating']}")
    page.get_by_role("radio", name="Very good").first.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save my ratings").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("radio", name="Very good").first).to_be_checked()
    assert_no_horizontal_scroll(page)


def test_the_board_shows_a_card_from_another_browser_without_a_reload(new_page, workshop_server):
    server, ids = workshop_server
    board = new_page(DESKTOP)
    board.goto(f"{server}/w/{ids['code']}/board")
    expect(board.get_by_role("button", name="Pause automatic updates")).to_be_visible()
    phone = new_page(PHONE)
    _join(phone, server, ids["code"])
    phone.goto(f"{server}/w/{ids['code']}/a/{ids['wall']}")
    phone.get_by_label("Your card").fill("A number that answers")
    phone.get_by_role("button", name="Post the card").click()
    expect(board.get_by_text("A number that answers")).to_be_visible(timeout=3000)
    expect(board.locator("[data-board-status]")).to_contain_text("How might we help?", timeout=5000)


def _post_from_a_phone(new_page, server, ids, text):
    phone = new_page(PHONE)
    _join(phone, server, ids["code"])
    phone.goto(f"{server}/w/{ids['code']}/a/{ids['wall']}")
    phone.get_by_label("Your card").fill(text)
    phone.get_by_role("button", name="Post the card").click()
    expect(phone.locator(".card-list")).to_contain_text(text)


def test_the_board_waits_while_paused_or_hidden_and_catches_up_after(new_page, workshop_server):
    server, ids = workshop_server
    board = new_page(DESKTOP)
    board.goto(f"{server}/w/{ids['code']}/board")
    pause = board.locator("[data-board-pause]")
    expect(pause).to_have_text("Pause automatic updates")
    pause.click()
    expect(pause).to_have_attribute("aria-pressed", "true")
    _post_from_a_phone(new_page, server, ids, "Posted while paused")
    board.wait_for_timeout(EVERY_MS * 2)
    expect(board.get_by_text("Posted while paused")).to_have_count(0)
    pause.click()
    expect(board.get_by_text("Posted while paused")).to_be_visible(timeout=EVERY_MS * 2)

    # A tab in the background asks for nothing; shown again, it catches up.
    board.evaluate(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true})"
    )
    _post_from_a_phone(new_page, server, ids, "Posted while hidden")
    board.wait_for_timeout(EVERY_MS * 2)
    expect(board.get_by_text("Posted while hidden")).to_have_count(0)
    board.evaluate(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    expect(board.get_by_text("Posted while hidden")).to_be_visible(timeout=EVERY_MS * 2)


def _facilitator_page(new_page, server, viewport, lang):
    return sign_in(new_page(viewport), server, "facilitator@example.org", lang=lang)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_workshop_pages_have_no_axe_violations(new_page, workshop_server, lang, viewport):
    server, ids = workshop_server
    page = _facilitator_page(new_page, server, VIEWPORTS[viewport], lang)
    staff = f"{server}/staff/services/home-support/workshops"
    participant = new_page(VIEWPORTS[viewport])
    participant.goto(f"{server}/language/{lang}?next=/w")
    native = LANGUAGES[lang].native_name
    _join(participant, server, ids["code"], native)
    pages = [
        (page, f"{staff}/{ids['workshop']}"),
        (page, f"{staff}/{ids['workshop']}/console"),
        (page, f"{staff}/{ids['demo']}/summary"),
        (page, f"{server}/w/{JOIN_CODE}/board"),
        (participant, f"{server}/w"),
        (participant, f"{server}/w/{ids['code']}"),
        *[
            (participant, f"{server}/w/{ids['code']}/a/{ids[name]}")
            for name in ("journey", "wall", "vote", "rating")
        ],
    ]
    for browser_page, url in pages:
        browser_page.goto(url)
        assert browser_page.locator("html").get_attribute("lang") == lang
        assert axe_violations(browser_page) == [], url
        assert_no_horizontal_scroll(browser_page)


def test_an_arabic_participant_does_every_activity_by_keyboard_at_320_px(new_page, workshop_server):
    server, ids = workshop_server
    page = new_page(PHONE, locale="ar")
    page.goto(f"{server}/language/ar?next=/w")
    page.locator("#code").focus()
    page.keyboard.type(ids["code"])
    page.keyboard.press("Enter")
    page.get_by_label(LANGUAGES["ar"].native_name).focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.goto(f"{server}/w/{ids['code']}/a/{ids['journey']}")
    page.locator("#text").focus()
    page.keyboard.type("انتظرت ثلاثة أسابيع")
    page.locator("input[name=kind]").nth(1).focus()
    page.keyboard.press("Space")
    page.locator("input[name=stage]").first.focus()
    page.keyboard.press("Space")
    page.locator("main form button[type=submit]").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".card-list")).to_contain_text("انتظرت ثلاثة أسابيع")
    move = page.locator(".move-form select")
    last_stage = move.locator("option").last.get_attribute("value")
    move.press("End")
    expect(move).to_have_value(last_stage)
    with page.expect_navigation():
        page.locator(".move-form button").press("Enter")
    expect(page.locator(".move-form select")).to_have_value(last_stage)
    assert axe_violations(page) == []

    page.goto(f"{server}/w/{ids['code']}/a/{ids['wall']}")
    page.locator("#text").focus()
    page.keyboard.type("اتصلوا قبل المجيء")
    page.locator("main form button[type=submit]").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".card-list")).to_contain_text("اتصلوا قبل المجيء")

    page.goto(f"{server}/w/{ids['code']}/a/{ids['vote']}")
    page.locator("form[action$='/dots/add'] button").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("form[action$='/dots/remove'] button").first).to_be_visible()

    page.goto(f"{server}/w/{ids['code']}/a/{ids['rating']}")
    page.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    page.locator("main form button[type=submit]").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("input[type=radio]").first).to_be_checked()

    page.goto(f"{server}/w/{ids['code']}/about-you")
    assert axe_violations(page) == []
    page.locator("input[name=consent]").first.focus()
    page.keyboard.press("Space")
    page.locator("input[name=age_band]").last.focus()
    page.keyboard.press("Space")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".receipt-code")).to_be_visible()
    assert_no_horizontal_scroll(page)


def test_a_screen_reader_hears_one_status_line_and_keeps_its_focus(new_page, workshop_server):
    server, ids = workshop_server
    board = new_page(DESKTOP)
    board.goto(f"{server}/w/{ids['code']}/board")
    # The site's (empty) flash-message region aside, the board has one status line.
    lines = board.locator("[role=status]:not(.status-messages)")
    assert lines.count() == 1
    assert board.locator("[aria-live]").count() == 0
    pause = board.get_by_role("button", name="Pause automatic updates")
    pause.focus()
    phone = new_page(PHONE)
    _join(phone, server, ids["code"])
    phone.goto(f"{server}/w/{ids['code']}/a/{ids['wall']}")
    phone.get_by_label("Your card").fill("Read to me")
    phone.get_by_role("button", name="Post the card").click()
    expect(board.get_by_text("Read to me")).to_be_visible(timeout=3000)
    expect(lines).to_contain_text("How might we help?", timeout=5000)
    assert board.evaluate("document.activeElement.textContent").strip() == "Pause automatic updates"
    assert lines.count() == 1


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_participant_pages_and_the_board_have_44_px_targets(new_page, workshop_server, viewport):
    """At 100% text, where targets are smallest: the board's Refresh link, the join page's
    language radios (box and label together) and every participant page."""
    server, ids = workshop_server
    page = new_page(VIEWPORTS[viewport])
    urls = [f"{server}/w", f"{server}/w/{ids['code']}", f"{server}/w/{ids['code']}/board"]
    for url in urls:
        page.goto(url)
        assert page.evaluate(SMALL_TARGETS) == [], url
    _join(page, server, ids["code"])
    for name in ("journey", "wall", "vote", "rating"):
        page.goto(f"{server}/w/{ids['code']}/a/{ids[name]}")
        assert page.evaluate(SMALL_TARGETS) == [], name


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_board_keeps_its_join_code_on_one_line_at_320_px_and_200_percent(
    new_page, workshop_server, lang
):
    server, ids = workshop_server
    page = new_page(PHONE)
    page.goto(f"{server}/language/{lang}?next=/w/{ids['code']}/board")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    code = page.locator(".board__join .join-code")
    assert code.evaluate("element => element.getClientRects().length") == 1
    assert code.text_content() == ids["code"]
    assert_no_horizontal_scroll(page)
