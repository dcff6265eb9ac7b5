"""residents drafts: answers kept between the steps of the flow; preferred_language widened

preferred_language now also holds "other" and "prefer_not_to_say".

Revision ID: 926b2d27c06b
Revises: ced150aec99d
Create Date: 2026-11-26 05:25:26.569685

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '926b2d27c06b'
down_revision = 'ced150aec99d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('client_key', sa.String(length=64), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_draft_response_id_response'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_draft_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_draft_token_hash'))
    )
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_expires_at'), ['expires_at'], unique=False)

    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.alter_column('preferred_language',
               existing_type=sa.VARCHAR(length=8),
               type_=sa.String(length=20),
               existing_nullable=True)


def downgrade():
    # Values longer than 8 characters ("prefer_not_to_say") must be cleared first on PostgreSQL.
    op.execute("UPDATE profile SET preferred_language = NULL WHERE length(preferred_language) > 8")
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.alter_column('preferred_language',
               existing_type=sa.String(length=20),
               type_=sa.VARCHAR(length=8),
               existing_nullable=True)

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_expires_at'))

    op.drop_table('draft')
