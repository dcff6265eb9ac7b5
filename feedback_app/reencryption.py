"""Stored free text rewritten in batches: encrypted once a key is first set, and moved to the
newest key at each rotation (`flask encrypt-stored-text`, `flask rotate-encryption-key`).

Rows are read and written by primary key, a batch at a time, through the columns' stored
form (never the models), so memory stays bounded whatever the table's size, and each batch is
committed on its own: an interrupted run is simply run again. Rows locked for the batch's
short transaction (PostgreSQL) or written in between (SQLite refuses the stale write) keep
an edit made by the running app from being overwritten.
"""

from sqlalchemy import bindparam, column, select, table, update

from .encryption import (
    EncryptedJSON,
    EncryptedText,
    current_keys,
    encrypt_plain,
    is_encrypted,
    reencrypt,
)
from .extensions import db

BATCH_SIZE = 500
NO_KEY_SET = "ENCRYPTION_KEY is not set: there is no key to encrypt with (docs/deployment.md)."


def encrypted_columns():
    """Every (table, column) the models declare encrypted, so none is forgotten."""
    for model_table in db.metadata.sorted_tables:
        for model_column in model_table.columns:
            if isinstance(model_column.type, EncryptedText | EncryptedJSON):
                yield model_table, model_column


def encrypt_stored_text(*, batch_size=BATCH_SIZE):
    """Encrypt every value still in plain text; {"table.column": rows changed}."""
    return _rewrite_every_column(encrypt_plain, batch_size)


def rotate_to_newest_key(*, batch_size=BATCH_SIZE):
    """Rewrite every value not already under the newest key; {"table.column": rows changed}."""
    return _rewrite_every_column(reencrypt, batch_size)


def _rewrite_every_column(change, batch_size):
    keys = current_keys()
    if keys is None:
        raise RuntimeError(NO_KEY_SET)
    return {
        f"{model_table.name}.{model_column.name}": _rewrite_column(
            model_table, model_column, change, keys, batch_size
        )
        for model_table, model_column in encrypted_columns()
    }


def _rewrite_column(model_table, model_column, change, keys, batch_size):
    stored = table(
        model_table.name, column("id"), column(model_column.name, model_column.type.impl_instance)
    )
    value = stored.c[model_column.name]
    write = (
        update(stored)
        .where(stored.c.id == bindparam("row_id"))
        .values({model_column.name: bindparam("new_value")})
    )
    last_id, changed = 0, 0
    while True:
        rows = db.session.execute(
            select(stored.c.id, value)
            .where(stored.c.id > last_id, value.is_not(None))
            .order_by(stored.c.id)
            .limit(batch_size)
            .with_for_update()
        ).all()
        if not rows:
            return changed
        rewritten = []
        for row_id, old in rows:
            text = old if is_encrypted(old) else model_column.type.as_text(old)
            new = change(text, keys)
            if new is not None:
                rewritten.append({"row_id": row_id, "new_value": new})
        if rewritten:
            db.session.execute(write, rewritten)
        db.session.commit()
        changed += len(rewritten)
        last_id = rows[-1].id
