"""Alembic migrations build the whole schema from nothing, on SQLite and PostgreSQL alike."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from feedback_app import create_app
from feedback_app.extensions import db
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
