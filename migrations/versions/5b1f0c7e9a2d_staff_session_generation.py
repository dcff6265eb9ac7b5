"""staff users: a session generation, so signing out ends a copied session cookie too

Revision ID: 5b1f0c7e9a2d
Revises: 557a48ddc09a
Create Date: 2026-12-03 06:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1f0c7e9a2d'
down_revision = '557a48ddc09a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
