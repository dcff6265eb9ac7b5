"""The `insights` blueprint and what every analyst page shares: access, filters, audit.

Route modules (views, participation_views, decision_views, public_views, export_views) add
their routes to `bp`; feedback_app registers it once through views.bp.
"""

from functools import wraps

from flask import Blueprint, render_template, request

from ..accounts.policy import Rule, require, rule
from ..catalogue.lookup import service_or_404
from ..extensions import db
from ..privacy.audit import record
from .filters import FilterForm
from .labels import Vocabulary

bp = Blueprint("insights", __name__, template_folder="templates")
STAFF_PREFIX = "/staff/services/<slug>/insights"
# Filters that follow the analyst from page to page (question and dimension are per page).
NAV_KEPT = ("since", "until", "channel", "kiosk")


def analyst_page(view):
    """Signed-out → sign-in page; not an analyst (or admin) of a partner → 403."""

    @wraps(view)
    @rule(Rule.SERVICE_ANALYST)
    def guarded(slug, **kwargs):
        service = service_or_404(slug)
        require(Rule.SERVICE_ANALYST, service)
        return view(service, **kwargs)

    return guarded


def read_filter(service):
    """(form, filter) from the query string; filter is None when the form has errors."""
    form = FilterForm.for_service(service, request.args)
    return form, (form.insight_filter() if form.validate() else None)


def audit_view(service, page, response_filter, **details):
    """Record that someone saw analysis data, and what they filtered it by."""
    filters = response_filter.query_args() if response_filter else {}
    record(
        "insights.view",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={"page": page, "filter": filters, **details},
    )
    db.session.commit()


def render_page(template, service, page, form, response_filter, **context):
    """Render an analyst page; a bad filter gives 400 with the error summary and no data."""
    if response_filter is not None:
        audit_view(service, page, response_filter)
    status = 200 if response_filter is not None else 400
    context.setdefault("words", Vocabulary(service))
    page_args = response_filter.query_args() if response_filter else {}
    return render_template(
        template,
        service=service,
        page=page,
        form=form,
        insight_filter=response_filter,
        page_args=page_args,
        nav_args={k: v for k, v in page_args.items() if k in NAV_KEPT},
        **context,
    ), status


def analysis_page(page, template, fields=("since", "until", "channel", "kiosk")):
    """A GET page: parse the filter, call `view(service, filter)` for its context, render."""

    def decorate(compute):
        @wraps(compute)
        @analyst_page
        def view(service):
            form, response_filter = read_filter(service)
            context = compute(service, response_filter) if response_filter else {}
            return render_page(
                template, service, page, form, response_filter, filter_fields=fields, **context
            )

        return view

    return decorate
