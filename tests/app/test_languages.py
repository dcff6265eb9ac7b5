"""Language negotiation, /<lang>/ URLs, right-to-left Arabic and visible content fallbacks."""

import pytest

from feedback_app.extensions import db
from feedback_app.i18n import LANGUAGES, localized
from tests.fixtures.pages import assert_page_basics, parse


def test_root_offers_every_language_with_the_browser_match_first(client):
    response = client.get("/", headers={"Accept-Language": "ar;q=0.9, en;q=0.5"})
    page = assert_page_basics(response)
    links = page.select(".language-choice a")
    assert [a["lang"] for a in links] == ["ar", "fr", "en", "es"]
    assert [a["href"] for a in links] == ["/ar/", "/fr/", "/en/", "/es/"]
    assert page.find("html")["lang"] == "ar"


def test_root_redirects_to_the_saved_language(client):
    client.get("/es/")
    response = client.get("/", headers={"Accept-Language": "fr"})
    assert response.status_code == 302 and response.location == "/es/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_home_sets_lang_and_direction(client, service, lang):
    page = assert_page_basics(client.get(f"/{lang}/"), lang=lang)
    assert page.find("html")["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert service.name[lang] in page.get_text()
    switch = {a["lang"]: a["href"] for a in page.select(".language-switch a")}
    assert set(switch) == set(LANGUAGES) - {lang}
    assert all(href == f"/{code}/" for code, href in switch.items())


def test_unsupported_language_in_the_url_is_a_404(client):
    assert client.get("/de/").status_code == 404


def test_translated_interface_text_in_french_and_arabic(client):
    assert "Choisissez votre langue" in client.get("/", headers={"Accept-Language": "fr"}).text
    page = parse(client.get("/ar/"))
    assert page.find("a", class_="skip-link").get_text() == "الانتقال إلى المحتوى الرئيسي"


def test_staff_pages_follow_the_saved_language(client):
    client.get("/language/fr?next=/login")
    page = assert_page_basics(client.get("/login"), lang="fr")
    assert page.find("h1").get_text() == "Connexion du personnel"


def test_language_choice_for_staff_pages_never_redirects_off_site(client):
    response = client.get("/language/ar?next=https://evil.example/")
    assert response.status_code == 302 and response.location == "/staff/"


def test_missing_translation_falls_back_visibly_with_its_own_lang(app):
    with app.test_request_context("/ar/"):
        text = localized({"en": "Library", "fr": "Bibliothèque"}, "ar")
        assert (text.text, text.lang, text.is_fallback) == ("Library", "en", True)
        assert localized({"ar": "مكتبة"}, "ar").is_fallback is False


def test_fallback_service_name_carries_its_language(client, service, app):
    service.name = {"en": "Only in English"}
    db.session.commit()
    page = parse(client.get("/ar/"))
    link = page.find("a", string="Only in English")
    assert link is not None and link["lang"] == "en"
    assert link["href"] == "/ar/s/home-support"
