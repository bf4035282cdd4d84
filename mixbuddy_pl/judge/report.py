"""Judge summaries: per-criterion means with bootstrap CIs over songs, failure counts, agreement between judges, and the
pairwise win/tie/loss with position consistency. Also where a predictions file's judge results live, and the
reader `ablation collect` uses to put judge means into its tables.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from mixbuddy_pl.judge.rubric import CRITERIA
from mixbuddy_pl.scoring.stats import bootstrap_mean, finite_or_none, krippendorff_alpha, spearman

OVERALL = "overall"  # the mean of the five criteria of one example
ORIENTATION = {"a_first": {"first": "a", "second": "b", "tie": "tie"},
               "b_first": {"first": "b", "second": "a", "tie": "tie"}}
PREFERENCE = {"a": 1.0, "tie": 0.0, "b": -1.0}


def output_dir(predictions: Path) -> Path:
    """`<run>/judge/` for `<run>/predictions/<stage>.jsonl`; otherwise a `judge/` folder beside the file."""
    folder = predictions.parent
    return (folder.parent if folder.name == "predictions" else folder) / "judge"


def summary_path(predictions: Path) -> Path:
    """Where the judge summary of a predictions file goes."""
    return output_dir(predictions) / f"{predictions.stem}.summary.json"


def judge_means(path: Path) -> dict[str, float]:
    """`judge/<judge>/<criterion>` -> mean score from a summary file; empty when the file does not exist."""
    if not path.is_file():
        return {}
    judges = json.loads(path.read_text())["judges"]
    return {f"judge/{name}/{criterion}": math.nan if stats["mean"] is None else stats["mean"]
            for name, info in judges.items() for criterion, stats in info["criteria"].items()}


def _grid(records: list[dict], names: list[str], examples: int) -> np.ndarray:
    """[judges, examples, criteria] scores, NaN where the judge failed."""
    grid = np.full((len(names), examples, len(CRITERIA)), np.nan)
    for r in records:
        if r["ok"]:
            grid[names.index(r["judge"]), r["index"]] = [r["scores"][c] for c in CRITERIA]
    return grid


def _agreement(ratings: np.ndarray, names: list[str], level: str) -> dict:
    """Krippendorff's alpha over all judges and Spearman's rho of every two judges ([judges, units] ratings)."""
    pairs = itertools.combinations(range(len(names)), 2)
    return {"krippendorff_alpha": finite_or_none(krippendorff_alpha(ratings, level)),
            "spearman": {f"{names[i]} vs {names[j]}": finite_or_none(spearman(ratings[i], ratings[j]))
                         for i, j in pairs}}


def _failures(results: list[dict]) -> dict[str, int]:
    return dict(Counter(r["reason"] for r in results if not r["ok"]))


def score_summary(records: list[dict], judges: dict[str, str], examples: int, n_boot: int = 2000,
                  seed: int = 0) -> dict:
    """Per judge (name -> backend id): scored/failed counts, failures by reason, mean [CI over songs] per criterion and
    overall; with several judges, their agreement per criterion (ordinal alpha) and overall (interval alpha)."""
    names = list(judges)
    grid = _grid(records, names, examples)
    songs = np.array([None] * examples, dtype=object)  # the bootstrap resamples songs
    for r in records:
        songs[r["index"]] = r.get("song", r["index"])
    out: dict = {"examples": examples, "judges": {}}
    for j, name in enumerate(names):
        mine = [r for r in records if r["judge"] == name]
        ok = ~np.isnan(grid[j]).any(1)
        scored, clusters = grid[j][ok], list(songs[ok])
        criteria = {c: bootstrap_mean(scored[:, i], clusters, n_boot, seed) for i, c in enumerate(CRITERIA)}
        criteria[OVERALL] = bootstrap_mean(scored.mean(1), clusters, n_boot, seed)
        out["judges"][name] = {"judge": judges[name], "scored": len(scored), "failed": len(mine) - len(scored),
                               "failures": _failures(mine), "cached": sum(r["cached"] for r in mine),
                               "criteria": criteria}
    if len(names) > 1:
        out["agreement"] = {c: _agreement(grid[:, :, i], names, "ordinal") for i, c in enumerate(CRITERIA)}
        out["agreement"][OVERALL] = _agreement(grid.mean(2), names, "interval")
    return out


def combine(a_first: str, b_first: str) -> tuple[str, bool]:
    """Verdict over both orders, as a / b / tie, and whether the orders agree: a win needs both orders,
    anything else (a position-dependent verdict included) is a tie."""
    first, second = ORIENTATION["a_first"][a_first], ORIENTATION["b_first"][b_first]
    return (first if first == second else "tie"), first == second


def pairwise_summary(records: list[dict], judges: dict[str, str], pairs: int, unmatched: dict[str, int]) -> dict:
    """Per judge: wins of A / ties / wins of B over the pairs judged in both orders, position consistency
    (share of pairs whose two orders agree), how often a non-tie verdict picked the answer shown first, and
    failed orders by reason; with several judges, their agreement on the verdicts (ordinal alpha)."""
    names = list(judges)
    out: dict = {"pairs": pairs, "unmatched": unmatched, "judges": {}}
    verdicts = np.full((len(names), pairs), np.nan)
    for j, name in enumerate(names):
        mine = [r for r in records if r["judge"] == name]
        done = [r for r in mine if r["result"] is not None]
        counts = Counter(r["result"] for r in done)
        orders = [r[o] for r in mine for o in ORIENTATION if r[o]["ok"]]
        decided = [o["winner"] for o in orders if o["winner"] != "tie"]
        for r in done:
            verdicts[j, r["index"]] = PREFERENCE[r["result"]]
        out["judges"][name] = {
            "judge": judges[name], "compared": len(done), "a_wins": counts["a"], "ties": counts["tie"],
            "b_wins": counts["b"], "a_win_rate": finite_or_none(counts["a"] / len(done) if done else math.nan),
            "b_win_rate": finite_or_none(counts["b"] / len(done) if done else math.nan),
            "position_consistency": finite_or_none(np.mean([r["consistent"] for r in done]) if done else math.nan),
            "first_position_rate": finite_or_none(decided.count("first") / len(decided) if decided else math.nan),
            "failed_pairs": len(mine) - len(done), "failures": _failures([r[o] for r in mine for o in ORIENTATION]),
        }
    if len(names) > 1:
        out["agreement"] = _agreement(verdicts, names, "ordinal")
    return out
