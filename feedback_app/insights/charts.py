"""Geometry of the server-side charts drawn by templates/insights/charts.html.

Charts are drawn on a 288-unit-wide canvas, the width a 320 px phone leaves for content, so
their 13-unit text is 13 px there; on a desktop they scale up (to at most 28rem, see app.css).
Colours come from the Okabe–Ito palette, and every mark also carries a pattern, a marker shape
or a printed value, so colour never carries meaning alone.
"""

import math
from dataclasses import dataclass, field

import pandas as pd

# Okabe–Ito colours with at least 3:1 contrast on white, for lines and bars.
SERIES = (
    ("#0072B2", "", "circle"),
    ("#D55E00", "6 3", "square"),
    ("#009E73", "2 3", "triangle"),
    ("#000000", "8 3 2 3", "diamond"),
    ("#CC79A7", "1 2", "cross"),
)
NEGATIVE, NEUTRAL, POSITIVE = (0xD5, 0x5E, 0x00), (0xF7, 0xF7, 0xF7), (0x00, 0x72, 0xB2)
WIDTH = 288
FONT = 13


@dataclass
class Bar:
    """One bar of a row, 0..100 long; None when the value is hidden (drawn hatched)."""

    length: float | None
    text: str
    series: int = 0


@dataclass
class BarRow:
    label: str
    bars: list[Bar]


@dataclass
class BarChart:
    """Rows of an HTML label, SVG bars and printed values, so long labels wrap on a phone."""

    id: str
    title: str
    summary: str
    rows: list[BarRow]
    legend: list[tuple[str, int]] = field(default_factory=list)


def bar_chart(chart_id, title, summary, rows, *, maximum=None, legend=()):
    """`rows` are (label, [(value, text), ...]): one bar per series, scaled to `maximum`."""
    values = [value for _, bars in rows for value, _ in bars if _number(value)]
    top = maximum or (max(values) if values else 1) or 1
    return BarChart(
        chart_id,
        title,
        summary,
        [
            BarRow(
                label,
                [
                    Bar(100 * value / top if _number(value) else None, text, series)
                    for series, (value, text) in enumerate(bars)
                ],
            )
            for label, bars in rows
        ],
        list(legend),
    )


def _number(value):
    """Whether a value can be drawn (not None, NaN or pandas' NA)."""
    return value is not None and not pd.isna(value)


@dataclass
class Line:
    label: str
    colour: str
    dash: str
    marker: str
    path: str
    points: list[tuple[float, float]]


@dataclass
class TimeSeries:
    id: str
    title: str
    summary: str
    height: int
    lines: list[Line]
    x_ticks: list[tuple[float, str, str]]  # x, label, text-anchor
    y_ticks: list[tuple[float, str]]
    plot: tuple[float, float, float, float]  # left, top, right, bottom
    width: int = WIDTH
    font: int = FONT


def time_series(chart_id, title, summary, periods, series, *, tick_format=str):
    """Lines over `periods` (labels); `series` maps a name to values (None = hidden point).

    A hidden or missing point breaks the line rather than being drawn as zero.
    """
    left, top, right, bottom = 40, 10, WIDTH - 26, 150
    peak = max([v for values in series.values() for v in values if _number(v)] or [1])
    scale_top = _nice_ceiling(peak)
    step = (right - left) / max(len(periods) - 1, 1)

    def x(i):
        return left + i * step if len(periods) > 1 else (left + right) / 2

    def y(v):
        return bottom - (bottom - top) * v / scale_top

    lines = []
    for index, (name, values) in enumerate(series.items()):
        colour, dash, marker = SERIES[index % len(SERIES)]
        points = [(x(i), y(v)) if _number(v) else None for i, v in enumerate(values)]
        lines.append(
            Line(name, colour, dash, marker, _path(points), [p for p in points if p is not None])
        )
    every = max(1, math.ceil(len(periods) / 4))
    last = len(periods) - 1
    x_ticks = [
        (x(i), label, "start" if i == 0 and last else "end" if i == last and last else "middle")
        for i, label in enumerate(periods)
        if i % every == 0 or i == last
    ]
    if len(x_ticks) > 1 and x_ticks[-1][0] - x_ticks[-2][0] < (right - left) / 4:
        del x_ticks[-2]  # keep the last period's label rather than two overlapping ones
    y_ticks = [(y(v), tick_format(v)) for v in _ticks(scale_top)]
    return TimeSeries(
        chart_id, title, summary, bottom + 24, lines, x_ticks, y_ticks, (left, top, right, bottom)
    )


def _path(points):
    """An SVG path through the points, lifting the pen over hidden ones."""
    commands, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{point[0]:.1f},{point[1]:.1f}")
        pen_down = True
    return " ".join(commands)


def _nice_ceiling(value):
    """The smallest 1, 2 or 5 × 10^k at or above value."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def _ticks(scale_top):
    return [scale_top * i / 4 for i in range(5)]


@dataclass
class Cell:
    x: float
    y: float
    fill: str
    ink: str
    text: str
    hidden: bool
    marked: bool = False


@dataclass
class Heatmap:
    id: str
    title: str
    summary: str
    height: int
    label_width: int
    cell_width: float
    cell_height: int
    columns: list[tuple[float, str]]
    rows: list[tuple[float, str]]
    cells: list[Cell]
    width: int = WIDTH
    font: int = FONT


def heatmap(
    chart_id, title, summary, columns, rows, values, *, value_text, low=-2, high=2, marked=()
):
    """A diverging heatmap: `values[(row, column)]` in low..high, None when hidden.

    Cells whose key is in `marked` get a heavy outline and an asterisk (a flagged gap).
    Column headers are short (numbers explained in a legend) so that five stages fit
    beside the row labels on a phone.
    """
    label_width, cell_height, header = 100, 28, 22
    cell_width = (WIDTH - label_width) / max(len(columns), 1)
    cells, row_marks = [], []
    for r, (row_key, row_label) in enumerate(rows):
        y = header + r * cell_height
        row_marks.append((y + cell_height / 2, row_label))
        for c, (column_key, _) in enumerate(columns):
            value = values.get((row_key, column_key))
            fill = diverging(value, low, high) if _number(value) else "#FFFFFF"
            cells.append(
                Cell(
                    x=label_width + c * cell_width,
                    y=y,
                    fill=fill,
                    ink=ink_for(fill),
                    text=_cell_text(value, value_text, (row_key, column_key) in marked),
                    hidden=not _number(value),
                    marked=(row_key, column_key) in marked,
                )
            )
    column_marks = [
        (label_width + (c + 0.5) * cell_width, label) for c, (_, label) in enumerate(columns)
    ]
    return Heatmap(
        chart_id,
        title,
        summary,
        header + len(rows) * cell_height + 2,
        label_width,
        cell_width,
        cell_height,
        column_marks,
        row_marks,
        cells,
    )


def _cell_text(value, value_text, marked):
    if not _number(value):
        return "–"
    return value_text(value) + ("*" if marked else "")


def diverging(value, low, high):
    """Vermillion (low) through near-white to blue (high), Okabe–Ito's ends."""
    middle = (low + high) / 2
    t = max(-1.0, min(1.0, (value - middle) / ((high - low) / 2)))
    end = POSITIVE if t >= 0 else NEGATIVE
    mix = [round(n + (e - n) * abs(t)) for n, e in zip(NEUTRAL, end, strict=True)]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def ink_for(fill):
    """Black or white text, whichever contrasts more with the fill."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def _linear(channel):
    return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4
