"""Reading aids: text size, a high-contrast theme and easy read, chosen once per browser.

The choice lives in a preference cookie holding only the three settings (like the language
cookie: nothing about the person, no identifier). The server reads it on every page and puts
classes on `<html>`, so the page is drawn right from the first byte, without JavaScript. A
cookie that is not exactly one of the known choices is ignored: the page shows the defaults.
"""

from dataclasses import dataclass

from flask import g, request

from .i18n import LocalizedText, current_language, localized

READING_COOKIE = "reading"
TEXT_SIZES = ("standard", "large", "largest")
CONTRASTS = ("standard", "high")
EASY_READ = ("off", "on")
ONE_YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class ReadingAids:
    text_size: str = TEXT_SIZES[0]
    contrast: str = CONTRASTS[0]
    easy: str = EASY_READ[0]

    @property
    def easy_read(self):
        return self.easy == "on"

    @property
    def is_default(self):
        return self == ReadingAids()

    def cookie_value(self):
        """`large.high.on`: three known words, nothing else."""
        return f"{self.text_size}.{self.contrast}.{self.easy}"

    def html_classes(self):
        """Classes for `<html>`; the defaults need none."""
        classes = []
        if self.text_size != TEXT_SIZES[0]:
            classes.append(f"text-{self.text_size}")
        if self.contrast == "high":
            classes.append("high-contrast")
        if self.easy_read:
            classes.append("easy-read")
        return " ".join(classes)


def parse_reading_aids(value):
    """The aids a cookie names, or the defaults for anything else (a hostile or stale value)."""
    parts = (value or "").split(".")
    if len(parts) != 3:
        return ReadingAids()
    size, contrast, easy = parts
    if size in TEXT_SIZES and contrast in CONTRASTS and easy in EASY_READ:
        return ReadingAids(size, contrast, easy)
    return ReadingAids()


def current_reading_aids():
    """This request's reading aids, read from the cookie once."""
    if "reading_aids" not in g:
        g.reading_aids = parse_reading_aids(request.cookies.get(READING_COOKIE))
    return g.reading_aids


def save_reading_aids(response, aids):
    """Keep the choice for a year; choosing the defaults again removes the cookie."""
    if aids.is_default:
        response.delete_cookie(READING_COOKIE, samesite="Lax", httponly=True)
        return
    response.set_cookie(
        READING_COOKIE, aids.cookie_value(), max_age=ONE_YEAR, samesite="Lax", httponly=True
    )


def reading_text(standard, easy):
    """The easy-read text in the page's language when easy read is on and one is written,
    else the standard text (with its usual fallback to another language)."""
    lang = current_language().code
    if current_reading_aids().easy_read and (easy or {}).get(lang):
        return LocalizedText(easy[lang], lang, False)
    return localized(standard)


def vary_on_cookie(response):
    """Pages differ by the preference cookie: a cache must not hand one browser's to another."""
    if response.mimetype == "text/html":
        response.vary.add("Cookie")
    return response


def init_app(app):
    app.after_request(vary_on_cookie)
    app.jinja_env.globals.update(reading_aids=current_reading_aids, reading_text=reading_text)
