"""Geometry of the server-side charts drawn by templates/insights/charts.html.

Charts are drawn on a 288-unit-wide canvas, the width a 320 px phone leaves for content, so
their 13-unit text is 13 px there; on a desktop they scale up (to at most 28rem, see app.css).
Colours come from the Okabe–Ito palette, and every mark also carries a pattern, a marker shape
or a printed value, so colour never carries meaning alone. Journey heatmaps: heatmaps.py.
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
WIDTH = 288
FONT = 13
# Average advance of a character as a share of the font size, rounded up for Arabic and
# capitals; and the least space between two axis labels.
CHARACTER_WIDTH = 0.62
LABEL_GAP = 8


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
    values = [value for _, bars in rows for value, _ in bars if number_shown(value)]
    top = maximum or (max(values) if values else 1) or 1
    return BarChart(
        chart_id,
        title,
        summary,
        [
            BarRow(
                label,
                [
                    Bar(100 * value / top if number_shown(value) else None, text, series)
                    for series, (value, text) in enumerate(bars)
                ],
            )
            for label, bars in rows
        ],
        list(legend),
    )


def number_shown(value):
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
    partial: list[tuple[float, float]] = field(default_factory=list)  # x from, x to
    width: int = WIDTH
    font: int = FONT

    @property
    def empty(self):
        """Nothing to draw: no period, or every point hidden. No axis is drawn then."""
        return not any(line.points for line in self.lines)


def time_series(chart_id, title, summary, periods, series, *, tick_format=str, partial=()):
    """Lines over `periods` (labels); `series` maps a name to values (None = hidden point).

    A hidden or missing point breaks the line rather than being drawn as zero. Periods whose
    index is in `partial` (a month not over yet, or begun before the data) get a shaded band.
    Values are counts: the vertical axis has whole, distinct numbers.
    """
    left, top, right, bottom = 40, 10, WIDTH - 26, 150
    peak = max([v for values in series.values() for v in values if number_shown(v)] or [0])
    step_y = max(1, _nice_ceiling(peak / 4))
    scale_top = step_y * max(1, math.ceil(peak / step_y))
    step = (right - left) / max(len(periods) - 1, 1)

    def x(i):
        return left + i * step if len(periods) > 1 else (left + right) / 2

    def y(v):
        return bottom - (bottom - top) * v / scale_top

    lines = []
    for index, (name, values) in enumerate(series.items()):
        colour, dash, marker = SERIES[index % len(SERIES)]
        points = [(x(i), y(v)) if number_shown(v) else None for i, v in enumerate(values)]
        lines.append(
            Line(name, colour, dash, marker, _path(points), [p for p in points if p is not None])
        )
    half = step / 2 if len(periods) > 1 else (right - left) / 2
    bands = [(max(left, x(i) - half), min(right, x(i) + half)) for i in sorted(partial)]
    y_ticks = [(y(v), tick_format(v)) for v in range(0, scale_top + 1, step_y)]
    return TimeSeries(
        chart_id,
        title,
        summary,
        bottom + 24,
        lines,
        _x_ticks([x(i) for i in range(len(periods))], periods, left, right),
        y_ticks,
        (left, top, right, bottom),
        bands,
    )


def text_width(text, font=FONT):
    """A generous estimate of a label's drawn width (no font metrics on the server)."""
    return len(str(text)) * font * CHARACTER_WIDTH


def _x_ticks(xs, labels, left, right):
    """Every k-th period's label, with the smallest k at which no two labels overlap; the
    first and last labels lean inwards so that they stay on the canvas."""
    last = len(labels) - 1

    def placed(indices):
        ticks = []
        for i in indices:
            width = text_width(labels[i])
            anchor = "start" if i == 0 and last else "end" if i == last and last else "middle"
            start = {"start": xs[i], "end": xs[i] - width}.get(anchor, xs[i] - width / 2)
            ticks.append((xs[i], labels[i], anchor, start, start + width))
        return ticks

    def fits(ticks):
        return all(a[4] + LABEL_GAP <= b[3] for a, b in zip(ticks, ticks[1:], strict=False))

    for every in range(1, len(labels) + 1):
        chosen = list(range(0, last + 1, every))
        if chosen[-1] != last:
            chosen.append(last)  # the latest period is always named
            if len(chosen) > 2 and not fits(placed(chosen[-2:])):
                del chosen[-2]
        ticks = placed(chosen)
        if fits(ticks):
            return [t[:3] for t in ticks]
    return [t[:3] for t in placed([last])] if labels else []


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
    """The smallest 1, 2 or 5 × 10^k at or above value (1 for nothing)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)
