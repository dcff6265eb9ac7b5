"""Paper input: printable A4 forms for each activity, and the import of typed-in forms."""

from flask import flash, g, redirect, render_template, url_for

from ..accounts.policy import Rule, rule
from ..i18n import _l
from . import paper_import
from .blueprint import WORKSHOP, activity_of, bp, facilitated_workshop
from .forms import PaperForm


@bp.route(f"{WORKSHOP}/print/<int:activity_id>")
@rule(Rule.SERVICE_FACILITATOR)
def print_form(slug, workshop_id, activity_id):
    workshop = facilitated_workshop(slug, workshop_id)
    activity = activity_of(workshop, activity_id)
    return render_template(
        "workshops/print_form.html", workshop=workshop, service=workshop.service, activity=activity
    )


def _paper_page(workshop, form, problems=(), status=200):
    html = render_template(
        "workshops/paper.html",
        workshop=workshop,
        service=workshop.service,
        form=form,
        problems=problems,
        columns=paper_import.COLUMNS,
    )
    return html, status


@bp.route(f"{WORKSHOP}/paper", methods=["GET", "POST"])
@rule(Rule.SERVICE_FACILITATOR)
def paper(slug, workshop_id):
    """All rows or none: a file with any wrong row is refused with every problem listed."""
    workshop = facilitated_workshop(slug, workshop_id)
    form = PaperForm()
    if not form.validate_on_submit():
        return _paper_page(workshop, form, status=400 if form.errors else 200)
    try:
        rows = paper_import.read_rows(form.file.data.read())
    except paper_import.ImportRefused as refused:
        form.file.errors = [str(refused)]
        return _paper_page(workshop, form, status=400)
    items, problems = paper_import.check(workshop, rows)
    if problems:
        return _paper_page(workshop, form, problems, status=400)
    batch = paper_import.import_items(workshop, items, g.user)
    flash(_l("%(num)d rows were imported as batch %(batch)s.", num=len(items), batch=batch))
    return redirect(url_for(".paper", slug=slug, workshop_id=workshop_id))
