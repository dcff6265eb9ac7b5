"""The catalogue's version: a token that every change to a service, its questions, its stages or
their texts rewrites, in the transaction that makes the change.

A process keeping services between requests (feedback.loaded_services) reads the token with one
query: while it is the same, what it keeps is exact, in every worker and on every host, since
each sees the new token exactly when it sees the change. The token is rewritten from the
session, on every flush and every bulk statement that touches those tables; a restore brings back
the token the backup was taken with, with the data it stood for.
"""

import uuid

from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import (
    CatalogueVersion,
    Journey,
    Question,
    QuestionSet,
    QuestionSetItem,
    Service,
    Stage,
)

VERSIONED = (Service, Journey, Stage, Question, QuestionSet, QuestionSetItem)
_VERSIONED_TABLES = frozenset(model.__table__ for model in VERSIONED)
ROW = 1


def current(session):
    """The token now; None in a database emptied without one, where nothing may be kept."""
    return session.scalar(select(CatalogueVersion.token).where(CatalogueVersion.id == ROW))


def rewrite(connection):
    """A new token, in the transaction of `connection`."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(CatalogueVersion).values(id=ROW, token=uuid.uuid4().hex)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["id"], set_={"token": statement.excluded.token}
        )
    )


def _changes_catalogue(session):
    changed = (*session.new, *session.deleted)
    return any(isinstance(instance, VERSIONED) for instance in changed) or any(
        isinstance(instance, VERSIONED) and session.is_modified(instance)
        for instance in session.dirty
    )


def _before_flush(session, _flush_context, _instances):
    if _changes_catalogue(session):
        rewrite(session.connection())


def _before_bulk_statement(state):
    statement = state.statement
    if statement.is_dml and getattr(statement, "table", None) in _VERSIONED_TABLES:
        rewrite(state.session.connection())


def _first_token(_table, connection, **_options):
    rewrite(connection)


def keep_versioned():
    """Rewrite the token with every ORM change to the catalogue, and give a database made by
    create_all its first (the migration gives one to the others); once per process."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "do_orm_execute", _before_bulk_statement)
        event.listen(CatalogueVersion.__table__, "after_create", _first_token)
