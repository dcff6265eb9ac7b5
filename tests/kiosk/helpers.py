"""Kiosks made through the app's own code, and devices set up through the real setup page."""

from feedback_app.kiosk import registry
from tests.fixtures.pages import csrf_token

SETUP_PREFIX = "http://localhost/kiosk/setup/"


def make_kiosk(user, services, *, location="Town hall, reception", default_locale="fr"):
    """A new kiosk and its setup token, set up from the page of the first of `services`."""
    return registry.register_kiosk(
        location=location,
        default_locale=default_locale,
        services=services,
        user=user,
        service=services[0],
    )


def set_up_device(client, token):
    """Confirm the setup page as staff would on the device; returns the response."""
    url = f"/kiosk/setup/{token}"
    return client.post(url, data={"csrf_token": csrf_token(client.get(url))})
