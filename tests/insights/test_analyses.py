"""analyses.py: what pages, exports and the API get, with disclosure control already applied."""

from datetime import UTC, datetime

import pandas as pd
import pytest
from flask import g
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.insights import analyses
from feedback_app.insights.cache import fingerprint
from feedback_app.insights.filters import InsightFilter
from feedback_app.insights.overview import partial_periods, rating_tables
from feedback_app.models import Insight, ReferencePopulation, Response, Service
from tests.fixtures.pages import parse
from tests.insights.conftest import INSIGHTS

CENSUS = [
    {"dimension": "age_band", "group": group, "population": population}
    for group, population in (
        ("16-24", 1200),
        ("25-34", 1500),
        ("35-44", 1500),
        ("45-54", 1500),
        ("55-64", 1500),
        ("65-74", 1400),
        ("75+", 1400),
    )
] + [
    {"dimension": "rurality", "group": "large_city", "population": 3000},
    {"dimension": "rurality", "group": "town", "population": 3000},
    {"dimension": "rurality", "group": "village", "population": 2000},
    {"dimension": "rurality", "group": "countryside", "population": 2000},
]


@pytest.fixture
def context(app, seeded_service):
    with app.test_request_context():
        yield seeded_service


@pytest.fixture
def census(seeded_service):
    db.session.add(ReferencePopulation(service_id=seeded_service.id, name="Census", rows=CENSUS))
    db.session.commit()


def no_small_numbers(table, count_column, numbers):
    """Every row either shows a count of 0 or at least 10, or is suppressed with no numbers."""
    hidden = table["status"].eq("suppressed")
    assert table.loc[hidden, numbers].isna().all().all()
    shown = table.loc[~hidden, count_column].dropna()
    assert not ((shown > 0) & (shown < analyses.SUPPRESS_BELOW)).any()


def test_equity_gaps_finds_the_planted_gap_in_priority_order(context):
    table = analyses.equity_gaps(context)
    flagged = table[table["status"] == "gap"]
    assert "disability=yes" in set(flagged["segment"])
    assert list(flagged["priority"]) == list(range(1, len(flagged) + 1))
    assert table["priority"].iloc[: len(flagged)].notna().all()
    assert table.loc[len(flagged) :, "priority"].isna().all()
    no_small_numbers(table, "n", ["n", "mean", "top2", "effect", "q_value"])


def test_equity_gaps_narrow_to_the_question_and_dimension(context):
    chosen = InsightFilter(question="ces", dimension="disability")
    table = analyses.equity_gaps(context, chosen)
    assert set(table["outcome"]) == {"ces"}
    assert all("disability" in found for found in table["dimensions"])


def test_weighting_needs_a_reference(context):
    assert analyses.equity_gaps(context, weighted=True).attrs["weighted"] is False


def test_weighting_by_raking(context, census):
    table = analyses.equity_gaps(context, weighted=True)
    assert table.attrs["weighted"] is True
    # Weights cost precision: the effective sample is smaller than the real one.
    assert 0 < table.attrs["effective_n"] < 400


def test_participation_is_none_without_reference(context):
    assert analyses.participation(context) is None


def test_participation_against_the_latest_reference(context, census):
    result = analyses.participation(context)
    assert result["reference"].name == "Census"
    groups = result["groups"]
    assert set(groups["dimension"]) == {"age_band", "rurality"}
    assert set(result["scores"]) == {"age_band", "rurality"}
    assert all(0 <= score <= 1 for score in result["scores"].values())
    # The demo under-samples people aged 75 or over (7% of answers, 14% of this census).
    assert "75+" in set(result["under"]["group"])
    no_small_numbers(groups, "n", ["n", "share", "ratio"])


def test_journey_follows_the_stage_order(context):
    result = analyses.journey(context)
    codes = [stage.code for stage in result["stages"]]
    assert codes == ["find_out", "apply", "wait", "receive", "follow_up"]
    everyone = result["curve"][result["curve"]["order"] == 0]
    assert list(everyone["stage"]) == codes
    assert set(result["barriers"]["barrier"]) >= {"waiting_time", "paperwork"}
    hardest = result["hardest"].set_index("segment")
    assert hardest.loc["disability=yes", "stage"] == "apply"


def test_comment_themes(context):
    table = analyses.comment_themes(context)
    assert len(table) >= 2 and (table["n"] >= 10).all()
    commented = analyses.comments(context)["comment"].notna().sum()
    assert commented == table.attrs["sampled"] == table.attrs["comments"]  # 400: no sample
    assert table["n"].sum() + table.attrs["ungrouped"] == commented
    assert table["share"].sum() == pytest.approx(table["n"].sum() / commented)


def test_overview_suppresses_small_cells(context):
    result = analyses.overview(context)
    assert result["total"] == 400
    no_small_numbers(result["timeline"], "count", ["count"])
    no_small_numbers(result["ratings"], "count", ["count", "share"])
    no_small_numbers(result["channels"], "count", ["count"])
    questions = result["questions"].set_index("outcome")
    assert list(questions.index) == analyses.outcomes(context)
    # Beside hidden cells a mean is either hidden or rounded to one decimal.
    ratings = result["ratings"]
    for outcome, row in questions.iterrows():
        hidden = ratings[(ratings["outcome"] == outcome) & ratings["status"].eq("suppressed")]
        if len(hidden) and not pd.isna(row["mean"]):
            assert row["mean"] == round(row["mean"], 1)
        assert (row["status"] == "mean suppressed") == pd.isna(row["mean"])


