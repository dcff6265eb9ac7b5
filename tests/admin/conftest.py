import pytest

from feedback_app.extensions import db
from tests.admin.helpers import FakeSMTP


@pytest.fixture
def installation_admin(make_user, partner):
    user = make_user("root@example.org", organisation=partner, role="analyst")
    user.is_installation_admin = True
    db.session.commit()
    return user


@pytest.fixture
def partner_admin(make_user, partner):
    """An admin of the organisation commissioning the demo service."""
    return make_user("boss@example.org", organisation=partner, role="admin")


@pytest.fixture
def outsider_admin(make_user, outsider_organisation):
    """An admin of an organisation with no part in the demo service."""
    return make_user("other-boss@example.org", organisation=outsider_organisation, role="admin")


@pytest.fixture
def mailbox(app, monkeypatch):
    """SMTP configured, and every email sent kept here instead."""
    app.config.update(MAIL_SERVER="smtp.example.org", MAIL_FROM="ensemble@example.org")
    FakeSMTP.sent = []
    monkeypatch.setattr("feedback_app.admin.mail.smtplib.SMTP", FakeSMTP)
    return FakeSMTP.sent
