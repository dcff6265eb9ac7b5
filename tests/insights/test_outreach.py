"""Whom to reach next on "Who took part": sentences and table, disclosure control on."""

import re

import pytest

from feedback_app.insights.labels import Vocabulary
from feedback_app.insights.outreach import outreach_sentence
from tests.fixtures.pages import assert_page_basics, parse
from tests.insights.conftest import INSIGHTS

PAGE = INSIGHTS + "/participation"
SENTENCE = re.compile(
    r"^(People .+): about (\d+) more responses would let us test whether the service works "
    r"as well for them\.( .+ has reached them most \(\d+%(?: of their answers)?\)\.)?$"
)


def outreach_rows(page):
    table = page.find("caption", string="Whom to reach next").find_parent("table")
    return [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]


def test_the_page_says_whom_to_reach_next_with_the_table_beside_it(analyst_client):
    page = assert_page_basics(analyst_client.get(PAGE))
    sentences = [li.get_text(" ", strip=True) for li in page.select("#outreach ~ ul li")]
    assert sentences and all(SENTENCE.match(s) for s in sentences), sentences
    rows = {row[0]: row for row in outreach_rows(page)}
    assert "Age: 75 or over" in rows
    for row in rows.values():
        if row[-1] == "More responses needed":
            responses, needed, more = (int(cell.replace(",", "")) for cell in row[1:4])
            assert needed - 10 < responses + more <= needed + 10


@pytest.mark.parametrize(
    ("channel", "share", "named"),
    [
        ("kiosk", 0.7, "The kiosk at Riverside Library has reached them most (40%"),
        ("web", 0.6, "Website has reached them most (60%"),
    ],
)
def test_a_kiosk_is_named_only_when_kiosks_reached_the_group_most(
    app, seeded_service, channel, share, named
):
    row = {
        "segment": "age_band=75+ & rurality=village",
        "n_more": 140,
        "best_channel": channel,
        "best_channel_share": share,
        "best_kiosk": "Riverside Library",
        "best_kiosk_share": 0.4,
    }
    with app.test_request_context():
        sentence = outreach_sentence(Vocabulary(seeded_service), row)
    assert sentence.startswith("People aged 75 or over and living in a village: about 140 more")
    assert named in sentence


def test_groups_under_ten_people_are_not_named(analyst_client):
    """Even as hidden: a row would still tell that someone of the group took part."""
    rows = outreach_rows(parse(analyst_client.get(PAGE)))
    assert rows and all(row[-1] != "Hidden: fewer than 10 people" for row in rows)
    assert all(int(row[1].replace(",", "")) >= 10 for row in rows)
