"""tally: responses kept counted per segment cell, for insights at any size

Revision ID: 5d2f8e1a7c40
Revises: 4e1c2a9b7d30
Create Date: 2026-12-03 21:30:00.000000

The existing responses are counted with the app's own grouped queries (feedback.tallies), as
every later write is.
"""
from alembic import op
import sqlalchemy as sa

from feedback_app.feedback import tallies


# revision identifiers, used by Alembic.
revision = '5d2f8e1a7c40'
down_revision = '4e1c2a9b7d30'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'tally',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('service_id', sa.Integer(), nullable=False),
        sa.Column('measure', sa.String(length=12), nullable=False),
        sa.Column('channel', sa.Enum('WEB', 'KIOSK', 'WORKSHOP', 'PAPER', 'API', name='channel', native_enum=False), nullable=False),
        sa.Column('kiosk_id', sa.Integer(), nullable=False),
        sa.Column('age_band', sa.String(length=20), nullable=False),
        sa.Column('gender', sa.String(length=30), nullable=False),
        sa.Column('disability', sa.String(length=10), nullable=False),
        sa.Column('rurality', sa.String(length=20), nullable=False),
        sa.Column('item', sa.Integer(), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_tally_service_id_service'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tally')),
        sa.UniqueConstraint('service_id', 'measure', 'channel', 'kiosk_id', 'age_band', 'gender', 'disability', 'rurality', 'item', 'detail', 'value', name='uq_tally_cell'),
    )
    tallies.rebuild(op.get_bind())


def downgrade():
    op.drop_table('tally')
