"""Disclosure control: small cells hidden, and no hidden cell recoverable from a margin."""

import numpy as np
import pandas as pd

from analysis import find_equity_gaps, suppress_small_cells


def test_primary_and_secondary_suppression_in_one_line():
    table = pd.DataFrame({"group": list("abcd"), "n": [4, 50, 30, 200], "mean": [1.0, 2, 3, 4]})
    result = suppress_small_cells(table, count_column="n", threshold=10)
    assert list(result["status"]) == ["suppressed", "", "suppressed", ""]
    assert result.loc[[0, 2], ["n", "mean"]].isna().all().all()
    assert list(result.loc[[1, 3], "n"]) == [50, 200]


def test_each_line_of_a_two_way_table_keeps_zero_or_two_hidden_cells():
    table = pd.DataFrame(
        {"a": list("xxxyyyzzz"), "b": list("pqrpqrpqr"), "n": [3, 40, 50, 60, 70, 80, 90, 20, 95]}
    )
    result = suppress_small_cells(table, count_column="n", threshold=10, margins=[["a"], ["b"]])
    hidden = result["status"].eq("suppressed")
    assert hidden[0] and hidden.sum() < len(table)
    for column in ("a", "b"):
        assert 1 not in set(hidden.groupby(table[column]).sum())


def test_zero_cells_describe_nobody_and_stay_visible():
    table = pd.DataFrame({"group": list("abc"), "n": [0, 40, 50]})
    result = suppress_small_cells(table, count_column="n", threshold=10)
    assert list(result["status"]) == ["", "", ""]


def test_rows_can_be_hidden_for_other_reasons_and_chosen_columns_blanked():
    table = pd.DataFrame({"group": list("abc"), "n": [40, 45, 50], "order": [1, 1, 1]})
    result = suppress_small_cells(
        table, count_column="n", threshold=10, hidden=[False, False, True], columns=["n"]
    )
    assert list(result["status"]) == ["suppressed", "", "suppressed"]  # 40 is the complement
    assert list(result["order"]) == [1, 1, 1]
    assert result["n"].dtype == "Int64" and result["n"].isna().sum() == 2


def test_a_small_group_hides_the_next_smallest_so_the_margin_cannot_reveal_it(responses_of):
    frame = responses_of({"yes": [1] * 5, "unsure": [2] * 40, "no": [3] * 400})
    result = find_equity_gaps(frame, outcomes=["ease"], segments=["disability"], max_order=1)
    status = dict(zip(result["segment"], result["status"], strict=True))
    assert status == {
        "disability=no": "no gap",
        "disability=unsure": "suppressed",
        "disability=yes": "suppressed",
    }


def test_groups_inside_a_hidden_group_are_hidden_too(responses_of):
    frame = responses_of({"yes": [1] * 5, "unsure": [2] * 40, "no": [3] * 400})
    frame["rurality"] = np.resize(["urban", "rural"], len(frame))
    result = find_equity_gaps(frame, outcomes=["ease"], segments=["disability", "rurality"])
    inside_unsure = result[result["segment"].str.startswith("disability=unsure &")]
    assert len(inside_unsure) == 2 and inside_unsure["status"].eq("suppressed").all()
