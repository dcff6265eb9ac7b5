"""A device becomes a kiosk through its setup link; its responses record the kiosk; it forgets
each resident when it returns to its home screen."""

import pytest
from sqlalchemy import select

from feedback_app.database import utcnow
from feedback_app.extensions import db
from feedback_app.feedback.models import Draft, Response
from feedback_app.feedback.withdrawal import withdraw
from feedback_app.kiosk import registry
from feedback_app.kiosk.device import KIOSK_COOKIE
from feedback_app.models import Kiosk, Service
from tests.feedback.resident import RATINGS, Resident
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.kiosk.helpers import make_kiosk, set_up_device

pytestmark = pytest.mark.database


def _send_feedback(client, lang="fr"):
    resident = Resident(client, lang=lang)
    resident.post("/rate", RATINGS)
    return resident.post("/check", {"client_key": resident.client_key()})


def test_the_setup_link_asks_before_it_turns_a_device_into_a_kiosk(client, kiosk_and_token):
    kiosk, token = kiosk_and_token
    page = assert_page_basics(client.get(f"/kiosk/setup/{token}"))
    assert "Town hall, reception" in page.get_text()
    assert client.get_cookie(KIOSK_COOKIE) is None
    response = set_up_device(client, token)
    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/kiosk"
    cookie = client.get_cookie(KIOSK_COOKIE)
    assert registry.active_kiosk(cookie.value) == kiosk
    assert cookie.http_only and cookie.same_site == "Lax"


def test_a_setup_link_works_once(client, kiosk_and_token):
    token = kiosk_and_token[1]
    set_up_device(client, token)
    device_secret = client.get_cookie(KIOSK_COOKIE).value
    assert device_secret != token
    assert client.get("/fr/kiosk").status_code == 200
    other = client.application.test_client()
    assert other.get(f"/kiosk/setup/{token}").status_code == 404
    assert other.get_cookie(KIOSK_COOKIE) is None


def test_a_setup_link_without_its_csrf_token_changes_nothing(client, kiosk_and_token):
    response = client.post(f"/kiosk/setup/{kiosk_and_token[1]}")
    assert response.status_code == 400
    assert client.get_cookie(KIOSK_COOKIE) is None


@pytest.mark.parametrize("token", ["not-a-token", "x" * 500, "%00"])
def test_an_unknown_setup_link_is_a_clear_404(client, kiosk_and_token, token):
    response = client.get(f"/kiosk/setup/{token}")
    assert response.status_code == 404
    assert "This setup link does not work" in response.get_data(as_text=True)


def test_the_home_screen_offers_the_kiosks_services_in_every_language(kiosk_client):
    page = assert_page_basics(kiosk_client.get("/fr/kiosk"), lang="fr")
    assert page.find("body")["class"] == ["kiosk"]
    links = [a["href"] for a in page.select(".kiosk-services a")]
    assert links == ["/fr/s/home-support"]
    languages = {a["lang"]: a["href"] for a in page.select(".language-choice a")}
    assert languages == {"fr": "/fr/kiosk", "en": "/en/kiosk", "es": "/es/kiosk", "ar": "/ar/kiosk"}
    assert_page_basics(kiosk_client.get("/ar/kiosk"), lang="ar")


def test_the_home_screen_is_only_for_kiosks(client, service):
    response = client.get("/en/kiosk")
    assert response.status_code == 404
    assert "This device is not a kiosk" in response.get_data(as_text=True)


def test_a_response_sent_on_the_kiosk_records_the_kiosk(kiosk_client, kiosk_and_token):
    assert _send_feedback(kiosk_client).status_code == 302
    response = db.session.scalar(select(Response))
    assert response.channel == "kiosk"
    assert response.kiosk_id == kiosk_and_token[0].id


def test_a_withdrawn_kiosk_response_forgets_the_kiosk(kiosk_client, kiosk_and_token):
    _send_feedback(kiosk_client)
    withdraw(db.session.scalar(select(Response)))
    db.session.expire_all()
    response = db.session.scalar(select(Response))
    assert (response.kiosk_id, response.client_key) == (None, None)
    assert db.session.get(Kiosk, kiosk_and_token[0].id) is not None


def test_a_response_sent_elsewhere_has_no_kiosk(client, service):
    _send_feedback(client)
    response = db.session.scalar(select(Response))
    assert response.channel == "web" and response.kiosk_id is None


def test_a_kiosk_records_only_the_services_it_offers(kiosk_client, service):
    other = Service(slug="library-at-home", name={"en": "Library at home"})
    db.session.add(other)
    db.session.commit()
    resident = Resident(kiosk_client, slug="library-at-home")
    resident.post("/comment", {"comment": "Books arrive late."})
    resident.post("/check", {"client_key": resident.client_key()})
    response = db.session.scalar(select(Response).where(Response.service_id == other.id))
    assert response.channel == "web" and response.kiosk_id is None


def test_returning_home_forgets_the_previous_resident(kiosk_client):
    resident = Resident(kiosk_client, lang="en")
    resident.post("/rate", RATINGS)
    assert db.session.scalar(select(Draft)) is not None
    kiosk_client.get("/fr/kiosk")
    # The unsent answers are deleted, not merely hidden from the next resident.
    assert db.session.scalar(select(Draft)) is None
    rate = parse(resident.get("/rate"))
    assert not rate.select("input[checked]")


