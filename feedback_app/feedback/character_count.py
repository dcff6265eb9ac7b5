"""Character count messages with correct plurals, on the server and for the enhancing script.

The script cannot run gettext, so the page carries one message per CLDR plural category of the
current language (`one`, `few`, `other`...); the script picks one with `Intl.PluralRules`, which
follows the same CLDR rules as Babel.
"""

from functools import cache

from babel import Locale
from flask_babel import get_locale, get_translations, ngettext


def _remaining(num):
    return get_translations().ungettext(
        "You have %(num)d character remaining", "You have %(num)d characters remaining", num
    )


def _too_many(num):
    return get_translations().ungettext(
        "You have %(num)d character too many", "You have %(num)d characters too many", num
    )


def limit_hint(limit):
    return ngettext(
        "You can enter up to %(num)d character.", "You can enter up to %(num)d characters.", limit
    )


def count_message(text, limit):
    """The message for `text` as it stands, e.g. "You have 12 characters too many"."""
    left = limit - len(text or "")
    message = _remaining(left) if left >= 0 else _too_many(-left)
    return message % {"num": abs(left)}


@cache
def _samples(locale_code):
    """One number in each plural category of the language, e.g. {'one': 1, 'other': 0}."""
    plural_form = Locale.parse(locale_code).plural_form
    samples = {}
    # 1 first: an untranslated message then falls back to the English singular for "one".
    for number in [*range(1, 200), 0]:
        samples.setdefault(plural_form(number), number)
    return samples


def count_templates(locale=None):
    """{'remaining-one': 'You have %(num)d character remaining', ...} for data- attributes."""
    samples = _samples(str(locale or get_locale()))
    templates = {}
    for category, number in samples.items():
        templates[f"remaining-{category}"] = _remaining(number)
        templates[f"too-many-{category}"] = _too_many(number)
    return templates
