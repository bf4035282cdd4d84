"""Statistics shared by `ablation collect`, the judge and the listening study: cluster bootstrap (songs, with seeds
as a second level), percentile CIs, paired tests paired by content key, correlations with CIs that resample
clusters, agreement between raters (Krippendorff's alpha), and NaN-free JSON.

Bootstrap: examples are nested in songs (and a no_error chunk repeats per nominal target), so a CI resamples
*songs* with replacement, and, when an arm has several seeds, the seeds too (independently per replicate), and
sums the summable states of the drawn cells; a metric is then computed from those sums. Every CI reports the
number of songs and examples it rests on; with fewer than MIN_CLUSTERS clusters there is no CI (NaN / null, shown
as "n too small"): a percentile bootstrap over a handful of songs says nothing about the next. Each interval also
reports the resamples where its metric was undefined (dropped, not silently) and whether it is degenerate (the
metric constant in every resample: zero width, no evidence of precision).

Paired tests: p is two-sided with the +1 correction, 2 * min((1 + #{d <= 0}), (1 + #{d >= 0})) / (B + 1), so it is
never below what B resamples can resolve; `holm` corrects a family of them (Holm-Bonferroni).

Agreement: ratings are a `[raters, units]` array
with NaN where a rater did not rate a unit (a judge failure, a
participant who skipped a scenario). Krippendorff's alpha follows Krippendorff (2011), "Computing
Krippendorff's Alpha-Reliability": a coincidence matrix over the pairable values of every unit rated at
least twice, and alpha = 1 - D_observed / D_expected with the difference function of the level of
measurement. 1 is perfect agreement, 0 agreement at chance level, negative systematic disagreement.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

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


# --- bootstrap -------------------------------------------------------------------------------------------------
LEVEL = 0.95
MIN_CLUSTERS = 10
"""Fewer clusters (songs, scenarios) than this give no confidence interval ("n too small")."""


class Interval(tuple):
    """(estimate, low, high): a percentile CI (NaN without one); `dropped` counts the resamples where the metric
    was undefined. A plain 3-tuple to unpack, with the diagnostics as attributes."""

    dropped: int

    def __new__(cls, value: float, low: float, high: float, dropped: int = 0) -> Interval:
        interval = super().__new__(cls, (value, low, high))
        interval.dropped = dropped
        return interval

    @property
    def value(self) -> float:
        return self[0]

    @property
    def low(self) -> float:
        return self[1]

    @property
    def high(self) -> float:
        return self[2]

    @property
    def degenerate(self) -> bool:
        """A zero-width interval: the metric was the same in every resample."""
        return math.isfinite(self.low) and self.low == self.high


class Difference(Interval):
    """(a - b, low, high, two-sided p) of a paired bootstrap (NaN without a CI), with `dropped` resamples."""

    def __new__(cls, value: float, low: float, high: float, p: float, dropped: int = 0) -> Difference:
        difference = tuple.__new__(cls, (value, low, high, p))
        difference.dropped = dropped
        return difference

    @property
    def p(self) -> float:
        return self[3]


def bootstrap_p(diff: np.ndarray) -> float:
    """Two-sided p of finite bootstrap differences at 0, never below 1 / (B + 1) (B: the resamples used)."""
    tail = min(np.sum(diff <= 0), np.sum(diff >= 0))
    return float(min(1.0, 2 * (1 + tail) / (len(diff) + 1)))


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values of one family, in input order (NaN entries stay NaN and are not counted
    in the family size)."""
    finite = [(p, i) for i, p in enumerate(pvalues) if math.isfinite(p)]
    out = [math.nan] * len(pvalues)
    running = 0.0
    for rank, (p, i) in enumerate(sorted(finite)):
        running = max(running, min(1.0, (len(finite) - rank) * p))
        out[i] = running
    return out


