"""admin: installation admins, single-use links to set a password, each service's languages and
retention period, retired journey stages and questions

Revision ID: 9d5d819a63b7
Revises: 8b8b6f608051
Create Date: 2026-12-03 06:07:26.509668

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9d5d819a63b7'
down_revision = '8b8b6f608051'
branch_labels = None
depends_on = None

# Existing services keep offering every language they were offered in before: all four.
EVERY_LANGUAGE = '["fr", "en", "es", "ar"]'


def upgrade():
    op.create_table('password_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Enum('INVITATION', 'PASSWORD_RESET', name='linkpurpose', native_enum=False), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_user.id'], name=op.f('fk_password_link_created_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], name=op.f('fk_password_link_user_id_staff_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_link')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_link_token_hash'))
    )
    with op.batch_alter_table('password_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_link_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_installation_admin', sa.Boolean(), server_default=sa.false(), nullable=False))

    # Added, never altered: SQLite would rebuild the table, which its foreign keys forbid.
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.add_column(sa.Column('languages', sa.JSON(), server_default=EVERY_LANGUAGE, nullable=False))
        batch_op.add_column(sa.Column('retention_days', sa.Integer(), nullable=True))

    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('question_set_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('question_set_item', schema=None) as batch_op:
        batch_op.drop_column('retired_at')

    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.drop_column('retired_at')

    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_column('retention_days')
        batch_op.drop_column('languages')

    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('is_installation_admin')

    with op.batch_alter_table('password_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_link_user_id'))

    op.drop_table('password_link')
