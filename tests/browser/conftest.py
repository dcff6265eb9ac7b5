"""Debian Chromium driven by Playwright against a live server, and axe-core for accessibility."""

import os
import threading
from contextlib import contextmanager

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from feedback_app import create_app
from feedback_app.demo.seed import seed_catalogue, seed_staff
from feedback_app.extensions import db

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
STAFF_PASSWORD = "browser-test-password"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but {CHROMIUM} is missing: run `make browser` as root.")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (install Debian's chromium)")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@contextmanager
def demo_app(database, **config):
    """An app on its own SQLite file holding the demo catalogue and staff. Inside its app
    context, yields (app, demo service) for the caller to add what its pages need."""
    app = create_app(
        {"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", **config}
    )
    with app.app_context():
        db.create_all()
        service = seed_catalogue()
        seed_staff(STAFF_PASSWORD)
        db.session.commit()
        yield app, service
        db.session.commit()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    with demo_app(tmp_path_factory.mktemp("browser") / "browser.db") as (app, _service):
        return app


RESPONSE_KEY = "ensemble.tests.response"


class _ClosedOnce:
    """A WSGI response whose close() does its work the first time only."""

    def __init__(self, response):
        self._response = response
        self._open = True

    def __iter__(self):
        return iter(self._response)

    def close(self):
        if self._open and hasattr(self._response, "close"):
            self._response.close()
        self._open = False


def _remembering_responses(app):
    """`app`, leaving each response in its request's environ for the handler to close."""

    def remembering(environ, start_response):
        response = environ[RESPONSE_KEY] = _ClosedOnce(app(environ, start_response))
        return response

    return remembering


class ClosingRequestHandler(WSGIRequestHandler):
    """Werkzeug's handler, closing every response whatever happened to the connection.

    Werkzeug skips closing the response when the browser resets the connection while the
    server drains the request body; the file behind a static response then leaks, and its
    ResourceWarning fails whichever test the garbage collector happens to run in."""

    def run_wsgi(self):
        try:
            super().run_wsgi()
        finally:
            response = getattr(self, "environ", {}).pop(RESPONSE_KEY, None)
            if response is not None:
                response.close()


def loopback_server(app, port=0):
    """A threaded server of `app` on loopback `port` (0: a free one), not yet serving."""
    return make_server(
        "127.0.0.1",
        port,
        _remembering_responses(app),
        threaded=True,
        request_handler=ClosingRequestHandler,
    )


@contextmanager
def serving(app):
    """Serve `app` on a free loopback port in a thread; yields its base URL."""
    server = loopback_server(app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def live_server(live_app):
    """The app served on a free loopback port for the whole session."""
    with serving(live_app) as url:
        yield url


def sign_in(page, server, email, password=STAFF_PASSWORD, lang="en"):
    """Sign `page` in through the form, with `lang` saved as the language."""
    page.goto(f"{server}/language/{lang}?next=/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/staff/")
    return page


def signed_in_page(new_page, server, viewport, lang="en", javascript=True):
    """A page signed in as the demo analyst, with `lang` saved as the language."""
    return sign_in(
        new_page(viewport, javascript=javascript), server, "analyst@example.org", lang=lang
    )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a fresh context (own cookies) at a given viewport, with or without JavaScript."""
    contexts = []

    def open_page(viewport=DESKTOP, *, javascript=True, locale="en-GB", service_workers="allow"):
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            locale=locale,
            service_workers=service_workers,
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page):
    """axe-core's WCAG 2.2 AA violations on the page as it is now, as readable strings.

    Once the page has loaded: a click that sends a form returns when the answer starts, and
    a page measured before its stylesheet applies has every target too small."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]


def assert_no_horizontal_scroll(page):
    page.wait_for_load_state("load")  # measured with its stylesheet, as axe_violations is
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
