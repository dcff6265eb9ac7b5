"""Small helpers of the insights tests."""

from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.fixtures.pages import csrf_token, parse


def audit_events(action):
    db.session.expire_all()
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return list(db.session.scalars(query))


def token_from(client, path):
    return csrf_token(client.get(path))


def error_messages(response):
    """The texts listed in the page's error summary."""
    summary = parse(response).find(class_="error-summary")
    return [item.get_text(" ", strip=True) for item in summary.find_all("li")] if summary else []
