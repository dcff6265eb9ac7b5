"""The privacy notice and the incident notice pages: the operator's texts (privacy.notice) set in
the template's headings, and each published service's retention period from its settings."""

from flask import Blueprint, abort, current_app, render_template
from sqlalchemy import select

from ..accounts.policy import Rule, rule
from ..catalogue.models import Service
from ..extensions import db
from ..privacy.notice import (
    INCIDENT_SECTIONS,
    PRIVACY_SECTIONS,
    incident_notice,
    privacy_notice,
    privacy_notice_version,
)

bp = Blueprint("notices", __name__, template_folder="templates")


def retention_periods():
    """(service name texts, days kept) of each published service, by slug."""
    default = current_app.config["RETENTION_DAYS"]
    rows = db.session.execute(
        select(Service.name, Service.retention_days)
        .where(Service.is_published)
        .order_by(Service.slug)
    )
    return [(name, days or default) for name, days in rows]


@bp.route("/<lang:lang>/privacy")
@rule(Rule.PUBLIC)
def privacy():
    notice = privacy_notice()
    return render_template(
        "pages/privacy.html",
        texts=notice.sections if notice else dict.fromkeys(PRIVACY_SECTIONS, {}),
        version=privacy_notice_version(),
        retention=retention_periods(),
    )


@bp.route("/<lang:lang>/incident")
@rule(Rule.PUBLIC)
def incident():
    notice = incident_notice()
    if notice is None:
        abort(404)
    texts = {section: notice.sections[section] for section in INCIDENT_SECTIONS}
    return render_template("pages/incident.html", texts=texts, published=notice.published)


@bp.app_context_processor
def incident_banner():
    """Every page links to a published incident notice."""
    return {"incident_published": incident_notice() is not None}
