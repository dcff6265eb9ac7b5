"""Posting admin forms as a browser would, and an SMTP server that keeps what it is sent."""

import re

from tests.fixtures.pages import csrf_token, parse

LINK = re.compile(r"http://localhost(/staff/password/new/[\w-]+)")


def post_form(client, url, data=None, *, form_page=None):
    """POST `data` to `url` with the CSRF token of `form_page` (by default `url` itself)."""
    token = csrf_token(client.get(form_page or url))
    return client.post(url, data={"csrf_token": token, **(data or {})})


def link_on(response):
    """The path of the set-password link shown on an invitation page."""
    return LINK.search(parse(response).find(class_="share-url").get_text()).group(1)


def error_summary(response):
    summary = parse(response).find(class_="error-summary")
    return summary.get_text(" ", strip=True) if summary else ""


class FakeSMTP:
    """Stands in for smtplib.SMTP: records each message sent."""

    sent = []

    def __init__(self, host, port, timeout=None):
        self.host = host

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def login(self, username, password):
        pass

    def send_message(self, message):
        FakeSMTP.sent.append(message)
