"""A kiosk with no connection, in Chromium: residents complete the flow offline (a reload
included), their responses wait on the device and are stored exactly once when the connection
(or the server) comes back; nothing of one resident is left for the next; zero axe violations.
A whole day runs too, its hours passed with Playwright's clock (which drives the pages' idle
and heartbeat timers; the service worker has none)."""

import threading
from contextlib import contextmanager
from datetime import datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from feedback_app import create_app
from feedback_app.demo.seed import seed_catalogue, seed_staff
from feedback_app.extensions import db
from feedback_app.feedback.models import Channel, Response
from feedback_app.kiosk import registry
from feedback_app.models import User
from tests.browser.conftest import (
    PHONE,
    STAFF_PASSWORD,
    assert_no_horizontal_scroll,
    axe_violations,
    loopback_server,
    sign_in,
)

IDLE, WARNING = 6, 2
# What the offline page queued, read from the device's IndexedDB as a staff tool would.
READ_QUEUE = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("ensemble-kiosk", 1);
  open.onsuccess = () => {
    const request = open.result.transaction("queue").objectStore("queue").getAll();
    request.onsuccess = () => { open.result.close(); resolve(request.result); };
    request.onerror = () => reject(request.error);
  };
  open.onerror = () => reject(open.error);
})"""
REPLAY = """(response) => fetch("/kiosk/responses", {
  method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(response)
}).then((answer) => answer.status)"""


class KioskServer:
    """The app on a fixed loopback port that can be stopped and started again (the service
    worker belongs to the origin, so the port must stay the same)."""

    def __init__(self, app):
        self.app = app
        self.server = loopback_server(app)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self):
        if self.server is None:
            self.server = loopback_server(self.app, self.port)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.server = None

    def stored(self):
        with self.app.app_context():
            query = select(func.count()).where(Response.channel == Channel.KIOSK)
            return db.session.scalar(query)

    def stored_answers(self):
        """Each kiosk response as {comment: (satisfaction, age band or None)}."""
        with self.app.app_context():
            responses = db.session.scalars(
                select(Response).where(Response.channel == Channel.KIOSK)
            ).all()
            return {
                response.comments[0].text: (
                    {a.question.code: a.value for a in response.answers}["csat"],
                    response.profile.age_band if response.profile else None,
                )
                for response in responses
            }

    def queue_reported(self):
        """How many responses the kiosk last said were waiting on it."""
        with self.app.app_context():
            return db.session.get(registry.Kiosk, self.kiosk_id).queued_responses

    def new_link(self):
        with self.app.app_context():
            kiosk = db.session.get(registry.Kiosk, self.kiosk_id)
            return registry.replace_setup_link(
                kiosk, db.session.get(User, self.facilitator_id), kiosk.services[0]
            )


@contextmanager
def kiosk_server(tmp_path):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'offline.db'}",
            "KIOSK_IDLE_SECONDS": IDLE,
            "KIOSK_WARNING_SECONDS": WARNING,
        }
    )
    server = KioskServer(app)
    with app.app_context():
        db.create_all()
        service = seed_catalogue()
        seed_staff(STAFF_PASSWORD)
        facilitator = db.session.scalars(
            select(User).where(User.email == "facilitator@example.org")
        ).one()
        kiosk, _token = registry.register_kiosk(
            location="Village hall",
            default_locale="fr",
            services=[service],
            user=facilitator,
            service=service,
        )
        server.kiosk_id, server.facilitator_id = kiosk.id, facilitator.id
    server.start()
    try:
        yield server
    finally:
        if server.server is not None:
            server.stop()


@pytest.fixture
def server(tmp_path):
    with kiosk_server(tmp_path) as running:
        yield running


def wait_for(page, expression):
    """Poll a JavaScript expression (wait_for_function would need eval, which the CSP forbids)."""
    for _ in range(100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"still false: {expression}")


def offline_ready_kiosk(new_page, server, viewport=None, *, clock_from=None):
    """A browser set up as the kiosk, its service worker in charge and the offline flow kept;
    with `clock_from`, its pages' clock starts then, for the test to move on by hours."""
    page = new_page(viewport) if viewport else new_page()
    if clock_from:
        page.clock.install(time=clock_from)
    page.goto(f"{server.url}/kiosk/setup/{server.new_link()}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{server.url}/fr/kiosk")
    wait_for(page, "Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)")
    wait_for(page, "caches.match('/kiosk/definition.json').then((kept) => Boolean(kept))")
    return page


