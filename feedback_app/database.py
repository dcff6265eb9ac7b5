"""Database conventions shared by every feature's models."""

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import mapped_column


def utcnow():
    return datetime.now(UTC)


def multilingual_text(**kwargs):
    """A {locale: text} JSON column: the one way Ensemble stores text in several languages."""
    return mapped_column(JSON, default=dict, **kwargs)


def timestamp(**kwargs):
    return mapped_column(DateTime(timezone=True), default=utcnow, **kwargs)


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record):
    """WAL lets readers and a writer work together; SQLite leaves foreign keys off by default."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