def _answers(counts):
    """Answers to one 1-5 question `q` per value, as rating_tables takes them, and the total."""
    counted = pd.Series({("q", value): count for value, count in counts.items()})
    return counted, sum(counts.values())


def _rounded_means(counts, hidden_values):
    """The one-decimal mean of every way of spreading the hidden people over hidden values."""
    people = sum(counts[v] for v in hidden_values)
    shown = sum(v * c for v, c in counts.items() if v not in hidden_values)
    low, high = min(hidden_values), max(hidden_values)
    n = sum(counts.values())
    return {round((shown + a * low + (people - a) * high) / n, 1) for a in range(people + 1)}


def test_a_large_service_keeps_its_headline_mean_beside_hidden_cells():
    """3,005 answers with 3 and 4 people at the two lowest values (hidden): the mean, to one
    decimal, is the same however those 7 answered, so it is shown (it was hidden)."""
    counts = {1: 3, 2: 4, 3: 1000, 4: 1000, 5: 998}
    ratings, questions = rating_tables(*_answers(counts), ["q"], {"q": (1, 5)}, 10)
    assert set(ratings[ratings["status"] == "suppressed"]["value"]) == {1, 2}
    [row] = questions.to_dict("records")
    assert row["n"] == 3005 and row["status"] == ""
    assert {row["mean"]} == _rounded_means(counts, (1, 2)) == {4.0}


def test_a_small_service_hides_a_mean_that_would_tell_how_hidden_people_answered():
    counts = {1: 3, 2: 4, 3: 0, 4: 0, 5: 23}
    _ratings, questions = rating_tables(*_answers(counts), ["q"], {"q": (1, 5)}, 10)
    [row] = questions.to_dict("records")
    assert len(_rounded_means(counts, (1, 2))) > 1
    assert pd.isna(row["mean"]) and row["status"] == "mean suppressed"


def test_overview_of_a_tiny_selection_shows_no_number(context):
    for index in range(3):
        db.session.add(
            Response(
                service_id=context.id,
                channel="api",
                locale="en",
                client_key=f"tiny-{index}",
                receipt_hash=f"{index:064d}",
            )
        )
    db.session.commit()
    result = analyses.overview(context, InsightFilter(channels=("api",)))
    assert result["total"] is None
    assert result["timeline"]["count"].isna().all()
    assert result["channels"]["count"].isna().all()


def test_a_withdrawn_response_changes_the_results(context):
    before = fingerprint(context)
    assert analyses.respondents(context) == 400
    db.session.get(Response, 1).withdrawn_at = datetime.now(UTC)
    db.session.commit()
    g.pop("_insights_fingerprints", None)  # as in a new request
    assert fingerprint(context) != before
    assert analyses.respondents(context) == 399


def test_ranked_insights_merge_decisions(context):
    ranked = analyses.ranked_insights(context)
    assert list(ranked["rank"]) == list(range(1, len(ranked) + 1))
    assert set(ranked["status"]) == {"new"}
    first = ranked.iloc[0]
    db.session.add_all(
        [
            Insight(
                service_id=context.id,
                insight_key=first["insight_key"],
                kind=first["kind"],
                status="planned",
                note="Talk to the bus company",
            ),
            Insight(
                service_id=context.id,
                insight_key="gap|gender=man|csat",
                kind="gap",
                status="done",
                snapshot={"segment": "gender=man", "outcome": "csat", "reason": "Old finding"},
                public_text={"en": "We fixed it"},
            ),
        ]
    )
    db.session.commit()
    merged = analyses.ranked_insights(context).set_index("insight_key")
    assert merged.loc[first["insight_key"], "status"] == "planned"
    assert merged.loc[first["insight_key"], "note"] == "Talk to the bus company"
    # A decided insight the analysis no longer flags stays in view, unranked, at the end.
    stale = merged.loc["gap|gender=man|csat"]
    assert pd.isna(stale["rank"]) and stale["status"] == "done"
    assert merged.index[-1] == "gap|gender=man|csat"


def test_a_service_without_questions_or_journey_gives_empty_results(app, outsider_organisation):
    with app.test_request_context():
        bare = db.session.scalar(select(Service).where(Service.slug == "library-at-home"))
        assert analyses.equity_gaps(bare).empty
        assert analyses.journey(bare)["curve"] is None
        assert analyses.overview(bare)["questions"].empty
        assert analyses.comment_themes(bare).empty
        assert analyses.ranked_insights(bare).empty


def _span(first, last):
    return [datetime.fromisoformat(d).replace(tzinfo=UTC) for d in (first, last)]


@pytest.mark.parametrize(
    ("days", "until", "partial"),
    [
        (("2026-06-14", "2026-08-31"), "2026-09-01", ["2026-06-01"]),
        (("2026-06-01", "2026-08-31"), "2026-08-20", ["2026-08-01"]),
        (("2026-06-01", "2026-08-31"), "2026-09-01", []),
    ],
)
def test_a_month_begun_part_way_or_not_over_is_partial(days, until, partial):
    found = partial_periods(*_span(*days), "month", datetime.fromisoformat(until).date())
    assert [d.isoformat() for d in found] == partial


def test_overview_marks_the_current_month_as_not_complete(analyst_client):
    page = parse(analyst_client.get(f"{INSIGHTS}/"))
    figure = page.find("figure", id="timeline")
    assert "shaded in the chart" in figure.find(class_="chart__summary").get_text()
    assert figure.select("rect.chart__partial")
    table = page.find("caption", string="Responses per period and channel").parent
    assert "(not complete)" in table.find_all("tr")[-1].get_text()
