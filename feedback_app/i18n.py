"""Languages: the supported locales, /<lang>/ URLs, right-to-left scripts and content fallbacks."""

import functools
from dataclasses import dataclass

from flask import current_app, g, request, url_for
from flask_babel import get_locale, lazy_gettext
from werkzeug.routing import BaseConverter

_l = lazy_gettext


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    direction: str = "ltr"


LANGUAGES = {
    language.code: language
    for language in (
        Language("fr", "Français"),
        Language("en", "English"),
        Language("es", "Español"),
        Language("ar", "العربية", "rtl"),
    )
}
DEFAULT_LANGUAGE = "en"
LANGUAGE_COOKIE = "lang"
# When a text is missing in the resident's language, show the first of these that exists.
FALLBACK_ORDER = ("en", "fr", "es", "ar")


class LanguageConverter(BaseConverter):
    """Matches only supported language codes, so /<lang:lang>/ never swallows /login."""

    regex = "|".join(LANGUAGES)


def current_language():
    return _language_of(get_locale())


@functools.cache
def _language_of(locale):
    """Remembered per locale: pages ask for the language once for every answer they show."""
    return LANGUAGES.get(str(locale), LANGUAGES[DEFAULT_LANGUAGE])


def select_locale():
    """Language in the URL, else the saved choice, else the browser's best match."""
    from_url = getattr(g, "lang", None)
    if from_url in LANGUAGES:
        return from_url
    saved = request.cookies.get(LANGUAGE_COOKIE)
    if saved in LANGUAGES:
        return saved
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def languages_by_preference():
    """All languages, the browser's best match first, for the language choice page."""
    best = request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE
    return [LANGUAGES[best]] + [lang for code, lang in LANGUAGES.items() if code != best]


@dataclass(frozen=True)
class LocalizedText:
    text: str
    lang: str
    is_fallback: bool

    def __str__(self):
        return self.text


def localized(texts, lang=None):
    """Pick the text for `lang` from a {locale: text} mapping, falling back visibly."""
    lang = lang or current_language().code
    texts = texts or {}
    if texts.get(lang):
        return LocalizedText(texts[lang], lang, False)
    for code in FALLBACK_ORDER:
        if texts.get(code):
            return LocalizedText(texts[code], code, True)
    return LocalizedText("", lang, False)


def pull_language(endpoint, values):
    """URL value preprocessor: remember the /<lang>/ part for the locale selector."""
    if values and "lang" in values:
        g.lang = values.pop("lang")


def add_language(endpoint, values):
    """URL defaults: links from a /<lang>/ page stay in that language."""
    if "lang" in values or not getattr(g, "lang", None):
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.lang


def remember_language(response):
    """Save a language chosen through the URL, so / and staff pages use it next time."""
    lang = getattr(g, "lang", None)
    if lang and request.cookies.get(LANGUAGE_COOKIE) != lang:
        save_language_choice(response, lang)
    return response


def save_language_choice(response, code):
    """A preference cookie only: it holds a language code and nothing about the person."""
    response.set_cookie(
        LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )


def init_app(app):
    app.url_map.converters["lang"] = LanguageConverter
    app.url_value_preprocessor(pull_language)
    app.url_defaults(add_language)
    app.after_request(remember_language)
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES,
        current_language=current_language,
        localized=localized,
        language_switch_links=language_switch_links,
        page_identity=page_identity,
    )


def language_switch_links():
    """(language, url) pairs showing the current page in each other language (of those the
    page's service offers, when a page sets `g.offered_languages`), its query string kept: it
    says where the page leads next (back to "Check your answers", back to a step)."""
    endpoint = request.endpoint
    args = {**request.args.to_dict(flat=False), **(request.view_args or {})}
    offered = getattr(g, "offered_languages", None) or LANGUAGES
    links = []
    for code, language in LANGUAGES.items():
        if code == current_language().code or code not in offered:
            continue
        if endpoint and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
            url = url_for(endpoint, **{**args, "lang": code})
        else:
            url = url_for("pages.choose_language", code=code, next=request.full_path.rstrip("?"))
        links.append((language, url))
    return links


def page_identity():
    """The current page whatever its language, for the language switch's script: it carries
    answers typed and not yet sent only to the same page in another language. The query
    string counts: it tells one priority or one item of a list from another."""
    path_args = [(k, str(v)) for k, v in (request.view_args or {}).items() if k != "lang"]
    args = sorted([*path_args, *request.args.items(multi=True)])
    return " ".join([request.endpoint or "", *(f"{name}={value}" for name, value in args)])
