import pytest

from tests.kiosk.helpers import make_kiosk, set_up_device


@pytest.fixture
def facilitator(make_user, partner):
    return make_user("facilitator@example.org", organisation=partner, role="facilitator")


@pytest.fixture
def kiosk_and_token(facilitator, service):
    return make_kiosk(facilitator, [service])


@pytest.fixture
def kiosk_client(client, kiosk_and_token):
    """A browser set up as the kiosk."""
    set_up_device(client, kiosk_and_token[1])
    return client
