"""Theme names as a reader meets them: in the language of their comments, marked as such.

A theme is named after a phrase of its comments, so an English page shows French, Spanish or
Arabic names (nothing translates them). Each name carries its language and direction, for
screen readers and for right-to-left text inside a left-to-right page, and is introduced
with the language's name in the reader's language.
"""

from babel import Locale, UnknownLocaleError
from flask_babel import gettext
from markupsafe import Markup
from wtforms.fields.choices import SelectChoice

from .labels import language_name


def language_attributes(language):
    """`lang` and `dir` of text in `language`; only `dir="auto"` when it is unknown ("")."""
    try:
        locale = Locale.parse(language) if language else None
    except (ValueError, UnknownLocaleError):
        locale = None
    if locale is None:
        return {"dir": "auto"}
    right_to_left = locale.character_order == "right-to-left"
    return {"lang": language, "dir": "rtl" if right_to_left else "ltr"}


def name_in_language(name, language):
    """The name alone, marked with its language: <span lang="fr" dir="ltr">…</span>."""
    attributes = language_attributes(language)
    markup = Markup("<span")
    for attribute in ("lang", "dir"):
        if attribute in attributes:
            markup += Markup(' %s="%s"') % (Markup(attribute), attributes[attribute])
    return markup + Markup(">%s</span>") % name


def introduced_name(name, language):
    """ "French: <span lang="fr">les aides…</span>", the language in the reader's words; a
    name of no known language (an analyst's) is only marked to find its own direction."""
    if not language:
        return name_in_language(name, "")
    return Markup(gettext("%(language)s: %(name)s")) % {
        "language": language_name(language),
        "name": name_in_language(name, language),
    }


def theme_heading(name, language):
    """ "Theme in French: <span lang="fr">les aides…</span>", for the theme's page."""
    if not language:
        return Markup(gettext("Theme: %(name)s")) % {"name": name_in_language(name, "")}
    return Markup(gettext("Theme in %(language)s: %(name)s")) % {
        "language": language_name(language),
        "name": name_in_language(name, language),
    }


def theme_choices(themes):
    """Options for choosing a theme: grouped under their language's name, each marked with
    its language (an <option> holds no markup, so the <optgroup> introduces it)."""
    ordered = sorted(themes, key=lambda theme: language_name(theme.language))
    return [
        SelectChoice(
            theme.key,
            theme.label,
            render_kw=language_attributes(theme.label_language),
            optgroup=gettext("In %(language)s", language=language_name(theme.language)),
        )
        for theme in ordered
    ]


def language_of_key(key):
    """The language a theme key starts with: "fr" of "fr|aides|domicile"."""
    return key.partition("|")[0]
