"""profile: a gender described in the resident's own words is stored as TEXT, so that it can be
encrypted at rest (an encrypted value is longer than the 100 characters a resident may type)

Revision ID: 4e1c2a9b7d30
Revises: 4e1a7c2b9d10
Create Date: 2026-12-03 09:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e1c2a9b7d30'
down_revision = '4e1a7c2b9d10'
branch_labels = None
depends_on = None


def upgrade():
    # SQLite rebuilds the table (batch mode); no other table refers to profile.
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.alter_column('gender_self_description',
               existing_type=sa.String(length=100),
               type_=sa.Text(),
               existing_nullable=True)


def downgrade():
    # Fails on PostgreSQL while encrypted values (longer than 100 characters) are stored: the
    # older release could not read them anyway.
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.alter_column('gender_self_description',
               existing_type=sa.Text(),
               type_=sa.String(length=100),
               existing_nullable=True)
