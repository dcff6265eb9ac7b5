"""Prioritized insights: the ranked list, and accepting, dismissing, annotating, finishing."""

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _

from ..i18n import LANGUAGES, _l
from . import analyses
from .blueprint import STAFF_PREFIX, analysis_page, analyst_page, bp, read_filter, render_page
from .decisions import (
    DecisionError,
    actions_for,
    annotate,
    decide,
    find_insight,
    insight_for,
    set_public_text,
)
from .forms import DecisionForm, NoteForm, PublicTextForm
from .labels import KIND_LABELS, Vocabulary, insight_sentence

STATUS_LABELS = {
    "new": _l("New"),
    "accepted": _l("Accepted"),
    "dismissed": _l("Dismissed"),
    "planned": _l("Planned"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
}
ACTION_LABELS = {
    "accept": _l("Accept"),
    "dismiss": _l("Dismiss"),
    "plan": _l("Mark as planned"),
    "start": _l("Mark as in progress"),
    "finish": _l("Mark as done"),
    "reopen": _l("Reopen"),
}


def item(words, row):
    """What the list and the detail page show of one insight."""
    status = row.get("status") or "new"
    rank = row.get("rank")
    return {
        "key": row["insight_key"],
        "anchor": anchor(row["insight_key"]),
        "rank": None if rank is None or rank != rank else int(rank),
        "kind": KIND_LABELS.get(row.get("kind"), row.get("kind")),
        "sentence": insight_sentence(words, row),
        "status": status,
        "status_label": STATUS_LABELS.get(status, status),
        "note": row.get("note"),
        "public_text": row.get("public_text") or {},
        # "finish" needs a public text, so it is offered on the detail page only.
        "actions": [(a, ACTION_LABELS[a]) for a in actions_for(status) if a != "finish"],
    }


def find_row(service, response_filter, key):
    ranked = analyses.ranked_insights(service, response_filter)
    match = ranked[ranked["insight_key"] == key]
    if match.empty:
        abort(404)
    return match.iloc[0].to_dict()


@bp.route(f"{STAFF_PREFIX}/priorities")
@analysis_page("priorities", "insights/priorities.html")
def priorities(service, response_filter):
    words = Vocabulary(service)
    ranked = analyses.ranked_insights(service, response_filter)
    return {
        "items": [item(words, row) for row in ranked.to_dict("records")],
        "decision_form": DecisionForm(),
    }


@bp.route(f"{STAFF_PREFIX}/priorities/decide", methods=["POST"])
@analyst_page
def decide_insight(service):
    form = DecisionForm()
    response_filter = read_filter(service)[1]
    if not form.validate_on_submit() or response_filter is None:
        abort(400)
    row = find_row(service, response_filter, form.insight_key.data)
    try:
        insight = decide(service, row, form.action.data, g.user)
    except DecisionError:
        abort(400)
    flash(_("The insight is now “%(status)s”.", status=STATUS_LABELS[str(insight.status)]))
    return redirect(_back(service, response_filter, form.insight_key.data))


def _back(service, response_filter, key):
    target = request.form.get("next")
    args = response_filter.query_args()
    if target == "item":
        return url_for(".insight_item", slug=service.slug, key=key, **args)
    return url_for(".priorities", slug=service.slug, **args) + f"#insight-{anchor(key)}"


def anchor(key):
    """An HTML id from an insight key ("gap|age_band=75+|ces" → "gap-age_band-75--ces")."""
    return "".join(c if c.isalnum() or c in "_-" else "-" for c in key)


@bp.route(f"{STAFF_PREFIX}/priorities/item", methods=["GET", "POST"])
@analyst_page
def insight_item(service):
    """One insight: its finding, status, note for the team and text for residents."""
    form, response_filter = read_filter(service)
    key = request.args.get("key", "")
    if response_filter is None or not key:
        abort(400)
    row = find_row(service, response_filter, key)
    note_form = NoteForm(prefix="note", data={"note": row.get("note")})
    text_form = PublicTextForm(
        prefix="public", data={f"text_{c}": t for c, t in (row.get("public_text") or {}).items()}
    )
    if request.method == "POST":
        saved = _save(service, row, note_form, text_form)
        if saved:
            flash(saved)
            args = response_filter.query_args()
            return redirect(url_for(".insight_item", slug=service.slug, key=key, **args))
    words = Vocabulary(service)
    page, status = render_page(
        "insights/insight.html",
        service,
        "priorities",
        form,
        response_filter,
        item=item(words, row),
        note_form=note_form,
        text_form=text_form,
        decision_form=DecisionForm(),
        languages=LANGUAGES,
    )
    has_errors = note_form.errors or text_form.errors
    return page, 400 if has_errors else status


def _save(service, row, note_form, text_form):
    """Save whichever form was sent; a message on success, None on invalid input."""
    insight = find_insight(service, row["insight_key"])
    if "note-note" in request.form:
        if not note_form.validate_on_submit():
            return None
        annotate(insight_for(service, row), (note_form.note.data or "").strip(), g.user)
        return _("The note was saved.")
    if not text_form.validate_on_submit():
        return None
    status = str(insight.status) if insight else "new"
    if status == "in_progress":
        decide(service, row, "finish", g.user, public_text=text_form.texts())
        return _("The insight is done. Residents can now read what changed.")
    if status != "done":
        abort(400)
    set_public_text(insight, text_form.texts(), g.user)
    return _("The public text was saved.")
