"""Compare a study's runs: TensorBoard test scalars, per-example scores rebuilt from the predictions JSONL,
95% bootstrap confidence intervals over *songs* (an arm's seeds as a second level; none below
`stats.MIN_CLUSTERS` songs), and paired bootstrap tests between arms, paired by content key and checked on the
examples' content (gain, anchor, level, data seed). The family of tests in results.md (every pair of arms x
PAIRED_IN_MARKDOWN) is Holm-Bonferroni corrected; paired.csv marks which of its rows belong to that family.

Per-example states come from `metrics.example_states` (through `records.score`), so the decision rules live in
one place; a metric over a set of examples is computed from the summed states exactly as `AdviceAccuracy` does.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from mixbuddy_pl.ablation.study import Run, run_dir
from mixbuddy_pl.controls import CONTROLS, LEVEL_SHIFTS, RELABELLED
from mixbuddy_pl.errors import DataError
from mixbuddy_pl.judge.report import judge_means, summary_path
from mixbuddy_pl.scoring.metrics import metrics_from_sums, state_names
from mixbuddy_pl.scoring.records import example_content, example_key, read_rows, score, song_of
from mixbuddy_pl.scoring.stats import (
    MIN_CLUSTERS, Cells, Difference, Interval, ci_table, fmt_ci, fmt_p, holm, paired_bootstrap, paired_cells,
)

SCALAR_ONLY = ("loss", "rougeL", "bleu")  # corpus-level: the TensorBoard value, no per-example CI
TABLE_METRICS = ("stem_direction_acc", "direction_acc", "direction_f1", "detection_f1", "category_acc",
                 "category_acc/no_error", "magnitude_acc", "gain_mae_db", "gain_stated_rate", "parse_rate")
"""The metrics of results.md (results.csv has every metric, by stem and by category included)."""
COMPARABLE = {
    "direction_acc": "anchor, no_anchor, differential: the direction of the flawed target's correction",
    "category_acc/no_error": "anchor, no_anchor, differential: \"leave it\" / \"no changes\" on an unflawed mix",
    "stem_direction_acc": "no_anchor and differential, where the question does not name the stem (the anchor "
                          "question names it: there it equals direction_acc)",
}
"""Which metric means the same in which variants (results.md says so when a study compares variants)."""
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


@dataclass
class RunResult:
    """One run's TensorBoard test scalars and per-example scores, or why they are missing."""

    run: Run
    scalars: dict[str, float] = field(default_factory=dict)
    scores: Scores | None = None
    problem: str = ""
    control_of: str = ""  # a control's result (`<arm>/<control>`): the arm it is a control of


def _stems(rows: list[dict]) -> list[str]:
    stems = {t["stem"] for r in rows for t in r["targets"]}
    return sorted(stems | {c["stem"] for r in rows if r.get("parsed") for c in r["parsed"]["changes"]})


def score_rows(rows: list[dict]) -> Scores:
    """Score each prediction row on its own (`records.score`); repeated keys get an occurrence number."""
    names = state_names(_stems(rows))
    seen: dict[tuple, int] = {}
    keys, states = [], np.zeros((len(rows), len(names)))
    index = {n: i for i, n in enumerate(names)}
    for i, row in enumerate(rows):
        for name, value in score(row).items():
            states[i, index[name]] = value
        key = example_key(row)
        seen[key] = seen.get(key, 0) + 1
        keys.append((*key, seen[key]))
    return Scores(keys, states, names, anchors=[str(row.get("anchor")) for row in rows],
                  contents=[example_content(row) for row in rows],
                  variants=frozenset(str(row.get("variant")) for row in rows))


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


# --- statistics -----------------------------------------------------------------------------------------------
def confidence_intervals(scores: Scores, n_boot: int = 2000, seed: int = 0) -> dict[str, Interval]:
    """metric -> Interval(estimate, low, high, dropped): percentile bootstrap over songs (and seeds, when pooled)."""
    return ci_table(scores.cells(), metrics_from_sums, scores.names, n_boot, seed)


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
    """Raise DataError when a key both arms have carries different content (gain, anchor, level, data seed);
    `level_shifted`: a level-shift control against its own arm, whose common level differs by design."""
    content_a, content_b = a.content_by_key(), b.content_by_key()
    if level_shifted:
        content_a, content_b = ({k: {(*c[:2], *c[3:]) for c in cs} for k, cs in content.items()}
                                for content in (content_a, content_b))
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
                  paired_bootstrap(cells_a, cells_b, metrics_from_sums, columns, n_boot, seed))


def pool(scores: list[Scores]) -> Scores:
    """An arm's scores: every seed's rows, each marked with its seed (a level of the bootstrap)."""
    columns = tuple(dict.fromkeys(n for s in scores for n in s.names))
    aligned = [s.to(columns) for s in scores]
    anchors = [a for s in aligned for a in s.anchors] if all(s.anchors for s in aligned) else []
    contents = [c for s in aligned for c in s.contents] if all(s.contents for s in aligned) else []
    return Scores([k for s in aligned for k in s.keys], np.concatenate([s.states for s in aligned]), columns,
                  [i for i, s in enumerate(aligned) for _ in s.keys], anchors, contents,
                  frozenset().union(*(s.variants for s in aligned)))


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
           f"Definitions: README, \"Metrics\". {', '.join(SCALAR_ONLY)} are TensorBoard values (mean over seeds for "
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
                   "(gain, anchor, level, data seed): arms that drew different examples are an error, not a pair. "
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
    from mixbuddy_pl.ablation import breakdown, figures, references

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
