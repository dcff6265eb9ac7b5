"""Who took part: the reference population upload and representation against it."""

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _

from ..downloads import attachment
from . import analyses, figures
from .blueprint import STAFF_PREFIX, analyst_page, bp, read_filter, render_page
from .forms import ReferenceUploadForm
from .labels import Vocabulary, representation_sentence
from .outreach import outreach_sentence, outreach_table
from .reference import GROUPS, BadReferenceFile, read_reference, save_reference, template_csv

FIELDS = ("since", "until", "channel", "kiosk")


def participation_context(service, response_filter):
    words = Vocabulary(service)
    data = analyses.participation(service, response_filter)
    plan = outreach_context(words, service, response_filter)
    if data is None:
        return {"words": words, "data": None, **plan}
    weighted = analyses.weighting(service, response_filter)
    return {
        "words": words,
        "data": data,
        "sentences": [representation_sentence(words, row) for _, row in data["under"].iterrows()],
        "figures": figures.participation_figures(words, data),
        "effective_n": weighted.attrs.get("effective_n") if weighted is not None else None,
        "respondents": int(weighted["count"].sum()) if weighted is not None else 0,
        **plan,
    }


def outreach_context(words, service, response_filter):
    """The planner's table and, for the groups needing more answers, its sentences."""
    plan = analyses.outreach(service, response_filter)
    needing = plan[plan["status"] == "more needed"]
    return {
        "outreach": outreach_table(words, plan),
        "outreach_sentences": [outreach_sentence(words, row) for _, row in needing.iterrows()],
    }


@bp.route(f"{STAFF_PREFIX}/participation", methods=["GET", "POST"])
@analyst_page
def participation(service):
    upload = ReferenceUploadForm()
    if upload.validate_on_submit():
        try:
            rows = read_reference(upload.file.data.read())
        except BadReferenceFile as error:
            upload.file.errors.extend(error.messages)
        else:
            save_reference(service, upload.name.data.strip(), rows, g.user)
            flash(_("The reference population was uploaded."))
            return redirect(url_for(".participation", slug=service.slug))
    form, response_filter = read_filter(service)
    context = participation_context(service, response_filter) if response_filter else {}
    page, status = render_page(
        "insights/participation.html",
        service,
        "participation",
        form,
        response_filter,
        filter_fields=FIELDS,
        upload=upload,
        groups=GROUPS,
        **context,
    )
    return page, 400 if upload.errors else status


@bp.route(f"{STAFF_PREFIX}/participation/reference-template.csv")
@analyst_page
def reference_template(service):
    return attachment(template_csv(), "reference-population.csv", "text/csv")
