"""A study's per-example scores and their statistics: `Scores` (summable states keyed by content), song-level
bootstrap confidence intervals, paired tests between arms (content checked) and pooling an arm's seeds. The
library `collect` (the orchestrator), `breakdown` and `figures` share.

Per-example states come from `metrics.example_states` (through `records.score`), so the decision rules live in
one place; a metric over a set of examples is computed from the summed states exactly as `AdviceAccuracy` does.
Rows with a `likelihood` record (models' test predictions) add the likelihood argmax's metrics (`lik/<metric>`)
and its calibration (`lik/ece`, `lik/brier`) as summed states too (`records.likelihood_states`), so they get the
same song-level CIs and paired tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mixbuddy_pl.errors import DataError
from mixbuddy_pl.scoring.metrics import state_names
from mixbuddy_pl.scoring.records import (
    example_content, example_key, likelihood_state_names, likelihood_states, row_metrics, score, song_of,
)
from mixbuddy_pl.scoring.stats import Cells, Difference, Interval, ci_table, paired_bootstrap, paired_cells

TABLE_METRICS = ("stem_direction_acc", "direction_acc", "direction_f1", "detection_f1", "category_acc",
                 "category_acc/no_error", "magnitude_acc", "gain_mae_db", "gain_stated_rate", "parse_rate",
                 "lik/direction_acc", "lik/category_acc", "lik/ece", "lik/brier")
"""The metrics of results.md (results.csv has every metric, by stem and by category included); `lik/*`: the
answer-set likelihood's argmax and its calibration (docs/confidence.md), empty for runs without it."""
PAIRED_IN_MARKDOWN = ("stem_direction_acc", "direction_acc", "detection_f1", "category_acc")


@dataclass
class Scores:
    """Per-example summable states (rows, columns `names`) keyed by content key plus an occurrence number;
    `seeds` gives each row's run when an arm pools several, `anchors` each row's anchor stem (for breakdowns),
    `contents` each row's `records.example_content` (checked by paired tests), `variants` the task variants."""

    keys: list[tuple]
    states: np.ndarray  # [examples, len(names)]
    names: tuple[str, ...]
    seeds: list[int] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    contents: list[tuple] = field(default_factory=list)
    variants: frozenset[str] = frozenset()

    def to(self, names: tuple[str, ...]) -> Scores:
        """The same scores with columns `names` (0 for a state this run never wrote)."""
        index = {n: i for i, n in enumerate(self.names)}
        out = np.zeros((len(self.keys), len(names)))
        for j, name in enumerate(names):
            if name in index:
                out[:, j] = self.states[:, index[name]]
        return Scores(self.keys, out, names, self.seeds, self.anchors, self.contents, self.variants)

    def select(self, mask: np.ndarray) -> Scores:
        """The examples where `mask` is true."""
        rows = np.flatnonzero(mask)
        return Scores([self.keys[i] for i in rows], self.states[rows], self.names,
                      [self.seeds[i] for i in rows] if self.seeds else [],
                      [self.anchors[i] for i in rows] if self.anchors else [],
                      [self.contents[i] for i in rows] if self.contents else [], self.variants)

    def cells(self) -> Cells:
        """The states grouped by song and seed, for the song-level bootstrap."""
        return Cells.build(self.states, [song_of(k) for k in self.keys], self.seeds or None)

    def by_key(self) -> dict[tuple, np.ndarray]:
        """key -> [seeds, states] for the keys every seed has."""
        seeds = self.seeds or [0] * len(self.keys)
        runs = sorted(set(seeds))
        table: dict[tuple, dict[int, np.ndarray]] = {}
        for key, run, row in zip(self.keys, seeds, self.states):
            table.setdefault(key, {})[run] = row
        return {k: np.stack([v[r] for r in runs]) for k, v in table.items() if len(v) == len(runs)}

    def content_by_key(self) -> dict[tuple, set[tuple]]:
        """key -> the contents its rows had (one per data draw; several seeds of one data seed share one)."""
        out: dict[tuple, set[tuple]] = {}
        for key, content in zip(self.keys, self.contents):
            out.setdefault(key, set()).add(content)
        return out


def _stems(rows: list[dict]) -> list[str]:
    stems = {t["stem"] for r in rows for t in r["targets"]}
    return sorted(stems | {c["stem"] for r in rows if r.get("parsed") for c in r["parsed"]["changes"]})


