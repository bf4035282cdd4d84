"""Compare a study's runs: TensorBoard test scalars, per-example scores rebuilt from the predictions JSONL,
95% bootstrap confidence intervals over *songs* (an arm's seeds as a second level; none below
`stats.MIN_CLUSTERS` songs), and paired bootstrap tests between arms, paired by content key and checked on the
examples' content (gain, level, data seed; the anchor too within a variant). The family of tests in results.md
(every pair of arms x PAIRED_IN_MARKDOWN) is Holm-Bonferroni corrected; paired.csv marks which of its rows belong to that family.

The scores and their statistics are `scores.py`'s; this module reads the runs and writes the tables and figures.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from mixbuddy_pl.ablation import breakdown, figures, references
from mixbuddy_pl.ablation.scores import (
    PAIRED_IN_MARKDOWN, TABLE_METRICS, Paired, Scores, confidence_intervals, paired_test, pool, score_rows,
)
from mixbuddy_pl.ablation.study import Run, run_dir
from mixbuddy_pl.data.datamodule import CONTROLS, LEVEL_SHIFTS, RELABELLED
from mixbuddy_pl.judge.report import judge_means, summary_path
from mixbuddy_pl.scoring.records import read_rows
from mixbuddy_pl.scoring.stats import MIN_CLUSTERS, Interval, fmt_ci, fmt_p, holm

SCALAR_ONLY = ("loss", "rougeL", "bleu")  # corpus-level: the TensorBoard value, no per-example CI
COMPARABLE = {
    "direction_acc": "anchor, no_anchor, differential: the direction of the flawed target's correction",
    "category_acc/no_error": "anchor, no_anchor, differential: \"leave it\" / \"no changes\" on an unflawed mix",
    "stem_direction_acc": "no_anchor and differential, where the question does not name the stem (the anchor "
                          "question names it: there it equals direction_acc)",
}
"""Which metric means the same in which variants (results.md says so when a study compares variants)."""


@dataclass
class RunResult:
    """One run's TensorBoard test scalars and per-example scores, or why they are missing."""

    run: Run
    scalars: dict[str, float] = field(default_factory=dict)
    scores: Scores | None = None
    problem: str = ""
    control_of: str = ""  # a control's result (`<arm>/<control>`): the arm it is a control of


def read_scalars(folder: Path) -> dict[str, float]:
    """The last value of every `test/...` scalar in the run's TensorBoard event files."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(folder), size_guidance={"scalars": 0})
    events.Reload()
    return {tag.removeprefix("test/"): events.Scalars(tag)[-1].value
            for tag in events.Tags()["scalars"] if tag.startswith("test/")}


def load_run(study_dir: Path, run: Run) -> RunResult:
    """Read one run's results; a run without test scalars or test predictions is reported, not dropped."""
    folder = Path(run_dir(study_dir, run.name))
    if not folder.is_dir():
        return RunResult(run, problem="no run folder (not started)")
    predictions = sorted((folder / "predictions").glob("test-*.jsonl"), key=lambda p: p.stat().st_mtime)
    scalars = read_scalars(folder)
    if not predictions or not scalars:
        return RunResult(run, scalars, problem="unfinished: no test " + ("predictions" if scalars else "metrics"))
    judged = judge_means(summary_path(predictions[-1]))  # `judge/<judge>/<criterion>` means, if judged
    return RunResult(run, scalars | judged, score_rows(read_rows(predictions[-1], need_targets=True)))


def load_controls(study_dir: Path, run: Run) -> list[RunResult]:
    """A `controls` run's checkpoint under each control (`python -m mixbuddy_pl.controls` predictions), each as
    the result of a run `<run>/<control>` of the arm `<arm>/<control>`."""
    options = {name: args for controls in CONTROLS.values() for name, args in controls.items()}
    folder = Path(run_dir(study_dir, run.name))
    summary = json.loads((folder / "controls.json").read_text()) if (folder / "controls.json").is_file() else {}
    results = []
    for control in sorted(p.name for p in (folder / "controls").iterdir()) if (folder / "controls").is_dir() else []:
        predictions = sorted((folder / "controls" / control / "predictions").glob("test-*.jsonl"),
                             key=lambda p: p.stat().st_mtime)
        as_control = replace(run, name=f"{run.name}/{control}", arm=f"{run.arm}/{control}",
                             args=[*run.args, *options.get(control, [])])
        scores = score_rows(read_rows(predictions[-1], need_targets=True)) if predictions else None
        results.append(RunResult(as_control, summary.get(control, {}), scores,
                                 "" if predictions else "unfinished: no test predictions", control_of=run.arm))
    return results


