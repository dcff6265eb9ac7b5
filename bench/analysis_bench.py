"""Benchmark find_equity_gaps against fairlearn's MetricFrame and a bare pandas groupby.

All three compute (at least) group means and counts of 5 outcomes over every one- and
two-way combination of the 4 segments of a synthetic survey; find_equity_gaps also computes
every statistic, test, q-value and the disclosure control. Run from the repository root:

    .venv/bin/python bench/analysis_bench.py [--rows 1000000] [--seed 0]

Targets: find_equity_gaps at least 50x faster than MetricFrame, at most half the time of the
groupby, and a peak of traced memory under twice the size of the input frame.
"""

import argparse
import itertools
import time
import tracemalloc

import numpy as np
from fairlearn.metrics import MetricFrame, count

from analysis import SEGMENTS, find_equity_gaps, synthetic_responses
from analysis.synthetic import OUTCOMES

SUBSETS = [list(s) for k in (1, 2) for s in itertools.combinations(SEGMENTS, k)]


def ours(frame):
    """The full equity gap analysis."""
    return find_equity_gaps(frame, outcomes=OUTCOMES, segments=SEGMENTS, max_order=2)


def bare_groupby(frame):
    """Group means and counts of every outcome, one groupby per subset."""
    return [frame.groupby(subset)[list(OUTCOMES)].agg(["mean", "count"]) for subset in SUBSETS]


def metric_frames(frame):
    """Group means and counts with fairlearn, per subset and outcome (known values only)."""
    known = frame.replace({"prefer_not_to_say": None})
    results = []
    for subset, outcome in itertools.product(SUBSETS, OUTCOMES):
        rows = known[[*subset, outcome]].dropna()
        results.append(
            MetricFrame(
                metrics={"mean": lambda y, _: float(np.mean(y)), "count": count},
                y_true=rows[outcome],
                y_pred=rows[outcome],
                sensitive_features=rows[subset],
            ).by_group
        )
    return results


def best_time(function, frame, repeats):
    """The fastest of a few runs, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(frame)
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory(function, frame):
    """Peak traced memory of one run, in bytes."""
    tracemalloc.start()
    function(frame)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv=None):
    """Run the benchmark and print the times and ratios last."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="synthetic responses")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic survey")
    args = parser.parse_args(argv)
    frame = synthetic_responses(args.rows, seed=args.seed)[["response_id", *SEGMENTS, *OUTCOMES]]
    size = frame.memory_usage(deep=True).sum()
    print(f"{args.rows:,} responses, {len(OUTCOMES)} outcomes, {len(SUBSETS)} segment subsets")
    print(f"input frame: {size / 1e6:.0f} MB; {len(ours(frame))} gap rows")
    peak = peak_memory(ours, frame)
    gaps = best_time(ours, frame, repeats=3)
    groupby = best_time(bare_groupby, frame, repeats=3)
    fairlearn = best_time(metric_frames, frame, repeats=1)
    print(f"peak memory of find_equity_gaps: {peak / 1e6:.0f} MB ({peak / size:.2f}x the input)")
    print(f"find_equity_gaps:      {gaps:8.3f} s")
    print(f"fairlearn MetricFrame: {fairlearn:8.3f} s")
    print(f"pandas groupby:        {groupby:8.3f} s")
    print(f"MetricFrame / find_equity_gaps: {fairlearn / gaps:8.1f}x (target >= 50x)")
    print(f"find_equity_gaps / groupby:     {gaps / groupby:8.2f}  (target <= 0.5)")


if __name__ == "__main__":
    main()
