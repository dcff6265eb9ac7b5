"""audit events name the service and the organisation they concern

Revision ID: 79d3ecb622f4
Revises: b4e1c7a9d3f2
Create Date: 2026-12-03 09:07:05.353576

Until now an event named its service only when the service was its target; events about a
service's stages, questions, kiosks, workshops or insights held it in their details or not at
all, so the audit log's service filter missed them. Past events get the service their target
leads to, or their details name, when it is one service (a bank question asked by two services
or a kiosk shared by two stays unattributed); events about an organisation's people get it.
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "79d3ecb622f4"
down_revision = "b4e1c7a9d3f2"
branch_labels = None
depends_on = None

BATCH = 1000
INDEXES = {
    "ix_audit_event_service_id_id": ["service_id", "id"],
    "ix_audit_event_organisation_id_id": ["organisation_id", "id"],
    "ix_audit_event_user_id_id": ["user_id", "id"],
}
# A person's own events (no service, no organisation), read per colleague by an organisation's
# admins.
PERSONAL = sa.text("service_id IS NULL AND organisation_id IS NULL")
# As the app wrote them at the previous revision: events about an organisation's people.
ORGANISATION_ACTIONS = ("staff_invited", "roles_changed", "member_removed")


def _table(name, *columns):
    return sa.table(name, *(sa.column(column, sa.Integer) for column in columns))


audit_event = sa.table(
    "audit_event",
    sa.column("id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("target_type", sa.String),
    sa.column("target_id", sa.String),
    sa.column("details", sa.JSON),
    sa.column("service_id", sa.Integer),
    sa.column("organisation_id", sa.Integer),
)
service = sa.table("service", sa.column("id", sa.Integer), sa.column("slug", sa.String))
organisation = _table("organisation", "id")
journey = _table("journey", "id", "service_id")
stage = _table("stage", "id", "journey_id")
question_set = _table("question_set", "id", "service_id")
question_set_item = _table("question_set_item", "question_id", "question_set_id")
kiosk_service = _table("kiosk_service", "kiosk_id", "service_id")
workshop = _table("workshop", "id", "service_id")
activity = _table("activity", "id", "workshop_id")
card = _table("card", "id", "activity_id")
participant = _table("participant", "id", "workshop_id")
insight = _table("insight", "id", "service_id")
response = _table("response", "id", "service_id")
reference_population = _table("reference_population", "id", "service_id")

# Each kind of target, as (its id, the service it belongs to).
TARGET_SERVICE = {
    "service": sa.select(service.c.id, service.c.id),
    "stage": sa.select(stage.c.id, journey.c.service_id).join(
        journey, journey.c.id == stage.c.journey_id
    ),
    "question": sa.select(question_set_item.c.question_id, question_set.c.service_id).join(
        question_set, question_set.c.id == question_set_item.c.question_set_id
    ),
    "kiosk": sa.select(kiosk_service.c.kiosk_id, kiosk_service.c.service_id),
    "workshop": sa.select(workshop.c.id, workshop.c.service_id),
    "activity": sa.select(activity.c.id, workshop.c.service_id).join(
        workshop, workshop.c.id == activity.c.workshop_id
    ),
    "card": sa.select(card.c.id, workshop.c.service_id)
    .join(activity, activity.c.id == card.c.activity_id)
    .join(workshop, workshop.c.id == activity.c.workshop_id),
    "participant": sa.select(participant.c.id, workshop.c.service_id).join(
        workshop, workshop.c.id == participant.c.workshop_id
    ),
    "insight": sa.select(insight.c.id, insight.c.service_id),
    "response": sa.select(response.c.id, response.c.service_id),
    "reference_population": sa.select(reference_population.c.id, reference_population.c.service_id),
}


def _number(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _services_of_targets(connection, rows):
    """{(target_type, target id): the one service it belongs to} for the targets of `rows`."""
    wanted = defaultdict(set)
    for row in rows:
        number = _number(row.target_id)
        if row.target_type in TARGET_SERVICE and number is not None:
            wanted[row.target_type].add(number)
    found = {}
    for target_type, ids in wanted.items():
        query = TARGET_SERVICE[target_type]
        owners = defaultdict(set)
        for target, owner in connection.execute(query.where(query.selected_columns[0].in_(ids))):
            owners[target].add(owner)
        for target, services in owners.items():
            if len(services) == 1:
                found[target_type, target] = services.pop()
    return found


def _service_in_details(row, slugs):
    details = row.details if isinstance(row.details, dict) else {}
    named = _number(details.get("service_id"))
    if named is None and isinstance(details.get("service"), str):
        named = slugs.get(details["service"])
    filters = details.get("filter")
    if named is None and row.action.startswith("audit_log") and isinstance(filters, dict):
        named = _number(filters.get("service"))
    return named


def _organisation_of(row):
    if row.target_type == "organisation":
        return _number(row.target_id)
    if row.action in ORGANISATION_ACTIONS and isinstance(row.details, dict):
        return _number(row.details.get("organisation"))
    return None


def _attribute(connection, rows, slugs, organisations):
    """Set the service and organisation of one batch, one UPDATE per distinct pair."""
    services = set(slugs.values())
    targets = _services_of_targets(connection, rows)
    events = defaultdict(list)
    for row in rows:
        service_id = targets.get((row.target_type, _number(row.target_id)))
        if service_id is None:
            service_id = _service_in_details(row, slugs)
        organisation_id = _organisation_of(row)
        pair = (
            service_id if service_id in services else None,
            organisation_id if organisation_id in organisations else None,
        )
        if pair != (None, None):
            events[pair].append(row.id)
    for (service_id, organisation_id), ids in events.items():
        connection.execute(
            audit_event.update()
            .where(audit_event.c.id.in_(ids))
            .values(service_id=service_id, organisation_id=organisation_id)
        )


def _back_fill(connection):
    slugs = dict(connection.execute(sa.select(service.c.slug, service.c.id)).all())
    organisations = set(connection.execute(sa.select(organisation.c.id)).scalars())
    columns = [audit_event.c[name] for name in ("id", "action", "target_type", "target_id")]
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(*columns, audit_event.c.details)
            .where(audit_event.c.id > last_id)
            .order_by(audit_event.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        _attribute(connection, rows, slugs, organisations)
        last_id = rows[-1].id


def upgrade():
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_audit_event_organisation_id_organisation"),
            "organisation",
            ["organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_audit_event_service_id_service"),
            "service",
            ["service_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _back_fill(op.get_bind())
    # After the back-fill, so its updates do not maintain the indexes row by row.
    for name, columns in INDEXES.items():
        op.create_index(name, "audit_event", columns, unique=False)
    op.create_index(
        "ix_audit_event_personal",
        "audit_event",
        ["user_id", "id"],
        unique=False,
        postgresql_where=PERSONAL,
        sqlite_where=PERSONAL,
    )


def downgrade():
    op.drop_index("ix_audit_event_personal", table_name="audit_event")
    for name in INDEXES:
        op.drop_index(name, table_name="audit_event")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_audit_event_service_id_service"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_audit_event_organisation_id_organisation"), type_="foreignkey"
        )
        batch_op.drop_column("organisation_id")
        batch_op.drop_column("service_id")
