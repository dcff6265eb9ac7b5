"""Staff share a service's form as a link or QR code that opens in the resident's language."""

import pytest

from tests.fixtures.pages import assert_page_basics
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database


def test_the_shared_link_opens_the_form_in_the_browsers_language(client, service):
    response = client.get("/s/home-support", headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert response.headers["Location"] == "/es/s/home-support"
    assert client.get("/s/nothing-here").status_code == 404


def test_facilitators_get_the_link_and_qr_code(client, service, make_user, partner):
    make_user("facilitator@example.org", organisation=partner, role="facilitator")
    sign_in(client, "facilitator@example.org")
    home = client.get("/staff/").get_data(as_text=True)
    assert "/staff/services/home-support/feedback-link" in home
    page = assert_page_basics(client.get("/staff/services/home-support/feedback-link"))
    svg = page.find("svg")
    assert svg["role"] == "img" and "/s/home-support" in svg["aria-label"]
    assert svg["viewbox"] == f"0 0 {svg['width']} {svg['height']}"
    assert "http://localhost/s/home-support" in page.find(class_="share-url").get_text()
    assert {a["lang"] for a in page.find(class_="action-list").find_all("a")} == {
        "fr",
        "en",
        "es",
        "ar",
    }


def test_the_share_page_is_for_the_services_staff_only(
    client, service, make_user, outsider_organisation
):
    assert client.get("/staff/services/home-support/feedback-link").status_code == 302
    make_user("someone@example.org", organisation=outsider_organisation, role="admin")
    sign_in(client, "someone@example.org")
    assert client.get("/staff/services/home-support/feedback-link").status_code == 403
