"""Staff sign-in, sign-out and the staff home page."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..next_url import safe_next_url
from ..privacy.audit import record
from .access import visible_services
from .auth import sign_in, sign_out
from .forms import LoginForm
from .models import User
from .policy import Rule, rule
from .throttle import throttle_sign_in

bp = Blueprint("accounts", __name__, template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
@throttle_sign_in
def login():
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user and user.is_active and user.check_password(form.password.data):
            sign_in(user)
            record("sign_in", target_type="user", target_id=user.id, user=user)
            db.session.commit()
            return redirect(safe_next_url(request.args.get("next"), url_for(".home")))
        form.password.errors.append(_("The email address or password is not right"))
    status = 400 if form.errors else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@rule(Rule.PUBLIC)
def logout():
    sign_out(g.user)
    db.session.commit()
    flash(_("You have signed out."))
    return redirect(url_for("accounts.login"))


@bp.route("/staff/")
@rule(Rule.STAFF)
def home():
    return render_template("accounts/home.html", services=visible_services(g.user))
