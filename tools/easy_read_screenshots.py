"""Screenshots of the residents' flow in easy read, for docs/accessibility.md.

Serves the app with the demo catalogue on a throwaway SQLite database, opens Debian's Chromium
as a phone (360 px) whose reading aids cookie holds the choice, and saves the top of each
page to docs/img/easy-read-<page>.png.

    .venv/bin/python tools/easy_read_screenshots.py
"""

import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from feedback_app import create_app  # noqa: E402
from feedback_app.demo.seed import seed_catalogue  # noqa: E402
from feedback_app.extensions import db  # noqa: E402
from feedback_app.reading import READING_COOKIE  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
OUT = ROOT / "docs" / "img"
PHONE = {"width": 360, "height": 900}
# (file name, reading aids, address after the service's, what to do on the page first)
SHOTS = [
    ("start", "standard.standard.on", "", None),
    ("ratings", "standard.standard.on", "/rate", "#rating_a11_satisfaction-3"),
    ("stage", "standard.standard.on", "/journey/apply", "#emotion-3"),
    ("ratings-high-contrast-largest", "largest.high.on", "/rate", "#rating_a11_satisfaction-4"),
    ("ratings-arabic", "standard.standard.on", "/rate", "#rating_a11_satisfaction-1"),
]


def serve(database):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})
    with app.app_context():
        db.create_all()
        seed_catalogue()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def take(browser, base, name, aids, path, choice):
    lang = "ar" if name.endswith("arabic") else "en"
    context = browser.new_context(viewport=PHONE, locale=lang)
    context.add_cookies([{"name": READING_COOKIE, "value": aids, "url": base}])
    page = context.new_page()
    page.goto(f"{base}/{lang}/s/home-support{path}")
    if choice:
        page.check(choice)
        page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=OUT / f"easy-read-{name}.png")
    context.close()


def main():
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as directory:
        server, base = serve(Path(directory) / "screens.db")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
                for shot in SHOTS:
                    take(browser, base, *shot)
                browser.close()
        finally:
            server.shutdown()
    print(f"Saved {len(SHOTS)} screenshots in {OUT}")


if __name__ == "__main__":
    main()
