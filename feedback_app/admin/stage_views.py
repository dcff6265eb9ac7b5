"""A service's journey stages: add, rename and describe, move up or down, retire."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.policy import Rule, rule
from ..catalogue.models import Stage
from ..extensions import db
from . import stages
from .forms import ConfirmForm
from .service_views import administered_service
from .stage_forms import StageForm

bp = Blueprint("stage_admin", __name__, template_folder="templates")
STAGES = "/staff/admin/services/<slug>/stages"
STAGE = f"{STAGES}/<int:stage_id>"
MOVES = {"up": -1, "down": 1}


def _status(form):
    return 400 if form.errors else 200


def _stage(service, stage_id):
    """A stage of this service's journey; any other id is not found here."""
    stage = db.session.get(Stage, stage_id) if stage_id < 2**31 else None
    if stage is None or service.journey is None or stage.journey_id != service.journey.id:
        abort(404)
    return stage


@bp.route(STAGES, methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def stages_page(slug):
    """The journey in order, with the form to add a stage at its end."""
    service = administered_service(slug)
    form = StageForm()
    if form.validate_on_submit():
        stage = stages.add_stage(service, **form.stage_texts(), by=g.user)
        flash(_("The stage “%(name)s” was added.", name=next(iter(stage.name.values()))))
        return redirect(url_for(".stages_page", slug=service.slug))
    journey = service.journey
    html = render_template(
        "admin/stages.html",
        service=service,
        form=form,
        open_stages=journey.open_stages if journey else [],
        retired=[s for s in journey.stages if s.retired_at] if journey else [],
    )
    return html, _status(form)


@bp.route(STAGE, methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def stage(slug, stage_id):
    service = administered_service(slug)
    stage = _stage(service, stage_id)
    form = StageForm.of(stage)
    if form.validate_on_submit():
        stages.change_stage(stage, **form.stage_texts(), by=g.user)
        flash(_("The stage was saved."))
        return redirect(url_for(".stages_page", slug=service.slug))
    html = render_template("admin/stage.html", service=service, stage=stage, form=form)
    return html, _status(form)


@bp.route(f"{STAGE}/move/<direction>", methods=["POST"])
@rule(Rule.SERVICE_ADMIN)
def move(slug, stage_id, direction):
    service = administered_service(slug)
    stage = _stage(service, stage_id)
    if direction not in MOVES or stage.retired_at is not None:
        abort(404)
    if ConfirmForm().validate_on_submit():
        stages.move_stage(stage, MOVES[direction], by=g.user)
    return redirect(url_for(".stages_page", slug=service.slug, _anchor=f"stage-{stage.id}"))


@bp.route(f"{STAGE}/retire", methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def retire(slug, stage_id):
    """Asks first: residents stop being asked about it at once."""
    service = administered_service(slug)
    stage = _stage(service, stage_id)
    form = ConfirmForm()
    if stage.retired_at is None and form.validate_on_submit():
        stages.retire_stage(stage, by=g.user)
        flash(_("The stage was retired. Its past answers stay in the insights."))
    if stage.retired_at is not None:
        return redirect(url_for(".stages_page", slug=service.slug))
    return render_template("admin/stage_retire.html", service=service, stage=stage, form=form)
