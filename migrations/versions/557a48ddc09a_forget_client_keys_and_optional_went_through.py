"""forget client keys (withdrawn responses, the audit log); a stage may be told without
"went through"

Revision ID: 557a48ddc09a
Revises: 3c2072f33f11
Create Date: 2026-12-03 06:15:00

The audit log's append-only guard is an ORM event (privacy/audit.py), not a database trigger:
the application can never change an event, while a migration, run by an operator and kept in
version control, can redact one. This is that door, used once: partners' client keys recorded
by the API are replaced with the keyed hash that new events carry (privacy.audit.fingerprint).
"""

import hashlib
import hmac

import sqlalchemy as sa
from alembic import op
from flask import current_app

# revision identifiers, used by Alembic.
revision = "557a48ddc09a"
down_revision = "3c2072f33f11"
branch_labels = None
depends_on = None

API_ACTIONS = ("api_response_submitted", "api_response_repeated")
BATCH = 1000

response = sa.table(
    "response",
    sa.column("id", sa.Integer),
    sa.column("client_key", sa.String),
    sa.column("kiosk_id", sa.Integer),
    sa.column("withdrawn_at", sa.DateTime(timezone=True)),
)
stage_experience = sa.table("stage_experience", sa.column("went_through", sa.String))
WENT_THROUGH = sa.Enum("YES", "NOT_YET", "NO", name="wentthrough", native_enum=False)
audit_event = sa.table(
    "audit_event",
    sa.column("id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("details", sa.JSON),
)


def _fingerprint(value, secret):
    # As privacy.audit.fingerprint at this revision; copied so later edits there cannot change it.
    digest = hmac.new(secret.encode(), b"audit:" + value.encode(), hashlib.sha256)
    return digest.hexdigest()[:12]


def _redact_audit_keys(connection):
    secret = current_app.secret_key
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(audit_event.c.id, audit_event.c.details)
            .where(audit_event.c.action.in_(API_ACTIONS), audit_event.c.id > last_id)
            .order_by(audit_event.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for event_id, details in rows:
            if isinstance(details, dict) and "client_key" in details:
                redacted = {k: v for k, v in details.items() if k != "client_key"}
                redacted["client_key_hash"] = _fingerprint(str(details["client_key"]), secret)
                connection.execute(
                    audit_event.update()
                    .where(audit_event.c.id == event_id)
                    .values(details=redacted)
                )
        last_id = rows[-1].id


def upgrade():
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.alter_column("client_key", existing_type=sa.String(length=64), nullable=True)
    with op.batch_alter_table("stage_experience", schema=None) as batch_op:
        batch_op.alter_column("went_through", existing_type=WENT_THROUGH, nullable=True)
    connection = op.get_bind()
    connection.execute(
        response.update()
        .where(response.c.withdrawn_at.is_not(None))
        .values(client_key=None, kiosk_id=None)
    )
    _redact_audit_keys(connection)


def downgrade():
    # A story told without the answer cannot say it; its stage is dropped from the old schema.
    op.get_bind().execute(stage_experience.delete().where(stage_experience.c.went_through.is_(None)))
    with op.batch_alter_table("stage_experience", schema=None) as batch_op:
        batch_op.alter_column("went_through", existing_type=WENT_THROUGH, nullable=False)
    # The keys are gone for good; withdrawn rows get a placeholder that no one can send.
    op.get_bind().execute(
        response.update()
        .where(response.c.client_key.is_(None))
        .values(client_key=sa.literal("withdrawn-") + sa.cast(response.c.id, sa.String))
    )
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.alter_column("client_key", existing_type=sa.String(length=64), nullable=False)
