"""Inviting staff into an organisation, and the emails that carry set-password links."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..accounts.models import Membership, User
from ..extensions import db
from ..privacy.audit import record
from .mail import mail_configured, send_mail
from .models import LinkPurpose
from .password_links import issue_link

# A password hash no password matches: the person sets theirs through the invitation.
NO_PASSWORD_YET = "!"


def user_by_email(email):
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def invite(*, email, display_name, organisation, role, by):
    """Give `email` the role in the organisation; returns (user, token or None).

    Someone who already has an account simply gains the role and signs in as before; a new
    person gets an inactive account and an invitation link to set their password.
    """
    user = user_by_email(email)
    token = None
    if user is None:
        user = User(email=email.strip().lower(), display_name=display_name, is_active=False)
        user.password_hash = NO_PASSWORD_YET
        db.session.add(user)
        db.session.flush()
        token = issue_link(user, LinkPurpose.INVITATION, by=by)
    already = db.session.scalar(
        select(Membership).filter_by(user_id=user.id, organisation_id=organisation.id, role=role)
    )
    if already is None:
        db.session.add(Membership(user_id=user.id, organisation_id=organisation.id, role=role))
    record(
        "staff_invited",
        target_type="user",
        target_id=user.id,
        details={"organisation": organisation.id, "role": str(role), "new_account": bool(token)},
        user=by,
        organisation=organisation.id,
    )
    db.session.commit()
    return user, token


def new_password_link(user, *, organisation, by):
    """A fresh link for someone whose invitation expired, or who lost their password; given from
    the page of `organisation`, whose admins see it in their audit log."""
    purpose = LinkPurpose.PASSWORD_RESET if user.is_active else LinkPurpose.INVITATION
    token = issue_link(user, purpose, by=by)
    record(
        "password_link_issued",
        target_type="user",
        target_id=user.id,
        details={"purpose": str(purpose)},
        user=by,
        organisation=organisation.id,
    )
    db.session.commit()
    return token


def email_link(user, organisation_name, url):
    """The invitation for someone who never signed in, else the new-password email."""
    if user.is_active:
        return email_password_reset(user, url)
    return email_invitation(user, organisation_name, url)


def email_invitation(user, organisation_name, url):
    """Send the invitation when SMTP is configured; True when it went out."""
    if not mail_configured():
        return False
    body = _(
        "You are invited to Ensemble, to work with %(organisation)s.\n\n"
        "Open this link to choose your password and sign in. It works once, for 7 days:\n%(url)s",
        organisation=organisation_name,
        url=url,
    )
    return send_mail(user.email, _("Your invitation to Ensemble"), body)


def email_password_reset(user, url):
    """Send a forgotten-password link when SMTP is configured; True when it went out."""
    if not mail_configured():
        return False
    body = _(
        "Someone asked to reset the password of your Ensemble account. If it was you, open this "
        "link to choose a new one. It works once, for 2 hours:\n%(url)s\n\n"
        "If it was not you, ignore this email: your password stays as it is.",
        url=url,
    )
    return send_mail(user.email, _("Reset your Ensemble password"), body)
