"""Ensemble's equity analysis: DataFrames in, DataFrames out.

A pure library (pandas, numpy, scipy, scikit-learn): no Flask, SQLAlchemy or feedback_app.
See docs/analysis.md for the input format, the statistics and the disclosure rules.
"""

from ._cube import CUBE_COLUMNS, count_cube
from ._disclosure import SUPPRESSED, suppress_small_cells
from ._gaps import GAP_COLUMNS, find_equity_gaps, find_equity_gaps_from_cube
from ._journey import journey_curve, journey_curve_from_cube
from ._outreach import OUTREACH_COLUMNS, plan_outreach, plan_outreach_from_cube
from ._prioritize import INSIGHT_COLUMNS, REASONS, prioritize
from ._raking import rake_weights, rake_weights_from_cube
from ._representation import (
    load_reference_csv,
    representation,
    representation_from_cube,
    segment_cells,
)
from ._themes import themes
from ._validate import SEGMENTS, UNKNOWN_VALUES, AnalysisInputError, validate_responses
from .synthetic import synthetic_responses

__all__ = [
    "CUBE_COLUMNS",
    "GAP_COLUMNS",
    "INSIGHT_COLUMNS",
    "OUTREACH_COLUMNS",
    "REASONS",
    "SEGMENTS",
    "SUPPRESSED",
    "UNKNOWN_VALUES",
    "AnalysisInputError",
    "count_cube",
    "find_equity_gaps",
    "find_equity_gaps_from_cube",
    "journey_curve",
    "journey_curve_from_cube",
    "load_reference_csv",
    "plan_outreach",
    "plan_outreach_from_cube",
    "prioritize",
    "rake_weights",
    "rake_weights_from_cube",
    "representation",
    "representation_from_cube",
    "segment_cells",
    "suppress_small_cells",
    "synthetic_responses",
    "themes",
    "validate_responses",
]
