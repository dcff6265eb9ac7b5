"""insights count indexes: the columns the count cubes group by, for index-only scans

Revision ID: 4c1d2e3f5a6b
Revises: 9d5d819a63b7
Create Date: 2026-12-03 09:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '4c1d2e3f5a6b'
down_revision = '9d5d819a63b7'
branch_labels = None
depends_on = None

INDEXES = (
    ('response', 'ix_response_service_id_created_at', ['service_id', 'created_at']),
    ('answer', 'ix_answer_response_id_question_id_value', ['response_id', 'question_id', 'value']),
    (
        'stage_experience',
        'ix_stage_experience_response_id_stage_id_emotion',
        ['response_id', 'stage_id', 'went_through', 'emotion'],
    ),
    (
        'profile',
        'ix_profile_response_id_segments',
        ['response_id', 'age_band', 'gender', 'disability', 'rurality'],
    ),
)


def upgrade():
    for table, name, columns in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, columns, unique=False)


def downgrade():
    for table, name, _columns in reversed(INDEXES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
