"""Backing up the whole database and restoring it: `flask backup FILE`, `flask restore FILE`.

SQLite: SQLite's online backup API copies a consistent snapshot while the app keeps running,
into one self-contained file, and restores the same way into the live database, which the
app's other connections then see whole. PostgreSQL: `pg_dump`/`pg_restore`
(`postgres_backup.py`).

A backup is never restored over a database whose schema is newer than the backup's (its
Alembic revision descends from the backup's): the newer tables would be left beside older
data, under code expecting them. Restore such a backup into an empty database, then run
`flask db upgrade`.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from flask import current_app

from .extensions import db

NO_FILE = "There is no backup file at {path}."
ALREADY_THERE = "{path} already exists: give the backup a new name (nothing was written)."
NOT_A_BACKUP = "{path} is not an Ensemble backup of this database engine ({detail})."
NO_REVISION = (
    "The backup names no schema version (Alembic revision) but the database is at {database}: "
    "restore it into an empty database instead."
)
NEWER_DATABASE = (
    "The database's schema ({database}) is newer than the backup's ({backup}): restoring would "
    "leave older data under newer code. Restore into an empty database, then run "
    "`flask db upgrade`."
)
NEWER_BACKUP = (
    "The backup was made by a newer release of Ensemble (schema {backup}, unknown here): "
    "deploy that release before restoring it."
)
SQLITE_BUSY = "The database stayed busy ({detail}): try again, or stop the app while restoring."


class BackupError(Exception):
    """A backup or restore that did not happen, with what to do about it."""


def backup(path):
    """Write a consistent copy of the whole database to `path` (a new file)."""
    path = Path(path)
    if path.exists():
        raise BackupError(ALREADY_THERE.format(path=path))
    if db.engine.dialect.name == "postgresql":
        from .postgres_backup import dump

        return dump(path)
    return _sqlite_backup(path)


def restore(path):
    """Replace the database's content with the backup at `path`, after checking it."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(NO_FILE.format(path=path))
    # This process lets go of its connections, so it holds no lock the restore would wait for.
    db.session.remove()
    db.engine.dispose()
    if db.engine.dialect.name == "postgresql":
        from .postgres_backup import pg_restore

        return pg_restore(path)
    return _sqlite_restore(path)


def database_revision():
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_revisions(backup_revision, database_revision):
    """Raise BackupError when restoring would put older data under a newer schema."""
    if database_revision is None or backup_revision == database_revision:
        return
    if backup_revision is None:
        raise BackupError(NO_REVISION.format(database=database_revision))
    scripts = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    known = {script.revision for script in scripts.walk_revisions()}
    if backup_revision not in known:
        raise BackupError(NEWER_BACKUP.format(backup=backup_revision))
    try:
        older = {script.revision for script in scripts.walk_revisions("base", database_revision)}
    except CommandError:
        older = known  # a database migrated by a newer release than this one
    if backup_revision in older:
        raise BackupError(NEWER_DATABASE.format(database=database_revision, backup=backup_revision))


def _sqlite_backup(path):
    partial = path.with_name(path.name + ".part")
    live = db.engine.raw_connection()
    try:
        with closing(sqlite3.connect(partial)) as copy:
            live.driver_connection.backup(copy)
            # One self-contained file: the live database's WAL mode would need companion files.
            copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        live.close()
    partial.replace(path)
    return path.stat().st_size


def _sqlite_restore(path):
    with closing(_open_sqlite_backup(path)) as source:
        check_revisions(_sqlite_backup_revision(source), database_revision())
        live = db.engine.raw_connection()
        try:
            source.backup(live.driver_connection)
        except sqlite3.OperationalError as error:
            raise BackupError(SQLITE_BUSY.format(detail=error)) from None
        finally:
            live.close()
    return path.stat().st_size


def _open_sqlite_backup(path):
    """The backup, read-only, after SQLite checked its pages and found Ensemble's tables."""
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        source.close()
        raise BackupError(NOT_A_BACKUP.format(path=path, detail=error)) from None
    if check != "ok" or "service" not in tables:
        source.close()
        detail = "no Ensemble tables" if check == "ok" else check
        raise BackupError(NOT_A_BACKUP.format(path=path, detail=detail))
    return source


def _sqlite_backup_revision(source):
    if not source.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone():
        return None
    row = source.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None
