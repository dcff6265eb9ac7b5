"""The staff page where people create and revoke their personal API tokens."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.access import visible_services
from ..accounts.policy import Rule, rule
from ..extensions import db
from ..privacy.audit import record
from .forms import RevokeForm, TokenForm
from .models import ApiToken
from .tokens import SCOPE_LABELS, is_expired, issue_token, revoke, tokens_of

bp = Blueprint("api_tokens", __name__, template_folder="templates")


def _page(form, *, new_secret=None, status=200):
    page = render_template(
        "api/tokens.html",
        form=form,
        revoke_form=RevokeForm(),
        tokens=tokens_of(g.user),
        new_secret=new_secret,
        scope_labels=SCOPE_LABELS,
        is_expired=is_expired,
    )
    return page, status


@bp.route("/staff/tokens", methods=["GET", "POST"])
@rule(Rule.STAFF)
def tokens():
    services = visible_services(g.user)
    form = TokenForm.for_user(services)
    if not form.validate_on_submit():
        return _page(form, status=400 if form.errors else 200)
    chosen = [s for s in services if s.slug in set(form.services.data)]
    days = int(form.days.data)
    token, secret = issue_token(
        g.user, form.name.data.strip(), scopes=form.scopes.data, services=chosen, days=days
    )
    details = {"scopes": token.scopes, "services": [s.id for s in chosen], "days": days}
    record("api_token_created", target_type="api_token", target_id=token.id, details=details)
    db.session.commit()
    # Shown on this response only: it is stored as a hash and cannot be shown again.
    return _page(TokenForm.for_user(services, formdata=None), new_secret=secret, status=201)


@bp.route("/staff/tokens/<int:token_id>/revoke", methods=["POST"])
@rule(Rule.STAFF)
def revoke_token(token_id):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != g.user.id:
        abort(404)
    if RevokeForm().validate_on_submit():
        revoke(token)
        record("api_token_revoked", target_type="api_token", target_id=token.id)
        db.session.commit()
        flash(_("The token “%(name)s” is revoked: it no longer works.", name=token.name))
    return redirect(url_for(".tokens"))