def score_rows(rows: list[dict]) -> Scores:
    """Score each prediction row on its own (`records.score`, and `records.likelihood_states` where rows carry a
    likelihood); repeated keys get an occurrence number."""
    stems = _stems(rows)
    likelihood = [likelihood_states(row) for row in rows]
    names = state_names(stems) + (likelihood_state_names(stems) if any(likelihood) else ())
    seen: dict[tuple, int] = {}
    keys, states = [], np.zeros((len(rows), len(names)))
    index = {n: i for i, n in enumerate(names)}
    for i, (row, lik) in enumerate(zip(rows, likelihood)):
        for name, value in (score(row) | lik).items():
            states[i, index[name]] = value
        key = example_key(row)
        seen[key] = seen.get(key, 0) + 1
        keys.append((*key, seen[key]))
    return Scores(keys, states, names, anchors=[str(row.get("anchor")) for row in rows],
                  contents=[example_content(row) for row in rows],
                  variants=frozenset(str(row.get("variant")) for row in rows))


def confidence_intervals(scores: Scores, n_boot: int = 2000, seed: int = 0) -> dict[str, Interval]:
    """metric -> Interval(estimate, low, high, dropped): percentile bootstrap over songs (and seeds, when pooled)."""
    return ci_table(scores.cells(), row_metrics, scores.names, n_boot, seed)


@dataclass
class Paired:
    """A paired bootstrap comparison of arm `a` minus arm `b` on the test examples both have."""

    a: str
    b: str
    n: int
    songs: int
    metrics: dict[str, Difference]
    p_holm: dict[str, float] = field(default_factory=dict)  # the metrics of the corrected family only


def check_content(a: Scores, b: Scores, names: tuple[str, str], level_shifted: bool = False) -> None:
    """Raise DataError when a key both arms have carries different content (gain, anchor, level, data seed). Left
    out by design: the anchor between arms of different variants (only the anchor variant's question has one) and,
    with `level_shifted` (a level-shift control against its own arm), the common level."""
    ignored = {0} if a.variants != b.variants else set()
    if level_shifted:
        ignored.add(2)
    content_a, content_b = ({k: {tuple(v for i, v in enumerate(c) if i not in ignored) for c in cs}
                             for k, cs in content.items()} for content in (a.content_by_key(), b.content_by_key()))
    differ = [k for k in content_a if k in content_b and content_a[k] != content_b[k]]
    if differ:
        k = differ[0]
        raise DataError(f"arms {names[0]!r} and {names[1]!r} drew different examples for {len(differ)} shared keys, "
                        f"e.g. {k[:4]}: {sorted(content_a[k], key=str)} vs {sorted(content_b[k], key=str)}; pair only "
                        "arms with the same data settings (data.seed, data.flaws, data.level_*), or compare them "
                        "unpaired")


def paired_test(a: Scores, b: Scores, names: tuple[str, str], n_boot: int = 2000, seed: int = 0,
                level_shifted: bool = False) -> Paired:
    """Resample the shared songs once for both arms (examples paired by content key, their content checked);
    p is two-sided (`stats.bootstrap_p`)."""
    check_content(a, b, names, level_shifted)
    columns = tuple(dict.fromkeys(a.names + b.names))
    cells_a, cells_b, shared = paired_cells(a.to(columns).by_key(), b.to(columns).by_key(), song_of)
    return Paired(*names, shared, len(cells_a.clusters),
                  paired_bootstrap(cells_a, cells_b, row_metrics, columns, n_boot, seed))


def pool(scores: list[Scores]) -> Scores:
    """An arm's scores: every seed's rows, each marked with its seed (a level of the bootstrap)."""
    columns = tuple(dict.fromkeys(n for s in scores for n in s.names))
    aligned = [s.to(columns) for s in scores]
    anchors = [a for s in aligned for a in s.anchors] if all(s.anchors for s in aligned) else []
    contents = [c for s in aligned for c in s.contents] if all(s.contents for s in aligned) else []
    return Scores([k for s in aligned for k in s.keys], np.concatenate([s.states for s in aligned]), columns,
                  [i for i, s in enumerate(aligned) for _ in s.keys], anchors, contents,
                  frozenset().union(*(s.variants for s in aligned)))
