"""Analysts' dashboards, prioritized insights, exports and "you said, we did"."""
