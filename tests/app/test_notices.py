"""The operator's privacy notice and incident notice: filled from a file, shown in every language,
linked from every residents' page and the consent step, its version kept with each consent."""

import pytest
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.extensions import db
from feedback_app.i18n import LANGUAGES
from feedback_app.models import Response
from feedback_app.privacy.notice import NoticeFileError
from tests.api.helpers import bearer, token_for
from tests.api.test_submit import BODY, URL
from tests.app.access_world import build_world
from tests.app.test_access_matrix import expected_cells, order, request_cell, routes
from tests.feedback.resident import Resident
from tests.fixtures.pages import assert_page_basics, parse

NOTICE = """
version = "2026-12"

[controller]
en = "Riverside Council, Town Hall, Riverside."
fr = "Mairie de Riverside."

[legal_basis]
en = "Public task.\\n\\nConsent, for the questions about you."

[contact]
en = "privacy@riverside.example"
"""
INCIDENT = """
published = 2026-12-01

[what_happened]
en = "A kiosk printed receipt codes twice."
[what_we_did]
en = "We fixed the printer."
[what_you_can_do]
en = "Nothing: your answers are safe."
"""


@pytest.fixture
def notice_file(app, tmp_path):
    path = tmp_path / "privacy_notice.toml"
    path.write_text(NOTICE, encoding="utf-8")
    app.config["PRIVACY_NOTICE_FILE"] = str(path)
    return path


@pytest.fixture
def incident_file(app, tmp_path):
    path = tmp_path / "incident_notice.toml"
    path.write_text(INCIDENT, encoding="utf-8")
    app.config["INCIDENT_NOTICE_FILE"] = str(path)
    return path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_notice_renders_in_every_language(client, service, notice_file, lang):
    response = client.get(f"/{lang}/privacy")
    assert response.status_code == 200
    page = assert_page_basics(response, lang=lang)
    assert len(page.select("main h2")) == 6
    controller = page.find(string=lambda s: "Riverside" in s and "Town Hall" in s or "Mairie" in s)
    expected = (
        "Mairie de Riverside." if lang == "fr" else "Riverside Council, Town Hall, Riverside."
    )
    assert controller.strip() == expected
    paragraph = controller.find_parent("p")
    assert paragraph.get("lang") == (None if lang in ("fr", "en") else "en")
    assert "2026-1+2026-12" in page.select_one("main").get_text()


def test_an_unfilled_notice_says_so_and_fills_retention_from_each_service(client, service):
    assert client.get("/en/privacy").text.count("has not filled this in yet") == 3
    retention = parse(client.get("/en/privacy")).select_one("#retention ~ ul").get_text(" ")
    assert "730 days" in retention  # RETENTION_DAYS, the service having no period of its own
    service.retention_days = 365
    db.session.commit()
    retention = parse(client.get("/en/privacy")).select_one("#retention ~ ul").get_text(" ")
    assert "365 days" in retention and "730" not in retention


def test_operator_texts_are_escaped_and_split_into_paragraphs(client, service, notice_file):
    notice_file.write_text(
        NOTICE.replace("privacy@riverside.example", "<script>alert(1)</script>"), encoding="utf-8"
    )
    page = client.get("/en/privacy")
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text
    texts = [p.get_text() for p in parse(page).select("main p")]
    assert "Public task." in texts and "Consent, for the questions about you." in texts


def test_every_residents_page_links_to_the_notice(app, client, service):
    """Every page anyone may open without signing in, in its footer."""
    world = build_world(service)
    anyone = [
        (endpoint, method)
        for endpoint, method in order(routes(app))
        if method == "GET" and expected_cells()[f"GET {endpoint}"]["anon"] == "200"
    ]
    checked = 0
    for endpoint, method in anyone:
        response = request_cell(client, app, endpoint, method, world)
        if response.mimetype == "text/html":
            footer = parse(response).select_one("footer")
            assert footer.select_one("a[href='/en/privacy']"), endpoint
            checked += 1
        response.close()
    assert checked >= 10


def test_the_consent_step_links_to_the_notice(client, service):
    page = parse(Resident(client, lang="fr").get("/about-you/consent"))
    assert page.select_one("main a[href='/fr/privacy']")


def _sent_response(client, consent="yes"):
    resident = Resident(client)
    resident.answer_everything(consent=consent)
    resident.send()
    return db.session.scalar(select(Response))


def test_the_notice_version_shown_is_kept_with_consent(client, service, notice_file):
    resident = Resident(client)
    resident.answer_everything()
    # Changed after the resident agreed: what they could read then is what is kept.
    notice_file.write_text(NOTICE.replace("2026-12", "2027-01"), encoding="utf-8")
    resident.send()
    response = db.session.scalar(select(Response))
    assert response.consent_version == "2026-1"
    assert response.privacy_notice_version == "2026-1+2026-12"


def test_without_consent_no_notice_version_is_kept(client, service, notice_file):
    assert _sent_response(client, consent="no").privacy_notice_version is None


def test_a_notice_without_a_version_is_known_by_a_hash_of_its_file(client, service, notice_file):
    notice_file.write_text(NOTICE.replace('version = "2026-12"', ""), encoding="utf-8")
    version = _sent_response(client).privacy_notice_version
    assert version.startswith("2026-1+") and len(version) == len("2026-1+") + 12


def test_a_partners_response_keeps_the_notice_version(
    client, service, notice_file, make_user, partner
):
    user = make_user("fac@example.org", organisation=partner, role="facilitator")
    _, secret = token_for(user)
    assert client.post(URL, json=BODY, headers=bearer(secret)).status_code == 201
    stored = db.session.scalar(select(Response))
    assert stored.privacy_notice_version == "2026-1+2026-12"


@pytest.mark.parametrize(
    "broken",
    ["[controller\nen = 'x'", "[controller]\nde = 'x'", "[contoller]\nen = 'x'", "version = 3"],
)
def test_a_broken_file_stops_the_start_with_a_clear_message(tmp_path, broken):
    path = tmp_path / "privacy_notice.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(NoticeFileError, match=str(path)):
        create_app({"ENV_NAME": "testing", "PRIVACY_NOTICE_FILE": str(path)})


def test_a_file_broken_while_running_keeps_the_last_good_notice(client, service, notice_file):
    assert "Mairie" in client.get("/fr/privacy").text
    notice_file.write_text("[controller\n", encoding="utf-8")
    response = client.get("/fr/privacy")
    assert response.status_code == 200 and "Mairie" in response.text


def test_no_incident_notice_by_default(client, service):
    assert client.get("/en/incident").status_code == 404
    assert not parse(client.get("/en/")).select_one(".incident-banner")


def test_a_published_incident_is_linked_from_every_page(client, service, incident_file):
    for url in ("/en/", "/en/s/home-support/rate", "/en/privacy", "/login"):
        banner = parse(client.get(url)).select_one(".incident-banner a")
        assert banner["href"] == "/en/incident", url
    page = assert_page_basics(client.get("/en/incident"))
    headings = [h.get_text() for h in page.select("main h2")]
    assert headings == ["What happened", "What we did", "What you can do"]
    assert "A kiosk printed receipt codes twice." in page.text
    assert "December 1, 2026" in page.select_one(".lead").get_text()
    incident_file.unlink()
    assert client.get("/en/incident").status_code == 404
