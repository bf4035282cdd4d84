"""Agreement between raters (people or LLM judges): Krippendorff's alpha, and rank / linear correlation.

Ratings are a `[raters, units]` array with NaN where a rater did not rate a unit (a judge failure, a
participant who skipped a scenario). Krippendorff's alpha follows Krippendorff (2011), "Computing
Krippendorff's Alpha-Reliability": a coincidence matrix over the pairable values of every unit rated at
least twice, and alpha = 1 - D_observed / D_expected with the difference function of the level of
measurement. 1 is perfect agreement, 0 agreement at chance level, negative systematic disagreement.
"""

from __future__ import annotations

import math

import numpy as np

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _squared_differences(values: np.ndarray, totals: np.ndarray, level: str) -> np.ndarray:
    """delta^2[c, k] between the sorted distinct values for a level of measurement."""
    c, k = np.meshgrid(values, values, indexing="ij")
    if level == "nominal":
        return (c != k).astype(float)
    if level == "interval":
        return (c - k) ** 2
    if level == "ratio":
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.nan_to_num(((c - k) / (c + k)) ** 2)
    if level == "ordinal":  # (sum of the marginals from c to k, less half of both ends)^2
        cumulative = np.cumsum(totals)
        i, j = np.meshgrid(np.arange(len(values)), np.arange(len(values)), indexing="ij")
        low, high = np.minimum(i, j), np.maximum(i, j)
        between = cumulative[high] - cumulative[low] + totals[low]
        return (between - (totals[i] + totals[j]) / 2) ** 2
    raise ValueError(f"level must be one of {LEVELS}, not {level!r}")


def krippendorff_alpha(ratings: np.ndarray | list, level: str = "interval") -> float:
    """Krippendorff's alpha of `[raters, units]` ratings (NaN = missing); NaN when it is undefined.

    It is undefined when fewer than two pairable values exist or when every pairable value is the same
    (no expected disagreement). `level`: nominal, ordinal, interval or ratio.
    """
    data = np.asarray(ratings, dtype=float)
    if data.ndim != 2:
        raise ValueError(f"ratings must be [raters, units], got shape {data.shape}")
    data = data[:, (~np.isnan(data)).sum(0) >= 2]  # only units rated at least twice are pairable
    values = np.unique(data[~np.isnan(data)])
    if len(values) == 0:
        return math.nan
    counts = (data.T[:, :, None] == values).sum(1).astype(float)  # [units, values]
    weights = counts / (counts.sum(1, keepdims=True) - 1)
    coincidences = counts.T @ weights - np.diag(weights.sum(0))  # o_ck = sum_u n_uc (n_uk - [c=k]) / (m_u - 1)
    totals = coincidences.sum(1)
    n = totals.sum()
    delta = _squared_differences(values, totals, level)
    expected = (np.outer(totals, totals) * delta).sum() / (n * (n - 1))
    if expected == 0:
        return math.nan
    return float(1 - (coincidences * delta).sum() / n / expected)


def rankdata(x: np.ndarray | list) -> np.ndarray:
    """Ranks 1..n, ties getting their average rank (scipy.stats.rankdata's default)."""
    x = np.asarray(x, dtype=float)
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(1, len(x) + 1)
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    return sums[inverse] / counts[inverse]


def pearson(x: np.ndarray | list, y: np.ndarray | list) -> float:
    """Pearson's r over the pairs where both are finite; NaN with fewer than 3 pairs or no variance."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    if keep.sum() < 3:
        return math.nan
    x, y = x[keep] - x[keep].mean(), y[keep] - y[keep].mean()
    denominator = math.sqrt((x * x).sum() * (y * y).sum())
    return float((x * y).sum() / denominator) if denominator > 0 else math.nan


def spearman(x: np.ndarray | list, y: np.ndarray | list) -> float:
    """Spearman's rho (Pearson's r of average ranks) over the pairs where both are finite."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    return pearson(rankdata(x[keep]), rankdata(y[keep]))
