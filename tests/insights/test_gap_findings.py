"""Equity gaps read as plain sentences, intersections under their parent group."""

import pandas as pd
import pytest

from feedback_app.insights.gap_findings import gap_findings
from feedback_app.insights.labels import Vocabulary


def gap(segment, outcome="a11_ease", status="gap", mean=2.1, rest_mean=3.4):
    return {
        "segment": segment,
        "outcome": outcome,
        "status": status,
        "n": 120,
        "n_rest": 2880,
        "mean": mean,
        "rest_mean": rest_mean,
        "top2": 0.21,
        "rest_top2": 0.58,
        "top2_ci_low": 0.14,
        "top2_ci_high": 0.29,
        "effect": -0.41,
        "severity": "medium",
        "q_value": 0.0004,
    }


@pytest.fixture
def words(app, service):
    with app.test_request_context():
        yield Vocabulary(service)


def test_an_intersection_sits_under_its_parent_gap_for_the_same_question(words):
    table = pd.DataFrame(
        [
            gap("disability=yes"),
            gap("disability=yes & rurality=village", mean=1.9),
            gap("age_band=75+ & rurality=village"),  # its parents are not gaps
            gap("disability=yes & rurality=town", outcome="ces"),  # a gap of another question
            gap("gender=woman", status="no gap"),
        ]
    )
    findings = gap_findings(words, table)
    assert [f["segment"] for f in findings] == [
        "disability=yes",
        "age_band=75+ & rurality=village",
        "disability=yes & rurality=town",
    ]
    assert [f["segment"] for f in findings[0]["within"]] == ["disability=yes & rurality=village"]
    assert findings[0]["sentence"] == (
        "People with a disability rate “ease” lower than everyone else: 2.1 against 3.4 out of 5."
    )
    assert findings[0]["within"][0]["sentence"].startswith(
        "People with a disability and living in a village rate “ease” lower than everyone "
        "else: 1.9 against"
    )
    statistics = dict(findings[0]["statistics"])
    assert statistics["People in the group"] == "120"
    assert statistics["Effect size (Cliff's delta)"] == "−0.41: medium"
    assert statistics["q-value (false discovery rate)"] == "q < 0.001"
    assert statistics["Gave one of the two best answers"].startswith(
        "21% (95% confidence interval 14% to 29%), against 58%"
    )


def test_an_intersection_ranked_above_its_parent_still_sits_under_it(words):
    table = pd.DataFrame(
        [
            gap("disability=yes & rurality=countryside", mean=1.7),
            gap("age_band=75+"),
            gap("disability=yes & rurality=village", mean=1.8),
            gap("disability=yes", mean=2.3),
        ]
    )
    findings = gap_findings(words, table)
    assert [f["segment"] for f in findings] == ["disability=yes", "age_band=75+"]
    assert [f["segment"] for f in findings[0]["within"]] == [
        "disability=yes & rurality=countryside",
        "disability=yes & rurality=village",
    ]
