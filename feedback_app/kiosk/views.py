"""Kiosks: staff set them up per service; a device becomes one; its home screen starts over."""

from flask import abort, g, redirect, render_template, session, url_for

from ..accounts.access import visible_services
from ..accounts.links import register_service_link
from ..accounts.policy import Rule, allows, require, rule
from ..extensions import db
from ..feedback import visit
from ..feedback.blueprint import service_or_404
from ..feedback.share_views import qr_code_svg
from ..i18n import _l, current_language
from . import offline_views, registry  # noqa: F401 (offline_views' routes join bp)
from .blueprint import bp
from .device import remember_device
from .forms import ConfirmForm, KioskForm
from .models import Kiosk

register_service_link(_l("Kiosks"), "kiosk.manage")
STAFF = "/staff/services/<slug>/kiosks"
LOCATION_TAKEN = _l(
    "A kiosk of these services already stands there: name this one by where it stands, "
    "like “Town hall, 2nd floor”"
)
# {kiosk id: setup token} just issued: the page after the POST shows it (a refresh shows it
# again rather than making another kiosk); leaving for the kiosks list forgets it.
ISSUED_LINKS = "kiosk_issued_links"


def _facilitated_services():
    return [s for s in visible_services(g.user) if allows(Rule.SERVICE_FACILITATOR, s)]


def _managed_kiosk(service, kiosk_id):
    """The kiosk offering `service` that the signed-in person may manage, else 404 or 403: a
    kiosk is shared by its services, so managing it takes a facilitator of every one."""
    kiosk = db.session.get(Kiosk, kiosk_id)
    if kiosk is None or not registry.offers(kiosk, service):
        abort(404)
    require(Rule.SERVICE_FACILITATOR, kiosk.services)
    return kiosk


def _issued(service, kiosk, token):
    """Post/redirect/get: the link is shown by a GET, so a refresh makes no second kiosk."""
    session[ISSUED_LINKS] = {str(kiosk.id): token}
    return redirect(url_for(".issued", slug=service.slug, kiosk_id=kiosk.id), code=303)


@bp.route(f"{STAFF}/<int:kiosk_id>/issued-link")
@rule(Rule.SERVICE_FACILITATOR)
def issued(slug, kiosk_id):
    """The setup link, shown only in the browser that asked for it, until it is used."""
    service = service_or_404(slug, published_only=False)
    kiosk = _managed_kiosk(service, kiosk_id)
    token = session.get(ISSUED_LINKS, {}).get(str(kiosk.id))
    if token is None or registry.active_kiosk(token) is None:
        return render_template("kiosk/issued.html", service=service, kiosk=kiosk, setup_url=None)
    setup_url = url_for(".setup", token=token, _external=True)
    return render_template(
        "kiosk/issued.html",
        service=service,
        kiosk=kiosk,
        setup_url=setup_url,
        qr_code=qr_code_svg(setup_url, _l("QR code of the kiosk's setup link")),
    )


@bp.route(STAFF, methods=["GET", "POST"])
@rule(Rule.SERVICE_FACILITATOR)
def manage(slug):
    service = service_or_404(slug, published_only=False)
    require(Rule.SERVICE_FACILITATOR, service)
    services = _facilitated_services()
    form = KioskForm.offering(services, service)
    if form.validate_on_submit():
        chosen = [s for s in services if s.slug in form.services.data]
        if registry.location_taken(form.location.data, chosen):
            form.location.errors = [LOCATION_TAKEN]
        else:
            kiosk, token = registry.register_kiosk(
                location=form.location.data,
                default_locale=form.default_locale.data,
                services=chosen,
                user=g.user,
                service=service,
            )
            return _issued(service, kiosk, token)
    session.pop(ISSUED_LINKS, None)
    if not form.is_submitted():
        form.default_locale.data = current_language().code
    kiosks = registry.kiosks_of(service)
    html = render_template(
        "kiosk/manage.html",
        service=service,
        form=form,
        kiosks=kiosks,
        manageable={k.id for k in kiosks if allows(Rule.SERVICE_FACILITATOR, k.services)},
        action_form=ConfirmForm(),
    )
    return html, 400 if form.errors else 200


@bp.route(f"{STAFF}/<int:kiosk_id>/setup-link", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def replace_link(slug, kiosk_id):
    service = service_or_404(slug, published_only=False)
    kiosk = _managed_kiosk(service, kiosk_id)
    if not kiosk.is_active:
        abort(404)
    return _issued(service, kiosk, registry.replace_setup_link(kiosk, g.user, service))


@bp.route(f"{STAFF}/<int:kiosk_id>/retire", methods=["GET", "POST"])
@rule(Rule.SERVICE_FACILITATOR)
def retire(slug, kiosk_id):
    """Asks first: a retired kiosk cannot be brought back, only replaced by a new one."""
    service = service_or_404(slug, published_only=False)
    kiosk = _managed_kiosk(service, kiosk_id)
    form = ConfirmForm()
    if not kiosk.is_active or form.validate_on_submit():
        if kiosk.is_active:
            registry.retire(kiosk, g.user, service)
        return redirect(url_for(".manage", slug=service.slug))
    return render_template("kiosk/retire.html", service=service, kiosk=kiosk, form=form)


@bp.route("/kiosk/setup/<token>", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def setup(token):
    """Opened on the device: asks first, so a link preview or a staff laptop stays as it is."""
    kiosk = registry.active_kiosk(token)
    if kiosk is None:
        return render_template("kiosk/setup_invalid.html"), 404
    form = ConfirmForm()
    if form.validate_on_submit():
        visit.forget()
        response = redirect(url_for(".home", lang=kiosk.default_locale))
        # The link works once: the device keeps a new secret that was never shown anywhere.
        remember_device(response, registry.set_up_device(kiosk))
        return response
    return render_template("kiosk/setup.html", kiosk=kiosk, form=form)


@bp.route("/<lang:lang>/kiosk")
@rule(Rule.KIOSK)
def home():
    """The screen residents walk up to. Reaching it ends the previous resident's visit."""
    if not allows(Rule.KIOSK):
        return render_template("kiosk/not_a_kiosk.html"), 404
    visit.forget()
    services = [s for s in g.kiosk.services if s.is_published]
    return render_template("kiosk/home.html", services=services)
