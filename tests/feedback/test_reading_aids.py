"""Reading aids (issue 13): text size, high contrast and easy read, chosen once without
JavaScript, kept in a cookie holding only the choice, and easy-read text with its fallback."""

import re
from urllib.parse import quote

import pytest

from feedback_app.extensions import db
from feedback_app.reading import READING_COOKIE
from tests.feedback.resident import Resident
from tests.fixtures.pages import assert_page_basics, csrf_token, parse

RATE = "/en/s/home-support/rate"
CHOICE = {"text_size": "largest", "contrast": "high", "easy": "on"}


def choose(client, choice=CHOICE, *, next_url=RATE):
    """What the reading aids page sends, opened from a page of the flow."""
    token = csrf_token(client.get(f"/en/reading-aids?next={next_url}"))
    data = {"csrf_token": token, "next": next_url, **choice}
    return client.post("/en/reading-aids", data=data)


def html_classes(response):
    return set(parse(response).html.get("class", []))


def easy_read_client(client):
    client.set_cookie(READING_COOKIE, "standard.standard.on")
    return client


def legends(response):
    return [legend.get_text(strip=True) for legend in parse(response).main.find_all("legend")]


def test_the_choice_is_made_without_javascript_and_the_flow_page_comes_back(client, service):
    response = choose(client)
    assert response.status_code == 302 and response.location == RATE
    page = client.get(RATE)
    assert html_classes(page) == {"text-largest", "high-contrast", "easy-read"}
    assert parse(page).find("link", href=re.compile("easy-read.css"))


def test_the_cookie_holds_only_the_choice_for_a_year_same_site(client, service):
    response = choose(client)
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("reading=")]
    assert header.startswith("reading=largest.high.on;")
    assert "SameSite=Lax" in header and "HttpOnly" in header and "Max-Age=31536000" in header
    assert client.get_cookie(READING_COOKIE).value == "largest.high.on"


def test_the_choice_is_remembered_on_public_pages_and_the_form_shows_it(client, service):
    choose(client)
    for url in ("/en/", "/en/accessibility", "/en/s/home-support", "/en/reading-aids"):
        response = client.get(url)
        assert html_classes(response) == {"text-largest", "high-contrast", "easy-read"}, url
        assert "Cookie" in response.headers["Vary"], url
    page = assert_page_basics(client.get("/en/reading-aids"))
    assert page.find("input", id="text_size-2").has_attr("checked")
    assert page.find("input", id="easy-1").has_attr("checked")


def test_choosing_the_defaults_again_forgets_the_cookie(client, service):
    choose(client)
    default = {
        "text_size": "standard",
        "contrast": "standard",
        "easy": "off",
    }
    choose(client, default)
    assert client.get_cookie(READING_COOKIE) is None
    assert html_classes(client.get(RATE)) == set()


def test_every_page_links_to_the_reading_aids_and_they_lead_back(client, service):
    for url in (RATE, "/en/accessibility", "/fr/s/home-support?from=qr"):
        link = parse(client.get(url)).header.find("a", class_="reading-aids-link")
        lang = url[1:3]
        assert link["href"] == f"/{lang}/reading-aids?next={quote(url, safe='/?')}", url
    page = assert_page_basics(client.get(f"/en/reading-aids?next={RATE}"))
    assert page.find("input", attrs={"name": "next"})["value"] == RATE
    assert page.find("a", class_="back-link")["href"] == RATE
    assert "no-store" in client.get("/en/reading-aids").headers["Cache-Control"]


@pytest.mark.parametrize(
    "value",
    [
        "huge.high.on",
        "largest.high.on.extra",
        "largest.high",
        "",
        "<script>alert(1)</script>",
        "largest.high.on%3B%20Path%3D%2F",
        "largé.high.on",
        "x" * 4000,
        "..",
    ],
)
def test_a_hostile_cookie_is_ignored(client, service, value):
    client.set_cookie(READING_COOKIE, value)
    for url in (RATE, "/en/", "/en/reading-aids"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_classes(response) == set(), url


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({**CHOICE, "text_size": "huge"}, "Choose one of the text sizes shown"),
        ({**CHOICE, "contrast": "inverted"}, "Choose one of the colour options shown"),
        ({**CHOICE, "easy": "yes"}, "Choose whether to use easy read from the answers"),
    ],
)
def test_a_forged_or_missing_choice_is_explained_and_nothing_is_saved(
    client, service, choice, message
):
    response = choose(client, choice)
    assert response.status_code == 400
    page = assert_page_basics(response)
    assert message in page.find(class_="error-summary").get_text()
    assert client.get_cookie(READING_COOKIE) is None


