"""Analyze a listening study: per-system means with bootstrap CIs, inter-rater agreement (Krippendorff's alpha)
and correlations between human ratings and the automatic metrics, with bootstrap CIs.

Ratings files come from the study page (JSON or CSV) and carry blinded advice ids; `study.json` un-blinds
them. An *item* is one system's advice on one scenario; its human score is the mean over raters.
Bootstrap CIs are percentile intervals: system means resample scenarios, and so do correlations (the items of
one scenario share its audio, so they are resampled together).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from torchmetrics.functional.text import bleu_score
from torchmetrics.functional.text.rouge import rouge_score

from mixbuddy_pl.errors import DataError
from mixbuddy_pl.listening.export import REFERENCE
from mixbuddy_pl.scoring.metrics import metrics_from_sums
from mixbuddy_pl.scoring.records import example_key, read_rows, score
from mixbuddy_pl.scoring.stats import (
    bootstrap_correlations, bootstrap_mean, finite_or_none, fmt_ci, krippendorff_alpha, pearson, percentile_ci,
    spearman,
)

OVERALL = "overall"
"""The per-item mean over the rated criteria."""
LEVELS = ("ordinal", "interval")
COLUMNS = ("rater", "scenario", "system", "advice", "criterion", "score", "comment")
KEY_FIELDS = {"song", "start_s", "system", "targets", "judge", "index", "variant", "duration_s", "anchor"}
Item = tuple[str, str]  # (scenario id, system)
PER_ITEM = ("stem_direction_acc", "direction_acc", "category_acc", "magnitude_acc", "stem_acc", "gain_mae_db",
            "parse_rate")
"""Advice metrics defined on one example (the ones an item can be scored on)."""


@dataclass(frozen=True)
class Rating:
    """One score of one rater for one criterion of one system's advice on one scenario (un-blinded)."""

    rater: str
    scenario: str
    system: str
    advice: str
    criterion: str
    score: float
    comment: str


# --- reading ----------------------------------------------------------------------------------------------------
def load_study(folder: Path) -> dict:
    """study.json of an exported study folder."""
    path = folder / "study.json"
    if not path.is_file():
        raise DataError(f"--study {folder}: no study.json there; give the folder `study export` wrote")
    return json.loads(path.read_text())


def read_ratings(path: Path) -> list[dict]:
    """The rows of a ratings file downloaded from the study page (JSON or CSV)."""
    if not path.is_file():
        raise DataError(f"no ratings file '{path}'")
    if path.suffix.lower() == ".csv":
        with path.open(newline="") as f:
            return list(csv.DictReader(f))
    return json.loads(path.read_text())["ratings"]


def unblind(rows: list[dict], study: dict, source: str) -> list[Rating]:
    """Map each row's blinded advice id to its system through study.json; rows must belong to this study."""
    systems = {(s["id"], a["id"]): a["system"] for s in study["scenarios"] for a in s["advice"]}
    out = []
    for row in rows:
        if row["study_id"] != study["study_id"]:
            raise DataError(f"{source}: ratings of study {row['study_id']}, but --study is {study['study_id']}")
        system = systems.get((row["scenario"], row["advice"]))
        if system is None or row["criterion"] not in study["criteria"]:
            raise DataError(f"{source}: unknown scenario/advice/criterion {row['scenario']}/{row['advice']}/"
                            f"{row['criterion']}")
        out.append(Rating(row["rater"], row["scenario"], system, row["advice"], row["criterion"],
                          float(row["score"]), row.get("comment") or ""))
    return out


def load_ratings(paths: list[Path], study: dict) -> list[Rating]:
    """Every file's ratings; a later file's score for the same rater, item and criterion replaces an earlier one."""
    latest: dict[tuple, Rating] = {}
    for path in paths:
        for r in unblind(read_ratings(path), study, str(path)):
            latest[(r.rater, r.scenario, r.system, r.criterion)] = r
    if not latest:
        raise DataError("the ratings files hold no ratings")
    return list(latest.values())


