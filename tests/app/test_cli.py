"""Operator commands: creating staff accounts and loading the demo."""

from sqlalchemy import func, select

from feedback_app.cli import SEED_REFUSED
from feedback_app.demo.seed import seed_demo
from feedback_app.extensions import db
from feedback_app.models import (
    Answer,
    Membership,
    Profile,
    Question,
    ReferencePopulation,
    Response,
    Service,
    Stage,
    User,
)


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--responses", "200"])
    assert first.exit_code == 0, first.output
    assert "3 new staff accounts, 200 new responses" in first.output
    counts = [
        count(m)
        for m in (Service, Stage, Question, User, Membership, Response, Answer, ReferencePopulation)
    ]
    second = runner.invoke(args=["seed-demo", "--responses", "200"])
    assert "0 new staff accounts, 0 new responses" in second.output
    assert [
        count(m)
        for m in (Service, Stage, Question, User, Membership, Response, Answer, ReferencePopulation)
    ] == counts
    assert counts[:3] == [1, 5, 9] and counts[-1] == 1


def test_demo_content_is_in_four_languages_and_consent_gates_profiles(app):
    seed_demo("demo-password", response_count=300)
    service = db.session.scalar(select(Service))
    assert set(service.name) == {"fr", "en", "es", "ar"}
    for stage in service.journey.stages:
        assert set(stage.name) == {"fr", "en", "es", "ar"}
    for question in service.question_set.questions:
        assert set(question.text) == set(question.options) == {"fr", "en", "es", "ar"}
        assert all(len(labels) == question.scale_max for labels in question.options.values())
    unconsented_with_profile = db.session.scalar(
        select(func.count())
        .select_from(Response)
        .join(Profile)
        .where(Response.consent_version.is_(None))
    )
    assert unconsented_with_profile == 0
    assert 0 < count(Profile) < 300
    channels = set(db.session.scalars(select(Response.channel).distinct()))
    assert channels == {"web", "kiosk", "paper", "workshop"}


def test_seed_demo_is_refused_in_production(app):
    app.config["ENV_NAME"] = "production"
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0 and SEED_REFUSED in result.output
    assert count(User) == 0


def test_create_user_adds_a_hashed_login_with_one_role(app, partner):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "New@Example.org",
            "--name",
            "New",
            "--organisation",
            partner.name,
            "--role",
            "facilitator",
        ],
        input="a long password\na long password\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "new@example.org"))
    assert user.check_password("a long password")
    assert [(m.organisation.name, m.role) for m in user.memberships] == [
        (partner.name, "facilitator")
    ]


def test_create_user_refuses_an_unknown_organisation(app):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--organisation",
            "Nowhere",
            "--role",
            "analyst",
        ],
        input="pw-pw-pw-pw\npw-pw-pw-pw\n",
    )
    assert result.exit_code != 0 and "No organisation named 'Nowhere'" in result.output