def pooled_arms(results: list[RunResult]) -> dict[str, Scores]:
    """arm -> its finished runs' scores pooled (arms without a finished run are left out)."""
    arms: dict[str, list[Scores]] = {}
    for r in results:
        if r.scores is not None:
            arms.setdefault(r.run.arm, []).append(r.scores)
    return {arm: pool(scores) for arm, scores in arms.items()}


# --- tables ---------------------------------------------------------------------------------------------------
def _row(level: str, name: str, arm: str, runs: int, status: str, scores: Scores | None,
         scalars: dict[str, float], n_boot: int, seed: int, scalar_names: tuple[str, ...]) -> dict:
    cells = scores.cells() if scores else None
    row: dict = {"level": level, "name": name, "arm": arm, "runs": runs, "status": status,
                 "songs": len(cells.clusters) if cells else 0, "examples": cells.examples if cells else 0,
                 "variants": "+".join(sorted(scores.variants)) if scores else ""}
    cis = confidence_intervals(scores, n_boot, seed) if scores else {m: Interval(math.nan, math.nan, math.nan)
                                                                      for m in TABLE_METRICS}
    for metric, ci in cis.items():
        row.update({metric: ci.value, f"{metric}_lo": ci.low, f"{metric}_hi": ci.high,
                    f"{metric}_dropped": ci.dropped, f"{metric}_degenerate": ci.degenerate})
    row.update({metric: scalars.get(metric, math.nan) for metric in scalar_names})
    return row


def summarise(results: list[RunResult], n_boot: int = 2000, seed: int = 0) -> tuple[list[dict], list[Paired]]:
    """Rows per arm (finished seeds pooled) then per run, and paired tests between every two model arms and
    between each control and its arm (not the controls that change the reference answers: other items)."""
    scalar_names = SCALAR_ONLY + tuple(sorted({k for r in results for k in r.scalars if k.startswith("judge/")}))
    arms: dict[str, list[RunResult]] = {}
    for r in results:
        arms.setdefault(r.run.arm, []).append(r)
    arm_rows, pooled = [], pooled_arms(results)
    for arm, members in arms.items():
        done = [r for r in members if r.scores is not None]
        values = {m: [r.scalars.get(m, math.nan) for r in done] for m in scalar_names}
        scalars = {m: float(np.nanmean(v)) if np.isfinite(v).any() else math.nan for m, v in values.items()}
        status = "ok" if len(done) == len(members) else f"{len(members) - len(done)} of {len(members)} runs missing"
        arm_rows.append(_row("arm", arm, arm, len(done), status, pooled.get(arm), scalars, n_boot, seed,
                             scalar_names))
    run_rows = [_row("run", r.run.name, r.run.arm, 1, r.problem or "ok", r.scores, r.scalars, n_boot, seed,
                     scalar_names) for r in results]
    models = [arm for arm in pooled if not any(r.control_of for r in arms[arm])]
    pairs = [*itertools.combinations(models, 2),  # model arms with each other, each control with its own arm
             *dict.fromkeys((r.control_of, r.run.arm) for r in results
                            if r.control_of and r.run.arm in pooled and r.run.name.rsplit("/", 1)[1] not in RELABELLED)]
    paired = [paired_test(pooled[a], pooled[b], (a, b), n_boot, seed, level_shifted=b.rsplit("/", 1)[-1] in LEVEL_SHIFTS)
              for a, b in pairs if a in pooled]
    correct_family(paired)
    return arm_rows + run_rows, paired


