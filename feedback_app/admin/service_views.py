"""Setting a service up: its settings per language, publishing, its partnership, a preview."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.access import administered_organisations, visible_services
from ..accounts.links import register_service_link, register_staff_link
from ..accounts.models import Organisation
from ..accounts.policy import Rule, allows, require, rule
from ..catalogue.models import Partnership
from ..extensions import db
from ..feedback.blueprint import service_or_404
from ..i18n import LANGUAGES, _l
from . import copying, publishing, services
from .forms import ConfirmForm
from .service_forms import CopyForm, NewServiceForm, PartnerForm, ServiceForm

bp = Blueprint("service_admin", __name__, template_folder="templates")
register_staff_link(_l("Create a service"), "service_admin.new", administered_organisations)
register_service_link(_l("Set up the service"), "service_admin.service")
SERVICE = "/staff/admin/services/<slug>"
SLUG_ERRORS = {
    services.SlugTakenError: _l("Another service already uses this web address"),
    services.SlugFrozenError: _l(
        "Residents have answered already, so the web address can no longer change"
    ),
}


def _status(form):
    return 400 if form.errors else 200


def administered_service(slug):
    """The service (published or not) the signed-in person may set up, else 404 or 403."""
    service = service_or_404(slug, published_only=False)
    require(Rule.SERVICE_ADMIN, service)
    return service


@bp.route("/staff/admin/services/new", methods=["GET", "POST"])
@rule(Rule.ORGANISATION_ADMIN)
def new():
    require(Rule.ORGANISATION_ADMIN)
    organisations = administered_organisations(g.user)
    if not organisations:  # only an installation admin gets here before any organisation exists
        flash(_("A service belongs to an organisation: create the first one, then the service."))
        return redirect(url_for("admin.organisation_list"))
    form = NewServiceForm(data={"languages": list(LANGUAGES)}).offering(organisations)
    if form.validate_on_submit():
        organisation = db.session.get(Organisation, int(form.organisation.data))
        try:
            service = services.create_service(
                form.settings(), organisation=organisation, role=form.partner_role.data, by=g.user
            )
        except services.SlugTakenError as error:
            form.fail(form.slug, SLUG_ERRORS[type(error)])
        else:
            flash(_("The service was created. Add its journey stages and questions."))
            return redirect(url_for(".service", slug=service.slug))
    return render_template("admin/service_new.html", form=form), _status(form)


@bp.route(SERVICE)
@rule(Rule.SERVICE_ADMIN)
def service(slug):
    service = administered_service(slug)
    return _service_page(service, ConfirmForm())


def _service_page(service, form, status=200):
    return render_template(
        "admin/service.html",
        service=service,
        form=form,
        slug_frozen=services.has_responses(service),
        languages=[LANGUAGES[code] for code in service.languages],
    ), status


@bp.route(f"{SERVICE}/settings", methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def settings(slug):
    service = administered_service(slug)
    form = ServiceForm.of(service)
    if form.validate_on_submit():
        try:
            services.update_service(service, form.settings(), by=g.user)
        except (services.SlugTakenError, services.SlugFrozenError) as error:
            db.session.rollback()
            form.fail(form.slug, SLUG_ERRORS[type(error)])
        else:
            flash(_("The service's settings were saved."))
            return redirect(url_for(".service", slug=service.slug))
    html = render_template(
        "admin/service_settings.html",
        service=service,
        form=form,
        slug_frozen=services.has_responses(service),
    )
    return html, _status(form)


@bp.route(f"{SERVICE}/publish", methods=["POST"])
@rule(Rule.SERVICE_ADMIN)
def publish(slug):
    """Refused, with every missing text listed, until residents can read it all in each language."""
    service = administered_service(slug)
    form = ConfirmForm()
    if form.validate_on_submit():
        for problem in publishing.problems(service):
            form.fail(form.csrf_token, problem)
        if not form.errors:
            services.set_published(service, True, by=g.user)
            flash(_("The service is published: residents can answer it."))
            return redirect(url_for(".service", slug=service.slug))
    return _service_page(service, form, 400)


@bp.route(f"{SERVICE}/unpublish", methods=["POST"])
@rule(Rule.SERVICE_ADMIN)
def unpublish(slug):
    service = administered_service(slug)
    if ConfirmForm().validate_on_submit():
        services.set_published(service, False, by=g.user)
        flash(_("The service is no longer published: residents cannot answer it."))
    return redirect(url_for(".service", slug=service.slug))


@bp.route(f"{SERVICE}/partners", methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def partners(slug):
    service = administered_service(slug)
    organisations = list(db.session.scalars(select(Organisation).order_by(Organisation.name)))
    form = PartnerForm().offering(organisations)
    if form.validate_on_submit():
        organisation = db.session.get(Organisation, int(form.organisation.data))
        services.add_partner(service, organisation, form.partner_role.data, by=g.user)
        flash(_("%(name)s is in the partnership.", name=organisation.name))
        return redirect(url_for(".service", slug=service.slug))
    html = render_template("admin/partners.html", service=service, form=form)
    return html, _status(form)


@bp.route(f"{SERVICE}/partners/<int:partnership_id>/remove", methods=["POST"])
@rule(Rule.SERVICE_ADMIN)
def remove_partner(slug, partnership_id):
    service = administered_service(slug)
    partnership = db.session.get(Partnership, partnership_id) if partnership_id < 2**31 else None
    if partnership is None or partnership.service_id != service.id:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.remove_partner(service, partnership, by=g.user)
        except services.LastPartnerError:
            form.fail(form.csrf_token, _("A service is always run by at least one organisation"))
            return _service_page(service, form, 400)
    return redirect(url_for(".service", slug=service.slug))


@bp.route(f"{SERVICE}/preview/<lang:locale>")
@rule(Rule.SERVICE_ADMIN)
def preview(slug, locale):
    """What residents read, page by page, in one language, before it is published."""
    service = administered_service(slug)
    return render_template("admin/preview.html", service=service, locale=LANGUAGES[locale])


@bp.route(f"{SERVICE}/copy", methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def copy(slug):
    """Stages and questions from another service this person sets up: a second service fast."""
    service = administered_service(slug)
    sources = [
        s for s in visible_services(g.user) if s.id != service.id and allows(Rule.SERVICE_ADMIN, s)
    ]
    form = CopyForm().offering(sources)
    if form.validate_on_submit():
        source = next(s for s in sources if s.slug == form.source.data)
        copying.copy_setup(source, service, by=g.user)
        flash(_("The stages and questions were copied. Check them, then publish."))
        return redirect(url_for(".service", slug=service.slug))
    return render_template("admin/copy.html", service=service, form=form), _status(form)
