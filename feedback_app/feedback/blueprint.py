"""The `feedback` blueprint: the residents' flow, the receipt pages and the staff share page.

Route modules (views, receipt_views, share_views) add their routes to `bp`; feedback_app
registers it once through views.bp.
"""

from flask import Blueprint

from ..catalogue import lookup
from ..extensions import csrf

bp = Blueprint("feedback", __name__, template_folder="templates")
# Every form here is a FlaskForm that checks the CSRF token itself, so a failure is shown in
# the form's error summary with the resident's answers kept, not on a generic error page.
csrf.exempt(bp)


def service_or_404(slug, *, published_only=True):
    """Residents only ever reach published services."""
    return lookup.service_or_404(slug, published_only=published_only)


def status_for(form):
    """400 when the form has errors, so tools and tests see the problem, 200 otherwise."""
    return 400 if form.errors else 200
