"""The facilitator's summary of a workshop, its exports, and sending it to the insights."""

from flask import flash, g, redirect, render_template, url_for

from ..accounts.policy import Rule, rule
from ..database import utcnow
from ..downloads import attachment
from ..extensions import db
from ..i18n import _l
from ..insights.export_views import FILE_FORMATS
from ..insights.labels import Vocabulary
from ..privacy.audit import record
from . import to_insights
from .blueprint import WORKSHOP, bp, confirmed, facilitated_workshop
from .exports import export_bundle
from .forms import ConfirmForm
from .summary import SUPPRESS_BELOW, summarize


@bp.route(f"{WORKSHOP}/summary")
@rule(Rule.SERVICE_FACILITATOR)
def summary_page(slug, workshop_id):
    workshop = facilitated_workshop(slug, workshop_id)
    return render_template(
        "workshops/summary.html",
        workshop=workshop,
        service=workshop.service,
        summary=summarize(workshop),
        suppress_below=SUPPRESS_BELOW,
        segment_words=Vocabulary,
        formats=FILE_FORMATS,
        candidates=to_insights.candidates(workshop),
        action_form=ConfirmForm(),
    )


@bp.route(f"{WORKSHOP}/summary.<any(csv, xlsx, json):file_format>")
@rule(Rule.SERVICE_FACILITATOR)
def download(slug, workshop_id, file_format):
    workshop = facilitated_workshop(slug, workshop_id)
    bundle = export_bundle(workshop, utcnow())
    chosen = FILE_FORMATS[file_format]
    content = chosen.write(bundle)
    record(
        "workshop_export",
        target_type="workshop",
        target_id=workshop.id,
        service=workshop.service_id,
        details={"format": file_format},
    )
    db.session.commit()
    return attachment(content, f"{bundle.name}.{chosen.suffix}", chosen.mimetype)


@bp.route(f"{WORKSHOP}/send-to-insights", methods=["POST"])
@rule(Rule.SERVICE_FACILITATOR)
def send_to_insights(slug, workshop_id):
    workshop = facilitated_workshop(slug, workshop_id)
    if confirmed():
        sent = to_insights.send(workshop, g.user)
        flash(_l("%(num)d findings were sent to the prioritized insights.", num=sent))
    return redirect(url_for(".summary_page", slug=slug, workshop_id=workshop_id))
