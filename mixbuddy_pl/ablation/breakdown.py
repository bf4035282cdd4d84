"""The main metrics on subsets of a study's test examples: by the nominal target's stem (flawed examples), by its
flaw category and by the anchor, per arm (seeds pooled), with the song-level CIs of the study's table
(`collect.confidence_intervals`) and the songs and examples each rests on. A dimension is shown only where the
study's test examples vary it.

The subsets follow the metric definitions: the `stem` value of a subset is what `stem_direction_acc/<stem>` in
results.csv is computed over, the `category` value what `category_acc/<category>` is; the breakdown adds the
other main metrics on the same examples and their counts.
"""

from __future__ import annotations

import numpy as np

from mixbuddy_pl.ablation.scores import TABLE_METRICS, Scores, confidence_intervals
from mixbuddy_pl.scoring.stats import fmt_ci

DIMENSIONS = ("stem", "category", "anchor")
METRICS = tuple(m for m in TABLE_METRICS if "/" not in m)  # a per-category metric is the category subset itself
IN_MARKDOWN = ("stem_direction_acc", "direction_acc", "category_acc")


def values(scores: Scores, dimension: str) -> list[str | None]:
    """Each example's value of a dimension (None: not in that breakdown, e.g. a no_error example by stem)."""
    if dimension == "anchor":
        return list(scores.anchors) or [None] * len(scores.keys)
    if dimension == "category":
        return [key[3] for key in scores.keys]
    return [key[2] if key[3] != "no_error" else None for key in scores.keys]


def breakdown(pooled: dict[str, Scores], n_boot: int = 2000, seed: int = 0) -> list[dict]:
    """Rows (arm, dimension, value, songs, examples, metric, estimate, low, high) for every dimension whose
    examples take 2+ values; `pooled`: arm -> its seeds' scores pooled."""
    rows = []
    for dimension in DIMENSIONS:
        labels = {arm: np.array(values(scores, dimension), dtype=object) for arm, scores in pooled.items()}
        seen = sorted({v for column in labels.values() for v in column if v is not None})
        if len(seen) < 2:
            continue
        for arm, scores in pooled.items():
            for value in seen:
                subset = scores.select(labels[arm] == value)
                cells = subset.cells()
                cis = confidence_intervals(subset, n_boot, seed)
                rows += [{"arm": arm, "dimension": dimension, "value": value, "songs": len(cells.clusters),
                          "examples": cells.examples, "metric": m, "estimate": cis[m][0], "low": cis[m][1],
                          "high": cis[m][2]} for m in METRICS]
    return rows


def markdown(rows: list[dict]) -> str:
    """A results.md section: per dimension, one line per arm and value with its songs, examples and main metrics."""
    if not rows:
        return ""
    out = ["\n## Breakdowns\n\nPer arm (seeds pooled), on the test examples of each value, with 95% bootstrap CIs "
           "over their songs; `stem` is the nominal target of the flawed examples. All main metrics in breakdown.csv, "
           "bars in breakdown.png.\n"]
    for dimension in dict.fromkeys(r["dimension"] for r in rows):
        out.append(f"\n### By {dimension}\n\n| arm | {dimension} | songs | examples | " + " | ".join(IN_MARKDOWN)
                   + " |\n|" + "---|" * (len(IN_MARKDOWN) + 4) + "\n")
        of = [r for r in rows if r["dimension"] == dimension]
        for arm, value in dict.fromkeys((r["arm"], r["value"]) for r in of):
            cells = {r["metric"]: r for r in of if r["arm"] == arm and r["value"] == value}
            first = next(iter(cells.values()))
            out.append(f"| {arm} | {value} | {first['songs']} | {first['examples']} | "
                       + " | ".join(fmt_ci(cells[m]["estimate"], cells[m]["low"], cells[m]["high"],
                                           clusters=first["songs"])
                                    for m in IN_MARKDOWN) + " |\n")
    return "".join(out)