def correct_family(paired: list[Paired], family: tuple[str, ...] = PAIRED_IN_MARKDOWN) -> None:
    """Holm-Bonferroni over every (pair of arms, metric in `family`): the tests results.md shows."""
    tests = [(p, m) for p in paired for m in family if m in p.metrics]
    for (p, m), adjusted in zip(tests, holm([p.metrics[m].p for p, m in tests])):
        p.p_holm[m] = adjusted


def write_csv(rows: list[dict], path: Path) -> None:
    """Write dict rows as CSV, with the union of their keys as columns (missing cells empty)."""
    fields = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(rows)


def paired_rows(paired: list[Paired]) -> list[dict]:
    """One CSV row per (pair of arms, metric): difference, 95% CI, p, Holm-corrected p (for the metrics of the
    corrected family; empty otherwise) and dropped resamples on shared examples."""
    return [{"a": p.a, "b": p.b, "shared_examples": p.n, "shared_songs": p.songs, "content_checked": True,
             "metric": m, "difference": d.value, "low": d.low, "high": d.high, "p": d.p,
             "p_holm": p.p_holm.get(m, ""), "in_family": m in p.p_holm, "dropped_resamples": d.dropped}
            for p in paired for m, d in p.metrics.items()]


def _cell(value: float, low: float | None, high: float | None, songs: int | None, dropped: int = 0) -> str:
    """A table cell: the estimate and CI ("n too small" below MIN_CLUSTERS songs; `songs` None for a value without
    a CI), † for a degenerate interval, ‡k for k resamples dropped because the metric was undefined there."""
    text = fmt_ci(value, low, high, clusters=songs)
    if text == "–":
        return text
    if low is not None and high is not None and math.isfinite(low) and low == high:
        text += " †"
    return text + (f" ‡{dropped}" if dropped else "")


def _anchor_note(row: dict, metric: str) -> str:
    """Marks stem + direction in anchor-only rows, where the question names the target."""
    return " (= direction: anchor)" if metric == "stem_direction_acc" and row.get("variants") == "anchor" else ""


NOTES = ("Notes: \"n too small\": fewer than {min} songs, no interval. † degenerate interval (the metric is the same "
         "in every resample). ‡k: k of the {boot} resamples left the metric undefined and were dropped. In the anchor "
         "variant the question names the target stem, so `stem_direction_acc` equals `direction_acc` there "
         "(marked \"= direction: anchor\"); only the no_anchor and differential variants test which stem.\n")