# --- human scores -----------------------------------------------------------------------------------------------
def item_means(ratings: list[Rating], criteria: list[str]) -> dict[str, dict[Item, float]]:
    """criterion -> item -> mean over raters, plus `overall`: the mean of an item's criterion means."""
    sums: dict[str, dict[Item, list[float]]] = {c: {} for c in criteria}
    for r in ratings:
        sums[r.criterion].setdefault((r.scenario, r.system), []).append(r.score)
    means = {c: {item: float(np.mean(v)) for item, v in by_item.items()} for c, by_item in sums.items()}
    items = sorted({item for by_item in means.values() for item in by_item})
    means[OVERALL] = {item: float(np.mean([means[c][item] for c in criteria if item in means[c]])) for item in items}
    return means


def system_means(means: dict[str, dict[Item, float]], systems: list[str], n_boot: int, seed: int) -> dict:
    """system -> criterion -> mean over scenarios (of the mean over raters) with its CI."""
    out: dict[str, dict] = {}
    for system in systems:
        out[system] = {c: bootstrap_mean([v for (_, s), v in by_item.items() if s == system], None, n_boot, seed)
                       for c, by_item in means.items() if any(s == system for _, s in by_item)}
    return out


def _alpha(ratings: list[Rating], raters: list[str], unit_of: Callable[[Rating], tuple]) -> dict:
    """Alpha at each level of the [raters, units] matrix of `ratings` (NaN where a rater skipped a unit)."""
    units = {u: j for j, u in enumerate(sorted({unit_of(r) for r in ratings}))}
    data = np.full((len(raters), len(units)), np.nan)
    for r in ratings:
        data[raters.index(r.rater), units[unit_of(r)]] = r.score
    return {"units": len(units), **{level: krippendorff_alpha(data, level) for level in LEVELS}}


def agreement(ratings: list[Rating], criteria: list[str]) -> dict[str, dict]:
    """Krippendorff's alpha per criterion (units: items) and over all criteria (units: item x criterion)."""
    raters = sorted({r.rater for r in ratings})
    out = {c: _alpha([r for r in ratings if r.criterion == c], raters, lambda r: (r.scenario, r.system))
           for c in criteria}
    out["all"] = _alpha(ratings, raters, lambda r: (r.scenario, r.system, r.criterion))
    return out


# --- automatic metrics ------------------------------------------------------------------------------------------
def advice_rows(study: dict) -> list[tuple[Item, dict]]:
    """Every non-reference advice of the study as a prediction row (the scenario's example + generated, parsed)."""
    out = []
    for s in study["scenarios"]:
        example = {k: v for k, v in s.items() if k not in ("id", "audio", "advice")}
        out += [((s["id"], a["system"]), {**example, "generated": a["text"], "parsed": a["parsed"]})
                for a in s["advice"] if a["system"] != REFERENCE]
    return out


def automatic_metrics(study: dict) -> dict[str, dict[Item, float]]:
    """metric -> item -> value: the per-example advice metrics (scored as everywhere, `records.score`), ROUGE-L,
    BLEU."""
    out: dict[str, dict[Item, float]] = {m: {} for m in [*PER_ITEM, "rougeL", "bleu"]}
    for item, row in advice_rows(study):
        values = metrics_from_sums(score(row))
        for metric in PER_ITEM:
            out[metric][item] = float(values[metric])
        rouge = rouge_score(row["generated"], row["response"], rouge_keys="rougeL")
        out["rougeL"][item] = float(rouge["rougeL_fmeasure"])
        out["bleu"][item] = float(bleu_score([row["generated"]], [[row["response"]]], smooth=True))
    return out


