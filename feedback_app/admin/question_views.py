"""A service's questions: add a standard one or a rating question, reword, reorder, retire."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.policy import Rule, rule
from ..catalogue.models import Question, QuestionBank, QuestionSetItem
from ..extensions import db
from . import questions
from .forms import ConfirmForm
from .question_forms import BankQuestionForm, RatingQuestionForm
from .service_views import administered_service

bp = Blueprint("question_admin", __name__, template_folder="templates")
QUESTIONS = "/staff/admin/services/<slug>/questions"
ITEM = f"{QUESTIONS}/<int:item_id>"
MOVES = {"up": -1, "down": 1}
MAX_ID = 2**31 - 1


def _status(form):
    return 400 if form.errors else 200


def _item(service, item_id):
    """A question the service asks now; any other id is not found here."""
    item = db.session.get(QuestionSetItem, item_id) if item_id <= MAX_ID else None
    question_set = service.question_set
    if item is None or question_set is None or item.question_set_id != question_set.id:
        abort(404)
    if item.retired_at is not None:
        abort(404)
    return item


def _page(service, bank_form, status=200):
    question_set = questions.question_set_of(service)
    html = render_template(
        "admin/questions.html",
        service=service,
        items=question_set.open_items,
        bank_form=bank_form,
    )
    return html, status


@bp.route(QUESTIONS, methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def questions_page(slug):
    """The questions in order; POST adds a standard question."""
    service = administered_service(slug)
    form = BankQuestionForm().offering(questions.bank_questions(service))
    if form.validate_on_submit():
        question = db.session.get(Question, int(form.question.data))
        questions.add_bank_question(service, question, by=g.user)
        flash(_("The question was added."))
        return redirect(url_for(".questions_page", slug=service.slug))
    return _page(service, form, _status(form))


@bp.route(f"{QUESTIONS}/new", methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def new(slug):
    service = administered_service(slug)
    form = RatingQuestionForm()
    if form.validate_on_submit():
        questions.add_custom_question(service, **form.wording(), by=g.user)
        flash(_("The question was added."))
        return redirect(url_for(".questions_page", slug=service.slug))
    html = render_template("admin/question.html", service=service, form=form, item=None)
    return html, _status(form)


@bp.route(ITEM, methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def question(slug, item_id):
    """Only questions written for a service are reworded; standard ones keep their wording."""
    service = administered_service(slug)
    item = _item(service, item_id)
    if item.question.bank != QuestionBank.CUSTOM:
        abort(404)
    form = RatingQuestionForm.of(item.question)
    if form.validate_on_submit():
        questions.reword(service, item, **form.wording(), by=g.user)
        flash(_("The question was saved."))
        return redirect(url_for(".questions_page", slug=service.slug))
    answered = questions.has_answers(item.question)
    html = render_template(
        "admin/question.html", service=service, form=form, item=item, answered=answered
    )
    return html, _status(form)


@bp.route(f"{ITEM}/move/<direction>", methods=["POST"])
@rule(Rule.SERVICE_ADMIN)
def move(slug, item_id, direction):
    service = administered_service(slug)
    item = _item(service, item_id)
    if direction not in MOVES:
        abort(404)
    if ConfirmForm().validate_on_submit():
        questions.move_question(item, MOVES[direction], by=g.user)
    return redirect(url_for(".questions_page", slug=service.slug, _anchor=f"question-{item.id}"))


@bp.route(f"{ITEM}/retire", methods=["GET", "POST"])
@rule(Rule.SERVICE_ADMIN)
def retire(slug, item_id):
    """Asks first; a question residents answered is retired, never deleted."""
    service = administered_service(slug)
    item = _item(service, item_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        questions.take_out(service, item, by=g.user)
        flash(_("The question is no longer asked."))
        return redirect(url_for(".questions_page", slug=service.slug))
    answered = questions.has_answers(item.question)
    return render_template(
        "admin/question_retire.html", service=service, item=item, form=form, answered=answered
    )
