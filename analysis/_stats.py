"""Statistics from value counts: means, shares, Wilson intervals, Cliff's delta, Mann-Whitney U.

Every function takes per-value sums on the last axis, so one call covers many groups at once.
"""

import numpy as np
from scipy import special, stats

Z_95 = special.ndtri(0.975)
SEVERITY_BANDS = ((0.474, "large"), (0.33, "medium"), (0.147, "small"))


def kish_n(weight_sum, weight_sq_sum):
    """Kish's effective sample size (sum w)^2 / sum w^2; the plain count when unweighted."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return weight_sum**2 / weight_sq_sum


def wilson_interval(share, n, *, z=Z_95):
    """Wilson score interval (95% by default) for a share observed among n."""
    with np.errstate(divide="ignore", invalid="ignore"):
        denominator = 1 + z**2 / n
        centre = (share + z**2 / (2 * n)) / denominator
        half = z * np.sqrt(share * (1 - share) / n + z**2 / (4 * n**2)) / denominator
    return centre - half, centre + half


def rank_test(x, y, n_x, n_y):
    """Cliff's delta of x against y and the two-sided Mann-Whitney U p-value.

    x and y hold (weighted) counts per ordered value on the last axis; n_x and n_y are the
    sample sizes used by the test (Kish's effective n when weighted). Unweighted, this is
    exactly scipy.stats.mannwhitneyu(method="asymptotic", use_continuity=True) with its tie
    correction. A p-value is 1 when every answer is tied.
    """
    total_x, total_y = x.sum(axis=-1), y.sum(axis=-1)
    below = np.cumsum(y, axis=-1) - y
    above = np.cumsum(y[..., ::-1], axis=-1)[..., ::-1] - y
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (x * (below - above)).sum(axis=-1) / (total_x * total_y)
        ties = x * (n_x / total_x)[..., None] + y * (n_y / total_y)[..., None]
        n = n_x + n_y
        tie_term = (ties**3 - ties).sum(axis=-1)
        spread = np.sqrt(n_x * n_y / 12 * ((n + 1) - tie_term / (n * (n - 1))))
        u_x = n_x * n_y * (1 + delta) / 2
        z = (np.maximum(u_x, n_x * n_y - u_x) - n_x * n_y / 2 - 0.5) / spread
        p_value = np.where(spread > 0, np.clip(2 * special.ndtr(-z), 0.0, 1.0), 1.0)
    return delta, p_value


def describe(values, counts, *, top=2):
    """Size, mean, top-box share, their 95% intervals and effective n of each group.

    counts is (count, weight_sum, weight_sq_sum), each with values on the last axis.
    """
    count, weight, weight_sq = counts
    total = weight.sum(axis=-1)
    n_eff = kish_n(total, weight_sq.sum(axis=-1))
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = weight @ values / total
        top_share = weight[..., -top:].sum(axis=-1) / total
        variance = weight @ values**2 / total - mean**2
        half = special.stdtrit(np.maximum(n_eff - 1, 1), 0.975) * np.sqrt(
            np.maximum(variance, 0) / np.maximum(n_eff - 1, 1)
        )
    low, high = wilson_interval(top_share, n_eff)
    return {
        "n": count.sum(axis=-1).round().astype(np.int64),
        "n_eff": n_eff,
        "mean": mean,
        "top2": top_share,
        "top2_ci_low": low,
        "top2_ci_high": high,
        "mean_ci_low": mean - half,
        "mean_ci_high": mean + half,
    }


def compare(values, group, rest):
    """Statistics of each group and of its rest, with Cliff's delta and the U-test p-value."""
    mine, theirs = describe(values, group), describe(values, rest)
    effect, p_value = rank_test(group[1], rest[1], mine["n_eff"], theirs["n_eff"])
    return {
        **mine,
        "n_rest": theirs["n"],
        "rest_mean": theirs["mean"],
        "rest_top2": theirs["top2"],
        "effect": effect,
        "p_value": p_value,
    }


def q_values(p_values, tested):
    """Benjamini-Hochberg q-values of the tested entries, NaN elsewhere."""
    result = np.full(len(p_values), np.nan)
    if tested.any():
        result[tested] = stats.false_discovery_control(p_values[tested])
    return result


def severity(effect):
    """The |delta| band of an effect: "large", "medium", "small" or ""."""
    size = np.abs(np.asarray(effect, dtype=float))
    labels = np.full(size.shape, "", dtype=object)
    for bound, label in reversed(SEVERITY_BANDS):
        labels[size >= bound] = label
    return labels