def judge_scores(row: dict) -> dict[str, float]:
    """A judge row's scores: `mixbuddy_pl.judge` records' `scores` (a failed judgement has none) plus their mean as
    `overall`; for any other JSONL, its top-level numeric columns."""
    if "scores" in row or "ok" in row:
        scores = {k: float(v) for k, v in (row.get("scores") or {}).items()}
        return {**scores, OVERALL: float(np.mean(list(scores.values())))} if scores else {}
    return {k: float(v) for k, v in row.items()
            if k not in KEY_FIELDS and isinstance(v, (int, float)) and not isinstance(v, bool)}


def parse_judge_spec(spec: Path | str) -> tuple[str | None, Path]:
    """`[SYSTEM=]FILE.jsonl` -> (system or None: the rows name it, path)."""
    system, sep, path = str(spec).partition("=")
    return (system, Path(path)) if sep else (None, Path(system))


def scenarios_of(row: dict, study: dict, source: Path) -> list[str]:
    """The study scenarios a judge row is about: by (song, start_s, targets), or by (song, start_s) if unambiguous."""
    if "targets" in row:
        return [s["id"] for s in study["scenarios"] if example_key(s) == example_key(row)]
    place = (row["song"], float(row["start_s"]))
    found = [s["id"] for s in study["scenarios"] if (s["song"], float(s["start_s"])) == place]
    if len(found) > 1:
        raise DataError(f"{source}: song {row['song']!r} at {row['start_s']} s is several scenarios of the study; "
                        "give the judge rows their `targets`")
    return found


def judge_metrics(specs: list[Path | str], study: dict) -> dict[str, dict[Item, float]]:
    """`judge:<judge>:<criterion>` -> item -> score, from `[SYSTEM=]FILE.jsonl` files: `mixbuddy_pl.judge`'s
    `<run>/judge/<stage>.scores.jsonl` (SYSTEM= names the run's system) or any JSONL with song, start_s, system
    (optionally targets, judge) and numeric columns. `<judge>` is the row's `judge`, else the file name's stem.
    Rows about examples outside the study are ignored."""
    out: dict[str, dict[Item, float]] = {}
    for spec in specs:
        system, path = parse_judge_spec(spec)
        if not path.is_file():
            raise DataError(f"--judge-scores: no file '{path}'")
        for row in read_rows(path):
            for scenario in scenarios_of(row, study, path):
                for criterion, score in judge_scores(row).items():
                    name = f"judge:{row.get('judge') or path.stem}:{criterion}"
                    out.setdefault(name, {})[(scenario, system or row["system"])] = score
    return out


# --- correlations -----------------------------------------------------------------------------------------------
def correlate(human: dict[Item, float], metric: dict[Item, float], n_boot: int, seed: int) -> dict:
    """Pearson and Spearman over the items both score (finite values), with 95% CIs resampling scenarios."""
    items = sorted(i for i in set(human) & set(metric) if math.isfinite(metric[i]))
    x = np.array([human[i] for i in items])
    y = np.array([metric[i] for i in items])
    out: dict = {"n": len(items), "scenarios": len({scenario for scenario, _ in items})}
    if len(items) < 3:
        return {**out, "pearson": [math.nan] * 3, "spearman": [math.nan] * 3}
    boot_r, boot_rho = bootstrap_correlations(x, y, [scenario for scenario, _ in items], n_boot, seed)
    out["pearson"] = [pearson(x, y), *percentile_ci(boot_r)]
    out["spearman"] = [spearman(x, y), *percentile_ci(boot_rho)]
    return out


def correlations(human: dict[str, dict[Item, float]], metrics: dict[str, dict[Item, float]], n_boot: int,
                 seed: int) -> list[dict]:
    """Every human criterion (and `overall`) against every automatic metric; the reference answer is left out."""
    rated = {c: {i: v for i, v in by_item.items() if i[1] != REFERENCE} for c, by_item in human.items()}
    return [{"human": c, "metric": m, **correlate(rated[c], values, n_boot, seed)}
            for c in rated for m, values in metrics.items()]


