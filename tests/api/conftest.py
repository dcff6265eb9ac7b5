"""Fixtures of the API tests: the demo service with a small sample, and people with tokens."""

import pytest

from tests.api.helpers import seed_small, token_for


@pytest.fixture
def seeded(service):
    return seed_small(service)


@pytest.fixture
def analyst(make_user, partner):
    return make_user("analyst@example.org", organisation=partner, role="analyst")


@pytest.fixture
def analyst_token(analyst):
    return token_for(analyst)[1]


@pytest.fixture
def facilitator_token(make_user, partner):
    facilitator = make_user("facilitator@example.org", organisation=partner, role="facilitator")
    return token_for(facilitator)[1]


@pytest.fixture
def outsider_token(make_user, outsider_organisation):
    outsider = make_user("other@example.org", organisation=outsider_organisation, role="analyst")
    return token_for(outsider)[1]
