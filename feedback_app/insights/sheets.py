"""The XLSX sheets as people read them: headings, labels and number formats.

CSV and JSON keep the analysis' codes (`ces`, `disability=yes & rurality=village`) for
programs; a spreadsheet is read by people, so each sheet names questions, stages and groups
as the pages do, in the reader's language, and gives each number column a format.
"""

import math

import pandas as pd
from flask_babel import gettext

from ..i18n import _l
from .decision_views import STATUS_LABELS as DECISION_LABELS
from .exports import Sheet
from .labels import KIND_LABELS, SEVERITY_LABELS, STATUS_LABELS, insight_sentence, language_name
from .outreach import PLAN_LABELS

COUNT, SHARE, MEAN, SIGNED, Q, DECIMAL = (
    "#,##0",
    "0.0%",
    "0.00",
    "+0.00;-0.00;0.00",
    "[<0.001]0.0E+00;0.000",
    "0.0",
)
# Column code: (heading, number format or None for text).
COLUMNS = {
    "rank": (_l("Priority"), COUNT),
    "priority": (_l("Priority"), COUNT),
    "kind": (_l("Kind"), None),
    "segment": (_l("Group"), None),
    "outcome": (_l("Question or stage"), None),
    "score": (_l("Score"), DECIMAL),
    "severity": (_l("Size of the gap"), None),
    "intersectional": (_l("Worse than each of its groups alone"), None),
    "q_value": (_l("q-value"), Q),
    "p_value": (_l("p-value"), Q),
    "effect": (_l("Effect size (Cliff's delta)"), SIGNED),
    "n": (_l("People"), COUNT),
    "n_rest": (_l("Everyone else: people"), COUNT),
    "reason": (_l("Finding"), None),
    "status": (_l("Status"), None),
    "order": (_l("Characteristics combined"), COUNT),
    "mean": (_l("Mean"), MEAN),
    "rest_mean": (_l("Everyone else: mean"), MEAN),
    "top2": (_l("Two best answers"), SHARE),
    "rest_top2": (_l("Everyone else: two best answers"), SHARE),
    "top2_ci_low": (_l("Two best answers: 95 percent confidence interval, low"), SHARE),
    "top2_ci_high": (_l("Two best answers: 95 percent confidence interval, high"), SHARE),
    "ci_low": (_l("95 percent confidence interval, low"), MEAN),
    "ci_high": (_l("95 percent confidence interval, high"), MEAN),
    "period": (_l("Period starting"), None),
    "channel": (_l("Channel"), None),
    "count": (_l("Responses"), COUNT),
    "value": (_l("Answer"), COUNT),
    "share": (_l("Share"), SHARE),
    "top_two": (_l("One of the two best answers"), None),
    "dimension": (_l("Characteristic"), None),
    "group": (_l("Group"), None),
    "reference_share": (_l("Share of residents"), SHARE),
    "ratio": (_l("Ratio"), MEAN),
    "stage": (_l("Stage"), None),
    "barrier": (_l("Barrier"), None),
    "theme": (_l("Theme"), COUNT),
    "top_terms": (_l("Most frequent words"), None),
    "theme_name": (_l("Theme name"), None),
    "theme_language": (_l("Language of its comments"), None),
    "comments": (_l("Comments"), COUNT),
    "comment_share": (_l("Share of all comments"), SHARE),
    "theme_key": (_l("Identifier for programs"), None),
    "n_target": (_l("Responses needed"), COUNT),
    "n_more": (_l("More needed"), COUNT),
    "best_channel": (_l("Channel that reached them most"), None),
    "best_channel_share": (_l("Channel's share of their answers"), SHARE),
    "best_kiosk": (_l("Kiosk that reached them most"), None),
    "best_kiosk_share": (_l("Kiosk's share of their answers"), SHARE),
}
# The themes table's columns as its sheet names them: a theme counts comments, not people.
THEME_COLUMNS = {
    "label": "theme_name",
    "language": "theme_language",
    "n": "comments",
    "share": "comment_share",
    "key": "theme_key",
}
# Keys that link an export to the app's records: useful to programs, meaningless to people.
CODES_ONLY = ("insight_key",)
STATUS_WORDS = {
    **STATUS_LABELS,
    **PLAN_LABELS,
    "mean suppressed": _l("Mean hidden: it would reveal a group"),
}


