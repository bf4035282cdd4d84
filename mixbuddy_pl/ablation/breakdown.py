"""The main metrics broken down by target stem, flaw category and anchor, per arm (seeds pooled), with the same
bootstrap confidence intervals as the study's table; a dimension is shown only where the study's test examples
vary it. An example with several targets counts under the joined values (`bass+vocals`)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from mixbuddy_pl.ablation.collect import RunResult, confidence_intervals, pool, read_rows
from mixbuddy_pl.ablation.study import run_dir

DIMENSIONS = ("stem", "category", "anchor")
IN_MARKDOWN = ("direction_acc", "category_acc")


def _joined(values: list[str]) -> str:
    return "+".join(sorted(set(values))) or "none"


def anchors(study_dir: Path, result: RunResult) -> dict[tuple, str]:
    """(song, start_s, targets) -> anchor stem of a finished run's test examples (from its predictions)."""
    folder = Path(run_dir(study_dir, result.run.name)) / "predictions"
    latest = max(folder.glob("test-*.jsonl"), key=lambda p: p.stat().st_mtime)
    return {(r["song"], float(r["start_s"]), json.dumps(r["targets"], sort_keys=True)): str(r.get("anchor"))
            for r in read_rows(latest)}


def attribute(key: tuple, dimension: str, anchor_of: dict[tuple, str]) -> str:
    """The example's value of a dimension; `key` is collect's (song, start_s, targets, occurrence)."""
    if dimension == "anchor":
        return anchor_of.get(key[:3], "none")
    return _joined([t[dimension] for t in json.loads(key[2])])


def breakdown(study_dir: Path, results: list[RunResult], n_boot: int = 2000, seed: int = 0) -> list[dict]:
    """Rows (arm, dimension, value, examples, metric, estimate, low, high) for every dimension with 2+ values."""
    arms: dict[str, list[RunResult]] = {}
    anchor_of: dict[tuple, str] = {}
    for r in results:
        if r.scores is not None:
            arms.setdefault(r.run.arm, []).append(r)
            anchor_of.update(anchors(study_dir, r))
    pooled = {arm: pool([r.scores for r in members]) for arm, members in arms.items()}
    rows = []
    for dimension in DIMENSIONS:
        values = {attribute(k, dimension, anchor_of) for s in pooled.values() for k in s.keys}
        if len(values) < 2:
            continue
        for arm, scores in pooled.items():
            labels = np.array([attribute(k, dimension, anchor_of) for k in scores.keys])
            for value in sorted(values):
                states = scores.states[labels == value]
                cis = confidence_intervals(states, n_boot, seed)
                rows += [{"arm": arm, "dimension": dimension, "value": value, "examples": len(states), "metric": m,
                          "estimate": est, "low": lo, "high": hi} for m, (est, lo, hi) in cis.items()]
    return rows


def markdown(rows: list[dict]) -> str:
    """A results.md section: per dimension and main metric, arms x values, `estimate [low, high] (n)`."""
    if not rows:
        return ""
    out = ["\n## Breakdowns\n\nPer arm (seeds pooled), 95% bootstrap CI over the test examples of each value; "
           "all metrics in breakdown.csv, bars in breakdown.png.\n"]
    for dimension in dict.fromkeys(r["dimension"] for r in rows):
        of = [r for r in rows if r["dimension"] == dimension]
        values = list(dict.fromkeys(r["value"] for r in of))
        for metric in IN_MARKDOWN:
            out.append(f"\n### {metric} by {dimension}\n\n| arm | " + " | ".join(values) + " |\n|"
                       + "---|" * (len(values) + 1) + "\n")
            for arm in dict.fromkeys(r["arm"] for r in of):
                cells = {r["value"]: r for r in of if r["arm"] == arm and r["metric"] == metric}
                out.append(f"| {arm} | " + " | ".join(_cell(cells.get(v)) for v in values) + " |\n")
    return "".join(out)


def _cell(row: dict | None) -> str:
    if row is None or math.isnan(row["estimate"]):
        return "–"
    return f"{row['estimate']:.3f} [{row['low']:.3f}, {row['high']:.3f}] ({row['examples']})"

