"""The `feedback` blueprint: the residents' flow, the receipt pages and the staff share page.

Route modules (views, receipt_views, share_views) add their routes to `bp`; feedback_app
registers it once through views.bp.
"""

from flask import Blueprint, abort
from sqlalchemy import select

from ..catalogue.models import Service
from ..extensions import csrf, db

bp = Blueprint("feedback", __name__, template_folder="templates")
# Every form here is a FlaskForm that checks the CSRF token itself, so a failure is shown in
# the form's error summary with the resident's answers kept, not on a generic error page.
csrf.exempt(bp)


def service_or_404(slug, *, published_only=True):
    if "\x00" in slug:
        # No slug has one, and PostgreSQL would refuse the query (a 500, not a 404).
        abort(404)
    query = select(Service).where(Service.slug == slug)
    if published_only:
        query = query.where(Service.is_published)
    service = db.session.scalar(query)
    if service is None:
        abort(404)
    return service


def status_for(form):
    """400 when the form has errors, so tools and tests see the problem, 200 otherwise."""
    return 400 if form.errors else 200
