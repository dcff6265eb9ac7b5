"""theme decisions: analysts' names for comment themes and merges

Revision ID: 5b7e0c1d2a34
Revises: 5b1f0c7e9a2d
Create Date: 2026-12-03 06:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b7e0c1d2a34'
down_revision = '5b1f0c7e9a2d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('theme_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('theme_key', sa.String(length=300), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=True),
    sa.Column('merged_into', sa.String(length=300), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_theme_decision_service_id_service')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff_user.id'], name=op.f('fk_theme_decision_updated_by_id_staff_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_decision')),
    sa.UniqueConstraint('service_id', 'theme_key', name=op.f('uq_theme_decision_service_id'))
    )
    with op.batch_alter_table('theme_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_decision_service_id'), ['service_id'], unique=False)


def downgrade():
    with op.batch_alter_table('theme_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_decision_service_id'))

    op.drop_table('theme_decision')
