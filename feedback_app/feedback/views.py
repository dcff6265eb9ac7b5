"""The residents' flow: start page, question pages, "Check your answers", confirmation.

Answers live in a server-side draft between steps; the session holds only its token.
"""

import click
from flask import abort, current_app, redirect, render_template, request, url_for

from ..accounts.policy import Rule, rule
from ..extensions import db, limiter
from ..i18n import current_language
from ..privacy.notice import privacy_notice_version
from . import devices, drafts, flow, receipt_views, share_views, visit  # noqa: F401 (routes join bp)
from .blueprint import bp, offered_locale, service_or_404, status_for
from .forms import (
    AboutYouForm,
    ActivitiesForm,
    CheckForm,
    CommentForm,
    ConsentForm,
    RatingForm,
    StageForm,
)
from .receipts import receipt_code_for
from .submit import NotSent, response_for_client_key, send
from .summary import summary_sections

FLOW = "/<lang:lang>/s/<slug>"


def _draft(service):
    """This browser's draft for `service` (sent or not), or None: one query per request, the
    draft then handed to what needs it."""
    return drafts.find_draft(visit.draft_token(service.slug), service)


def _open_draft(service, draft):
    """The draft to add answers to, begun now if there is none (or it was sent)."""
    if not drafts.is_open(draft):
        token, draft = drafts.start_draft(service)
        visit.remember(visit.DRAFTS, service.slug, token)
    return draft


def _answers(draft):
    return draft.answers if drafts.is_open(draft) else {}


def _prefill(draft, key):
    """A step's saved answers, shown again on GET; a POST shows what was just posted."""
    return _answers(draft).get(key) if request.method == "GET" else None


def _step_url(service, step, **query):
    return url_for(step.endpoint, slug=service.slug, **step.url_args, **query)


def _returning_to_check():
    return request.args.get("return_to") == "check"


def _saved(redirect_to):
    """Commit the step's answers once where they lead is known: reading the service's flow
    after a commit would load it all again."""
    db.session.commit()
    return redirect(redirect_to)


def _continue(service, step, answers):
    if _returning_to_check():
        return _saved(_step_url(service, flow.CHECK))
    return _saved(_step_url(service, flow.next_step(service, step, answers)))


def _render(template, service, step, form, answers, **context):
    back = flow.CHECK if _returning_to_check() else flow.previous_step(service, step, answers)
    number, total = flow.position(service, step, answers)
    html = render_template(
        template,
        service=service,
        form=form,
        step_number=number,
        step_total=total,
        back_url=_step_url(service, back),
        **context,
    )
    return html, status_for(form)


def _question_page(service, draft, step, form, key, template, **context):
    """Validate → save this step's answers → next page; or show the page with its errors."""
    if form.validate_on_submit():
        draft = _open_draft(service, draft)
        drafts.save_answers(draft, key, form.to_answers())
        return _continue(service, step, draft.answers)
    return _render(template, service, step, form, _answers(draft), **context)


@bp.route("/s/<slug>")
@rule(Rule.PUBLIC)
def shared_link(slug):
    """The language-neutral link on posters and QR codes: open the flow in the best language."""
    service = service_or_404(slug)
    return redirect(url_for(".start", slug=service.slug, lang=offered_locale(service)))


@bp.route(FLOW)
@rule(Rule.PUBLIC)
def start(slug):
    service = service_or_404(slug)
    return render_template(
        "feedback/start.html",
        service=service,
        questions=flow.questions_of(service),
        stages=flow.stages_of(service),
        first_url=_step_url(service, flow.next_step(service, flow.START, {})),
    )


