"""A service's own retention period wins over the installation's when responses are purged."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from feedback_app.database import utcnow
from feedback_app.demo.seed import seed_responses
from feedback_app.extensions import db
from feedback_app.feedback.retention import purge_expired_responses
from feedback_app.models import Response, Service

pytestmark = pytest.mark.database


def _count(service):
    return db.session.scalar(select(func.count()).where(Response.service_id == service.id))


def test_a_shorter_period_of_one_service_purges_only_its_responses(service, outsider_organisation):
    other = db.session.scalar(select(Service).filter_by(slug="library-at-home"))
    seed_responses(service, count=60)
    for n, age in enumerate((10, 200, 500)):
        db.session.add(
            Response(
                service_id=other.id,
                channel="web",
                locale="en",
                created_at=utcnow() - timedelta(days=age),
                client_key=f"other-{n}",
                receipt_hash=f"other-{n}",
            )
        )
    db.session.commit()
    cutoff = utcnow() - timedelta(days=90)
    old = db.session.scalar(
        select(func.count()).where(Response.service_id == service.id, Response.created_at < cutoff)
    )
    assert 0 < old < 60
    service.retention_days = 90
    db.session.commit()
    assert purge_expired_responses(730) == old
    assert (_count(service), _count(other)) == (60 - old, 3)
