"""Workshops made through the app's own code, and participants joined through the real pages."""

from datetime import date

from feedback_app.workshops import agenda
from tests.fixtures.pages import csrf_token, parse


def make_workshop(user, service, *, title="Getting help at home", languages=("fr", "en", "ar")):
    return agenda.create_workshop(
        service,
        user=user,
        title=title,
        held_on=date(2027, 3, 14),
        place="Town hall",
        online=False,
        languages=list(languages),
        accessibility_note="Step-free access",
    )


def join(client, code, *, language="en", name=""):
    """Join through the short link's form; returns the response (a redirect when it worked)."""
    url = f"/w/{code}"
    token = csrf_token(client.get(url))
    return client.post(url, data={"csrf_token": token, "language": language, "display_name": name})


def post_form(client, url, data, *, page=None, prefix=""):
    """POST `data` with the CSRF token of `page` (default: `url` itself), named for a form
    with `prefix` ("hide-3-") where the page holds one form per card."""
    token = csrf_token(client.get(page or url))
    return client.post(url, data={f"{prefix}csrf_token": token, **data})


def text_of(response):
    return parse(response).get_text(" ", strip=True)
