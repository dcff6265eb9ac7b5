"""Helpers for the shared form macros in templates/macros/forms.html."""

from markupsafe import Markup

from .i18n import LANGUAGES, LocalizedText, current_language


def field_attributes(field, *, hint=False, **extra):
    """HTML attributes tying a field to its hint and error message for screen readers."""
    described_by = []
    if hint:
        described_by.append(f"{field.id}-hint")
    if field.errors:
        described_by.append(f"{field.id}-error")
    attributes = {key: value for key, value in extra.items() if value is not None}
    if described_by:
        attributes["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attributes["aria-invalid"] = "true"
    return attributes


def lang_attribute(text):
    """` lang=".." dir=".."` when `text` (a LocalizedText) is in another language than the page.

    A function, not a macro: it runs for every answer of every choice on the heaviest pages."""
    if not isinstance(text, LocalizedText):
        return Markup("")
    page = current_language()
    if text.lang == page.code:
        return Markup("")
    direction = LANGUAGES[text.lang].direction
    if direction == page.direction:
        return Markup(' lang="%s"') % text.lang
    return Markup(' lang="%s" dir="%s"') % (text.lang, direction)


def init_app(app):
    app.jinja_env.globals.update(field_attributes=field_attributes, lang_attribute=lang_attribute)
