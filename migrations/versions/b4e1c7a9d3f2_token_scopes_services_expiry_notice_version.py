"""api: token scopes, services and expiry; privacy: the notice version kept with consent

Tokens made before scopes keep their old powers (reading insights and submitting responses,
wherever their owner's roles reach) and expire 90 days after this upgrade, the default
lifetime of a new token: no token is left that never expires.

Revision ID: b4e1c7a9d3f2
Revises: 9d5d819a63b7
Create Date: 2026-12-03 09:15:00.000000

"""
from datetime import UTC, datetime, timedelta

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4e1c7a9d3f2'
down_revision = '9d5d819a63b7'
branch_labels = None
depends_on = None

OLD_POWERS = ["insights:read", "responses:submit"]
DEFAULT_LIFETIME = timedelta(days=90)


def upgrade():
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scopes', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True))
    api_token = sa.table(
        'api_token', sa.column('scopes', sa.JSON()), sa.column('expires_at', sa.DateTime(timezone=True))
    )
    op.execute(
        api_token.update().values(scopes=OLD_POWERS, expires_at=datetime.now(UTC) + DEFAULT_LIFETIME)
    )
    # Rebuilt on SQLite to make the columns required: nothing refers to api_token yet.
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.alter_column('scopes', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(timezone=True), nullable=False)

    op.create_table('api_token_service',
    sa.Column('token_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_api_token_service_service_id_service'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['token_id'], ['api_token.id'], name=op.f('fk_api_token_service_token_id_api_token'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_id', 'service_id', name=op.f('pk_api_token_service'))
    )

    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_notice_version', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_column('privacy_notice_version')

    op.drop_table('api_token_service')

    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
        batch_op.drop_column('scopes')
