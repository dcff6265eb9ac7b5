"""The residents' "You said, we did" page, in every language, without signing in."""

import pytest

from feedback_app.extensions import db
from feedback_app.i18n import LANGUAGES
from feedback_app.models import Insight
from tests.fixtures.pages import assert_page_basics

PATH = "/{lang}/s/home-support/you-said-we-did"


@pytest.fixture
def done(service):
    db.session.add_all(
        [
            Insight(
                service_id=service.id,
                insight_key="gap|disability=yes|ces",
                kind="gap",
                status="done",
                public_text={
                    "en": "We now visit disabled residents in villages at home.",
                    "ar": "نزور الآن السكان ذوي الإعاقة في القرى في منازلهم.",
                },
            ),
            Insight(
                service_id=service.id,
                insight_key="journey|all|wait",
                kind="journey",
                status="in_progress",
                public_text={"en": "Not finished yet: must not be shown."},
            ),
            Insight(
                service_id=service.id,
                insight_key="theme|bus village",
                kind="theme",
                status="dismissed",
            ),
        ]
    )
    db.session.commit()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_works_without_signing_in(client, done, lang):
    response = client.get(PATH.format(lang=lang))
    assert response.status_code == 200
    page = assert_page_basics(response, lang=lang)
    items = page.select(".said-did__item")
    assert len(items) == 1
    assert "Not finished yet" not in page.get_text()


def test_arabic_reads_right_to_left_in_arabic(client, done):
    page = assert_page_basics(client.get(PATH.format(lang="ar")), lang="ar")
    assert page.find("html")["dir"] == "rtl"
    text = page.select_one(".said-did__item p")
    assert text.get_text() == "نزور الآن السكان ذوي الإعاقة في القرى في منازلهم."
    assert text.get("lang") is None  # in the page's own language: no marker needed


def test_a_missing_language_falls_back_visibly(client, done):
    page = assert_page_basics(client.get(PATH.format(lang="fr")), lang="fr")
    text = page.select_one(".said-did__item p")
    assert text.get_text() == "We now visit disabled residents in villages at home."
    assert (text["lang"], text["dir"]) == ("en", "ltr")


def test_nothing_done_yet(client, service):
    page = assert_page_basics(client.get(PATH.format(lang="en")))
    assert "Nothing to report yet" in page.get_text()


def test_an_unpublished_or_unknown_service_is_404(client, service):
    service.is_published = False
    db.session.commit()
    assert client.get(PATH.format(lang="en")).status_code == 404
    assert client.get("/en/s/no-such-service/you-said-we-did").status_code == 404


def test_the_endpoint_the_confirmation_page_links_to(app, service):
    from flask import url_for

    with app.test_request_context():
        assert url_for("insights.you_said_we_did", lang="ar", slug="home-support") == (
            "/ar/s/home-support/you-said-we-did"
        )
