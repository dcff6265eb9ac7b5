"""`flask backup` and `flask restore`: a round trip loses nothing, and a bad restore is refused
with a message and a non-zero exit, leaving the database as it was."""

import os
import sqlite3

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import stamp
from sqlalchemy import delete, select, update

from feedback_app import postgres_backup
from feedback_app.backup import NEWER_DATABASE, NO_FILE
from feedback_app.demo.seed import seed_demo
from feedback_app.extensions import db
from feedback_app.models import Comment, Question, Response, User
from feedback_app.postgres_backup import TOO_OLD
from tests.feedback.resident import Resident


def every_row():
    """Every table's rows, in primary-key order, as the app reads them."""
    db.session.remove()
    with db.engine.connect() as connection:
        return {
            table.name: connection.execute(select(table).order_by(*table.primary_key.columns)).all()
            for table in db.metadata.sorted_tables
        }


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def newest_revisions(app):
    """The head revision and the one before it."""
    scripts = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    head = scripts.get_revision(scripts.get_current_head())
    return head.revision, head.down_revision


@pytest.fixture
def demo(app):
    seed_demo("demo-password", response_count=60)
    stamp()
    return app


def test_a_restored_backup_holds_every_row_of_every_table(demo, tmp_path):
    before = every_row()
    assert sum(1 for rows in before.values() if rows) >= 20, "the demo fills most tables"
    backup_file = tmp_path / "ensemble.backup"
    made = run(demo, "backup", str(backup_file))
    assert made.exit_code == 0, made.output
    assert backup_file.stat().st_size > 0
    db.session.execute(delete(Response).where(Response.id <= 20))
    db.session.execute(update(Comment).values(text="changed after the backup"))
    db.session.add(User(email="late@example.org", display_name="Late", password_hash="x"))
    db.session.commit()
    assert every_row() != before
    restored = run(demo, "restore", "--yes", str(backup_file))
    assert restored.exit_code == 0, restored.output
    assert every_row() == before


def test_residents_see_the_restored_questions_at_once_under_a_running_app(demo, client, tmp_path):
    """The catalogue's version comes back with the data it stood for, so a service the app
    kept from before the restore is loaded again."""
    resident = Resident(client)
    changed = "Changed after the backup?"
    backup_file = tmp_path / "ensemble.backup"
    assert run(demo, "backup", str(backup_file)).exit_code == 0
    question = db.session.scalar(select(Question).where(Question.code == "csat"))
    question.text = {**question.text, "en": changed}
    db.session.commit()
    assert changed in resident.get("/rate").get_data(as_text=True)
    assert run(demo, "restore", "--yes", str(backup_file)).exit_code == 0
    assert changed not in resident.get("/rate").get_data(as_text=True)


def test_a_backup_never_overwrites_a_file(demo, tmp_path):
    existing = tmp_path / "kept.backup"
    existing.write_bytes(b"an older backup")
    result = run(demo, "backup", str(existing))
    assert result.exit_code != 0 and "already exists" in result.output
    assert existing.read_bytes() == b"an older backup"


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all\n" * 200, b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_a_corrupt_backup_is_refused_and_nothing_changes(demo, tmp_path, content):
    before = every_row()
    corrupt = tmp_path / "corrupt.backup"
    corrupt.write_bytes(content)
    result = run(demo, "restore", "--yes", str(corrupt))
    assert result.exit_code != 0
    assert "is not an Ensemble backup" in result.output
    assert every_row() == before


def test_a_truncated_backup_is_refused_and_nothing_changes(demo, tmp_path):
    backup_file = tmp_path / "whole.backup"
    assert run(demo, "backup", str(backup_file)).exit_code == 0
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(backup_file.read_bytes()[: backup_file.stat().st_size // 3])
    db.session.execute(delete(Response).where(Response.id <= 5))
    db.session.commit()
    before = every_row()
    result = run(demo, "restore", "--yes", str(truncated))
    assert result.exit_code != 0, result.output
    assert every_row() == before


def test_a_missing_backup_is_named(demo, tmp_path):
    missing = tmp_path / "nowhere.backup"
    result = run(demo, "restore", "--yes", str(missing))
    assert result.exit_code != 0
    assert NO_FILE.format(path=missing) in result.output


def test_restore_asks_before_replacing_everything(demo, tmp_path):
    backup_file = tmp_path / "asked.backup"
    assert run(demo, "backup", str(backup_file)).exit_code == 0
    db.session.execute(delete(Response))
    db.session.commit()
    result = demo.test_cli_runner().invoke(args=["restore", str(backup_file)], input="n\n")
    assert result.exit_code != 0
    assert db.session.scalar(select(Response.id)) is None


def test_an_older_backup_is_never_restored_over_a_newer_schema(demo, tmp_path):
    newest, older = newest_revisions(demo)
    stamp(revision=older)
    backup_file = tmp_path / "older.backup"
    assert run(demo, "backup", str(backup_file)).exit_code == 0
    stamp(revision=newest)
    db.session.execute(delete(Response).where(Response.id <= 10))
    db.session.commit()
    before = every_row()
    result = run(demo, "restore", "--yes", str(backup_file))
    assert result.exit_code != 0
    assert NEWER_DATABASE.format(database=newest, backup=older) in " ".join(result.output.split())
    assert every_row() == before


def test_sqlite_backup_is_consistent_while_another_connection_writes(demo, tmp_path):
    if demo.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("pg_dump reads one snapshot by design")
    database = demo.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    writer = sqlite3.connect(database)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM comment")
    backup_file = tmp_path / "during.backup"
    result = run(demo, "backup", str(backup_file))
    writer.rollback()
    writer.close()
    assert result.exit_code == 0, result.output
    with sqlite3.connect(backup_file) as copy:
        kept = copy.execute("SELECT count(*) FROM comment").fetchone()[0]
    assert kept == db.session.scalar(select(db.func.count(Comment.id))) > 0


def test_an_old_pg_dump_is_named_with_the_version_to_install(demo, tmp_path, monkeypatch):
    if not demo.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL's client programs only")
    # An older client than any server in use: pg_dump refuses newer servers, and so do we.
    old_client = tmp_path / "bin" / "pg_dump"
    old_client.parent.mkdir()
    old_client.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old_client.chmod(0o755)
    monkeypatch.setenv("PATH", f"{old_client.parent}{os.pathsep}{os.environ['PATH']}")
    result = run(demo, "backup", str(tmp_path / "never.backup"))
    assert result.exit_code != 0
    server = db.session.scalar(db.text("SHOW server_version_num"))
    expected = TOO_OLD.format(program="pg_dump", client=9, server=int(server) // 10000)
    assert expected in " ".join(result.output.split())
    assert not (tmp_path / "never.backup").exists()


def test_the_database_password_never_reaches_pg_dumps_command_line(demo, tmp_path, monkeypatch):
    if not demo.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL's client programs only")
    # The test server trusts local connections, so pg_dump succeeds whatever the password.
    secret = "s3cret-never-shown"
    seen = []
    real_run = postgres_backup.subprocess.run

    def watch(command, **kwargs):
        seen.append((command, kwargs.get("env", {}).get("PGPASSWORD")))
        return real_run(command, **kwargs)

    monkeypatch.setattr(postgres_backup.subprocess, "run", watch)
    monkeypatch.setattr(db.engine, "url", db.engine.url.set(password=secret))
    result = run(demo, "backup", str(tmp_path / "quiet.backup"))
    assert result.exit_code == 0, result.output
    dumps = [password for command, password in seen if "--format=custom" in command]
    assert dumps == [secret]
    assert not any(secret in " ".join(command) for command, _ in seen)
