"""Alembic migrations build the whole schema from nothing, on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Integer,
    String,
    column,
    create_engine,
    insert,
    inspect,
    select,
    table,
)

from feedback_app import create_app
from feedback_app.extensions import db
from feedback_app.privacy.audit import fingerprint
from tests.fixtures.database import (
    ENGINES,
    POSTGRES_URL,
    drop_postgres_schema,
    postgres_url_for_schema,
    private_schema_name,
    reset_postgres_schema,
)


@pytest.fixture(params=ENGINES)
def empty_database_url(request, tmp_path, worker_id):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    schema = private_schema_name("migrations", worker_id)
    reset_postgres_schema(schema)
    yield postgres_url_for_schema(schema)
    drop_postgres_schema(schema)


def test_upgrade_from_empty_matches_the_models(empty_database_url):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == [], "models and migrations disagree: run `flask db migrate`"
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_sqlite_database_runs_in_wal_mode(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set")
def test_postgres_leg_is_really_postgres():
    engine = create_engine(POSTGRES_URL)
    assert engine.dialect.name == "postgresql"
    engine.dispose()


def _table(table_name, /, **columns):
    return table(table_name, *(column(key, type_) for key, type_ in columns.items()))


SERVICE = _table(
    "service", id=Integer, slug=String, name=JSON, description=JSON, is_published=Boolean
)
KIOSK = _table("kiosk", id=Integer, location=String, default_locale=String, created_at=DateTime)
RESPONSE = _table(
    "response",
    id=Integer,
    service_id=Integer,
    channel=String,
    kiosk_id=Integer,
    locale=String,
    created_at=DateTime,
    client_key=String,
    receipt_hash=String,
    withdrawn_at=DateTime,
)
AUDIT_EVENT = _table("audit_event", id=Integer, at=DateTime, action=String, details=JSON)


def _rows_before_forgetting_keys(connection):
    """A withdrawn kiosk response, a kept one, and API audit events holding a partner's key."""
    now = datetime.now(UTC)
    connection.execute(
        insert(SERVICE).values(id=1, slug="s", name={}, description={}, is_published=True)
    )
    connection.execute(
        insert(KIOSK).values(id=1, location="Hall", default_locale="en", created_at=now)
    )
    common = {"service_id": 1, "channel": "KIOSK", "kiosk_id": 1, "locale": "en", "created_at": now}
    connection.execute(
        insert(RESPONSE),
        [
            {**common, "id": 1, "client_key": "web-a", "receipt_hash": "a", "withdrawn_at": now},
            {**common, "id": 2, "client_key": "web-b", "receipt_hash": "b", "withdrawn_at": None},
        ],
    )
    details = {"client_key": "callcentre-2026-000123", "token_id": 7}
    connection.execute(
        insert(AUDIT_EVENT),
        [
            {"id": 1, "at": now, "action": "api_response_submitted", "details": details},
            {"id": 2, "at": now, "action": "api_read", "details": {"token_id": 7}},
        ],
    )


def test_upgrading_forgets_withdrawn_keys_and_partners_keys_in_the_audit_log(empty_database_url):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="3c2072f33f11")
        with db.engine.begin() as connection:
            _rows_before_forgetting_keys(connection)
        upgrade(revision="557a48ddc09a")
        with db.engine.connect() as connection:
            responses = connection.execute(
                select(RESPONSE.c.client_key, RESPONSE.c.kiosk_id).order_by(RESPONSE.c.id)
            ).all()
            events = (
                connection.execute(select(AUDIT_EVENT.c.details).order_by(AUDIT_EVENT.c.id))
                .scalars()
                .all()
            )
        assert [tuple(row) for row in responses] == [(None, None), ("web-b", 1)]
        key_hash = fingerprint("callcentre-2026-000123", app.secret_key)
        assert events == [{"client_key_hash": key_hash, "token_id": 7}, {"token_id": 7}]
        downgrade(revision="base")
        db.engine.dispose()


JOURNEY = _table("journey", id=Integer, service_id=Integer, name=JSON)
STAGE_COLUMNS = {
    "id": Integer,
    "journey_id": Integer,
    "position": Integer,
    "code": String,
    "name": JSON,
    "description": JSON,
}
QUESTION_COLUMNS = {
    "id": Integer,
    "code": String,
    "bank": String,
    "scale_min": Integer,
    "scale_max": Integer,
    "allows_not_applicable": Boolean,
    "text": JSON,
    "hint": JSON,
    "options": JSON,
}
BEFORE_EASY_READ = "9d5d819a63b7"


def _rows_before_easy_read(connection):
    """A service with one journey stage, and one question, as they were before easy read."""
    connection.execute(
        insert(SERVICE).values(id=1, slug="s", name={}, description={}, is_published=True)
    )
    connection.execute(insert(JOURNEY).values(id=1, service_id=1, name={}))
    connection.execute(
        insert(_table("stage", **STAGE_COLUMNS)).values(
            id=1, journey_id=1, position=1, code="apply", name={"en": "Applying"}, description={}
        )
    )
    connection.execute(
        insert(_table("question", **QUESTION_COLUMNS)).values(
            id=1,
            code="q",
            bank="CUSTOM",
            scale_min=1,
            scale_max=5,
            allows_not_applicable=True,
            text={"en": "Was it quick?"},
            hint={},
            options={},
        )
    )


def test_existing_questions_and_stages_have_no_easy_read_text_after_upgrading(empty_database_url):
    """A database from before easy read keeps its questions and stages, none with easy-read
    text (NULL), so residents who turn easy read on see the standard text."""
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision=BEFORE_EASY_READ)
        with db.engine.begin() as connection:
            _rows_before_easy_read(connection)
        upgrade()
        stage = _table("stage", name=JSON, easy_read=JSON)
        question = _table("question", text=JSON, easy_read=JSON)
        with db.engine.connect() as connection:
            stages = connection.execute(select(stage.c.name, stage.c.easy_read)).all()
            questions = connection.execute(select(question.c.text, question.c.easy_read)).all()
        assert [tuple(row) for row in stages] == [({"en": "Applying"}, None)]
        assert [tuple(row) for row in questions] == [({"en": "Was it quick?"}, None)]
        downgrade(revision=BEFORE_EASY_READ)
        for name in ("stage", "question"):
            assert "easy_read" not in {c["name"] for c in inspect(db.engine).get_columns(name)}
        with db.engine.begin() as connection:
            for name in ("stage", "journey", "question", "service"):
                connection.execute(_table(name).delete())
        downgrade(revision="base")
        db.engine.dispose()
