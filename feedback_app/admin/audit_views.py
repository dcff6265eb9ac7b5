"""The audit log in the browser, for installation admins: filter, page, export as CSV; and
each service's access register, for the admins of its partner organisations.

Read only: there is no route that changes or deletes an event. Reading it is itself recorded.
"""

from flask import Blueprint, Response, abort, g, render_template, request, stream_with_context

from ..accounts.access import is_installation_admin
from ..accounts.auth import login_required
from ..accounts.links import register_service_link, register_staff_link
from ..accounts.models import Role
from ..extensions import db
from ..i18n import _l
from ..privacy.audit import record
from .access_register import register_page
from .audit_forms import AuditLogForm
from .audit_log import csv_lines, log_page
from .service_views import administered_service

bp = Blueprint("audit_log", __name__, template_folder="templates")
register_staff_link(_l("Audit log"), "audit_log.audit_log", is_installation_admin)
register_service_link(_l("Access register"), "audit_log.access_register", Role.ADMIN)
MAX_ID = 2**31 - 1


def _before():
    """The id of the event the page starts after; a forged one is ignored, not a 500."""
    before = request.args.get("before", type=int)
    return before if before and 0 < before <= MAX_ID else None


def _form_or_abort():
    if not is_installation_admin(g.user):
        abort(403)
    form = AuditLogForm.for_args(request.args)
    return form, form.validate()


def _audited(action, log_filter, **details):
    record(action, target_type="audit_log", details={"filter": log_filter.query_args(), **details})
    db.session.commit()


@bp.route("/staff/admin/audit")
@login_required
def audit_log():
    form, valid = _form_or_abort()
    if not valid:
        return render_template("admin/audit_log.html", form=form, events=None), 400
    before = _before()
    log_filter = form.log_filter()
    events, more = log_page(log_filter, before)
    _audited("audit_log_viewed", log_filter, before=before)
    older = events[-1][0].id if more else None
    return render_template(
        "admin/audit_log.html", form=form, events=events, older=older, args=log_filter.query_args()
    )


@bp.route("/staff/admin/audit.csv")
@login_required
def audit_log_csv():
    form, valid = _form_or_abort()
    if not valid:
        return render_template("admin/audit_log.html", form=form, events=None), 400
    log_filter = form.log_filter()
    _audited("audit_log_exported", log_filter)
    response = Response(stream_with_context(csv_lines(log_filter)), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@bp.route("/staff/admin/services/<slug>/access-register")
@login_required
def access_register(slug):
    service = administered_service(slug)
    before = _before()
    lines, older = register_page(service, before)
    record(
        "access_register_viewed",
        target_type="service",
        target_id=service.id,
        details={"before": before},
    )
    db.session.commit()
    return render_template("admin/access_register.html", service=service, lines=lines, older=older)
