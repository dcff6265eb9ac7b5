"""Setting ENCRYPTION_KEY on a running test app, as create_app does from the environment."""

from cryptography.fernet import Fernet
from sqlalchemy import Text, column, select, table

from feedback_app import encryption
from feedback_app.extensions import db


def new_key():
    return Fernet.generate_key().decode()


def use_keys(app, *keys):
    """Newest first, like ENCRYPTION_KEY; none for no key."""
    app.config["ENCRYPTION_KEY"] = ",".join(keys) or None
    encryption.init_app(app)
    db.session.remove()


def stored_values(table_name, column_name):
    """A column's values as the database holds them, not as the models read them."""
    stored = table(table_name, column(column_name, Text))
    with db.engine.connect() as connection:
        return connection.execute(select(stored.c[column_name])).scalars().all()
