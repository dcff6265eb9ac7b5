"""Passwords: set one from an invitation or reset link, change it, or ask for a reset link."""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.auth import sign_in
from ..accounts.links import register_staff_link
from ..accounts.policy import Rule, rule
from ..extensions import db, limiter
from ..i18n import _l
from ..privacy.audit import record
from . import invitations
from .forms import ChangePasswordForm, ForgottenPasswordForm, NewPasswordForm
from .mail import mail_configured
from .models import LinkPurpose
from .password_links import change_password, issue_link, set_password_with, usable_link

bp = Blueprint("passwords", __name__, template_folder="templates")
register_staff_link(_l("Change your password"), "passwords.change", lambda user: True)


def _status(form):
    return 400 if form.errors else 200


@bp.route("/staff/password/new/<token>", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
@limiter.limit("20 per hour", methods=["POST"])
def new_password(token):
    """Where an invitation or a reset link leads: choose a password, then you are signed in."""
    link = usable_link(token)
    if link is None:
        return render_template("admin/link_invalid.html"), 404
    form = NewPasswordForm(email=link.user.email)
    if form.validate_on_submit():
        user = set_password_with(link, form.password.data)
        sign_in(user)
        flash(_("Your password is set. You are signed in."))
        return redirect(url_for("accounts.home"))
    invited = link.purpose == LinkPurpose.INVITATION
    html = render_template("admin/new_password.html", form=form, person=link.user, invited=invited)
    return html, _status(form)


@bp.route("/staff/password", methods=["GET", "POST"])
@rule(Rule.STAFF)
@limiter.limit("10 per minute", methods=["POST"])
def change():
    form = ChangePasswordForm(email=g.user.email)
    if form.validate_on_submit():
        if change_password(g.user, form.current_password.data, form.password.data):
            sign_in(g.user)
            flash(_("Your password was changed."))
            return redirect(url_for("accounts.home"))
        form.fail(form.current_password, _("Your current password is not right"))
    return render_template("admin/change_password.html", form=form), _status(form)


@bp.route("/staff/password/forgotten", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
@limiter.limit("5 per 15 minutes", methods=["POST"])
def forgotten():
    """The answer is the same whether or not the address has an account, so it reveals none."""
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        user = invitations.user_by_email(form.email.data)
        if user is not None and user.is_active and mail_configured():
            token = issue_link(user, LinkPurpose.PASSWORD_RESET)
            record("password_reset_requested", target_type="user", target_id=user.id, user=user)
            db.session.commit()
            url = url_for(".new_password", token=token, _external=True)
            invitations.email_password_reset(user, url)
        return render_template("admin/forgotten_sent.html", mail=mail_configured())
    html = render_template("admin/forgotten.html", form=form, mail=mail_configured())
    return html, _status(form)