@bp.route(f"{FLOW}/rate", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def rate(slug):
    service = service_or_404(slug)
    questions = flow.questions_of(service)
    if not questions:
        return redirect(url_for(".start", slug=slug))
    draft = _draft(service)
    form = RatingForm.for_questions(questions, _prefill(draft, drafts.RATINGS))
    return _question_page(service, draft, flow.RATE, form, drafts.RATINGS, "feedback/rate.html")


@bp.route(f"{FLOW}/journey/<stage_code>", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def stage(slug, stage_code):
    service = service_or_404(slug)
    found = flow.find_stage(service, stage_code)
    if found is None:
        abort(404)
    key = drafts.stage_key(found.code)
    draft = _draft(service)
    form = StageForm(data=_prefill(draft, key))
    step = flow.Step("stage", found.code)
    return _question_page(service, draft, step, form, key, "feedback/stage.html", stage=found)


@bp.route(f"{FLOW}/comment", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def comment(slug):
    service = service_or_404(slug)
    draft = _draft(service)
    form = CommentForm(data={"comment": _prefill(draft, drafts.COMMENT)})
    return _question_page(
        service, draft, flow.COMMENT, form, drafts.COMMENT, "feedback/comment.html"
    )


@bp.route(f"{FLOW}/about-you/consent", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def consent(slug):
    service = service_or_404(slug)
    draft = _draft(service)
    form = ConsentForm(data={"consent": _prefill(draft, drafts.CONSENT)})
    if form.validate_on_submit():
        draft = _open_draft(service, draft)
        given = form.consent.data == "yes"
        drafts.record_consent(draft, given, privacy_notice_version())
        if given and _returning_to_check():
            return _saved(_step_url(service, flow.ABOUT_YOU, return_to="check"))
        return _continue(service, flow.CONSENT, draft.answers)
    return _render("feedback/consent.html", service, flow.CONSENT, form, _answers(draft))


def _personal_page(slug, step, form_class, key, template):
    """A page of questions about the resident: only once they consented to answer them."""
    service = service_or_404(slug)
    draft = _draft(service)
    if not drafts.consent_given(_answers(draft)):
        return redirect(_step_url(service, flow.CONSENT))
    form = form_class(data=_prefill(draft, key))
    return _question_page(service, draft, step, form, key, template)


@bp.route(f"{FLOW}/about-you", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def about_you(slug):
    return _personal_page(
        slug, flow.ABOUT_YOU, AboutYouForm, drafts.ABOUT_YOU, "feedback/about_you.html"
    )


@bp.route(f"{FLOW}/about-you/activities", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
def activities(slug):
    return _personal_page(
        slug, flow.ACTIVITIES, ActivitiesForm, drafts.ACTIVITIES, "feedback/activities.html"
    )


@bp.route(f"{FLOW}/check", methods=["GET", "POST"])
@rule(Rule.PUBLIC)
@limiter.limit("30 per minute", methods=["POST"])
def check(slug):
    service = service_or_404(slug)
    draft = _draft(service)
    if draft is not None and draft.response_id is not None:
        # Already sent ("Back" after sending): show the confirmation again, store nothing.
        visit.remember(visit.SENT, slug, draft.client_key)
        return redirect(url_for(".sent", slug=slug))
    form = CheckForm()
    if form.validate_on_submit():
        try:
            response = send(
                service,
                draft,
                form.client_key.data,
                locale=current_language().code,
                secret=_secret(),
                kiosk=devices.shared_device(service),
            )
        except NotSent as problem:
            form.fail(form.client_key, problem.args[0])
        else:
            visit.remember(visit.SENT, slug, response.client_key)
            return redirect(url_for(".sent", slug=slug))
    form.client_key.data = draft.client_key if drafts.is_open(draft) else ""
    answers = _answers(draft)
    sections = summary_sections(service, answers)
    return _render("feedback/check.html", service, flow.CHECK, form, answers, sections=sections)


@bp.route(f"{FLOW}/sent")
@rule(Rule.PUBLIC)
def sent(slug):
    service = service_or_404(slug)
    client_key = visit.sent_client_key(slug)
    response = response_for_client_key(client_key)
    if response is None or response.service_id != service.id:
        return redirect(url_for(".start", slug=slug))
    code = receipt_code_for(client_key, _secret())
    return render_template("feedback/sent.html", service=service, code=code)


def _secret():
    return current_app.secret_key


@bp.cli.command("purge-drafts")
def purge_drafts_command():
    """Delete residents' unsent answers older than a day (run it hourly or daily)."""
    deleted = drafts.purge_expired_drafts()
    # Operators' commands speak English, like the rest of `flask --help`.
    click.echo(f"Expired drafts deleted: {deleted}.")