def percentile_ci(values: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """The percentile interval of the finite values (NaN, NaN if none is finite)."""
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    if not len(finite):
        return math.nan, math.nan
    low, high = np.percentile(finite, [50 * (1 - level), 100 - 50 * (1 - level)])
    return float(low), float(high)


@dataclass
class Cells:
    """Summable states of examples grouped into cells: `sums[cluster, seed, state]` (0 where a seed lacks a
    cluster), with how many examples each cluster holds (per seed, the most)."""

    clusters: list[Hashable]
    sums: np.ndarray
    examples: int

    @classmethod
    def build(cls, states: np.ndarray, clusters: Sequence[Hashable], seeds: Sequence[Hashable] | None = None) -> Cells:
        """Group `states[example, state]` by cluster (a song) and seed (a run; one when None)."""
        seeds = list(seeds) if seeds is not None else [0] * len(states)
        names, runs = sorted(set(clusters), key=str), sorted(set(seeds), key=str)
        sums = np.zeros((len(names), len(runs), states.shape[1] if states.ndim == 2 else 0))
        c_index, s_index = {c: i for i, c in enumerate(names)}, {s: i for i, s in enumerate(runs)}
        np.add.at(sums, ([c_index[c] for c in clusters], [s_index[s] for s in seeds]), states)
        per_seed = len(states) / max(len(runs), 1)
        return cls(names, sums, int(round(per_seed)))


def bootstrap_cell_sums(cells: Cells, n_boot: int, seed: int) -> np.ndarray:
    """[n_boot, states] sums over clusters drawn with replacement and, per replicate, seeds drawn with
    replacement (deterministic for `seed`)."""
    rng = np.random.default_rng(seed)
    n_clusters, n_seeds = cells.sums.shape[:2]
    w_clusters = rng.multinomial(n_clusters, np.full(n_clusters, 1 / n_clusters), size=n_boot)
    w_seeds = (rng.multinomial(n_seeds, np.full(n_seeds, 1 / n_seeds), size=n_boot) if n_seeds > 1
               else np.ones((n_boot, 1)))
    return np.einsum("bc,bs,csk->bk", w_clusters, w_seeds, cells.sums)


def ci_table(cells: Cells, metrics: Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]], names: Sequence[str],
             n_boot: int = 2000, seed: int = 0) -> dict[str, Interval]:
    """metric -> Interval(estimate, low, high, dropped) for metrics computed from summed states named `names`."""
    if not cells.clusters:
        return {m: Interval(math.nan, math.nan, math.nan) for m in metrics({})}
    total = metrics(dict(zip(names, cells.sums.sum((0, 1)))))
    if len(cells.clusters) < MIN_CLUSTERS:
        return {m: Interval(float(total[m]), math.nan, math.nan) for m in total}
    boot = metrics(dict(zip(names, bootstrap_cell_sums(cells, n_boot, seed).T)))
    return {m: Interval(float(total[m]), *percentile_ci(boot[m]), int((~np.isfinite(boot[m])).sum())) for m in total}


def paired_cells(a: dict[Hashable, np.ndarray], b: dict[Hashable, np.ndarray], cluster_of: Callable[[Any], Hashable]
                 ) -> tuple[Cells, Cells, int]:
    """Two arms' per-key states (`key -> [seeds, states]`) restricted to the keys both have, as cells over the
    same clusters; and the number of shared keys."""
    shared = [k for k in a if k in b]
    clusters = [cluster_of(k) for k in shared]

    def cells(arm: dict) -> Cells:
        if not shared:
            return Cells([], np.zeros((0, 1, 0)), 0)
        stack = np.stack([arm[k] for k in shared])  # [keys, seeds, states]
        n_seeds = stack.shape[1]
        flat = stack.reshape(-1, stack.shape[2])
        return Cells.build(flat, [c for c in clusters for _ in range(n_seeds)], list(range(n_seeds)) * len(shared))
    return cells(a), cells(b), len(shared)


def paired_bootstrap(a: Cells, b: Cells, metrics: Callable[[dict], dict], names: Sequence[str], n_boot: int = 2000,
                     seed: int = 0) -> dict[str, Difference]:
    """metric -> Difference(a - b, low, high, two-sided p, dropped): the same clusters drawn for both arms in each
    replicate (their seeds drawn independently); see `bootstrap_p`."""
    if len(a.clusters) < MIN_CLUSTERS:
        observed = (metrics(dict(zip(names, a.sums.sum((0, 1))))), metrics(dict(zip(names, b.sums.sum((0, 1))))))
        return {m: Difference(float(observed[0][m] - observed[1][m]) if a.clusters else math.nan, math.nan, math.nan,
                              math.nan) for m in observed[0]}
    rng = np.random.default_rng(seed)
    n = len(a.clusters)
    w = rng.multinomial(n, np.full(n, 1 / n), size=n_boot)

    def sums(cells: Cells) -> np.ndarray:
        k = cells.sums.shape[1]
        seeds = rng.multinomial(k, np.full(k, 1 / k), size=n_boot) if k > 1 else np.ones((n_boot, 1))
        return np.einsum("bc,bs,csk->bk", w, seeds, cells.sums)
    boot_a, boot_b = metrics(dict(zip(names, sums(a).T))), metrics(dict(zip(names, sums(b).T)))
    total_a, total_b = metrics(dict(zip(names, a.sums.sum((0, 1))))), metrics(dict(zip(names, b.sums.sum((0, 1)))))
    out = {}
    for m in total_a:
        diff = boot_a[m] - boot_b[m]
        dropped = int((~np.isfinite(diff)).sum())
        diff = diff[np.isfinite(diff)]
        observed = float(total_a[m] - total_b[m])
        if not len(diff):
            out[m] = Difference(observed, math.nan, math.nan, math.nan, dropped)
            continue
        out[m] = Difference(observed, *percentile_ci(diff), bootstrap_p(diff), dropped)
    return out


