"""kiosks: devices, the services they offer, and the kiosk of each response

Revision ID: 3c2072f33f11
Revises: 926b2d27c06b
Create Date: 2026-11-26 07:52:48.978191

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c2072f33f11'
down_revision = '926b2d27c06b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kiosk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location', sa.String(length=120), nullable=False),
    sa.Column('default_locale', sa.String(length=8), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_user.id'], name=op.f('fk_kiosk_created_by_id_staff_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_kiosk_token_hash'))
    )
    op.create_table('kiosk_service',
    sa.Column('kiosk_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosk.id'], name=op.f('fk_kiosk_service_kiosk_id_kiosk'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_kiosk_service_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('kiosk_id', 'service_id', name=op.f('pk_kiosk_service'))
    )
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kiosk_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_response_kiosk_id'), ['kiosk_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_response_kiosk_id_kiosk'), 'kiosk', ['kiosk_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_response_kiosk_id_kiosk'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_response_kiosk_id'))
        batch_op.drop_column('kiosk_id')

    op.drop_table('kiosk_service')
    op.drop_table('kiosk')
