"""Column conventions of a responses frame and the checks that guard them."""

import math

import numpy as np
import pandas as pd

SEGMENTS = ("age_band", "gender", "disability", "rurality")
RESPONSE_ID = "response_id"
WEIGHT = "weight"
COMMENT = "comment"
LANG = "lang"
STAGE_PREFIX = "stage:"
BARRIER_PREFIX = "barrier:"
RATING_SCALES = ((1, 5), (1, 7))
EMOTION_SCALE = (-2, 2)
BARRIER_SCALE = (0, 1)
# Compared after strip() and lower(); such answers (and NA) never form a group.
UNKNOWN_VALUES = frozenset(
    {
        "",
        "prefer_not_to_say",
        "prefer not to say",
        "prefer-not-to-say",
        "not_stated",
        "not stated",
        "unknown",
        "n/a",
    }
)

NOT_A_DATAFRAME = "{name} must be a pandas DataFrame, got {type}"
MISSING_COLUMN = "missing column {column!r}"
UNKNOWN_COLUMN = (
    "unknown column {column!r}: expected response_id, a segment, a numeric outcome, "
    "stage:<name>, barrier:<stage>:<code>, weight, comment or lang"
)
NOT_NUMERIC = "column {column!r} must hold numbers, found {value!r}"
NOT_WHOLE = "column {column!r} must hold whole numbers, found {value!r}"
OUT_OF_SCALE = "column {column!r} has the value {value!r}, outside its scale {low}..{high}"
NO_STANDARD_SCALE = (
    "column {column!r} has the value {value!r}, outside the 1..5 and 1..7 rating scales; "
    "pass scales={{{column!r}: (low, high)}}"
)
NOT_TEXT = "segment column {column!r} must hold text or NA, found {value!r}"
BAD_WEIGHT = "column 'weight' must hold positive finite numbers, found {value!r}"
DUPLICATE_ID = "response_id {value!r} appears more than once"
BAD_BARRIER_NAME = "barrier column {column!r} must be named barrier:<stage>:<code>"
BAD_OPTION = "{name} must be {rule}, got {value!r}"
NO_OUTCOMES = "no outcome columns to analyse"


class AnalysisInputError(ValueError):
    """Raised when responses, a cube or a reference table cannot be analysed."""


def fail(message, **params):
    """Raise AnalysisInputError with a message constant filled in (numpy values made plain)."""
    plain = {k: v.item() if isinstance(v, np.generic) else v for k, v in params.items()}
    raise AnalysisInputError(message.format(**plain))


def require(condition, name, rule, value):
    """Fail with BAD_OPTION unless an option satisfies its rule."""
    if not condition:
        fail(BAD_OPTION, name=name, rule=rule, value=value)


def is_unknown(value):
    """Whether a segment value means 'not known' (NA, blank, prefer not to say...)."""
    return (
        value is None
        or value is pd.NA
        or str(value).strip().lower() in UNKNOWN_VALUES
        or (isinstance(value, float) and math.isnan(value))
    )


def column_kind(column, segments):
    """Classify a responses column by name: id, segment, weight, comment, lang, stage..."""
    fixed = {RESPONSE_ID: "id", WEIGHT: "weight", COMMENT: "comment", LANG: "lang"}
    name = str(column)
    if name in fixed:
        return fixed[name]
    if name in segments or name in SEGMENTS:
        return "segment"
    if name.startswith(STAGE_PREFIX):
        return "stage"
    if name.startswith(BARRIER_PREFIX):
        return "barrier"
    return "outcome"


def columns_of_kind(responses, kind, *, segments=SEGMENTS):
    """The columns of one kind, in frame order."""
    return [c for c in responses.columns if column_kind(c, segments) == kind]


def is_number_column(series):
    """Whether a column holds numbers (booleans count as 0/1)."""
    return pd.api.types.is_numeric_dtype(series.dtype) or series.isna().all()