def test_a_setting_left_out_keeps_its_current_value(client, service):
    choose(client)
    choose(client, {"text_size": "large"})
    assert client.get_cookie(READING_COOKIE).value == "large.high.on"


def test_a_choice_without_its_form_token_is_refused_in_words(client, service):
    response = client.post("/en/reading-aids", data=CHOICE)
    assert response.status_code == 400
    assert "Your form had expired" in parse(response).main.get_text()
    assert client.get_cookie(READING_COOKIE) is None


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "",
        "javascript:alert(1)",
    ],
)
def test_it_goes_back_only_to_a_page_of_this_site(client, service, next_url):
    response = choose(client, next_url=next_url)
    assert response.status_code == 302 and response.location == "/en/"


def test_easy_read_shows_the_questions_easy_read_text_and_faces(client, service):
    standard = client.get(RATE)
    assert "I am satisfied with the service I received." in legends(standard)
    assert parse(standard).find(class_="icon") is None
    easy = easy_read_client(client).get(RATE)
    assert "I am happy with the help I got." in legends(easy)
    assert "I am satisfied with the service I received." not in legends(easy)
    labels = parse(easy).main.find_all("label", class_="choice__label")
    faces = [label.span["class"][1] for label in labels[:6]]
    assert faces == [
        "icon--very-bad",
        "icon--bad",
        "icon--neither",
        "icon--good",
        "icon--very-good",
        "icon--not-applicable",
    ]
    assert all(
        label.span["aria-hidden"] == "true" and label.get_text(strip=True) for label in labels
    )
    assert "Choose one answer for each sentence." in parse(easy).main.get_text()


def test_easy_read_text_of_a_stage_replaces_its_description(client, service):
    easy = parse(easy_read_client(client).get("/fr/s/home-support/journey/apply")).main
    assert "Vous demandez l'aide à domicile. Vous remplissez un formulaire." in easy.get_text()
    feelings = easy.find_all("input", attrs={"name": "emotion"})
    assert [f.find_next("label").span["class"][1] for f in feelings][0] == "icon--very-bad"


def test_without_easy_read_text_in_the_language_the_standard_text_is_shown(client, service):
    question = service.question_set.questions[0]
    question.easy_read = {"fr": question.easy_read["fr"]}
    db.session.commit()
    easy_read_client(client)
    assert "I am satisfied with the service I received." in legends(client.get(RATE))
    french = legends(client.get("/fr/s/home-support/rate"))
    assert "Je suis content de l'aide que j'ai eue." in french
    question.easy_read = None
    db.session.commit()
    assert "Je suis satisfait du service que j'ai reçu." in legends(
        client.get("/fr/s/home-support/rate")
    )


def test_a_resident_in_easy_read_completes_the_flow(client, service):
    easy_read_client(client)
    resident = Resident(client)
    resident.answer_everything()
    assert "Send feedback" in resident.get("/check").get_data(as_text=True)
    resident.send()
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}", resident.receipt_code())


def test_every_question_page_offers_read_aloud_to_its_script(client, service):
    """The script adds a button per question where the browser has a voice; without a voice,
    or without JavaScript, the page is unchanged."""
    page = parse(client.get(RATE))
    assert page.find("script", src=re.compile("read-aloud.js"))
    part = page.main.find(attrs={"data-read-aloud-questions": True})
    assert part["data-read-label"] == "Read aloud" and part["data-stop-label"] == "Stop reading"
    assert part.find("fieldset")
    assert not parse(client.get("/en/")).find("script", src=re.compile("read-aloud.js"))