def test_the_next_resident_cannot_see_the_previous_confirmation(kiosk_client):
    assert _send_feedback(kiosk_client).headers["Location"] == "/fr/s/home-support/sent"
    assert "receipt-code" in kiosk_client.get("/fr/s/home-support/sent").get_data(as_text=True)
    kiosk_client.get("/fr/kiosk")
    response = kiosk_client.get("/fr/s/home-support/sent")
    assert response.status_code == 302 and response.headers["Location"] == "/fr/s/home-support"


def test_kiosk_pages_are_never_kept_for_the_back_button(kiosk_client, client):
    assert kiosk_client.get("/fr/s/home-support/rate").headers["Cache-Control"] == "no-store"


def test_the_kiosk_shell_starts_over_even_without_javascript(kiosk_client):
    rate = parse(kiosk_client.get("/en/s/home-support/rate"))
    refresh = rate.select_one("noscript meta[http-equiv=refresh]")
    assert refresh["content"].endswith(";url=/fr/kiosk")
    body = rate.find("body")
    assert body["data-kiosk-home"] == "/fr/kiosk" and int(body["data-idle-seconds"]) > 0
    assert rate.find("dialog", id="idle-dialog") is not None
    assert rate.find("script", src="/static/js/kiosk.js") is not None
    # Residents on a public screen are not offered the staff sign-in.
    assert rate.find("a", href="/login") is None
    home = parse(kiosk_client.get("/fr/kiosk"))
    assert home.select_one("noscript meta[http-equiv=refresh]") is None
    assert home.find("body").has_attr("data-idle-at-home")


def test_other_devices_get_no_kiosk_shell(client, service):
    page = parse(client.get("/en/s/home-support/rate"))
    assert page.find("body").get("class") is None
    assert page.find("dialog") is None
    assert page.find("script", src="/static/js/kiosk.js") is None


def test_a_retired_kiosk_stops_at_once_and_its_cookie_is_removed(
    kiosk_client, kiosk_and_token, facilitator
):
    Resident(kiosk_client).post("/rate", RATINGS)
    registry.retire(kiosk_and_token[0], facilitator, kiosk_and_token[0].services[0])
    # The resident using it then is not left on a screen that no longer resets itself.
    assert not parse(Resident(kiosk_client).get("/rate")).select("input[checked]")
    response = kiosk_client.get("/fr/kiosk")
    assert response.status_code == 404
    assert kiosk_client.get_cookie(KIOSK_COOKIE) is None
    _send_feedback(kiosk_client)
    assert db.session.scalar(select(Response)).channel == "web"


def test_a_new_setup_link_stops_the_device_that_used_the_old_one(
    kiosk_client, kiosk_and_token, facilitator
):
    kiosk, old = kiosk_and_token
    new = registry.replace_setup_link(kiosk, facilitator, kiosk.services[0])
    assert kiosk_client.get("/fr/kiosk").status_code == 404
    assert kiosk_client.get(f"/kiosk/setup/{old}").status_code == 404
    assert set_up_device(kiosk_client, new).status_code == 302
    assert kiosk_client.get("/fr/kiosk").status_code == 200


def test_a_kiosk_in_use_says_when_it_was_last_seen(kiosk_client, kiosk_and_token):
    kiosk = kiosk_and_token[0]
    assert kiosk.last_seen_at is None
    kiosk_client.get("/fr/kiosk")
    db.session.refresh(kiosk)
    first = kiosk.last_seen_at
    assert first is not None
    kiosk_client.get("/fr/kiosk")
    db.session.refresh(kiosk)
    # Written at most once a minute, not on every request.
    assert kiosk.last_seen_at == first
    kiosk.last_seen_at = utcnow() - registry.SEEN_EVERY * 2
    db.session.commit()
    renewed = kiosk_client.get("/fr/kiosk")
    db.session.refresh(kiosk)
    assert kiosk.last_seen_at.replace(tzinfo=None) > first.replace(tzinfo=None)
    # A kiosk in use keeps its cookie beyond the 400 days a browser allows one.
    assert f"{KIOSK_COOKIE}=" in renewed.headers["Set-Cookie"]


def test_setting_up_a_kiosk_signs_staff_out_of_that_browser(client, kiosk_and_token):
    from tests.fixtures.people import sign_in

    sign_in(client, "facilitator@example.org")
    assert client.get("/staff/").status_code == 200
    set_up_device(client, kiosk_and_token[1])
    assert client.get("/staff/").status_code == 302


def test_a_kiosk_offering_two_services_lists_both(client, facilitator, service):
    other = Service(slug="library-at-home", name={"en": "Library at home", "fr": "Bibliothèque"})
    db.session.add(other)
    db.session.commit()
    _kiosk, token = make_kiosk(facilitator, [service, other], default_locale="en")
    set_up_device(client, token)
    page = parse(client.get("/en/kiosk"))
    assert [a["href"] for a in page.select(".kiosk-services a")] == [
        "/en/s/home-support",
        "/en/s/library-at-home",
    ]
    assert csrf_token(client.get("/en/s/home-support/rate"))
