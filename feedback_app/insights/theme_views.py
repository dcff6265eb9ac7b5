"""One comment theme: its comments, page by page, and naming or merging it."""

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from . import theme_decisions
from .blueprint import STAFF_PREFIX, analyst_page, bp, read_filter, render_page
from .forms import ThemeMergeForm, ThemeNameForm
from .labels import language_name
from .theme_decisions import ThemeError
from .theme_names import language_of_key, name_in_language, theme_choices, theme_heading


def _theme_row(table, key):
    """The theme shown under `key`, or None when it is merged into another (or gone)."""
    match = table[table["key"] == key]
    return match.iloc[0].to_dict() if len(match) else None


def _shown_under(table, key):
    """The key of the theme that `key` was merged into, or None."""
    for row in table.itertuples():
        if key in {part for part, _label in row.parts}:
            return row.key
    return None


def theme_url(service, response_filter, key, **extra):
    return url_for(".theme", slug=service.slug, key=key, **response_filter.query_args(), **extra)


@bp.route(f"{STAFF_PREFIX}/themes/theme", methods=["GET", "POST"])
@analyst_page
def theme(service):
    """The comments behind a theme, and the forms to rename it, merge it or separate a part."""
    form, response_filter = read_filter(service)
    key = request.args.get("key", "")
    if response_filter is None or not key:
        abort(400)
    table = theme_decisions.named_themes(service, response_filter)
    row = _theme_row(table, key)
    if row is None:
        target = _shown_under(table, key)
        if target is None:
            abort(404)
        return redirect(theme_url(service, response_filter, target))
    name_form = ThemeNameForm(prefix="rename", data={"label": row["label"]})
    merge_form = ThemeMergeForm(prefix="merge")
    merge_form.into.choices = [SelectChoice("", _("Choose a theme"))] + theme_choices(
        other for other in table.itertuples() if other.key != key
    )
    if request.method == "POST":
        done = _save(service, row, name_form, merge_form)
        if done:
            return redirect(theme_url(service, response_filter, done))
    page = request.args.get("page", 1, type=int)
    pages = theme_decisions.page_count(row)
    if not 1 <= page <= pages:
        abort(404)
    html, status = render_page(
        "insights/theme.html",
        service,
        "themes",
        form,
        response_filter,
        theme=row,
        comments=theme_decisions.read_comments(service, response_filter, row, page),
        first_number=(page - 1) * theme_decisions.COMMENTS_PER_PAGE + 1,
        page_number=page,
        pages=pages,
        minimum=theme_decisions.MIN_COMMENTS_SHOWN,
        name_form=name_form,
        merge_form=merge_form,
        language_name=language_name,
        theme_heading=theme_heading,
        name_in_language=name_in_language,
        language_of_key=language_of_key,
    )
    return html, 400 if name_form.errors or merge_form.errors else status


def _save(service, row, name_form, merge_form):
    """Apply whichever form was sent; the key of the theme to show next, None when invalid."""
    if "separate" in request.form:
        part = request.form["separate"]
        if part not in {key for key, _label in row["parts"]}:
            abort(400)
        theme_decisions.separate(service, part, g.user)
        flash(_("The themes are shown apart again."))
        return row["key"]
    if "rename-label" in request.form:
        if not name_form.validate_on_submit():
            return None
        label = name_form.label.data or ""
        theme_decisions.rename(service, row["key"], label, g.user)
        flash(_("The theme was renamed.") if label else _("The theme has its found name again."))
        return row["key"]
    if not merge_form.validate_on_submit():
        return None
    into = merge_form.into.data
    try:
        theme_decisions.merge(service, row["key"], into, merge_form.theme_keys(), g.user)
    except ThemeError:
        abort(400)
    flash(_("The themes were merged."))
    return into
