"""Chart geometry and the words around numbers: hidden values, colours, contrast, sentences."""

import pytest

from feedback_app.insights import charts, heatmaps
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
    assert heatmaps.diverging(-2, -2, 2) == "#D55E00"
    assert heatmaps.diverging(2, -2, 2) == "#0072B2"
    assert heatmaps.diverging(0, -2, 2) == "#F7F7F7"


@pytest.mark.parametrize("fill", ["#D55E00", "#0072B2", "#F7F7F7", "#FFFFFF", "#E9A97F"])
def test_cell_text_keeps_contrast(fill):
    ink = heatmaps.ink_for(fill)

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(fill), luminance(ink)], reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_heatmap_marks_gaps_and_hides_small_groups():
    chart = heatmaps.heatmap(
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


def _overlaps(chart):
    """Pairs of neighbouring x-axis labels whose estimated extents overlap."""
    spans = []
    for x, label, anchor in chart.x_ticks:
        width = charts.text_width(label)
        start = {"start": x, "end": x - width}.get(anchor, x - width / 2)
        spans.append((start, start + width))
    return [(a, b) for a, b in zip(spans, spans[1:], strict=False) if a[1] > b[0]]


@pytest.mark.parametrize(
    "labels",
    [
        [f"{month} 2026" for month in ("يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر")],
        [f"{day} Jun" for day in range(1, 22)],
        ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026", "juil."],
    ],
)
def test_date_labels_are_thinned_until_none_overlap(labels):
    chart = charts.time_series("t", "T", "S", labels, {"Web": list(range(len(labels)))})
    assert not _overlaps(chart)
    assert len(chart.x_ticks) >= 2 and chart.x_ticks[-1][1] == labels[-1]


@pytest.mark.parametrize("peak", [0, 1, 3, 7, 42, 310, 2999])
def test_count_axis_has_whole_distinct_numbers(peak):
    chart = charts.time_series("t", "T", "S", ["a", "b"], {"Web": [0, peak]})
    values = [label for _y, label in chart.y_ticks]
    assert len(set(values)) == len(values) >= 2
    assert all(float(v) == int(float(v)) for v in values)
    assert int(values[-1]) >= peak


def test_a_chart_without_data_is_empty():
    assert charts.time_series("t", "T", "S", [], {}).empty
    assert charts.time_series("t", "T", "S", ["a"], {"Web": [None]}).empty
    assert not charts.time_series("t", "T", "S", ["a"], {"Web": [0]}).empty


def test_partial_periods_are_shaded():
    chart = charts.time_series("t", "T", "S", ["a", "b", "c"], {"W": [1, 2, 3]}, partial={0, 2})
    left, _top, right, _bottom = chart.plot
    half = (right - left) / 4  # half the distance between two periods
    assert chart.partial == [(left, left + half), (right - half, right)]


def _heatmap(rows, *, right_to_left=False):
    stages = [("find_out", "Finding out"), ("wait", "Waiting for a decision")]
    values = {(key, stage): 0.5 for key, _ in rows for stage, _ in stages}
    return heatmaps.heatmap(
        "h", "H", "S", stages, rows, values, value_text=str, right_to_left=right_to_left
    )


def test_heatmap_rows_get_the_room_of_their_longest_label():
    chart = _heatmap([("all", "Everyone"), ("rurality=countryside", "The countryside")])
    assert [row.lines for row in chart.rows] == [["Everyone"], ["The countryside"]]
    assert chart.label_width - 12 >= charts.text_width("The countryside")
    names = [" ".join(column.lines) for column in chart.columns]
    assert names == ["Finding out", "Waiting for a decision"], "stage names, not numbers"
    room = chart.cell_width - 6
    lines = [line for column in chart.columns for line in column.lines]
    assert all(charts.text_width(line, heatmaps.HEADER_FONT) <= room for line in lines)
    assert all(c.x >= chart.label_width for c in chart.cells)


def test_heatmap_shortens_a_very_long_label_and_keeps_it_whole_in_a_title():
    long = "People who describe their gender in another way, in a very long label"
    chart = _heatmap([("g", long)])
    [row] = chart.rows
    assert row.lines[0].endswith("…") and row.full == long
    assert chart.label_width <= heatmaps.MAX_LABEL_WIDTH + 12


def test_heatmap_is_mirrored_right_to_left():
    rows = [("all", "الجميع"), ("rurality=countryside", "الريف")]
    ltr, rtl = _heatmap(rows), _heatmap(rows, right_to_left=True)
    assert rtl.right_to_left and rtl.width == ltr.width
    assert rtl.columns[0].x > rtl.columns[1].x, "the first stage on the right"
    assert all(row.x > max(cell.x for cell in rtl.cells) for row in rtl.rows)
    for left_cell, right_cell in zip(ltr.cells, rtl.cells, strict=True):
        assert right_cell.x == pytest.approx(ltr.width - left_cell.x - ltr.cell_width)