def bootstrap_mean(values: Sequence[float], clusters: Sequence[Hashable] | None = None, n_boot: int = 2000,
                   seed: int = 0, level: float = LEVEL) -> dict:
    """Mean with a percentile CI resampling clusters (each value its own cluster when None); nulls when empty.
    Reports n (values) and n_clusters."""
    x = np.asarray(values, dtype=float)
    if not len(x):
        return {"mean": None, "low": None, "high": None, "n": 0, "n_clusters": 0}
    groups = list(clusters) if clusters is not None else list(range(len(x)))
    cells = Cells.build(np.stack([x, np.ones_like(x)], 1), groups)
    low = high = None
    if len(cells.clusters) >= MIN_CLUSTERS:
        boot = bootstrap_cell_sums(cells, n_boot, seed)
        low, high = percentile_ci(boot[:, 0] / boot[:, 1], level)
    return {"mean": float(x.mean()), "low": low, "high": high, "n": len(x), "n_clusters": len(cells.clusters)}


def _pearson_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson's r of each row pair of [B, n] arrays (NaN without variance)."""
    x, y = x - x.mean(1, keepdims=True), y - y.mean(1, keepdims=True)
    den = np.sqrt((x * x).sum(1) * (y * y).sum(1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, (x * y).sum(1) / den, np.nan)


def _rank_rows(x: np.ndarray) -> np.ndarray:
    """Average ranks (1..n, ties share their mean rank) within each row of [B, n]."""
    less = (x[:, None, :] < x[:, :, None]).sum(2)
    equal = (x[:, None, :] == x[:, :, None]).sum(2)
    return less + (equal + 1) / 2


def bootstrap_correlations(x: np.ndarray, y: np.ndarray, clusters: Sequence[Hashable], n_boot: int, seed: int
                           ) -> tuple[np.ndarray, np.ndarray]:
    """[n_boot] Pearson and Spearman coefficients of (x, y) pairs, resampling whole clusters (scenarios) with
    replacement: the items of one scenario share its audio and move together. All NaN below MIN_CLUSTERS."""
    rng = np.random.default_rng(seed)
    names = sorted(set(clusters), key=str)
    if len(names) < MIN_CLUSTERS:
        return np.full(n_boot, np.nan), np.full(n_boot, np.nan)
    members = [np.flatnonzero([c == name for c in clusters]) for name in names]
    r, rho = np.full(n_boot, np.nan), np.full(n_boot, np.nan)
    for b in range(n_boot):
        idx = np.concatenate([members[i] for i in rng.integers(0, len(names), len(names))])
        r[b] = _pearson_rows(x[idx][None], y[idx][None])[0]
        rho[b] = _pearson_rows(_rank_rows(x[idx][None]), _rank_rows(y[idx][None]))[0]
    return r, rho


def finite_or_none(value: Any) -> Any:
    """`value` with every NaN replaced by None (JSON has no NaN), through dicts and lists; numpy scalars become
    Python floats."""
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_or_none(v) for v in value]
    return value


def fmt_ci(value: float | None, low: float | None = None, high: float | None = None, digits: int = 3,
           clusters: int | None = None) -> str:
    """`0.512 [0.480, 0.545]`, `0.512 (n too small)` when `clusters` is below MIN_CLUSTERS, or `–` for a missing
    value."""
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{value:.{digits}f}"
    if clusters is not None and clusters < MIN_CLUSTERS:
        return f"{text} (n too small)"
    if low is None or high is None or not math.isfinite(low):
        return text
    return f"{text} [{low:.{digits}f}, {high:.{digits}f}]"


def fmt_p(p: float, n_boot: int) -> str:
    """A bootstrap p-value as printed: `–` when missing, else 4 decimals, never below 1 / (n_boot + 1)."""
    return "–" if not math.isfinite(p) else f"{max(p, 1 / (n_boot + 1)):.4f}"
