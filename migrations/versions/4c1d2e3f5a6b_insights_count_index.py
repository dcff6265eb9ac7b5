"""insights count index: a service's responses in a date window, as the insights' counts choose them

Revision ID: 4c1d2e3f5a6b
Revises: b7e3c1a9f2d4
Create Date: 2026-12-03 09:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '4c1d2e3f5a6b'
down_revision = 'b7e3c1a9f2d4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.create_index('ix_response_service_id_created_at', ['service_id', 'created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_index('ix_response_service_id_created_at')