def check_frame(responses, *, segments, required=()):
    """Check the frame type, its column names and the presence of required columns."""
    if not isinstance(responses, pd.DataFrame):
        fail(NOT_A_DATAFRAME, name="responses", type=type(responses).__name__)
    for column in [*segments, *required]:
        if column not in responses.columns:
            fail(MISSING_COLUMN, column=column)
    for column in responses.columns:
        kind = column_kind(column, segments)
        if kind == "outcome" and not is_number_column(responses[column]):
            if column in required:
                to_float(responses[column], column)
            fail(UNKNOWN_COLUMN, column=column)
        if kind == "barrier" and str(column).count(":") != 2:
            fail(BAD_BARRIER_NAME, column=column)


def weights_of(responses):
    """The weight column as floats, or None when the frame is unweighted."""
    if WEIGHT not in responses.columns:
        return None
    weights = to_float(responses[WEIGHT], WEIGHT)
    bad = ~(np.isfinite(weights) & (weights > 0))
    if bad.any():
        fail(BAD_WEIGHT, value=weights[bad][0])
    return weights


def to_float(series, column):
    """A numeric column as a float array with NaN for missing answers."""
    if not is_number_column(series):
        text = series[pd.to_numeric(series, errors="coerce").isna() & series.notna()]
        fail(NOT_NUMERIC, column=column, value=(text if len(text) else series.dropna()).iloc[0])
    return series.to_numpy(dtype=float, na_value=np.nan)


def scale_of(values, column, scales=None):
    """The (low, high) scale of a column.

    Given in scales, else -2..2 for stage: columns and 0..1 for barrier: columns, else the
    smaller standard rating scale (1..5, then 1..7) holding every answer.
    """
    name = str(column)
    prefixed = {STAGE_PREFIX: EMOTION_SCALE, BARRIER_PREFIX: BARRIER_SCALE}
    default = next((s for prefix, s in prefixed.items() if name.startswith(prefix)), None)
    scale = (scales or {}).get(column, default)
    if scale is not None:
        return tuple(int(v) for v in scale)
    answered = values[~np.isnan(values)]
    top = answered.max() if answered.size else RATING_SCALES[0][1]
    for low, high in RATING_SCALES:
        if top <= high and (answered.size == 0 or answered.min() >= low):
            return low, high
    outside = answered[(answered < 1) | (answered > RATING_SCALES[-1][1])]
    fail(NO_STANDARD_SCALE, column=column, value=_plain(outside[0]))


def check_values(values, column, scale):
    """Fail unless every answered value is a whole number within the scale."""
    answered = values[~np.isnan(values)]
    fractional = answered[answered != np.round(answered)]
    if fractional.size:
        fail(NOT_WHOLE, column=column, value=_plain(fractional[0]))
    low, high = scale
    outside = answered[(answered < low) | (answered > high)]
    if outside.size:
        fail(OUT_OF_SCALE, column=column, value=_plain(outside[0]), low=low, high=high)


def _plain(value):
    """A float shown as an int when whole, for readable messages."""
    return int(value) if np.isfinite(value) and value == int(value) else float(value)


def check_text(uniques, column):
    """Fail unless every distinct segment value is text or unknown."""
    for value in uniques:
        if not (isinstance(value, str) or is_unknown(value)):
            fail(NOT_TEXT, column=column, value=value)


def validate_responses(responses, *, segments=SEGMENTS, scales=None):
    """Check a whole responses frame before analysis.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response (see the module documentation for the columns).
    segments : sequence of str, default ("age_band", "gender", "disability", "rurality")
        Segment columns; all must be present and hold text or NA.
    scales : dict of str to (int, int), optional
        Rating scale per outcome; other outcomes use 1..5 or 1..7, whichever fits.

    Returns
    -------
    list of str
        The outcome columns, in frame order.

    Raises
    ------
    AnalysisInputError
        With one of the message constants of this module.
    """
    check_frame(responses, segments=segments, required=(RESPONSE_ID,))
    weights_of(responses)
    duplicated = responses[RESPONSE_ID].duplicated()
    if duplicated.any():
        fail(DUPLICATE_ID, value=responses[RESPONSE_ID][duplicated].iloc[0])
    for column in segments:
        check_text(responses[column].dropna().unique(), column)
    for kind in ("outcome", "stage", "barrier"):
        for column in columns_of_kind(responses, kind, segments=segments):
            values = to_float(responses[column], column)
            check_values(values, column, scale_of(values, column, scales))
    return columns_of_kind(responses, "outcome", segments=segments)
