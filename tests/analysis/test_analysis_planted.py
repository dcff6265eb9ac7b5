"""Planted gaps are found; with nothing planted, false flags stay within the FDR."""

import numpy as np
import pandas as pd
import pytest

from analysis import find_equity_gaps, synthetic_responses
from analysis.synthetic import OUTCOMES

# Disabled people rate speed worse everywhere. Disabled rural people rate ease much worse,
# while the urban disabled and the rural non-disabled are a little better, so that neither
# parent group (disability=yes, rurality=rural) differs on ease: a purely intersectional gap.
PLANTED = {
    "disability=yes": {"speed": -0.8},
    "disability=yes & rurality=rural": {"ease": -1.2},
    "disability=yes & rurality=urban": {"ease": 0.5},
    "disability=no & rurality=rural": {"ease": 0.3},
}


@pytest.fixture(scope="module")
def planted():
    frame = synthetic_responses(6000, seed=3, gaps=PLANTED)
    return find_equity_gaps(frame, outcomes=OUTCOMES).set_index(["segment", "outcome"])


def test_a_planted_one_way_gap_is_found(planted):
    row = planted.loc[("disability=yes", "speed")]
    assert row["status"] == "gap" and row["severity"] in ("medium", "large")
    assert not row["intersectional"]


def test_a_planted_intersection_is_found_while_its_parents_are_fine(planted):
    row = planted.loc[("disability=yes & rurality=rural", "ease")]
    assert row["status"] == "gap" and row["intersectional"]
    assert row["severity"] in ("medium", "large")
    for parent in ("disability=yes", "rurality=rural"):
        assert planted.loc[(parent, "ease"), "status"] == "no gap"


def test_speed_gaps_are_groups_of_disabled_people(planted):
    flagged = planted[planted["status"].eq("gap")].reset_index()
    speed = flagged.loc[flagged["outcome"].eq("speed"), "segment"]
    assert len(speed) >= 5 and speed.str.contains("disability=yes").all()


def test_the_generator_is_deterministic():
    first, second = (synthetic_responses(200, seed=9, comments=True) for _ in range(2))
    pd.testing.assert_frame_equal(first, second)
    assert not first.equals(synthetic_responses(200, seed=10, comments=True))


def test_false_flags_stay_within_the_fdr_over_many_seeds():
    fdr, proportions = 0.05, []
    for seed in range(200):
        result = find_equity_gaps(synthetic_responses(600, seed=seed), outcomes=OUTCOMES[:2])
        # Nothing is planted, so every flag is false: the false discovery proportion is 1
        # whenever something is flagged.
        proportions.append(float(result["status"].eq("gap").any()))
    assert np.mean(proportions) <= fdr
