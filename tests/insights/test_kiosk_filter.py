"""The "kiosk or location" filter: analysts compare the places where kiosks stand."""

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from feedback_app.extensions import db
from feedback_app.feedback.models import Response
from feedback_app.insights import analyses
from feedback_app.insights.filters import BAD_CHOICE, InsightFilter, parse_filter
from feedback_app.kiosk import registry
from feedback_app.kiosk.models import Kiosk
from tests.api.helpers import bearer, token_for
from tests.fixtures.pages import parse
from tests.insights.conftest import INSIGHTS

pytestmark = pytest.mark.database


def _kiosk(location):
    return db.session.scalar(select(Kiosk).where(Kiosk.location == location))


def _count(kiosk_ids):
    query = select(func.count()).where(Response.kiosk_id.in_(kiosk_ids))
    return db.session.scalar(query)


def test_the_filter_reads_kiosk_ids_and_keeps_them_in_links(app, seeded_service):
    args = MultiDict([("kiosk", "3"), ("kiosk", "1")])
    with app.test_request_context():
        chosen = parse_filter(args, seeded_service)
        assert chosen.kiosks == (1, 3)
        assert chosen.query_args() == {"kiosk": ["1", "3"]}
        assert chosen.responses.kiosks == (1, 3)


@pytest.mark.parametrize("value", ["999", "abc", "", "1.5", "-1"])
def test_an_unknown_kiosk_is_refused_with_a_clear_message(app, seeded_service, value):
    with app.test_request_context():
        form_errors = None
        try:
            parse_filter(MultiDict([("kiosk", value)]), seeded_service)
        except ValueError as error:
            form_errors = error.errors
    assert form_errors == {"kiosk": [str(BAD_CHOICE)]}


def test_responses_of_one_place_only(app, seeded_service):
    library = _kiosk("Riverside Library, entrance")
    with app.test_request_context():
        everyone = analyses.overview(seeded_service, InsightFilter())["total"]
        at_library = analyses.overview(seeded_service, InsightFilter(kiosks=(library.id,)))
    assert 10 <= at_library["total"] == _count([library.id]) < everyone
    assert set(at_library["channels"]["channel"]) == {"kiosk"}


def test_the_overview_offers_each_place_and_keeps_the_choice(analyst_client):
    hall = _kiosk("Riverside Town Hall, reception")
    page = parse(analyst_client.get(f"{INSIGHTS}/?kiosk={hall.id}"))
    boxes = page.find_all("input", attrs={"name": "kiosk"})
    labels = [page.find("label", attrs={"for": box["id"]}).get_text(strip=True) for box in boxes]
    assert labels == [
        "Hillside Health Centre, waiting room",
        "Riverside Library, entrance",
        "Riverside Town Hall, reception",
    ]
    assert [box["value"] for box in boxes if box.has_attr("checked")] == [str(hall.id)]
    total = page.select_one(".key-figures__number").get_text(strip=True)
    assert int(total.replace(",", "").replace("\u202f", "")) == _count([hall.id])
    # The place follows the analyst to the other pages.
    assert f"kiosk={hall.id}" in page.find("a", href=lambda h: h and "/gaps" in h)["href"]


def test_a_retired_kiosk_stays_in_the_filter_and_says_so(analyst_client, insights_analyst):
    library = _kiosk("Riverside Library, entrance")
    registry.retire(library, insights_analyst, library.services[0])
    page = parse(analyst_client.get(f"{INSIGHTS}/"))
    labels = [label.get_text(strip=True) for label in page.select("label[for^=kiosk]")]
    assert "Riverside Library, entrance (retired)" in labels


def test_a_bad_kiosk_on_a_page_is_a_400_with_the_filters_kept(analyst_client):
    response = analyst_client.get(f"{INSIGHTS}/?kiosk=nowhere&channel=kiosk")
    assert response.status_code == 400
    page = parse(response)
    assert "Choose one of the options listed" in page.find(class_="error-summary").get_text()
    assert page.find("input", attrs={"name": "channel", "value": "kiosk"}).has_attr("checked")


def test_the_export_notes_name_the_place(analyst_client):
    hall = _kiosk("Riverside Town Hall, reception")
    page = analyst_client.get(f"/staff/services/home-support/exports/?kiosk={hall.id}")
    assert "Riverside Town Hall, reception" in page.get_data(as_text=True)


def test_the_api_lists_kiosks_and_filters_by_them(client, seeded_service, insights_analyst):
    token = token_for(insights_analyst)[1]
    services = client.get("/api/v1/services", headers=bearer(token)).json["services"]
    kiosks = {k["location"]: k["id"] for k in services[0]["kiosks"]}
    health = kiosks["Hillside Health Centre, waiting room"]
    url = f"/api/v1/services/home-support/aggregates?kiosk={health}"
    body = client.get(url, headers=bearer(token)).json
    assert body["filters"] == {"kiosk": [str(health)]} and body["total"] == _count([health])
    bad = client.get("/api/v1/services/home-support/aggregates?kiosk=0", headers=bearer(token))
    assert bad.status_code == 400 and set(bad.json["error"]["fields"]) == {"kiosk"}


def test_a_kiosk_whose_residents_told_no_journey_shows_empty_pages(
    analyst_client, seeded_service, insights_analyst
):
    from feedback_app.feedback.submit import build_response

    kiosk, _token = registry.register_kiosk(
        location="New kiosk",
        default_locale="en",
        services=[seeded_service],
        user=insights_analyst,
        service=seeded_service,
    )
    only_ratings = {"ratings": {"csat": "4"}}
    db.session.add(
        build_response(seeded_service, only_ratings, "k-1", locale="en", secret="s", kiosk=kiosk)
    )
    db.session.commit()
    for page in ("journey", "priorities", "gaps", "themes", "participation"):
        assert analyst_client.get(f"{INSIGHTS}/{page}?kiosk={kiosk.id}").status_code == 200, page
