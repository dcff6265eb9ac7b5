import pytest

from feedback_app.workshops import agenda
from tests.workshops.helpers import make_workshop


@pytest.fixture
def facilitator(make_user, partner):
    return make_user("facilitator@example.org", organisation=partner, role="facilitator")


@pytest.fixture
def workshop(facilitator, service):
    return make_workshop(facilitator, service)


@pytest.fixture
def journey_map(workshop):
    activity = agenda.add_activity(workshop, "journey_map", prompt="Your journey")
    agenda.set_status(activity, "open", user=None)
    return activity


@pytest.fixture
def idea_wall(workshop):
    activity = agenda.add_activity(workshop, "idea_wall", prompt="How might we help?")
    agenda.set_status(activity, "open", user=None)
    return activity


@pytest.fixture
def dot_vote(workshop, idea_wall):
    activity = agenda.add_activity(
        workshop, "dot_vote", dots_per_participant=3, source_activity_id=idea_wall.id
    )
    agenda.set_status(activity, "open", user=None)
    return activity