def open_offline_flow(page, server):
    """With no connection, the kiosk's home screen is the offline start page."""
    page.goto(f"{server.url}/fr/kiosk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Donnez-nous votre avis")


def complete_the_flow(page, comment, *, rating="Very satisfied", consent=False, check_axe=False):
    """One resident, in English, from the home screen to "Thank you", with the keyboard-free
    controls a touch screen offers; returns to the home screen."""
    main = page.locator("main")
    main.get_by_role("button", name="English").click()
    main.get_by_role("button", name="Home support for older and disabled people").click()
    satisfaction = main.get_by_role("group", name="Overall, how satisfied")
    satisfaction.get_by_label(rating, exact=True).check()
    main.get_by_role("button", name="Continue").click()
    while (
        page.get_by_role("heading", level=1).inner_text()
        != "Is there anything else you want to tell us? (optional)"
    ):
        main.get_by_role("button", name="Continue").click()
    main.get_by_label("Is there anything else").fill(comment)
    main.get_by_role("button", name="Continue").click()
    main.get_by_role("button", name="Continue").click()
    # The consent question must be answered, as on the server's pages.
    expect(main.locator(".error-summary")).to_contain_text(
        "Select whether you want to answer questions about you"
    )
    if check_axe:
        assert not axe_violations(page), "offline step with an error"
    main.get_by_label("Yes, I will answer" if consent else "No, skip these questions").check()
    main.get_by_role("button", name="Continue").click()
    if consent:
        main.get_by_role("group", name="How old are you?").get_by_label("75 or over").check()
        main.get_by_role("button", name="Continue").click()
        main.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending them"
    )
    expect(main).to_contain_text(comment)
    if check_axe:
        assert not axe_violations(page), "offline check page"
    main.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    # Nothing of the response is on screen once it is queued.
    expect(main).not_to_contain_text(comment)
    if check_axe:
        assert not axe_violations(page), "offline thank-you page"
    main.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Donnez-nous votre avis")


def wait_until_stored(page, server, count):
    for _ in range(60):
        if server.stored() >= count:
            break
        page.wait_for_timeout(500)
    assert server.stored() == count


def test_four_residents_offline_a_reload_between_and_each_response_stored_once(new_page, server):
    page = offline_ready_kiosk(new_page, server)
    page.context.set_offline(True)
    open_offline_flow(page, server)
    assert not axe_violations(page), "offline home screen"
    complete_the_flow(page, "The first bus was late.", check_axe=True)
    complete_the_flow(page, "Second resident's words.", consent=True)
    # "Start again" in the middle of a flow leaves nothing for the next person.
    page.locator("main").get_by_role("button", name="English").click()
    page.locator("main").get_by_role(
        "button", name="Home support for older and disabled people"
    ).click()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Recommencer").click()
    page.locator("main").get_by_role("button", name="English").click()
    page.locator("main").get_by_role(
        "button", name="Home support for older and disabled people"
    ).click()
    expect(page.locator("main input:checked")).to_have_count(0)
    page.get_by_role("button", name="Start again").click()
    complete_the_flow(page, "Third one.")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Donnez-nous votre avis")
    complete_the_flow(page, "Fourth, after a reload.")
    queue = page.evaluate(READ_QUEUE)
    assert len(queue) == 4 and len({item["client_key"] for item in queue}) == 4
    assert server.stored() == 0
    # "Back" shows no earlier resident's answers either.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Donnez-nous votre avis")
    expect(page.locator("main input:checked")).to_have_count(0)

    page.context.set_offline(False)
    wait_until_stored(page, server, 4)
    wait_for(page, f"({READ_QUEUE})().then((items) => items.length === 0)")
    # A replay of a response already stored answers success and stores nothing.
    assert page.evaluate(REPLAY, queue[0]["response"]) == 200
    assert server.stored() == 4


def test_every_offline_step_in_arabic_fits_a_320_px_screen(new_page, server):
    """A review found the partners' names on the consent step pushed past the left edge."""
    page = offline_ready_kiosk(new_page, server, PHONE)
    page.context.set_offline(True)
    open_offline_flow(page, server)
    main = page.locator("main")
    main.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_horizontal_scroll(page)
    main.locator(".kiosk-services button").first.click()
    seen = set()
    while not main.locator("ul.bullets").count():
        title = page.get_by_role("heading", level=1).inner_text()
        assert title not in seen, f"the consent step never came: stuck on {title}"
        seen.add(title)
        assert_no_horizontal_scroll(page)
        main.locator("form button[type=submit]").click()
    assert_no_horizontal_scroll(page)


