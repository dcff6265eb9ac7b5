"""The `feedback` blueprint: the residents' flow, the receipt pages and the staff share page.

Route modules (views, receipt_views, share_views) add their routes to `bp`; feedback_app
registers it once through views.bp.
"""

from flask import Blueprint, abort, g, redirect, request, url_for

from ..catalogue import lookup
from ..extensions import csrf
from ..i18n import select_locale
from . import flow
from .loaded_services import service_with_flow

bp = Blueprint("feedback", __name__, template_folder="templates")
# Every form here is a FlaskForm that checks the CSRF token itself, so a failure is shown in
# the form's error summary with the resident's answers kept, not on a generic error page.
csrf.exempt(bp)
# The published service this request's address names, as offered_languages_only found it.
REQUESTED_SERVICE = "feedback_service"


def service_or_404(slug, *, published_only=True):
    """Residents only ever reach published services; each page of the flow reads its questions
    and stages, kept between requests (loaded_services) and looked up once per request
    (offered_languages_only did already). Staff pages (`published_only=False`) get it loaded
    afresh."""
    if not published_only:
        return lookup.service_or_404(slug, options=flow.LOADED)
    found = g.get(REQUESTED_SERVICE)
    if found is not None and found.slug == slug:
        return found
    found = service_with_flow(slug)
    if found is None:
        abort(404)
    return found


def status_for(form):
    """400 when the form has errors, so tools and tests see the problem, 200 otherwise."""
    return 400 if form.errors else 200


def offered_locale(service):
    """The language to open `service` in: the person's own if the service offers it, else the
    browser's best match among those it offers, else the first it offers."""
    offered = service.languages or []
    best = select_locale()
    if not offered or best in offered:
        return best
    return request.accept_languages.best_match(offered) or offered[0]


@bp.before_request
def offered_languages_only():
    """A resident opening a service in a language it does not offer is sent to an offered one
    (307 keeps a POST's answers); the language switcher then offers only those."""
    slug = (request.view_args or {}).get("slug")
    lang = getattr(g, "lang", None)
    service = None
    if slug and lang:
        service = service_with_flow(slug)
    # Set on every request, so that service_or_404 never finds an earlier request's.
    setattr(g, REQUESTED_SERVICE, service)
    if service is None or not service.languages:
        return None
    g.offered_languages = service.languages
    if lang in service.languages:
        return None
    g.lang = None
    args = {**request.view_args, **request.args.to_dict(flat=False)}
    return redirect(url_for(request.endpoint, **args, lang=offered_locale(service)), code=307)