# --- report -----------------------------------------------------------------------------------------------------
def markdown(result: dict) -> str:
    """analysis.md: ratings summary, system means, agreement, correlations, comments."""
    criteria = [*result["criteria"], OVERALL]
    out = [f"# Listening study `{result['study_id']}`\n\n{len(result['raters'])} raters "
           f"({', '.join(result['raters'])}), {result['ratings']} ratings, {result['scenarios']} scenarios. "
           f"95% percentile bootstrap CIs ({result['n_boot']} resamples).\n",
           "\n## Mean rating per system (1–7; CI over scenarios)\n\n| system | " + " | ".join(criteria)
           + " |\n|" + "---|" * (len(criteria) + 1) + "\n"]
    for system, by_criterion in result["systems"].items():
        cells = [fmt_ci(*(by_criterion[c][k] for k in ("mean", "low", "high")), digits=2)
                 if c in by_criterion else "–" for c in criteria]
        out.append(f"| {system} | " + " | ".join(cells) + " |\n")
    out.append("\n## Inter-rater agreement (Krippendorff's alpha)\n\n| criterion | units | "
               + " | ".join(LEVELS) + " |\n|" + "---|" * (len(LEVELS) + 2) + "\n")
    for criterion, a in result["agreement"].items():
        out.append(f"| {criterion} | {a['units']} | " + " | ".join(fmt_ci(a[lv], digits=3) for lv in LEVELS) + " |\n")
    out.append("\n## Human ratings vs automatic metrics (items: one system's advice on one scenario; "
               "reference answer excluded; CIs resample scenarios)\n\n| human | metric | items | scenarios | "
               "Pearson r [CI] | Spearman rho [CI] |\n|---|---|---|---|---|---|\n")
    for c in result["correlations"]:
        out.append(f"| {c['human']} | {c['metric']} | {c['n']} | {c['scenarios']} | "
                   f"{fmt_ci(*c['pearson'], digits=2)} | {fmt_ci(*c['spearman'], digits=2)} |\n")
    out.append("\n## Comments\n\n" + ("".join(f"- **{c['system']}**, {c['scenario']}, {c['rater']}: {c['comment']}\n"
                                               for c in result["comments"]) or "None.\n"))
    return "".join(out)


def comments(ratings: list[Rating]) -> list[dict]:
    """One entry per rater and item with a non-empty comment."""
    seen = {(r.rater, r.scenario, r.system): r.comment.strip() for r in ratings if r.comment.strip()}
    return [{"rater": k[0], "scenario": k[1], "system": k[2], "comment": v} for k, v in sorted(seen.items())]


def write_ratings_csv(ratings: list[Rating], path: Path) -> None:
    """The un-blinded ratings, one row per score."""
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(asdict(r) for r in sorted(ratings, key=lambda r: (r.rater, r.scenario, r.system, r.criterion)))


def analyze(rating_files: list[Path], study_dir: Path, judge_files: list[Path | str] = (), out: Path | None = None,
            n_boot: int = 2000, seed: int = 0) -> dict:
    """Write analysis.json, analysis.md and ratings_unblinded.csv into `out` (default: the study folder)."""
    study = load_study(study_dir)
    criteria = list(study["criteria"])
    ratings = load_ratings(list(rating_files), study)
    human = item_means(ratings, criteria)
    metrics = {**automatic_metrics(study), **judge_metrics(list(judge_files), study)}
    result = {
        "study_id": study["study_id"], "criteria": criteria, "n_boot": n_boot,
        "raters": sorted({r.rater for r in ratings}), "ratings": len(ratings),
        "scenarios": len({r.scenario for r in ratings}),
        "systems": system_means(human, study["systems"], n_boot, seed),
        "agreement": agreement(ratings, criteria),
        "correlations": correlations(human, metrics, n_boot, seed),
        "comments": comments(ratings),
    }
    out = out or study_dir
    out.mkdir(parents=True, exist_ok=True)
    (out / "analysis.json").write_text(json.dumps(finite_or_none(result), indent=1))
    (out / "analysis.md").write_text(markdown(result))
    write_ratings_csv(ratings, out / "ratings_unblinded.csv")
    return result