def markdown(study: str, rows: list[dict], paired: list[Paired], n_boot: int) -> str:
    """results.md: arms, runs, paired tests, and the missing or unfinished runs."""
    judged = [m for m in rows[0] if m.startswith("judge/") and m.endswith("/overall")]  # all judge means: csv
    metrics = list(TABLE_METRICS) + list(SCALAR_ONLY) + judged
    header = ("| name | runs | songs | examples | " + " | ".join(metrics) + " |\n|" + "---|" * (len(metrics) + 4)
              + "\n")
    out = [f"# Study `{study}`\n", "Test metrics with 95% bootstrap confidence intervals over songs (an arm's seeds "
           f"resampled as a second level; {n_boot} resamples); every CI rests on the songs and examples of its row. "
           f"Definitions: docs/metrics.md; `lik/*`: the answer-set likelihood's argmax and its calibration "
           f"(docs/confidence.md). {', '.join(SCALAR_ONLY)} are TensorBoard values (mean over seeds for "
           "arms); results.csv adds every metric by stem and by category.\n\n"
           + NOTES.format(min=MIN_CLUSTERS, boot=n_boot)]
    for level, title in (("arm", "Arms"), ("run", "Runs")):
        out.append(f"\n## {title}\n\n" + header)
        for r in (r for r in rows if r["level"] == level):
            cells = [_cell(r.get(m, math.nan), r.get(f"{m}_lo"), r.get(f"{m}_hi"),
                           r["songs"] if m in TABLE_METRICS else None,
                           r.get(f"{m}_dropped", 0)) + _anchor_note(r, m) for m in metrics]
            out.append(f"| {r['name']} | {r['runs']} | {r['songs']} | {r['examples']} | " + " | ".join(cells) + " |\n")
    if paired:
        tested = sum(math.isfinite(v) for p in paired for v in p.p_holm.values())
        out.append("\n## Paired comparisons (a − b on the test examples both arms have, resampling their songs)\n\n"
                   "Pairs matched on the content key (song, start, target, category) and checked on the content "
                   "(gain, level, data seed; the anchor too within a variant): arms that drew different examples are an "
                   "error, not a pair. "
                   f"p: two-sided bootstrap p (never below 1/({n_boot}+1)); p_holm: Holm-Bonferroni over the "
                   f"family of the {tested} tests with a p-value in this table (every pair of arms x these "
                   f"metrics; pairs of fewer than {MIN_CLUSTERS} songs are not tested).\n\n"
                   "| a | b | shared examples | songs | " + " | ".join(f"Δ {m} [95% CI] (p; p_holm)"
                                                                      for m in PAIRED_IN_MARKDOWN)
                   + " |\n|" + "---|" * (4 + len(PAIRED_IN_MARKDOWN)) + "\n")
        for p in paired:
            cells = [f"{_cell(*p.metrics[m][:3], p.songs, p.metrics[m].dropped)} "
                     f"({fmt_p(p.metrics[m].p, n_boot)}; {fmt_p(p.p_holm.get(m, math.nan), n_boot)})"
                     for m in PAIRED_IN_MARKDOWN]
            out.append(f"| {p.a} | {p.b} | {p.n} | {p.songs} | " + " | ".join(cells) + " |\n")
    missing = [r for r in rows if r["level"] == "run" and r["status"] != "ok"]
    out.append("\n## Missing or unfinished runs\n\n" + ("".join(f"- `{r['name']}`: {r['status']}\n" for r in missing)
                                                          or "None: every run finished.\n"))
    return "".join(out)


def variants_note(study_dir: Path, runs: list[Run]) -> str:
    """A results.md section naming the metrics comparable across the study's variants (empty with one variant)."""
    import yaml

    configs = [Path(run_dir(study_dir, run.name)) / "config.yaml" for run in runs]
    variants = {yaml.safe_load(c.read_text())["data"]["variant"] for c in configs if c.is_file()}
    if len(variants) < 2:
        return ""
    return ("\n## Comparable across variants\n\n| metric | means the same in |\n|---|---|\n"
            + "".join(f"| {metric} | {where} |\n" for metric, where in COMPARABLE.items())
            + "\nRows `<arm>/<control>` are the arm's checkpoint under a control (`python -m mixbuddy_pl.controls`); "
              "their paired test is against their own arm.\n")


def collect(study_dir: Path, runs: list[Run], n_boot: int = 2000, seed: int = 0) -> list[dict]:
    """Write results.csv, paired.csv, results.md and results.png (plus breakdown.csv / .png where the study's
    examples vary stem, category or anchor) into the study folder; returns the rows."""
    results = [load_run(study_dir, run) for run in runs]
    results += [c for run in runs if "controls" in run.commands for c in load_controls(study_dir, run)]
    rows, paired = summarise(results, n_boot, seed)
    write_csv(rows, study_dir / "results.csv")
    if paired:
        write_csv(paired_rows(paired), study_dir / "paired.csv")
    refs = references.references([r.run for r in results], {r.run.name: r.scalars for r in results})
    parts = breakdown.breakdown(pooled_arms(results), n_boot, seed)
    for stale in ("breakdown.csv", "breakdown.png"):
        (study_dir / stale).unlink(missing_ok=True)
    if parts:
        write_csv(parts, study_dir / "breakdown.csv")
        figures.plot_breakdown(parts, study_dir / "breakdown.png")
    (study_dir / "results.md").write_text(markdown(study_dir.name, rows, paired, n_boot)
                                          + variants_note(study_dir, runs) + references.markdown(refs, rows)
                                          + breakdown.markdown(parts))
    figures.plot_results(rows, refs, study_dir / "results.png")
    return rows
