"""Fixtures for the analysis tests: small response frames built from rating lists."""

import pandas as pd
import pytest

from analysis import synthetic_responses

KNOWN_GROUP = [1] * 10 + [2] * 10 + [3] * 10
KNOWN_REST = [3] * 20 + [4] * 50 + [5] * 30


def build_responses(groups, *, segment="disability", outcome="ease"):
    """Responses with one segment and one outcome, from {segment value: ratings}."""
    rows = [(level, rating) for level, ratings in groups.items() for rating in ratings]
    frame = pd.DataFrame(rows, columns=[segment, outcome])
    frame.insert(0, "response_id", range(1, len(frame) + 1))
    return frame


@pytest.fixture
def known():
    """The issue's known vectors: a group far below its rest."""
    return KNOWN_GROUP, KNOWN_REST


@pytest.fixture
def responses_of():
    """The build_responses helper, as a fixture."""
    return build_responses


@pytest.fixture(scope="session")
def survey():
    """A synthetic survey of 3,000 responses with comments and no planted gap."""
    return synthetic_responses(3000, seed=11, comments=True)
