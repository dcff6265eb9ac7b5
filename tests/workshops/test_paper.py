"""Paper forms: printable per activity with the join code, and a CSV of typed-in forms that is
imported whole or not at all, with every wrong row listed in the user's language."""

import io

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from feedback_app.workshops import agenda
from feedback_app.workshops.models import Card, Rating
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.fixtures.people import sign_in
from tests.workshops.helpers import text_of

pytestmark = pytest.mark.database
HEADER = "activity,stage,kind,feeling,text,option,criterion,rating\n"


@pytest.fixture
def paper_url(client, facilitator, workshop):
    sign_in(client, "facilitator@example.org")
    return f"/staff/services/home-support/workshops/{workshop.id}/paper"


@pytest.fixture
def rating_round(workshop, journey_map):
    return agenda.add_activity(
        workshop, "rating_round", options=["Paper", "Phone"], criteria=["Easy"]
    )


def _upload(client, url, content, name="forms.csv"):
    data = {"csrf_token": csrf_token(client.get(url)), "file": (io.BytesIO(content), name)}
    return client.post(url, data=data, content_type="multipart/form-data")


def _counts():
    return (
        db.session.scalar(select(func.count(Card.id))),
        db.session.scalar(select(func.count(Rating.id))),
    )


def test_a_printable_form_carries_the_join_code_and_the_stages(
    client, paper_url, workshop, journey_map
):
    page = assert_page_basics(client.get(paper_url.replace("/paper", f"/print/{journey_map.id}")))
    assert workshop.join_code in page.get_text()
    stages = workshop.service.journey.stages
    assert len(page.select(".paper-form__stage")) == len(stages)
    # The A4 print rules live in the workshops' stylesheet.
    assert page.find("link", href="/static/css/workshops.css") is not None


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_a_printable_form_speaks_the_language_chosen(client, paper_url, journey_map, lang):
    client.get(f"/language/{lang}")
    page = parse(client.get(paper_url.replace("/paper", f"/print/{journey_map.id}")))
    assert page.html["lang"] == lang
    with force_locale(lang):
        hand_in = gettext("or write here and hand this sheet to the facilitator.")
    assert hand_in in page.get_text()
    stage = journey_map.workshop.service.journey.stages[0]
    assert stage.name[lang] in page.select_one(".paper-form__stage").get_text()


def test_a_good_file_is_imported_with_its_provenance(
    client, paper_url, facilitator, workshop, journey_map, rating_round
):
    stage = workshop.service.journey.stages[0].code
    content = (
        HEADER
        + f"1,{stage},pain,-2,Long wait on the phone,,,\n"
        + f"1,{stage},step,,=cmd|' /C calc'!A0,,,\n"
        + "2,,,,,2,1,1\n"
    ).encode("utf-8-sig")
    response = _upload(client, paper_url, content)
    assert response.status_code == 302
    assert "3 rows were imported as batch paper-" in text_of(client.get(paper_url))
    assert _counts() == (2, 1)
    card = db.session.scalar(select(Card).order_by(Card.id))
    assert (card.provenance, card.entered_by_id, card.emotion) == ("paper", facilitator.id, -2)
    rating = db.session.scalar(select(Rating))
    assert (rating.option, rating.criterion, rating.value, rating.batch) == (1, 0, 1, card.batch)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "workshop_paper_import")
    )
    assert event.details == {"batch": card.batch, "rows": 3}


def test_one_broken_row_imports_nothing_and_every_problem_is_listed(
    client, paper_url, workshop, journey_map, rating_round
):
    stage = workshop.service.journey.stages[0].code
    content = (
        HEADER
        + f"1,{stage},pain,-2,Fine row,,,\n"
        + "1,nowhere,pain,5,,,,\n"
        + "2,,,,,3,1,9\n"
        + "7,,,,x,,,\n"
    ).encode()
    response = _upload(client, paper_url, content)
    assert response.status_code == 400
    rows = [
        [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in parse(response).select(".error-summary tbody tr")
    ]
    assert rows == [
        ["3", "The card has no text."],
        ["3", "There is no stage with the code nowhere."],
        ["3", "feeling must be a whole number from −2 to 2."],
        ["4", "option must be a number from 1 to 2."],
        ["4", "rating must be a whole number from −2 to 2."],
        ["5", "There is no activity 7 on the agenda that takes cards or ratings."],
    ]
    assert _counts() == (0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"activity,text\n1,x\n", "missing: stage, kind, feeling, option, criterion"),
        ("\xff\xfe".encode("latin-1"), "saved as UTF-8"),
        (HEADER.encode(), "no rows"),
    ],
)
def test_a_malformed_file_is_explained(client, paper_url, journey_map, content, message):
    response = _upload(client, paper_url, content)
    assert response.status_code == 400 and message in text_of(response)
    assert _counts() == (0, 0)


def test_the_import_speaks_the_users_language(client, paper_url, journey_map):
    client.get("/language/fr?next=/staff/")
    response = _upload(client, paper_url, HEADER.encode())
    assert response.status_code == 400
    assert parse(response).find("html")["lang"] == "fr"
