"""Organisations and their people: create organisations, invite staff, change roles, remove."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.access import administered_organisations
from ..accounts.links import register_staff_link
from ..accounts.models import Organisation, User
from ..accounts.policy import Rule, allows, require, rule
from ..extensions import db
from ..i18n import _l
from . import invitations, organisations
from .forms import ConfirmForm, InvitationForm, OrganisationForm, RolesForm
from .mail import mail_configured

bp = Blueprint("admin", __name__, template_folder="templates")
register_staff_link(
    _l("Organisations and staff"), "admin.organisation_list", administered_organisations
)
ORGANISATION = "/staff/admin/organisations/<int:organisation_id>"
MEMBER = f"{ORGANISATION}/people/<int:user_id>"
MAX_ID = 2**31 - 1
LAST_ADMIN = _l("An organisation needs at least one admin. Give someone else the admin role first")


def _status(form):
    return 400 if form.errors else 200


def _found(model, id_):
    """The row with this id, else 404 (an id past a database integer was forged, not a 500)."""
    row = db.session.get(model, id_) if id_ <= MAX_ID else None
    if row is None:
        abort(404)
    return row


def _organisation(organisation_id):
    """The organisation the signed-in person administers, else 404 or 403."""
    organisation = _found(Organisation, organisation_id)
    require(Rule.ORGANISATION_ADMIN, organisation)
    return organisation


def _member(organisation, user_id):
    """A person of the organisation; anyone else is not found here."""
    user = _found(User, user_id)
    if not organisations.roles_in(organisation, user):
        abort(404)
    return user


@bp.route("/staff/admin/organisations", methods=["GET", "POST"])
@rule(Rule.ORGANISATION_ADMIN, POST=Rule.INSTALLATION_ADMIN)
def organisation_list():
    require(Rule.ORGANISATION_ADMIN)
    administered = administered_organisations(g.user)
    creates = allows(Rule.INSTALLATION_ADMIN)
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            organisation = organisations.create_organisation(
                name=form.name.data, kind=form.kind.data, by=g.user
            )
        except organisations.NameTakenError:
            form.fail(form.name, _("An organisation with this name already exists"))
        else:
            flash(_("%(name)s was created. Invite its first admin.", name=organisation.name))
            return redirect(url_for(".invite", organisation_id=organisation.id))
    html = render_template(
        "admin/organisations.html", organisations=administered, form=form, creates=creates
    )
    return html, _status(form)


@bp.route(ORGANISATION)
@rule(Rule.ORGANISATION_ADMIN)
def organisation(organisation_id):
    organisation = _organisation(organisation_id)
    return render_template(
        "admin/organisation.html",
        organisation=organisation,
        members=organisations.members_of(organisation),
    )


@bp.route(f"{ORGANISATION}/invite", methods=["GET", "POST"])
@rule(Rule.ORGANISATION_ADMIN)
def invite(organisation_id):
    organisation = _organisation(organisation_id)
    form = InvitationForm()
    if form.validate_on_submit():
        user, token = invitations.invite(
            email=form.email.data,
            display_name=form.display_name.data,
            organisation=organisation,
            role=form.role.data,
            by=g.user,
        )
        if token is None:
            flash(
                _(
                    "%(email)s already has an account: they now have this role too.",
                    email=user.email,
                )
            )
            return redirect(url_for(".organisation", organisation_id=organisation.id))
        return _issued(organisation, user, token), 201
    html = render_template(
        "admin/invite.html", organisation=organisation, form=form, mail=mail_configured()
    )
    return html, _status(form)


def _issued(organisation, user, token):
    """The invitation link, shown once to be copied, and emailed when the installation can."""
    url = url_for("passwords.new_password", token=token, _external=True)
    sent = invitations.email_link(user, organisation.name, url)
    return render_template(
        "admin/invited.html",
        organisation=organisation,
        person=user,
        url=url,
        sent=sent,
        mail=mail_configured(),
    )


@bp.route(MEMBER, methods=["GET", "POST"])
@rule(Rule.ORGANISATION_ADMIN)
def member(organisation_id, user_id):
    organisation = _organisation(organisation_id)
    user = _member(organisation, user_id)
    form = RolesForm(data={"roles": [r.value for r in organisations.roles_in(organisation, user)]})
    if form.validate_on_submit():
        try:
            organisations.set_roles(organisation, user, form.roles.data, by=g.user)
        except organisations.LastAdminError:
            form.fail(form.roles, LAST_ADMIN)
        else:
            flash(_("The roles of %(name)s were changed.", name=user.display_name))
            return redirect(url_for(".organisation", organisation_id=organisation.id))
    html = render_template(
        "admin/member.html",
        organisation=organisation,
        person=user,
        form=form,
        link_form=ConfirmForm(),
        issues_link=allows(Rule.PASSWORD_LINK, user),
    )
    return html, _status(form)


@bp.route(f"{MEMBER}/remove", methods=["GET", "POST"])
@rule(Rule.ORGANISATION_ADMIN)
def remove(organisation_id, user_id):
    """Asks first: the person loses access to the organisation's services at once."""
    organisation = _organisation(organisation_id)
    user = _member(organisation, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            organisations.remove_member(organisation, user, by=g.user)
        except organisations.LastAdminError:
            form.fail(form.csrf_token, LAST_ADMIN)
        else:
            flash(_("%(name)s was removed from the organisation.", name=user.display_name))
            return redirect(url_for(".organisation", organisation_id=organisation.id))
    html = render_template("admin/remove.html", organisation=organisation, person=user, form=form)
    return html, _status(form)


@bp.route(f"{MEMBER}/password-link", methods=["POST"])
@rule(Rule.PASSWORD_LINK)
def password_link(organisation_id, user_id):
    """A new link to set a password: a lost invitation, or (installation admins) a lost password."""
    organisation = _organisation(organisation_id)
    user = _member(organisation, user_id)
    require(Rule.PASSWORD_LINK, user)  # the form's CSRF token is checked for every POST
    return _issued(
        organisation,
        user,
        invitations.new_password_link(user, organisation=organisation, by=g.user),
    )
