"""Odd input to the analysts' pages (NUL bytes, huge numbers): a clear 4xx, never a 500."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Insight, ReferencePopulation
from tests.insights.helpers import error_messages
from tests.insights.test_decisions import post_item
from tests.insights.test_participation import GOOD_CSV, upload

pytestmark = pytest.mark.database


@pytest.mark.parametrize(
    "path",
    [
        "/en/s/%00/you-said-we-did",
        "/staff/services/%00/insights/",
        "/staff/services/home%00support/insights/gaps",
        "/staff/services/%00/exports/",
        "/staff/services/%00/exports/csv",
        "/staff/services/" + "x" * 500 + "/insights/",
    ],
)
def test_an_odd_service_address_is_a_404_page(analyst_client, path):
    response = analyst_client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_a_nul_byte_in_a_note_is_left_out(analyst_client):
    response = post_item(analyst_client, {"note-note": "Ask the\x00 village halls"})
    assert response.status_code in (200, 302)
    assert db.session.scalar(select(Insight.note)) == "Ask the village halls"


def test_a_direction_override_in_a_note_is_left_out_and_line_breaks_kept(analyst_client):
    response = post_item(analyst_client, {"note-note": "Ask the \u202evillage\u202c halls\nfirst"})
    assert response.status_code in (200, 302)
    assert db.session.scalar(select(Insight.note)) == "Ask the village halls\nfirst"


def test_a_nul_byte_in_a_reference_name_is_left_out(analyst_client):
    response = upload(analyst_client, GOOD_CSV, name="Census\x00 2021")
    assert response.status_code in (201, 302)
    assert db.session.scalar(select(ReferencePopulation.name)) == "Census 2021"


def test_a_population_of_5000_digits_is_refused_with_its_row(analyst_client):
    content = "dimension,group,population\ngender,woman,5\ngender,man," + "9" * 5000 + "\n"
    response = upload(analyst_client, content)
    assert response.status_code == 400
    assert error_messages(response)[0].startswith("Row 3: the population must be")
    assert db.session.scalar(select(ReferencePopulation)) is None
