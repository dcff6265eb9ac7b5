"""What a request may bring in, made safe once for every view: text without characters nobody
types, JSON that cannot exhaust the stack, and ids that fit a database integer.

Odd input must get a 4xx, never a 500: PostgreSQL refuses a NUL byte in text, no engine can
store a lone surrogate, a deeply nested JSON body raises RecursionError, and an id beyond 64
bits overflows both SQLite and PostgreSQL.
"""

import re

from flask import Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter, ValidationError

# Control characters but tab and line breaks, and halves of surrogate pairs left alone: nobody
# types them, they garble what staff read, and databases refuse them.
UNTYPEABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
LARGEST_ID = 2**63 - 1
# Direction overrides, embeddings and isolates, and invisible spaces: a one-line name shown to
# others (a place, a title, a theme) never needs them, and they can make it read backwards.
HIDDEN_FORMATTING = re.compile("[\u200b\u2060\u202a-\u202e\u2066-\u2069\ufeff]")


def without_untypeable(value):
    # Exactly str: a Markup in a session cookie (decoded by the same JSON provider) stays Markup.
    return UNTYPEABLE.sub("", value) if type(value) is str else value


def single_line(value):
    """A name typed on one line: hidden formatting left out, line breaks and runs of spaces
    made one space, no spaces around. A WTForms filter; anything but text is left alone."""
    if not isinstance(value, str):
        return value
    # Control characters never get here: TypedFormData leaves them out of every form.
    return " ".join(HIDDEN_FORMATTING.sub("", value).split())


def without_hidden_formatting(value):
    """Text of several lines that others read (a description, a question): hidden formatting
    left out as in `single_line`, line breaks kept. A WTForms filter."""
    return HIDDEN_FORMATTING.sub("", value) if isinstance(value, str) else value


class TypedFormData(ImmutableMultiDict):
    """Query strings and form fields as people typed them: characters nobody types left out."""

    def __init__(self, mapping=None):
        pairs = MultiDict(mapping).items(multi=True) if mapping is not None else ()
        super().__init__((without_untypeable(k), without_untypeable(v)) for k, v in pairs)


def _typed(document):
    """The decoded JSON with every string cleaned, walked without recursion (it may be deep)."""
    if not isinstance(document, dict | list):
        return without_untypeable(document)
    pending = [document]
    while pending:
        container = pending.pop()
        if isinstance(container, dict):
            entries = [(without_untypeable(key), value) for key, value in container.items()]
            container.clear()
        else:
            entries = list(enumerate(container))
        for key, value in entries:
            if isinstance(value, dict | list):
                pending.append(value)
            container[key] = without_untypeable(value)
    return document


class TypedJSONProvider(DefaultJSONProvider):
    """JSON bodies decoded with their strings cleaned like form fields; a body nested too deeply
    for the parser is invalid JSON (Werkzeug's 400), not a RecursionError (a 500)."""

    def loads(self, s, **kwargs):
        try:
            return _typed(super().loads(s, **kwargs))
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


class TypedRequest(Request):
    parameter_storage_class = TypedFormData


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` in every route: an id no database integer can hold matches no page (a 404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value):
        if len(value) > len(str(LARGEST_ID)):  # too long to be an id; int() would be slow
            raise ValidationError()
        return super().to_python(value)


def init_app(app):
    """Call before blueprints are registered, so their `<int:…>` rules use the bounded id."""
    app.request_class = TypedRequest
    app.json = TypedJSONProvider(app)
    app.url_map.converters["int"] = DatabaseIdConverter
