"""The staff page where people create and revoke their personal API tokens."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.auth import login_required
from ..extensions import db
from ..privacy.audit import record
from .forms import RevokeForm, TokenForm
from .models import ApiToken
from .tokens import issue_token, revoke, tokens_of

bp = Blueprint("api_tokens", __name__, template_folder="templates")


def _page(form, *, new_secret=None, status=200):
    page = render_template(
        "api/tokens.html",
        form=form,
        revoke_form=RevokeForm(),
        tokens=tokens_of(g.user),
        new_secret=new_secret,
    )
    return page, status


@bp.route("/staff/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=400 if form.errors else 200)
    token, secret = issue_token(g.user, form.name.data.strip())
    record("api_token_created", target_type="api_token", target_id=token.id)
    db.session.commit()
    # Shown on this response only: it is stored as a hash and cannot be shown again.
    return _page(TokenForm(formdata=None), new_secret=secret, status=201)


@bp.route("/staff/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
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
