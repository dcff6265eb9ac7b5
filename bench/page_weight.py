"""Page weight of the residents' flow: bytes transferred per page, and third-party requests.

Serves the app on a throwaway SQLite database with the demo catalogue, walks every page of the
flow (error pages included) in Debian's Chromium with the browser cache off, in each language,
and prints what each page transferred: HTML, CSS, JavaScript, images and anything else, headers
included. The budget is 40 KB per page and no request to another site (no web fonts, no CDN);
the exit status is 1 when any page breaks it.

    .venv/bin/python bench/page_weight.py [--lang fr] [--viewport 320] [--budget-kb 40] [--kiosk]

With --kiosk the same walk runs on a browser set up as a kiosk, with its HTTP cache on (a kiosk
loads its stylesheets and scripts when it is set up; each later page revalidates them): the
shell (idle dialog, kiosk.css, kiosk.js) and the server check before each step are weighed.
"""

import argparse
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from feedback_app import create_app  # noqa: E402
from feedback_app.demo.seed import seed_catalogue, seed_staff  # noqa: E402
from feedback_app.extensions import db  # noqa: E402
from feedback_app.i18n import LANGUAGES  # noqa: E402
from feedback_app.kiosk.registry import register_kiosk  # noqa: E402
from feedback_app.models import User  # noqa: E402

BUDGET = 40 * 1024
CHROMIUM = "/usr/bin/chromium"
KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "img"}
COLUMNS = ("html", "css", "js", "img", "other")


def serve(database):
    """The app with the demo catalogue and a kiosk; returns (server, base URL, setup token)."""
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        db.create_all()
        service = seed_catalogue()
        seed_staff("page-weight")
        staff = db.session.query(User).filter_by(email="facilitator@example.org").one()
        _kiosk, token = register_kiosk(
            location="Town hall",
            default_locale="en",
            services=[service],
            user=staff,
            service=service,
        )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    server.RequestHandlerClass.log_request = lambda *args, **kwargs: None  # quiet
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}", token


class Meter:
    """Adds up the bytes of every request the page makes until reset."""

    def __init__(self, page, origin):
        self.origin, self.bytes, self.third_party = origin, defaultdict(int), []
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        if request.url.startswith("data:"):
            return
        url = urlsplit(request.url)
        if f"{url.scheme}://{url.netloc}" != self.origin:
            self.third_party.append(request.url)
        sizes = request.sizes()
        kind = KINDS.get(request.resource_type, "other")
        self.bytes[kind] += sizes["responseHeadersSize"] + max(sizes["responseBodySize"], 0)

    def reset(self):
        self.bytes, self.third_party = defaultdict(int), []


# Each page of the flow and the actions that lead to it from the page before.
WALK = [
    ("start", [("goto", "{flow}")]),
    ("rate", [("goto", "{flow}/rate")]),
    ("rate (error)", [("check", "#rating_a11_trust-0"), ("forge", "#rating_a11_trust-0")]),
    ("stage 1", [("check", "#rating_a11_satisfaction-3"), ("check", "#rating_csat-4")]),
    # Every part of a stage is optional: only its text over the limit is an error.
    ("stage 1 (error)", [("check", "#emotion-1"), ("fill", "#text", "x" * 1001)]),
    ("stage 2", [("fill", "#text", "Slow."), ("check", "#went_through-0")]),
    ("stage 3", []),
    ("stage 4", []),
    ("stage 5", []),
    ("comment", []),
    ("comment (error)", [("fill", "#comment", "x" * 2001)]),
    ("consent", [("fill", "#comment", "Thank you.")]),
    ("about you", [("check", "#consent-0")]),
    ("activities", [("check", "#age_band-6")]),
    ("check", [("check", "#wg_mobility-3")]),
    ("sent", []),
    ("receipt", [("keep code",), ("goto", "/{lang}/receipt")]),
    ("your feedback", [("fill", "#code", "{code}")]),
    ("withdraw", [("goto", "/{lang}/receipt/withdraw")]),
    ("withdrawn", []),
    ("accessibility", [("goto", "/{lang}/accessibility")]),
]


def load(page, actions, values):
    """Do the actions; unless they end by opening a URL, press the page's main button."""
    for action, *args in actions:
        args = [arg.format(**values) for arg in args]
        if action == "goto":
            page.goto(values["base"] + args[0])
        elif action == "check":
            page.check(args[0])
        elif action == "fill":
            page.fill(*args)
        elif action == "forge":
            page.eval_on_selector(args[0], "input => { input.value = 'forged'; }")
        elif action == "keep code":
            values["code"] = page.locator(".receipt-code").inner_text()
    if not actions or actions[-1][0] != "goto":
        with page.expect_navigation():
            page.locator("main form button[type=submit]").last.click()


def measure(browser, base, lang, viewport, kiosk_token=None):
    context = browser.new_context(viewport={"width": viewport, "height": 640})
    page = context.new_page()
    if kiosk_token:
        page.goto(f"{base}/kiosk/setup/{kiosk_token}")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
    if not kiosk_token:
        # Routing every request turns Playwright's HTTP cache off: each page is weighed as on
        # a resident's first visit, stylesheet and script included. A kiosk keeps its cache:
        # it loaded them when set up, and later pages only revalidate them (304).
        page.route("**/*", lambda route: route.continue_())
    meter = Meter(page, base)
    values = {"base": base, "lang": lang, "flow": f"/{lang}/s/home-support"}
    rows = []
    for name, actions in WALK:
        meter.reset()
        load(page, actions, values)
        page.wait_for_load_state("networkidle")
        rows.append((name, dict(meter.bytes), list(meter.third_party)))
    context.close()
    return rows


def report(lang, rows, budget, kiosk):
    cache = "kiosk, cache on" if kiosk else "cache off"
    print(f"\n{lang}: bytes transferred per page (headers included, {cache})")
    print(f"{'page':<18}" + "".join(f"{c:>8}" for c in COLUMNS) + f"{'total':>9}  third-party")
    broken = 0
    for name, sizes, third_party in rows:
        total = sum(sizes.values())
        over = total > budget or third_party
        broken += bool(over)
        cells = "".join(f"{sizes.get(c, 0):>8}" for c in COLUMNS)
        flag = "  OVER BUDGET" if over else ""
        print(f"{name:<18}{cells}{total:>9}  {len(third_party)}{flag}")
        for url in third_party:
            print(f"{'':<18}third party: {url}")
    return broken


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=list(LANGUAGES), action="append")
    parser.add_argument("--viewport", type=int, default=320)
    parser.add_argument("--budget-kb", type=int, default=BUDGET // 1024)
    parser.add_argument("--kiosk", action="store_true", help="walk on a kiosk device")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as directory:
        server, base, token = serve(Path(directory) / "weight.db")
        broken = 0
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
                for lang in args.lang or LANGUAGES:
                    rows = measure(
                        browser, base, lang, args.viewport, token if args.kiosk else None
                    )
                    broken += report(lang, rows, args.budget_kb * 1024, args.kiosk)
                browser.close()
        finally:
            server.shutdown()
    verdict = "within" if not broken else f"{broken} page(s) over"
    print(f"\nBudget: {args.budget_kb} KB per page and no third-party request: {verdict}.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
