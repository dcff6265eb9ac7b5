"""The migration widening profile.gender_self_description (so it can be encrypted at rest)
upgrades a demo database in use without losing a word."""

from flask_migrate import upgrade
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.demo.seed import seed_demo
from feedback_app.extensions import db
from feedback_app.models import Profile
from tests.app.keys import new_key, use_keys
from tests.app.test_migrations import empty_database_url  # noqa: F401  (the fixture)

# The revision the widening follows: the demo is seeded with today's models, so every other
# column must already be there.
BEFORE = "4e1a7c2b9d10"


def profiles():
    return db.session.execute(select(Profile).order_by(Profile.id)).scalars().all()


def test_the_demo_database_keeps_every_profile_and_can_then_encrypt_it(empty_database_url):  # noqa: F811
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision=BEFORE)
        seed_demo("demo-password", response_count=150)
        first = profiles()[0]
        first.gender, first.gender_self_description = "self_describe", "x" * 100
        db.session.commit()
        before = [(p.id, p.age_band, p.gender_self_description) for p in profiles()]
        assert before
        # The widening takes a lock no open transaction may hold (PostgreSQL would wait for ever).
        db.session.remove()
        upgrade()
        assert [(p.id, p.age_band, p.gender_self_description) for p in profiles()] == before
        use_keys(app, new_key())
        result = app.test_cli_runner().invoke(args=["encrypt-stored-text"])
        assert result.exit_code == 0 and "profile.gender_self_description 1" in result.output
        assert profiles()[0].gender_self_description == "x" * 100
        db.session.remove()
        db.engine.dispose()
