"""The migration widening profile.gender_self_description (so it can be encrypted at rest)
upgrades a demo database in use without losing a word."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, update

from feedback_app import create_app
from feedback_app.demo.seed import seed_demo
from feedback_app.extensions import db
from feedback_app.models import Profile, Response, Tally
from tests.app.keys import new_key, use_keys
from tests.app.test_migrations import empty_database_url  # noqa: F401  (the fixture)

# The revision the widening follows. The demo is seeded with today's models on today's schema,
# which is then taken down to it: later tables (the tallies) are dropped and built again.
BEFORE = "4e1a7c2b9d10"


def profiles():
    return db.session.execute(select(Profile).order_by(Profile.id)).scalars().all()


def test_the_demo_database_keeps_every_profile_and_can_then_encrypt_it(empty_database_url):  # noqa: F811
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        seed_demo("demo-password", response_count=150)
        db.session.commit()
        db.session.remove()
        downgrade(revision=BEFORE)
        # Written as the older release would, without today's tallies (no ORM flush).
        first = profiles()[0].id
        described = {"gender": "self_describe", "gender_self_description": "x" * 100}
        db.session.execute(update(Profile).where(Profile.id == first).values(**described))
        db.session.commit()
        before = [(p.id, p.age_band, p.gender_self_description) for p in profiles()]
        assert before
        # The widening takes a lock no open transaction may hold (PostgreSQL would wait for ever).
        db.session.remove()
        upgrade()
        assert [(p.id, p.age_band, p.gender_self_description) for p in profiles()] == before
        # The tallies' migration counted the responses already there.
        counted = select(func.sum(Tally.count)).where(Tally.measure == "responses")
        kept = select(func.count(Response.id)).where(Response.withdrawn_at.is_(None))
        assert db.session.scalar(counted) == db.session.scalar(kept) > 0
        use_keys(app, new_key())
        result = app.test_cli_runner().invoke(args=["encrypt-stored-text"])
        assert result.exit_code == 0 and "profile.gender_self_description 1" in result.output
        assert profiles()[0].gender_self_description == "x" * 100
        db.session.remove()
        db.engine.dispose()
