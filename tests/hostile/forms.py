"""Fill a page's own forms as a browser would, with hostile text in every free-text field.

The forms are found on the pages (`<form method=post>`), so a form added to a page joins the
sweep; fields a form needs in a fixed shape (codes, emails, numbers, choices) keep what the page
offers, so that the text reaches the database instead of failing validation.
"""

from itertools import count
from urllib.parse import urljoin

from werkzeug.datastructures import MultiDict

from tests.fixtures.pages import parse

# Forms that end the session, take something away or cannot hold text: never filled.
SKIPPED_ACTIONS = (
    "/logout",
    "/retire",
    "/remove",
    "/revoke",
    "/unpublish",
    "/publish",
    "/setup-link",
    "/password",
    "/login",
    "/hide",
    "/merge",
    "/unmerge",
    "/move",
    "/dots/",
    "/votes/",
    "/timer/",
    "/open",
    "/closed",
    "/draft",
    "/send-to-insights",
    "/copy",
    "/receipt",
)
FREE_TEXT_TYPES = {"text", "search", None, ""}
# Names of one-line fields that must keep a fixed shape to pass validation.
_emails = count(1)
SHAPED_NAMES = ("days", "slug", "code", "email", "join", "date", "held_on", "locale", "language")


def text_fields(form):
    """The free-text fields a person types into: textareas and plain text inputs."""
    found = [t for t in form.find_all("textarea") if t.get("name")]
    for field in form.find_all("input"):
        name = field.get("name", "")
        if field.get("type") in FREE_TEXT_TYPES and name and not _shaped(field):
            found.append(field)
    return found


def _shaped(field):
    name = field["name"].lower()
    return field.get("pattern") or field.get("inputmode") or any(s in name for s in SHAPED_NAMES)


def _default_data(form):
    """What the browser would send untouched: values, checked boxes, selected options."""
    data = []
    for field in form.find_all("input"):
        name, kind = field.get("name"), field.get("type", "text")
        if not name or kind in ("submit", "button", "file", "image", "reset"):
            continue
        if kind in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data.append((name, field.get("value", "on")))
            continue
        value = field.get("value", "")
        if kind == "email" and not value:
            value = f"hostile-{next(_emails)}@example.org"
        elif kind == "date" and not value:
            value = "2027-03-14"
        data.append((name, value))
    for select in form.find_all("select"):
        options = select.find_all("option")
        chosen = [o for o in options if o.has_attr("selected")] or [
            o for o in options if o.get("value")
        ][:1]
        data += [(select["name"], o.get("value", o.get_text())) for o in chosen]
    return data


def _first_radios(form, data):
    """A required choice nobody has made yet gets its first option, as a person would pick."""
    named = {name for name, _ in data}
    for radio in form.find_all("input", type="radio"):
        if radio.get("name") and radio["name"] not in named:
            data.append((radio["name"], radio.get("value", "on")))
            named.add(radio["name"])
    return data


def fillable_forms(page_url, response):
    """(action URL, form) for each POST form on the page worth filling with text."""
    if response.mimetype != "text/html":
        return
    for form in parse(response).find_all("form"):
        if form.get("method", "get").lower() != "post" or form.find("input", type="file"):
            continue
        action = urljoin(page_url, form.get("action") or page_url)
        if any(skip in action for skip in SKIPPED_ACTIONS) or not text_fields(form):
            continue
        yield action, form


def fill(client, page_url, payload):
    """Submit every fillable form of the page with `payload` in its free-text fields.

    Returns [(action, field names, status)] for the report of what was tried."""
    tried = []
    for action, form in fillable_forms(page_url, client.get(page_url)):
        names = {field["name"] for field in text_fields(form)}
        data = [(n, v) for n, v in _first_radios(form, _default_data(form)) if n not in names]
        data += [(name, payload) for name in sorted(names)]
        reply = client.post(action, data=MultiDict(data))
        tried.append((action, sorted(names), reply.status_code))
    return tried
