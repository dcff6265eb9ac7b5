"""Alembic migrations build the whole schema from nothing, on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime, timedelta

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


STAFF_USER = _table(
    "staff_user",
    id=Integer,
    email=String,
    display_name=String,
    password_hash=String,
    is_active=Boolean,
    created_at=DateTime,
)
API_TOKEN = _table(
    "api_token",
    id=Integer,
    user_id=Integer,
    name=String,
    prefix=String,
    token_hash=String,
    created_at=DateTime,
    scopes=JSON,
    expires_at=DateTime,
)


def test_upgrading_keeps_old_tokens_powers_and_gives_them_an_expiry(empty_database_url):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="9d5d819a63b7")
        now = datetime.now(UTC)
        with db.engine.begin() as connection:
            connection.execute(
                insert(STAFF_USER).values(
                    id=1, email="a@example.org", display_name="a", password_hash="x",
                    is_active=True, created_at=now,
                )
            )  # fmt: skip
            connection.execute(
                insert(API_TOKEN).values(
                    id=1, user_id=1, name="old", prefix="ens_abc", token_hash="h", created_at=now
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            scopes, expires = connection.execute(
                select(API_TOKEN.c.scopes, API_TOKEN.c.expires_at)
            ).one()
        assert scopes == ["insights:read", "responses:submit"]
        expires = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
        assert timedelta(days=89) < expires - now <= timedelta(days=90, minutes=5)
        downgrade(revision="base")


ORGANISATION = _table("organisation", id=Integer, name=String, kind=String)
JOURNEY = _table("journey", id=Integer, service_id=Integer, name=JSON)
STAGE = _table(
    "stage", id=Integer, journey_id=Integer, position=Integer, code=String, name=JSON,
    description=JSON,
)  # fmt: skip
QUESTION = _table(
    "question", id=Integer, code=String, bank=String, scale_min=Integer, scale_max=Integer,
    allows_not_applicable=Boolean, text=JSON, hint=JSON, options=JSON,
)  # fmt: skip
QUESTION_SET = _table("question_set", id=Integer, service_id=Integer)
QUESTION_SET_ITEM = _table(
    "question_set_item", id=Integer, question_set_id=Integer, question_id=Integer, position=Integer
)
KIOSK_SERVICE = _table("kiosk_service", kiosk_id=Integer, service_id=Integer)
AUDIT_EVENT_TARGET = _table(
    "audit_event", id=Integer, at=DateTime, action=String, target_type=String, target_id=String,
    details=JSON,
)  # fmt: skip
# (action, target_type, target_id, details) as the app wrote them before the columns existed,
# and the (service, organisation) the upgrade must give each.
PAST_EVENTS = [
    (("export", "service", "1", {}), (1, None)),
    (("stage_changed", "stage", "1", {}), (1, None)),
    (("question_moved", "question", "2", {}), (1, None)),
    (("question_changed", "question", "1", {}), (None, None)),  # asked by both services
    (("stage_added", "stage", "99", {"service": "t"}), (2, None)),  # by its slug
    (("insights.reference_upload", "reference_population", "9", {"service_id": 2}), (2, None)),
    (("kiosk_retired", "kiosk", "1", {}), (None, None)),  # shared by both services
    (("kiosk_retired", "kiosk", "2", {}), (2, None)),
    (("audit_log_viewed", "audit_log", None, {"filter": {"service": 2}}), (2, None)),
    (("export", "service", "404", {}), (None, None)),  # a service since deleted
    (("roles_changed", "user", "5", {"organisation": 1}), (None, 1)),
    (("organisation_created", "organisation", "1", {}), (None, 1)),
    (("sign_in", "user", "5", {}), (None, None)),
]


def _rows_before_audit_services(connection):
    """Two services sharing a bank question and a kiosk, and events about their parts."""
    now = datetime.now(UTC)
    service = {"name": {}, "description": {}, "is_published": True}
    connection.execute(
        insert(SERVICE), [{"id": 1, "slug": "s", **service}, {"id": 2, "slug": "t", **service}]
    )
    connection.execute(insert(ORGANISATION).values(id=1, name="Council", kind="PUBLIC_BODY"))
    connection.execute(insert(JOURNEY).values(id=1, service_id=1, name={}))
    stage = {"position": 1, "code": "apply", "name": {}, "description": {}}
    connection.execute(insert(STAGE).values(id=1, journey_id=1, **stage))
    question = {"bank": "CUSTOM", "scale_min": 1, "scale_max": 5, "allows_not_applicable": False}
    question |= {"text": {}, "hint": {}, "options": {}}
    connection.execute(
        insert(QUESTION), [{"id": 1, "code": "q1", **question}, {"id": 2, "code": "q2", **question}]
    )
    connection.execute(
        insert(QUESTION_SET), [{"id": 1, "service_id": 1}, {"id": 2, "service_id": 2}]
    )
    connection.execute(
        insert(QUESTION_SET_ITEM),
        [
            {"id": 1, "question_set_id": 1, "question_id": 1, "position": 1},
            {"id": 2, "question_set_id": 2, "question_id": 1, "position": 1},
            {"id": 3, "question_set_id": 1, "question_id": 2, "position": 2},
        ],
    )
    connection.execute(
        insert(KIOSK),
        [{"id": k, "location": "Hall", "default_locale": "en", "created_at": now} for k in (1, 2)],
    )
    connection.execute(
        insert(KIOSK_SERVICE),
        [{"kiosk_id": 1, "service_id": 1}, {"kiosk_id": 1, "service_id": 2}]
        + [{"kiosk_id": 2, "service_id": 2}],
    )
    keys = ("action", "target_type", "target_id", "details")
    connection.execute(
        insert(AUDIT_EVENT_TARGET),
        [
            {"id": number, "at": now, **dict(zip(keys, event, strict=True))}
            for number, (event, _) in enumerate(PAST_EVENTS, start=1)
        ],
    )


def test_upgrading_gives_past_audit_events_their_service(empty_database_url):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="9d5d819a63b7")
        with db.engine.begin() as connection:
            _rows_before_audit_services(connection)
        upgrade(revision="79d3ecb622f4")
        attributed = _table("audit_event", id=Integer, service_id=Integer, organisation_id=Integer)
        with db.engine.connect() as connection:
            rows = connection.execute(
                select(attributed.c.service_id, attributed.c.organisation_id).order_by(
                    attributed.c.id
                )
            ).all()
        assert [tuple(row) for row in rows] == [expected for _, expected in PAST_EVENTS]
        downgrade(revision="9d5d819a63b7")
        columns = {column["name"] for column in inspect(db.engine).get_columns("audit_event")}
        assert not {"service_id", "organisation_id"} & columns


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
