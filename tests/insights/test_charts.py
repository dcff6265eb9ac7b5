"""Chart geometry and the words around numbers: hidden values, colours, contrast, sentences."""

import pytest

from feedback_app.insights import charts
from feedback_app.insights.labels import Vocabulary, gap_sentence, q_text, representation_sentence


def test_hidden_points_break_the_line():
    chart = charts.time_series("t", "T", "S", ["a", "b", "c", "d"], {"Web": [10, None, 30, 40]})
    [line] = chart.lines
    assert line.path.count("M") == 2  # the pen lifts over the hidden point
    assert len(line.points) == 3


def test_series_differ_by_more_than_colour():
    chart = charts.time_series("t", "T", "S", ["a", "b"], {"A": [1, 2], "B": [2, 1], "C": [1, 1]})
    styles = [(line.dash, line.marker) for line in chart.lines]
    assert len(set(styles)) == 3


def test_bars_scale_and_hidden_bars_have_no_length():
    chart = charts.bar_chart(
        "b", "B", "S", [("x", [(0.5, "50%")]), ("y", [(None, "Hidden")])], maximum=1
    )
    assert chart.rows[0].bars[0].length == 50
    assert chart.rows[1].bars[0].length is None


def test_heatmap_colours_run_from_vermillion_to_blue():
    assert charts.diverging(-2, -2, 2) == "#D55E00"
    assert charts.diverging(2, -2, 2) == "#0072B2"
    assert charts.diverging(0, -2, 2) == "#F7F7F7"


@pytest.mark.parametrize("fill", ["#D55E00", "#0072B2", "#F7F7F7", "#FFFFFF", "#E9A97F"])
def test_cell_text_keeps_contrast(fill):
    ink = charts.ink_for(fill)

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(fill), luminance(ink)], reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_heatmap_marks_gaps_and_hides_small_groups():
    chart = charts.heatmap(
        "h",
        "H",
        "S",
        [("s1", "1"), ("s2", "2")],
        [("g", "Group")],
        {("g", "s1"): -1.2, ("g", "s2"): None},
        value_text=str,
        marked={("g", "s1")},
    )
    first, second = chart.cells
    assert (first.text, first.marked, first.hidden) == ("-1.2*", True, False)
    assert (second.text, second.hidden) == ("–", True)


GAP = {
    "segment": "disability=yes & rurality=village",
    "outcome": "a11_ease",
    "top2": 0.58,
    "rest_top2": 0.81,
    "top2_ci_low": 0.47,
    "top2_ci_high": 0.68,
    "severity": "large",
    "q_value": 0.0021,
}


def test_gap_sentence_reads_like_the_issue(app, service):
    with app.test_request_context():
        sentence = gap_sentence(Vocabulary(service), GAP)
    assert sentence == (
        "People with a disability and living in a village rate “ease” lower: 58% gave one of "
        "the two best answers, against 81% of everyone else (95% confidence interval 47% to "
        "68%); large gap, q = 0.002."
    )


def test_numbers_follow_the_reader_locale(app, service):
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert q_text(0.0021) == "q = 0,002"
        sentence = gap_sentence(Vocabulary(service), GAP)
    assert "58\u00a0%" in sentence


def test_tiny_q_values_are_bounded(app):
    with app.test_request_context():
        assert q_text(1e-20) == "q < 0.001"


def test_representation_sentence(app, service):
    row = {"dimension": "age_band", "group": "75+", "share": 0.04, "reference_share": 0.09}
    with app.test_request_context():
        sentence = representation_sentence(Vocabulary(service), row)
    assert sentence == "People aged 75 or over are 4% of respondents but 9% of residents."
