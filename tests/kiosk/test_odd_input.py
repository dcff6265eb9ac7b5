"""Kiosk ids no database can hold are a 404, like any kiosk that does not exist."""

import pytest

from tests.fixtures.pages import csrf_token
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
PAGE = "/staff/services/home-support/kiosks"


@pytest.mark.parametrize("kiosk_id", [str(2**63), str(10**30), "9" * 5000])
@pytest.mark.parametrize("action", ["retire", "setup-link"])
def test_a_kiosk_id_beyond_64_bits_is_a_404(client, facilitator, kiosk_id, action):
    sign_in(client, facilitator.email)
    token = csrf_token(client.get(PAGE))
    response = client.post(f"{PAGE}/{kiosk_id}/{action}", data={"csrf_token": token})
    assert response.status_code == 404
    assert "Page not found" in response.text
    if action == "retire":
        assert client.get(f"{PAGE}/{kiosk_id}/retire").status_code == 404
