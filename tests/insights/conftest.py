"""Fixtures of the insights page tests: the demo service with a small sample, and its staff."""

import pytest

from feedback_app.demo.seed import seed_kiosks, seed_responses
from feedback_app.extensions import db
from tests.fixtures.people import sign_in

SAMPLE = 400
INSIGHTS = "/staff/services/home-support/insights"


@pytest.fixture
def seeded_service(service):
    """The demo service with 400 demo responses (planted gaps, 3 kiosks) included."""
    seed_responses(service, count=SAMPLE, kiosks=seed_kiosks(service))
    db.session.commit()
    return service


@pytest.fixture
def insights_analyst(make_user, partner):
    return make_user("insights-analyst@example.org", organisation=partner, role="analyst")


@pytest.fixture
def analyst_client(client, seeded_service, insights_analyst):
    sign_in(client, insights_analyst.email)
    return client


@pytest.fixture
def context_filter(app, seeded_service):
    """The seeded service and an empty filter, inside a request."""
    from feedback_app.insights.filters import InsightFilter

    with app.test_request_context():
        yield seeded_service, InsightFilter()
