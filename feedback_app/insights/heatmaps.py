"""Geometry of the journey heatmaps drawn by templates/insights/charts.html.

Rows are groups, columns the stages of the journey, cells a diverging colour from Okabe–Ito's
vermillion (bad) to blue (good) with the value printed in black or white, whichever contrasts.
"""

import math
from dataclasses import dataclass

from .charts import CHARACTER_WIDTH, FONT, WIDTH, number_shown, text_width

NEGATIVE, NEUTRAL, POSITIVE = (0xD5, 0x5E, 0x00), (0xF7, 0xF7, 0xF7), (0x00, 0x72, 0xB2)
# Stage names in smaller type over cells as wide as their longest word.
HEADER_FONT, HEADER_LINE = 11, 13
MIN_CELL_WIDTH, MAX_CELL_WIDTH, MAX_LABEL_WIDTH = 48, 96, 180


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
            fill = diverging(value, low, high) if number_shown(value) else "#FFFFFF"
            cells.append(
                Cell(
                    x=label_width + c * cell_width,
                    y=y,
                    fill=fill,
                    ink=ink_for(fill),
                    text=_cell_text(value, value_text, (row_key, column_key) in marked),
                    hidden=not number_shown(value),
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
    if not number_shown(value):
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
