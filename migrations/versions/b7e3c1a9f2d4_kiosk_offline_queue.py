"""kiosk: how many responses a device last reported waiting to be sent, and when

Revision ID: b7e3c1a9f2d4
Revises: 79d3ecb622f4
Create Date: 2026-12-03 09:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e3c1a9f2d4'
down_revision = '79d3ecb622f4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('kiosk', schema=None) as batch_op:
        batch_op.add_column(sa.Column('queued_responses', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('queue_reported_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('kiosk', schema=None) as batch_op:
        batch_op.drop_column('queue_reported_at')
        batch_op.drop_column('queued_responses')
