"""Representation against a census table, and the reference loader's errors."""

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis import AnalysisInputError, load_reference_csv, representation
from analysis._representation import (
    REFERENCE_BAD_POPULATION,
    REFERENCE_DUPLICATE,
    REFERENCE_EMPTY_DIMENSION,
    REFERENCE_MISSING_COLUMN,
    REFERENCE_NOT_CSV,
    REFERENCE_UNREADABLE,
)

CENSUS = """dimension,group,population
gender,woman,100
gender,man,900
"""


def people(**counts):
    """Responses with the given number of people per gender."""
    genders = [group for group, n in counts.items() for _ in range(n)]
    return pd.DataFrame({"response_id": range(len(genders)), "gender": genders})


def compare(frame, census=CENSUS, **options):
    return representation(frame, load_reference_csv(io.StringIO(census)), **options)


def test_50_of_1000_against_a_tenth_is_under_represented():
    result = compare(people(woman=50, man=950)).set_index("group")
    woman = result.loc["woman"]
    assert woman["ratio"] == pytest.approx(0.5)
    assert (woman["n"], woman["share"], woman["reference_share"]) == (50, 0.05, 0.1)
    assert woman["status"] == "under-represented"
    expected = stats.binomtest(50, 1000, 0.1, alternative="less").pvalue
    assert woman["p_value"] == pytest.approx(expected, rel=1e-9)
    assert result.loc["man", "status"] == "ok"


def test_over_representation_needs_the_ratio_and_the_opposite_test():
    result = compare(people(woman=200, man=800)).set_index("group")
    assert result.loc["woman", "status"] == "over-represented"
    assert compare(people(woman=11, man=89)).set_index("group").loc["woman", "status"] == "ok"


def test_q_values_are_benjamini_hochberg_over_the_call():
    census = CENSUS + "disability,yes,250\ndisability,no,750\n"
    frame = people(woman=50, man=950).assign(disability=np.resize(["yes", "no", "no"], 1000))
    result = compare(frame, census, segments=["gender", "disability"])
    expected = stats.false_discovery_control(result["p_value"].to_numpy())
    np.testing.assert_allclose(result["q_value"], expected)


def test_groups_missing_on_either_side():
    result = compare(people(woman=0, man=500, other=20)).set_index("group")
    assert (result.loc["woman", "n"], result.loc["woman", "ratio"]) == (0, 0)
    assert result.loc["woman", "status"] == "under-represented"
    assert result.loc["other", "status"] == "not in reference"
    assert np.isnan(result.loc["other", "share"])
    assert result.loc["man", "share"] == 1.0


def test_small_groups_are_suppressed_with_a_complement():
    census = CENSUS + "gender,non-binary,10\n"
    result = compare(people(woman=5, man=500, **{"non-binary": 30}), census).set_index("group")
    assert list(result["status"]) == ["suppressed", "ok", "suppressed"]
    assert result.loc[["woman", "non-binary"], ["n", "share", "ratio"]].isna().all().all()


def test_r_score_is_the_lowest_over_the_highest_rate_of_the_groups_shown():
    result = compare(people(woman=50, man=950))
    ratios = result["ratio"].to_numpy()
    assert result.attrs["r_scores"] == {"gender": pytest.approx(ratios.min() / ratios.max())}
    assert result.attrs["r_scores"]["gender"] == pytest.approx((50 / 100) / (950 / 900))


def test_dimensions_the_census_lacks_are_left_out():
    frame = people(woman=50, man=950).assign(rurality="urban")
    assert set(compare(frame)["dimension"]) == {"gender"}


def loader_error(source):
    with pytest.raises(AnalysisInputError) as raised:
        load_reference_csv(source)
    return str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dimension,group\ngender,woman\n", REFERENCE_MISSING_COLUMN.format(column="population")),
        (
            "dimension,group,population\ngender,woman,many\n",
            REFERENCE_BAD_POPULATION.format(dimension="gender", group="woman", value="many"),
        ),
        (
            "dimension,group,population\ngender,woman,-3\n",
            REFERENCE_BAD_POPULATION.format(dimension="gender", group="woman", value=-3),
        ),
        (
            "dimension,group,population\ngender,woman,1\ngender,woman,2\n",
            REFERENCE_DUPLICATE.format(dimension="gender", group="woman"),
        ),
        (
            "dimension,group,population\ngender,woman,0\n",
            REFERENCE_EMPTY_DIMENSION.format(dimension="gender"),
        ),
    ],
)
def test_reference_table_errors(text, expected):
    assert loader_error(io.StringIO(text)) == expected


def test_a_binary_reference_is_not_csv(tmp_path):
    path = tmp_path / "census.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00")
    assert loader_error(path) == REFERENCE_NOT_CSV.format(source=str(path))


def test_a_missing_reference_file(tmp_path):
    path = tmp_path / "nowhere.csv"
    assert loader_error(path) == REFERENCE_UNREADABLE.format(
        source=str(path), reason="No such file or directory"
    )
