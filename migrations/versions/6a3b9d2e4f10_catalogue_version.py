"""catalogue_version: a token every change to the catalogue rewrites, so processes may keep it

Revision ID: 6a3b9d2e4f10
Revises: 5d2f8e1a7c40
Create Date: 2026-12-04 02:30:00.000000
"""
from alembic import op
import sqlalchemy as sa

from feedback_app.catalogue import version


# revision identifiers, used by Alembic.
revision = '6a3b9d2e4f10'
down_revision = '5d2f8e1a7c40'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'catalogue_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_version')),
    )
    version.rewrite(op.get_bind())


def downgrade():
    op.drop_table('catalogue_version')
