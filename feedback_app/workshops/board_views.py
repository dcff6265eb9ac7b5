"""The live board for the projector and for anyone in the room, and its version for polling."""

from flask import jsonify, render_template, request

from ..accounts.policy import Rule, rule
from . import board
from .blueprint import bp
from .console_views import join_qr, short_link
from .participant_views import PARTICIPANT, workshop_or_404


@bp.route(f"{PARTICIPANT}/board")
@rule(Rule.PUBLIC)
def board_page(code):
    workshop = workshop_or_404(code)
    return render_template(
        "workshops/board.html",
        workshop=workshop,
        sections=board.sections(workshop),
        version=board.version(workshop),
        short_link=short_link(workshop),
        qr_code=join_qr(workshop),
    )


@bp.route(f"{PARTICIPANT}/board/version")
@rule(Rule.PUBLIC)
def board_version(code):
    """304 while nothing changed: the browser sends back the ETag it was given."""
    workshop = workshop_or_404(code)
    response = jsonify(version=board.version(workshop))
    response.set_etag(response.json["version"])
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)
