"""The residents' "You said, we did" page: what changed after people gave feedback."""

from flask import abort, render_template

from ..accounts.policy import Rule, rule
from .blueprint import bp, service_or_404
from .decisions import public_insights


@bp.route("/<lang:lang>/s/<slug>/you-said-we-did")
@rule(Rule.PUBLIC)
def you_said_we_did(slug):
    service = service_or_404(slug)
    if not service.is_published:
        abort(404)
    return render_template(
        "insights/you_said_we_did.html", service=service, insights=public_insights(service)
    )
