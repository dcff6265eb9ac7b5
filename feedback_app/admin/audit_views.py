"""The audit log in the browser, for installation admins (all of it) and organisations' admins
(their organisation's part, audit_scope.py): filter, page, export as CSV; and each service's
access register, for the admins of its partner organisations.

Read only: there is no route that changes or deletes an event. Reading it is itself recorded.
"""

from flask import Blueprint, g, render_template, request, stream_with_context

from ..accounts.links import register_service_link, register_staff_link
from ..accounts.policy import Rule, require, rule
from ..downloads import attachment
from ..extensions import db
from ..i18n import _l
from ..privacy.audit import record
from .access_register import register_page
from .audit_forms import AuditLogForm
from .audit_log import csv_lines, log_page
from .audit_scope import may_read_audit_log, reader_scope
from .service_views import administered_service

bp = Blueprint("audit_log", __name__, template_folder="templates")
register_staff_link(_l("Audit log"), "audit_log.audit_log", may_read_audit_log)
register_service_link(_l("Access register"), "audit_log.access_register")
MAX_ID = 2**31 - 1


def _before():
    """The id of the event the page starts after; a forged one is ignored, not a 500."""
    before = request.args.get("before", type=int)
    return before if before and 0 < before <= MAX_ID else None


def _scope_and_form():
    """The reader's scope and the filters; 403 for staff who may read none of the log."""
    require(Rule.ORGANISATION_ADMIN)
    scope = reader_scope(g.user)
    form = AuditLogForm.for_args(request.args, scope)
    return scope, form, form.validate()


def _page(form, scope, **context):
    scoped = not scope.is_whole_log
    return render_template("admin/audit_log.html", form=form, scoped=scoped, **context)


def _audited(action, log_filter, **details):
    """Reading the log is an event too, under the service it was filtered by, if any."""
    details = {"filter": log_filter.query_args(), **details}
    record(action, target_type="audit_log", service=log_filter.service_id, details=details)
    db.session.commit()


@bp.route("/staff/admin/audit")
@rule(Rule.ORGANISATION_ADMIN)
def audit_log():
    scope, form, valid = _scope_and_form()
    if not valid:
        return _page(form, scope, events=None), 400
    before = _before()
    log_filter = form.log_filter()
    events, more = log_page(log_filter, before, scope=scope)
    _audited("audit_log_viewed", log_filter, before=before)
    older = events[-1][0].id if more else None
    return _page(form, scope, events=events, older=older, args=log_filter.query_args())


@bp.route("/staff/admin/audit.csv")
@rule(Rule.ORGANISATION_ADMIN)
def audit_log_csv():
    scope, form, valid = _scope_and_form()
    if not valid:
        return _page(form, scope, events=None), 400
    log_filter = form.log_filter()
    _audited("audit_log_exported", log_filter)
    lines = csv_lines(log_filter, scope=scope)
    return attachment(stream_with_context(lines), "audit-log.csv", "text/csv")


@bp.route("/staff/admin/services/<slug>/access-register")
@rule(Rule.SERVICE_ADMIN)
def access_register(slug):
    service = administered_service(slug)
    before = _before()
    lines, older = register_page(service, before)
    record(
        "access_register_viewed",
        target_type="service",
        target_id=service.id,
        service=service.id,
        details={"before": before},
    )
    db.session.commit()
    return render_template("admin/access_register.html", service=service, lines=lines, older=older)
