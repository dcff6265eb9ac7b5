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
# Average advance of a character as a share of the font size, rounded up for Arabic and
# capitals; and the least space between two axis labels.
CHARACTER_WIDTH = 0.62
LABEL_GAP = 8
# Heatmaps: stage names in smaller type over cells as wide as their longest word.
HEADER_FONT, HEADER_LINE = 11, 13
MIN_CELL_WIDTH, MAX_CELL_WIDTH, MAX_LABEL_WIDTH = 48, 96, 180


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
    peak = max([v for values in series.values() for v in values if _number(v)] or [0])
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
        points = [(x(i), y(v)) if _number(v) else None for i, v in enumerate(values)]
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
class Label:
    """A label drawn in lines; `full` is the whole text when it had to be shortened."""

    x: float
    y: float
    lines: list[str]
    full: str = ""


@dataclass
class Heatmap:
    id: str
    title: str
    summary: str
    height: int
    label_width: int
    cell_width: float
    cell_height: int
    columns: list[Label]
    rows: list[Label]
    cells: list[Cell]
    width: float = WIDTH
    font: int = FONT
    header_font: int = HEADER_FONT
    right_to_left: bool = False


def heatmap(
    chart_id,
    title,
    summary,
    columns,
    rows,
    values,
    *,
    value_text,
    low=-2,
    high=2,
    marked=(),
    right_to_left=False,
):
    """A diverging heatmap: `values[(row, column)]` in low..high, None when hidden.

    Cells whose key is in `marked` get a heavy outline and an asterisk (a flagged gap).
    Row labels get the room of the longest one (up to MAX_LABEL_WIDTH, beyond which they are
    shortened, the whole text kept in a <title>); column labels (stage names) wrap on up to
    three lines in cells as wide as their longest word. Wider than a phone, the chart
    scrolls sideways rather than shrinking its text. In a right-to-left language the first
    column is on the right and the row labels on the right.
    """
    longest_row = max([text_width(label) for _, label in rows] or [0])
    label_width = math.ceil(min(max(longest_row, 40), MAX_LABEL_WIDTH)) + 12
    longest_word = max(
        [text_width(word, HEADER_FONT) for _, label in columns for word in str(label).split()]
        or [0]
    )
    cell_width = min(max(MIN_CELL_WIDTH, longest_word + 8), MAX_CELL_WIDTH)
    cell_width = max(cell_width, (WIDTH - label_width) / max(len(columns), 1))
    width = label_width + cell_width * len(columns)
    column_marks = [
        _wrapped(label, cell_width - 6, x=label_width + (c + 0.5) * cell_width)
        for c, (_, label) in enumerate(columns)
    ]
    header = HEADER_LINE * max([len(mark.lines) for mark in column_marks] or [1]) + 8
    cell_height = 28
    cells, row_marks = [], []
    for r, (row_key, row_label) in enumerate(rows):
        y = header + r * cell_height
        row_marks.append(_shortened(row_label, label_width - 12, x=label_width - 6, y=y + 18))
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
    chart = Heatmap(
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
        width=round(width, 1),
        right_to_left=right_to_left,
    )
    return _mirrored(chart) if right_to_left else chart


def _mirrored(chart):
    """The chart as a right-to-left reader scans it: every x measured from the other side."""
    for cell in chart.cells:
        cell.x = chart.width - cell.x - chart.cell_width
    for mark in chart.columns + chart.rows:
        mark.x = chart.width - mark.x
    return chart


def _shortened(text, room, *, x, y, font=FONT):
    """One line of at most `room` units; a longer text ends in "…" and is kept whole."""
    text = str(text)
    if text_width(text, font) <= room:
        return Label(x, y, [text])
    keep = max(1, int(room / (font * CHARACTER_WIDTH)) - 1)
    return Label(x, y, [text[:keep].rstrip() + "…"], text)


def _wrapped(text, room, *, x, lines=3):
    """Greedy word wrap in up to `lines` lines of `room` units; the rest is shortened."""
    words, wrapped = str(text).split(), []
    for word in words:
        if wrapped and text_width(f"{wrapped[-1]} {word}", HEADER_FONT) <= room:
            wrapped[-1] += f" {word}"
        else:
            wrapped.append(word)
    shortened = len(wrapped) > lines or any(
        text_width(line, HEADER_FONT) > room for line in wrapped
    )
    if not shortened:
        return Label(x, 0, wrapped)
    kept = [_shortened(line, room, x=x, y=0, font=HEADER_FONT).lines[0] for line in wrapped]
    kept = kept[:lines]
    if len(wrapped) > lines and not kept[-1].endswith("…"):
        kept[-1] += "…"
    return Label(x, 0, kept, str(text))


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
