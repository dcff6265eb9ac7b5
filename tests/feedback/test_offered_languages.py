"""A service offered in some languages only: residents are sent to one of those, and the
language switcher offers only those."""

import pytest

from feedback_app.extensions import db
from tests.fixtures.pages import assert_page_basics, parse

pytestmark = pytest.mark.database
START = "/s/home-support"


@pytest.fixture
def french_and_arabic(service):
    service.languages = ["fr", "ar"]
    db.session.commit()
    return service


def test_a_language_the_service_does_not_offer_sends_to_one_it_does(client, french_and_arabic):
    response = client.get(f"/en{START}/rate?x=1", headers={"Accept-Language": "ar, fr;q=0.5"})
    assert response.status_code == 307
    assert response.location == f"/ar{START}/rate?x=1"
    plain = client.get(f"/es{START}", headers={"Accept-Language": "de"})
    assert plain.location == f"/fr{START}"
    shared = client.get(START, headers={"Accept-Language": "en, ar;q=0.5"})
    assert shared.location == f"/ar{START}"


def test_the_switcher_offers_only_the_service_languages(client, french_and_arabic):
    page = assert_page_basics(client.get(f"/fr{START}"), lang="fr")
    switch = page.find("nav", class_="language-switch")
    assert [a["lang"] for a in switch.find_all("a")] == ["ar"]
    home = parse(client.get("/fr/accessibility")).find("nav", class_="language-switch")
    assert {a["lang"] for a in home.find_all("a")} == {"en", "es", "ar"}
