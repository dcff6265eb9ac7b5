"""Every page in fr, en, es and ar; service content falls back visibly, with its own lang."""

import pytest
from sqlalchemy import select

from feedback_app.catalogue.models import Question, Stage
from feedback_app.extensions import db
from feedback_app.feedback import character_count
from feedback_app.i18n import LANGUAGES
from tests.feedback.resident import Resident
from tests.fixtures.pages import assert_page_basics, parse

pytestmark = pytest.mark.database

FLOW_PAGES = ["", "/rate", "/journey/apply", "/comment", "/about-you/consent", "/check"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_is_in_the_language_of_its_url(client, service, lang):
    resident = Resident(client, lang=lang)
    resident.post("/about-you/consent", {"consent": "yes"})
    for path in [*FLOW_PAGES, "/about-you", "/about-you/activities"]:
        page = assert_page_basics(resident.get(path), lang=lang)
        switch = page.find("nav", class_="language-switch")
        others = {a["lang"] for a in switch.find_all("a")}
        assert others == set(LANGUAGES) - {lang}, path
        assert page.find("a", href=f"/{lang}/accessibility"), path
    for path in ("/receipt", "/accessibility"):
        assert_page_basics(client.get(f"/{lang}{path}"), lang=lang)


def test_the_language_switch_keeps_the_page(client, service):
    page = parse(Resident(client).get("/journey/wait"))
    link = page.find("nav", class_="language-switch").find("a", lang="ar")
    assert link["href"] == "/ar/s/home-support/journey/wait"


def test_the_language_switch_keeps_where_the_page_leads(client, service):
    """Changing language while correcting an answer still leads back to "Check your answers"."""
    page = parse(Resident(client).get("/journey/wait?return_to=check"))
    link = page.find("nav", class_="language-switch").find("a", lang="fr")
    assert link["href"] == "/fr/s/home-support/journey/wait?return_to=check"


def test_the_language_switch_names_the_page_whatever_its_language(client, service):
    """Typed answers are carried to the page the switch names: the same in every language,
    another for another stage or another query string (one item of a list from another)."""

    def named(path):
        return parse(client.get(path)).find("nav", class_="language-switch")["data-page"]

    wait = named("/en/s/home-support/journey/wait")
    assert (
        wait
        == named("/ar/s/home-support/journey/wait")
        == "feedback.stage slug=home-support stage_code=wait"
    )
    assert named("/fr/s/home-support/journey/apply") != wait
    assert named("/fr/s/home-support/journey/wait?return_to=check") != wait


def test_service_content_is_shown_in_the_residents_language(client, service):
    page = parse(Resident(client, lang="es").get("/journey/apply"))
    assert page.h1.get_text(strip=True) == "Solicitar"
    assert not page.h1.has_attr("lang")
    assert page.find("label", string="Totalmente de acuerdo") is None  # not on this page
    rate = parse(Resident(client, lang="es").get("/rate"))
    assert rate.find("label", string="Totalmente de acuerdo") is not None


def test_missing_translations_fall_back_with_the_right_lang_and_dir(client, service):
    stage = db.session.scalar(select(Stage).where(Stage.code == "apply"))
    stage.name = {"en": "Applying", "fr": "Faire la demande"}
    question = db.session.scalar(select(Question).where(Question.code == "csat"))
    question.text = {"fr": "Êtes-vous satisfait ?"}
    question.options = {"en": ["1", "2", "3", "4", "Very satisfied"]}
    db.session.commit()
    stage_page = parse(Resident(client, lang="ar").get("/journey/apply"))
    assert stage_page.h1.get_text(strip=True) == "Applying"
    assert (stage_page.h1["lang"], stage_page.h1["dir"]) == ("en", "ltr")
    rate = parse(Resident(client, lang="es").get("/rate"))
    legend = rate.find(id="rating_csat-0").find_parent("fieldset").legend
    assert (legend.get_text(strip=True), legend["lang"]) == ("Êtes-vous satisfait ?", "fr")
    label = rate.find("label", string="Very satisfied")
    assert label["lang"] == "en" and not label.has_attr("dir")


def test_language_names_are_marked_with_their_own_language(client, service):
    resident = Resident(client, lang="fr")
    resident.post("/about-you/consent", {"consent": "yes"})
    page = parse(resident.get("/about-you"))
    assert page.find("label", string="العربية")["lang"] == "ar"
    assert page.find("label", string="العربية")["dir"] == "rtl"
    assert not page.find("label", string="Français").has_attr("lang")


@pytest.mark.parametrize(
    "lang, categories",
    [("en", {"one", "other"}), ("ar", {"zero", "one", "two", "few", "many", "other"})],
)
def test_the_character_count_carries_every_plural_form(app, lang, categories):
    with app.test_request_context(f"/{lang}/"):
        templates = character_count.count_templates(lang)
    expected = {f"{kind}-{c}" for kind in ("remaining", "too-many") for c in categories}
    assert set(templates) == expected
    assert all("%(num)d" in template for template in templates.values())


def test_the_character_count_uses_singular_and_plural(app):
    with app.test_request_context("/en/"):
        assert character_count.count_message("a" * 9, 10) == "You have 1 character remaining"
        assert character_count.count_message("", 10) == "You have 10 characters remaining"
        assert character_count.count_message("a" * 11, 10) == "You have 1 character too many"


def test_the_comment_box_states_its_limit_and_writes_either_way(client, service):
    page = parse(Resident(client).get("/comment"))
    area = page.find("textarea")
    assert area["dir"] == "auto" and not area.has_attr("maxlength")
    assert "up to 2000 characters" in page.find(id="comment-hint").get_text()
    assert "comment-hint" in area["aria-describedby"]
    counter = page.find(id="comment-count")
    assert counter.get_text() == "You have 2000 characters remaining"
    assert counter["data-remaining-one"] == "You have %(num)d character remaining"
    assert page.find(id="comment-count-status")["role"] == "status"
