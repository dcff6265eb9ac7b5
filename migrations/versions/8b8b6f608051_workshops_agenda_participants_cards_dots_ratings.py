"""workshops: agenda, participants, cards, dots and ratings

Revision ID: 8b8b6f608051
Revises: 5b7e0c1d2a34
Create Date: 2026-12-03 06:03:47.561518

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8b8b6f608051'
down_revision = '5b7e0c1d2a34'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('workshop',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=True),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('accessibility_note', sa.Text(), nullable=True),
    sa.Column('join_code', sa.String(length=6), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff_user.id'], name=op.f('fk_workshop_created_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_workshop_service_id_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop')),
    sa.UniqueConstraint('join_code', name=op.f('uq_workshop_join_code'))
    )
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_service_id'), ['service_id'], unique=False)

    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('JOURNEY_MAP', 'IDEA_WALL', 'DOT_VOTE', 'RATING_ROUND', name='activitykind', native_enum=False), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('DRAFT', 'OPEN', 'CLOSED', name='activitystatus', native_enum=False), nullable=False),
    sa.Column('prompt', sa.String(length=300), nullable=False),
    sa.Column('dots_per_participant', sa.Integer(), nullable=False),
    sa.Column('multiple_dots_per_card', sa.Boolean(), nullable=False),
    sa.Column('votes_revealed', sa.Boolean(), nullable=False),
    sa.Column('source_activity_id', sa.Integer(), nullable=True),
    sa.Column('timer_ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('criteria', sa.JSON(), nullable=False),
    sa.CheckConstraint('dots_per_participant BETWEEN 1 AND 20', name=op.f('ck_activity_dots')),
    sa.ForeignKeyConstraint(['source_activity_id'], ['activity.id'], name=op.f('fk_activity_source_activity_id_activity'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_activity_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=True),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('assisted', sa.Boolean(), nullable=False),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_participant_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_participant_token_hash'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('STEP', 'PAIN', 'IDEA', name='cardkind', native_enum=False), nullable=False),
    sa.Column('emotion', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('hidden_reason', sa.String(length=200), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('provenance', sa.Enum('WEB', 'ASSISTED', 'PAPER', name='provenance', native_enum=False), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('batch', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('emotion BETWEEN -2 AND 2', name=op.f('ck_card_emotion')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_card_activity_id_activity')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['staff_user.id'], name=op.f('fk_card_entered_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['card.id'], name=op.f('fk_card_merged_into_id_card'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_card_participant_id_participant'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], name=op.f('fk_card_stage_id_stage'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card'))
    )
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_participant_id'), ['participant_id'], unique=False)

    op.create_table('rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('option', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('provenance', sa.Enum('WEB', 'ASSISTED', 'PAPER', name='provenance', native_enum=False), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('batch', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('value BETWEEN -2 AND 2', name=op.f('ck_rating_value')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_rating_activity_id_activity')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['staff_user.id'], name=op.f('fk_rating_entered_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_rating_participant_id_participant'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating')),
    sa.UniqueConstraint('activity_id', 'participant_id', 'option', 'criterion', name=op.f('uq_rating_activity_id'))
    )
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rating_activity_id'), ['activity_id'], unique=False)

    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('dot', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('cast_on_id', sa.Integer(), nullable=False),
    sa.Column('provenance', sa.Enum('WEB', 'ASSISTED', 'PAPER', name='provenance', native_enum=False), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('dot >= 1', name=op.f('ck_vote_dot')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_vote_activity_id_activity')),
    sa.ForeignKeyConstraint(['card_id'], ['card.id'], name=op.f('fk_vote_card_id_card')),
    sa.ForeignKeyConstraint(['cast_on_id'], ['card.id'], name=op.f('fk_vote_cast_on_id_card')),
    sa.ForeignKeyConstraint(['entered_by_id'], ['staff_user.id'], name=op.f('fk_vote_entered_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_vote_participant_id_participant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote')),
    sa.UniqueConstraint('activity_id', 'participant_id', 'dot', name=op.f('uq_vote_activity_id'))
    )
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vote_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vote_participant_id'), ['participant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_participant_id'))
        batch_op.drop_index(batch_op.f('ix_vote_card_id'))
        batch_op.drop_index(batch_op.f('ix_vote_activity_id'))

    op.drop_table('vote')
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rating_activity_id'))

    op.drop_table('rating')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_participant_id'))
        batch_op.drop_index(batch_op.f('ix_card_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_card_activity_id'))

    op.drop_table('card')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_workshop_id'))

    op.drop_table('participant')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_workshop_id'))

    op.drop_table('activity')
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_service_id'))

    op.drop_table('workshop')
