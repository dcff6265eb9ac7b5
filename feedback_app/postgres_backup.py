"""PostgreSQL backups through `pg_dump --format=custom` and `pg_restore --clean --if-exists`.

The database URL's host, user, password and database go to them as libpq's PG* environment
variables, never as arguments: a command line shows in `ps` and in logs. When the URL pins a
schema (`options=-csearch_path=...`), only that schema is dumped and restored, so an
installation sharing its database with others never touches theirs. The restore runs in one
transaction: it happens whole or not at all.
"""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import text

from .backup import NOT_A_BACKUP, BackupError, check_revisions, database_revision
from .extensions import db

NOT_INSTALLED = (
    "{program} is not installed: install PostgreSQL's client programs "
    "(Debian: apt-get install postgresql-client-{server})."
)
TOO_OLD = (
    "{program} {client} cannot dump a PostgreSQL {server} server: install the client programs "
    "of version {server} or newer (Debian: postgresql-client-{server}) and put them first in PATH."
)
FAILED = "{program} failed (exit status {status}): {detail}"
# A restore waits this long for a table the running app is using, then gives up whole.
LOCK_TIMEOUT = "30s"
# Both can take a long time on a large database, but never forever.
TIMEOUT_SECONDS = 6 * 3600
CLIENT_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)")
SEARCH_PATH = re.compile(r"-c\s*search_path=([^\s,]+)")


def dump(path):
    environment, schema = _libpq_environment()
    _check_client("pg_dump")
    partial = path.with_name(path.name + ".part")
    schema_only = [f"--schema={schema}"] if schema else []
    _run(["pg_dump", "--format=custom", f"--file={partial}", *schema_only], environment)
    partial.replace(path)
    return path.stat().st_size


def pg_restore(path):
    environment, _ = _libpq_environment()
    _check_client("pg_restore")
    listing = _run(["pg_restore", "--list", str(path)], environment, not_a_backup=path)
    if " TABLE " not in listing or " service " not in listing:
        raise BackupError(NOT_A_BACKUP.format(path=path, detail="no Ensemble tables"))
    check_revisions(_backup_revision(path, environment), database_revision())
    environment["PGOPTIONS"] = f"{environment.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT}"
    with tempfile.TemporaryDirectory() as folder:
        entries = Path(folder) / "entries.list"
        entries.write_text(_without_schemas(listing))
        arguments = ["--clean", "--if-exists", "--single-transaction", "--no-owner"]
        arguments += ["--no-privileges", f"--use-list={entries}"]
        database = f"--dbname={environment['PGDATABASE']}"
        _run(["pg_restore", *arguments, database, str(path)], environment)
    return path.stat().st_size


def _without_schemas(listing):
    """The backup's entries but creating and dropping schemas: a schema is the installation's
    (public, or the one its URL pins) and may hold more than the backup; dropping it would fail
    or take the rest with it."""
    return "\n".join(line for line in listing.splitlines() if " SCHEMA - " not in line) + "\n"


def _libpq_environment():
    """The environment pg_dump and pg_restore connect with, and the schema the URL pins."""
    url = db.engine.url
    options = url.query.get("options") or ""
    settings = {
        "PGHOST": url.host or url.query.get("host"),
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
        "PGSSLMODE": url.query.get("sslmode"),
        "PGOPTIONS": options,
    }
    environment = {**os.environ, **{k: str(v) for k, v in settings.items() if v}}
    pinned = SEARCH_PATH.search(options)
    return environment, pinned.group(1) if pinned else None


def _check_client(program):
    """Name the client package to install when one is missing or, for pg_dump, older than the
    server (pg_dump refuses to dump a newer server; pg_restore reports an archive it cannot
    read itself, as not a backup it knows)."""
    server = int(db.session.scalar(text("SHOW server_version_num"))) // 10000
    db.session.remove()
    if not shutil.which(program):
        raise BackupError(NOT_INSTALLED.format(program=program, server=server))
    if program != "pg_dump":
        return
    version = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
    client = CLIENT_VERSION.search(version)
    if client and int(client.group(1)) < server:
        raise BackupError(TOO_OLD.format(program=program, client=client.group(1), server=server))


def _backup_revision(path, environment):
    """The Alembic revision stored in the backup, read from its data without restoring it."""
    sql = _run(
        ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)],
        environment,
    )
    lines = sql.splitlines()
    for position, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line:
            value = lines[position + 1]
            return None if value == "\\." else value.strip()
    return None


def _run(command, environment, *, not_a_backup=None):
    try:
        result = subprocess.run(
            command, env=environment, capture_output=True, text=True, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise BackupError(FAILED.format(program=command[0], status="timeout", detail="")) from None
    if result.returncode != 0:
        detail, status = result.stderr.strip(), result.returncode
        if not_a_backup:
            raise BackupError(NOT_A_BACKUP.format(path=not_a_backup, detail=detail))
        raise BackupError(FAILED.format(program=command[0], status=status, detail=detail))
    return result.stdout
