"""What bench/load.py asks the app itself: an API token, the demo's questions, what was stored.

Every submission the bench sends carries a comment naming it (`<run marker> <id>`), so the
stored rows are counted by comment: a submission stored twice under two client keys shows up
as a duplicate, one acknowledged but missing as lost.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from feedback_app import create_app
from feedback_app.accounts.models import User
from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.catalogue.lookup import service_by_slug
from feedback_app.extensions import db
from feedback_app.feedback.flow import questions_of, stages_of
from feedback_app.feedback.models import Answer, Comment


@dataclass(frozen=True)
class Demo:
    token: str
    # {question code: allowed values}, and the journey's stage codes, for API bodies.
    questions: dict
    stages: tuple


def _app(database_url):
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False})


def prepare(database_url, slug):
    """A token for the demo facilitator, issued by the app's own function, and the service's
    questions and stages."""
    app = _app(database_url)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
        _token, secret = issue_token(user, "load bench", scopes=[Scope.SUBMIT_RESPONSES])
        db.session.commit()
        service = service_by_slug(slug)
        questions = {q.code: list(q.values) for q in questions_of(service)}
        stages = tuple(stage.code for stage in stages_of(service))
        db.engine.dispose()
    return Demo(secret, questions, stages)


def stored(database_url, marker):
    """{comment text: (responses stored with it, their answers)} for this run's comments."""
    app = _app(database_url)
    with app.app_context():
        ours = Comment.text.startswith(marker)
        responses = select(Comment.text, func.count()).where(ours).group_by(Comment.text)
        answers = (
            select(Comment.text, func.count(Answer.id))
            .join(Answer, Answer.response_id == Comment.response_id)
            .where(ours)
            .group_by(Comment.text)
        )
        given = dict(db.session.execute(answers).all())
        found = {text: (n, given.get(text, 0)) for text, n in db.session.execute(responses)}
        db.engine.dispose()
    return found
