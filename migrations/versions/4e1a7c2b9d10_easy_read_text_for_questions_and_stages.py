"""catalogue: easy-read text beside each question's wording and each stage's description

Revision ID: 4e1a7c2b9d10
Revises: 4c1d2e3f5a6b
Create Date: 2026-12-03 09:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e1a7c2b9d10'
down_revision = '4c1d2e3f5a6b'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable, no default: existing questions and stages have no easy-read text yet, and
    # residents who turn easy read on see their standard text.
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('easy_read', sa.JSON(), nullable=True))
    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('easy_read', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.drop_column('easy_read')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('easy_read')
