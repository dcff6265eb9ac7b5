"""After signing in or choosing a language, people go back to a page of this site, never to another
host however the address is disguised (issue 14: `?next=/%09/evil.example` left the site)."""

import pytest

from tests.fixtures.pages import csrf_token
from tests.fixtures.people import PASSWORD

# Raw query-string values, as an attacker would put them in a link.
HOSTILE_NEXT = [
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d%0a/evil.example",
    "%09//evil.example",
    "%20//evil.example",
    "/%09%09/evil.example",
    "/%00/evil.example",
    "/%E2%80%AE/evil.example",
    "/%E3%80%80/evil.example",
    "%5C%5Cevil.example",
    "/%5Cevil.example",
    "%5C/evil.example",
    "//evil.example",
    "///evil.example",
    "%2F%2Fevil.example",
    "%252F%252Fevil.example",
    "https://evil.example/",
    "https:evil.example",
    "HTTPS%3A%2F%2Fevil.example",
    "javascript:alert(1)",
    "JaVaScRiPt%3Aalert(1)",
    "data:text/html,hi",
    "evil.example",
]
SAME_SITE_NEXT = {
    "/staff/": "/staff/",
    "/login": "/login",
    "/staff/services/home-support/insights/gaps?stage=visit": (
        "/staff/services/home-support/insights/gaps?stage=visit"
    ),
}


@pytest.fixture
def analyst(make_user, partner):
    return make_user("analyst@example.org", organisation=partner, role="analyst")


def signed_in_redirect(client, user, next_value):
    token = csrf_token(client.get("/login"))
    data = {"email": user.email, "password": PASSWORD, "csrf_token": token}
    return client.post(f"/login?next={next_value}", data=data)


@pytest.mark.parametrize("next_value", HOSTILE_NEXT)
def test_sign_in_never_sends_people_to_another_host(client, analyst, next_value):
    response = signed_in_redirect(client, analyst, next_value)
    assert response.status_code == 302 and response.location == "/staff/"


@pytest.mark.parametrize("next_value", HOSTILE_NEXT)
def test_language_choice_never_sends_people_to_another_host(client, next_value):
    response = client.get(f"/language/en?next={next_value}")
    assert response.status_code == 302 and response.location == "/staff/"


@pytest.mark.parametrize(("next_value", "location"), SAME_SITE_NEXT.items())
def test_pages_of_this_site_are_followed(client, analyst, next_value, location):
    assert client.get(f"/language/fr?next={next_value}").location == location
    assert signed_in_redirect(client, analyst, next_value).location == location
