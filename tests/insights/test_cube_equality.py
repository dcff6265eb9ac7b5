"""The pages' numbers, counted by the database, equal those computed from every response.

Each table of `analyses` (count cubes from SQL) is compared with `analysis` run on the frame
of one row per response (frame_path.py), disclosure control included, on the demo data and on
random data of every shape, under several filters. Counts, statuses and unweighted statistics
are equal exactly; raking weights add up per cell instead of per response, so weighted
statistics are equal to 1e-9.
"""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import select

from feedback_app.demo import content
from feedback_app.demo.bulk import seed_random_responses
from feedback_app.extensions import db
from feedback_app.insights import analyses
from feedback_app.insights.filters import InsightFilter
from feedback_app.insights.frames import comments_frame
from feedback_app.insights.models import ReferencePopulation
from feedback_app.kiosk.models import Kiosk
from tests.insights import frame_path


def _filters(service):
    """No filter, a date window, channels, one kiosk, and a selection of nobody."""
    kiosk = db.session.scalar(select(Kiosk.id).order_by(Kiosk.id))
    now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return [
        InsightFilter(),
        InsightFilter(since=now - timedelta(days=90), until=now - timedelta(days=20)),
        InsightFilter(channels=("web", "kiosk")),
        InsightFilter(kiosks=(kiosk,)),
        InsightFilter(channels=("api",)),
    ]


@pytest.fixture(params=["demo", "random"])
def data(request, app, service):
    """The demo service with the demo's responses, or with random ones, and a census."""
    from feedback_app.demo.seed import seed_kiosks, seed_responses

    kiosks = seed_kiosks(service)
    if request.param == "demo":
        seed_responses(service, count=600, kiosks=kiosks)
    else:
        seed_random_responses(service, count=3000, seed=7, kiosks=[k for k, _ in kiosks])
    rows = content.REFERENCE_POPULATION
    db.session.add(ReferencePopulation(service_id=service.id, name="Census", rows=rows))
    db.session.commit()
    with app.test_request_context():
        yield service


def _same(cube_table, frame_table, *, exact=True):
    assert len(cube_table) > 0 or len(frame_table) == 0
    assert_frame_equal(
        cube_table.reset_index(drop=True),
        frame_table.reset_index(drop=True),
        check_dtype=False,
        check_exact=exact,
        rtol=1e-9,
    )


def test_every_table_of_the_cubes_equals_the_frame_path(data):
    service = data
    reference = analyses.reference_table(analyses.latest_reference(service))
    checked = 0
    for insight_filter in _filters(service):
        chosen = insight_filter.responses
        frame = frame_path.frame_of(service, chosen)
        gaps = analyses._all_gaps(service, insight_filter, False)
        _same(gaps, frame_path.gaps(service, chosen, frame))
        weighted = analyses._all_gaps(service, insight_filter, True)
        assert weighted.attrs["weighted"]
        expected = frame_path.gaps(service, chosen, frame, reference)
        _same(weighted, expected, exact=False)
        curve = analyses.journey(service, insight_filter)["curve"]
        if len(frame):
            _same(curve, frame_path.journey(service, frame))
        groups = analyses.participation(service, insight_filter)["groups"]
        _same(groups, frame_path.representation(frame, reference))
        plan = analyses.outreach(service, insight_filter).sort_values("segment")
        _same(plan, frame_path.outreach(service, chosen).sort_values("segment"))
        seen = analyses.overview(service, insight_filter)
        until = analyses._answerable_until(insight_filter)
        oracle = frame_path.overview(service, chosen, frame, until)
        for key in ("timeline", "channels", "ratings", "questions"):
            _same(seen[key], oracle[key])
        for key in ("total", "period", "partial"):
            assert seen[key] == oracle[key], key
        checked += (gaps["status"] == "gap").sum() + gaps["status"].eq("suppressed").sum()
    assert checked > 0  # the data holds gaps and hidden cells, so the comparison means something


def test_comments_are_sampled_evenly_per_language(data):
    service = data
    frame = frame_path.frame_of(service, InsightFilter().responses)
    everyone = frame.dropna(subset=["comment"])
    whole = comments_frame(service, InsightFilter().responses, per_language=10**6)
    assert whole.attrs["total"] == len(whole) == len(everyone)
    assert_frame_equal(
        whole[["response_id", "age_band", "comment", "lang"]],
        everyone[["response_id", "age_band", "comment", "lang"]].reset_index(drop=True),
        check_dtype=False,
    )
    sample = comments_frame(service, InsightFilter().responses, per_language=20)
    sizes = everyone["lang"].fillna("").value_counts()
    kept = sample["lang"].fillna("").value_counts()
    assert kept.to_dict() == {lang: min(20, n) for lang, n in sizes.items()}
    assert sample.attrs["total"] == len(everyone)
    # Spread from the first comment to the last, not the first twenty.
    french = everyone[everyone["lang"] == "fr"]["response_id"]
    picked = sample[sample["lang"] == "fr"]["response_id"]
    assert picked.max() == french.max() and picked.min() > french.min()
    assert pd.Series(picked).is_monotonic_increasing