def sheet(words, frame, columns=None):
    """The table with headings and labels for people, and its number formats."""
    columns = [c for c in (columns or frame.columns) if c in frame.columns and c not in CODES_ONLY]
    heads = [_heading(words, column) for column in columns]
    body = [
        [_cell(words, column, record) for column in columns] for record in frame.to_dict("records")
    ]
    formats = {head: _format(column) for head, column in zip(heads, columns, strict=True)}
    return Sheet(pd.DataFrame(body, columns=heads), {h: f for h, f in formats.items() if f})


def theme_sheet(words, frame):
    """The themes as people read them: name, language in words, comments and their share,
    then the words, examples and shares per group; the key programs use comes last."""
    renamed = frame.rename(columns=THEME_COLUMNS)
    first = ["theme", "theme_name", "theme_language", "comments", "comment_share"]
    rest = [c for c in renamed.columns if c not in first and c != "theme_key"]
    return sheet(words, renamed, [*first, *rest, "theme_key"])


def _heading(words, column):
    prefix, _, code = str(column).partition(":")
    if code and prefix == "barrier":
        return gettext("Met the barrier “%(barrier)s”", barrier=words.barrier(code))
    if code and prefix == "share":
        return gettext("Share among: %(group)s", group=words.group(code))
    if column.startswith("example_"):
        return gettext("Example %(n)s", n=column.removeprefix("example_"))
    heading = COLUMNS.get(column)
    return str(heading[0]) if heading else str(column)


def _format(column):
    if ":" in str(column):
        return SHARE
    heading = COLUMNS.get(column)
    return heading[1] if heading else None


def _cell(words, column, record):
    value = record[column]
    if _missing(value):
        return None
    label = LABELS.get(column)
    if label is not None:
        return label(words, value, record)
    if isinstance(value, float):
        return _rounded(column, value)
    return value


def _rounded(column, value):
    """Four decimals, enough for any format above; q- and p-values to three significant
    digits, so that 2e-13 stays 2e-13."""
    if column in ("q_value", "p_value"):
        return float(f"{value:.3g}")
    return round(value, 4)


def _missing(value):
    if isinstance(value, list | tuple | dict):
        return False
    return value is None or bool(pd.isna(value)) or (isinstance(value, float) and math.isinf(value))


def _yes_no(_words, value, _record):
    return gettext("Yes") if value else gettext("No")


def _outcome(words, value, _record):
    """An outcome is a question; for a journey finding it is a stage."""
    return words.stage(value) if value in words.stages else words.question(value)


def _status(_words, value, record):
    if "insight_key" in record:
        return str(DECISION_LABELS.get(value, value))
    return str(STATUS_WORDS.get(value, value))


def _reason(words, value, record):
    return insight_sentence(words, record) if "reason_key" in record else value


LABELS = {
    "kind": lambda _w, value, _r: str(KIND_LABELS.get(value, value)),
    "segment": lambda words, value, _r: words.group(value),
    "outcome": _outcome,
    "severity": lambda _w, value, _r: str(SEVERITY_LABELS.get(value, value)),
    "intersectional": _yes_no,
    "top_two": _yes_no,
    "status": _status,
    "reason": _reason,
    "channel": lambda words, value, _r: words.channel(value),
    "best_channel": lambda words, value, _r: words.channel(value),
    "dimension": lambda words, value, _r: words.dimension(value),
    "group": lambda words, value, record: words.value(record.get("dimension"), value),
    "stage": lambda words, value, _r: words.stage(value),
    "barrier": lambda words, value, _r: words.barrier(value),
    "theme_language": lambda _w, value, _r: language_name(value),
    "period": lambda _w, value, _r: value.isoformat() if hasattr(value, "isoformat") else value,
}
