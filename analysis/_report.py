"""The report command: every analysis of a responses CSV, written as CSV files and Markdown."""

import json
from pathlib import Path

import pandas as pd

from ._gaps import find_equity_gaps
from ._journey import journey_curve
from ._prioritize import prioritize
from ._progress import Progress
from ._representation import load_reference_csv, representation
from ._themes import themes
from ._validate import (
    COMMENT,
    LANG,
    NO_OUTCOMES,
    RESPONSE_ID,
    SEGMENTS,
    columns_of_kind,
    fail,
    validate_responses,
)

FILE_NOT_FOUND = "no such file: {path}"
NOT_A_FILE = "not a file: {path}"
NOT_CSV = "{path} is not a readable CSV file"
OUT_NOT_DIRECTORY = "cannot write the report into {path}: it is not a directory"
NO_SEGMENTS = "no segment column: expected at least one of " + ", ".join(SEGMENTS)
TEXT_COLUMNS = (RESPONSE_ID, *SEGMENTS, COMMENT, LANG)
TOP_INSIGHTS = 10


def read_responses_csv(path):
    """Read a responses CSV, segment and text columns as strings."""
    path = Path(path)
    if not path.exists():
        fail(FILE_NOT_FOUND, path=path)
    if not path.is_file():
        fail(NOT_A_FILE, path=path)
    try:
        return pd.read_csv(path, dtype=dict.fromkeys(TEXT_COLUMNS, "string"))
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        fail(NOT_CSV, path=path)


def write_report(
    responses_path,
    *,
    out,
    reference_path=None,
    max_order=2,
    min_n_test=30,
    suppress_below=10,
    stream=None,
):
    """Run every analysis and write the tables and summary.md into out; return the paths."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        fail(OUT_NOT_DIRECTORY, path=out)
    responses = read_responses_csv(responses_path)
    reference = None if reference_path is None else load_reference_csv(reference_path)
    rules = {"min_n_test": min_n_test, "suppress_below": suppress_below}
    tables = {}
    steps = _steps(responses, reference, tables, max_order=max_order, rules=rules)
    progress = Progress(len(steps) + 1, stream=stream)
    progress.advance("input read")
    for name, step in steps:
        tables[name] = step()
        progress.advance(name)
    out.mkdir(parents=True, exist_ok=True)
    written = [_write_csv(table, out / f"{name}.csv") for name, table in tables.items()]
    summary = out / "summary.md"
    summary.write_text(_summary(responses, tables), encoding="utf-8")
    return [*written, summary]


def _steps(responses, reference, tables, *, max_order, rules):
    """The analyses that apply to this input, in order, each filling one entry of tables."""
    segments = [column for column in SEGMENTS if column in responses.columns]
    if not segments:
        fail(NO_SEGMENTS)
    outcomes = validate_responses(responses, segments=segments)
    if not outcomes:
        fail(NO_OUTCOMES)
    threshold = rules["suppress_below"]
    steps = [
        (
            "gaps",
            lambda: find_equity_gaps(responses, outcomes=outcomes, max_order=max_order, **rules),
        )
    ]
    if reference is not None:
        steps.append(
            (
                "representation",
                lambda: representation(
                    responses, reference, segments=segments, suppress_below=threshold
                ),
            )
        )
    if columns_of_kind(responses, "stage"):
        steps.append(("journey", lambda: journey_curve(responses, by=segments, **rules)))
    if COMMENT in responses.columns:
        steps.append(
            ("themes", lambda: themes(responses, segments=segments, suppress_below=threshold))
        )
    steps.append(
        (
            "insights",
            lambda: prioritize(
                tables["gaps"],
                journey=tables.get("journey"),
                themes=tables.get("themes"),
                representation=tables.get("representation"),
            ),
        )
    )
    return steps


def _write_csv(table, path):
    """Write one table (reason params as JSON) and return its path."""
    if "reason_params" in table.columns:
        table = table.assign(reason_params=table["reason_params"].map(json.dumps))
    table.to_csv(path, index=False)
    return path


def _summary(responses, tables):
    """A short Markdown summary of the report."""
    gaps = tables["gaps"]
    found = gaps[gaps["status"].eq("gap")]
    bands = found["severity"].value_counts()
    lines = [
        "# Equity report",
        "",
        f"- Responses: {len(responses)}",
        f"- Outcomes: {', '.join(dict.fromkeys(gaps['outcome']))}",
        f"- Gaps: {len(found)} (large {bands.get('large', 0)}, medium {bands.get('medium', 0)}, "
        f"small {bands.get('small', 0)}; {int(found['intersectional'].sum())} intersectional)",
    ]
    if "representation" in tables:
        scores = tables["representation"].attrs.get("r_scores", {})
        listed = ", ".join(f"{dimension} {score:.2f}" for dimension, score in scores.items())
        lines.append(f"- Participation score R: {listed or 'none'}")
    if "themes" in tables:
        note = tables["themes"].attrs.get("note") or f"{len(tables['themes'])} found"
        lines.append(f"- Themes: {note}")
    lines += ["", "## Top insights", ""]
    insights = tables["insights"].head(TOP_INSIGHTS)
    lines += [f"{row.rank}. {row.reason}" for row in insights.itertuples()] or ["None."]
    lines += ["", "## Files", ""] + [f"- `{name}.csv`" for name in tables]
    return "\n".join(lines) + "\n"