def test_the_server_stops_and_comes_back(new_page, server):
    page = offline_ready_kiosk(new_page, server)
    server.stop()
    open_offline_flow(page, server)
    complete_the_flow(page, "Said while the server was down.")
    complete_the_flow(page, "Also while it was down.")
    page.reload()
    complete_the_flow(page, "After a reload, still down.")
    assert len(page.evaluate(READ_QUEUE)) == 3
    server.start()
    # The heartbeat drains the queue within its 30 seconds; a page opened now drains it at once.
    page.goto(f"{server.url}/fr/kiosk")
    wait_until_stored(page, server, 3)


def test_the_idle_reset_without_a_connection_opens_the_offline_start_page(new_page, server):
    page = offline_ready_kiosk(new_page, server)
    page.goto(f"{server.url}/en/s/home-support/rate")
    page.get_by_role("radio").first.check()
    page.context.set_offline(True)
    expect(page.get_by_role("dialog", name="Are you still there?")).to_be_visible(
        timeout=(IDLE + 2) * 1000
    )
    page.wait_for_url(f"{server.url}/fr/kiosk", timeout=(WARNING + 4) * 1000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Donnez-nous votre avis")
    expect(page.locator("main input:checked")).to_have_count(0)


def test_the_staff_read_the_queue_after_holding_the_name(new_page, server):
    page = offline_ready_kiosk(new_page, server, PHONE)
    page.context.set_offline(True)
    open_offline_flow(page, server)
    complete_the_flow(page, "Waiting for the network.")
    dialog = page.locator("#queue-dialog")
    expect(dialog).to_be_hidden()
    # A touch: pressed for 3 seconds on the name, then let go.
    brand = page.locator(".brand")
    brand.dispatch_event("pointerdown")
    page.wait_for_timeout(3300)
    brand.dispatch_event("pointerup")
    expect(dialog).to_be_visible()
    expect(dialog.locator("[data-queue-waiting]")).to_have_text("1")
    assert not axe_violations(page), "staff queue dialog"
    dialog.get_by_role("button").click()
    expect(dialog).to_be_hidden()
    # A short touch is a resident's: nothing shows.
    brand.dispatch_event("pointerdown")
    page.wait_for_timeout(500)
    brand.dispatch_event("pointerup")
    page.wait_for_timeout(3000)
    expect(dialog).to_be_hidden()
    # With a keyboard: Ctrl+Alt+Q.
    page.keyboard.press("Control+Alt+q")
    expect(dialog).to_be_visible()


def test_residents_phones_never_get_the_offline_app(new_page, server):
    page = new_page(PHONE)
    page.goto(f"{server.url}/en/s/home-support")
    assert page.locator("link[rel=manifest]").count() == 0
    assert page.locator("script[src*=kiosk]").count() == 0
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0


def complete_the_flow_online(page, server, comment, rating):
    """One resident on the server's own pages, as on a connected kiosk."""
    page.goto(f"{server.url}/fr/kiosk")
    main = page.locator("main")
    main.get_by_role("link", name="English").click()
    page.locator(".kiosk-services a").first.click()
    page.get_by_role("link", name="Start now").click()
    satisfaction = main.get_by_role("group", name="Overall, how satisfied")
    satisfaction.get_by_label(rating, exact=True).check()
    while not page.url.endswith("/comment"):
        with page.expect_navigation():
            main.get_by_role("button", name="Continue").click()
    main.get_by_label("Is there anything else").fill(comment)
    main.get_by_role("button", name="Continue").click()
    main.get_by_label("No, skip these questions").check()
    main.get_by_role("button", name="Continue").click()
    main.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback sent")


def left_alone(page, server, milliseconds):
    """Nobody touches the kiosk for a while: "Are you still there?", then the screen starts
    over (the page's clock jumps; the dialog's countdown is run through at once)."""
    dialog = page.locator("#idle-dialog")
    with page.expect_navigation(url=f"{server.url}/fr/kiosk"):
        page.clock.fast_forward(milliseconds)
        try:
            expect(dialog).to_be_visible()
        except AssertionError:
            # On a loaded machine the page may arm its idle timer after the first jump (the
            # full run once saw that): nobody touches it for as long again.
            page.clock.fast_forward(milliseconds)
            expect(dialog).to_be_visible()
        page.clock.run_for(WARNING * 1000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Donnez-nous votre avis")


HOUR = 3600 * 1000
WALKED_AWAY = "Words of someone who walked away."


def test_a_day_at_the_kiosk(new_page, server, browser):
    """People, network cuts of hours, a walk-away and a reload: every answer stored once,
    nothing of one person visible to the next."""
    page = offline_ready_kiosk(new_page, server, clock_from=datetime(2026, 12, 3, 8, 0))
    chosen = {"Morning, online.": (5, None)}
    complete_the_flow_online(page, server, "Morning, online.", "Very satisfied")
    assert server.stored() == 1

    # 9:00, the network goes: the kiosk left alone clears itself onto the offline flow.
    page.context.set_offline(True)
    open_offline_flow(page, server)
    left_alone(page, server, HOUR)
    complete_the_flow(page, "Before lunch.", rating="Dissatisfied")
    chosen["Before lunch."] = (2, None)
    left_alone(page, server, 2 * HOUR)

    # Someone walks away in the middle: the next person finds nothing of them.
    main = page.locator("main")
    main.get_by_role("button", name="English").click()
    main.get_by_role("button", name="Home support for older and disabled people").click()
    main.get_by_label("Very dissatisfied").check()
    while not main.get_by_label("Is there anything else").count():
        main.get_by_role("button", name="Continue").click()
    main.get_by_label("Is there anything else").fill(WALKED_AWAY)
    left_alone(page, server, IDLE * 1000)
    expect(page.locator("body")).not_to_contain_text(WALKED_AWAY)
    expect(page.locator("main input:checked")).to_have_count(0)
    page.go_back()
    expect(page.locator("body")).not_to_contain_text(WALKED_AWAY)
    expect(page.locator("main input:checked")).to_have_count(0)
    open_offline_flow(page, server)

    complete_the_flow(page, "Early afternoon.", rating="Satisfied", consent=True)
    chosen["Early afternoon."] = (4, "75+")
    # A reload in the middle of a flow: a clean start, then the resident tries again.
    main.get_by_role("button", name="English").click()
    main.get_by_role("button", name="Home support for older and disabled people").click()
    main.get_by_label("Neither satisfied nor dissatisfied").check()
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Donnez-nous votre avis")
    complete_the_flow(page, "After a reload.", rating="Neither satisfied nor dissatisfied")
    chosen["After a reload."] = (3, None)
    first_cut = page.evaluate(READ_QUEUE)
    assert len(first_cut) == 3 and server.stored() == 1
    assert WALKED_AWAY not in str(first_cut)

    # A short reconnection sends what waited, then the network goes again for hours.
    page.context.set_offline(False)
    wait_until_stored(page, server, 4)
    page.context.set_offline(True)
    left_alone(page, server, 3 * HOUR)
    complete_the_flow(page, "Late afternoon.", rating="Very dissatisfied", consent=True)
    chosen["Late afternoon."] = (1, "75+")
    left_alone(page, server, HOUR)
    complete_the_flow(page, "Closing time.")
    chosen["Closing time."] = (5, None)
    assert len(page.evaluate(READ_QUEUE)) == 2 and server.stored() == 4

    # Back online: the queue drains, each response stored once with its resident's answers.
    page.context.set_offline(False)
    wait_until_stored(page, server, 6)
    wait_for(page, f"({READ_QUEUE})().then((items) => items.length === 0)")
    assert server.stored_answers() == chosen
    for item in first_cut:
        assert page.evaluate(REPLAY, item["response"]) == 200
    assert server.stored() == 6

    # The staff see when the kiosk last called in, and that nothing waits on it.
    for _ in range(20):
        if server.queue_reported() == 0:
            break
        page.wait_for_timeout(500)
    staff = sign_in(new_page(), server.url, "facilitator@example.org")
    staff.goto(f"{server.url}/staff/services/home-support/kiosks")
    kiosk = staff.locator(".kiosk-list__item")
    expect(kiosk).not_to_contain_text("Never")
    expect(kiosk).to_contain_text("0 responses, reported")
