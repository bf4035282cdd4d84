"""Compare a study's runs: TensorBoard test scalars, per-example scores rebuilt from the predictions JSONL,
95% bootstrap confidence intervals over test examples, and paired bootstrap tests between arms.

Per-example scores come from `AdviceAccuracy` itself (one example at a time), so the scoring rules live in
one place; a metric over a set of examples is the ratio of the summed states (decisions, correct ones, ...),
exactly as the metric computes it, and the bootstrap resamples examples.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from mixbuddy_pl.ablation.study import Run, run_dir
from mixbuddy_pl.advice import Advice, StemAdvice, parse
from mixbuddy_pl.judging.report import judge_means, summary_path
from mixbuddy_pl.modules.metrics import AdviceAccuracy

RATIOS = {  # metric -> (numerator, denominator) states of AdviceAccuracy
    "direction_acc": ("direction_ok", "decisions"),
    "magnitude_acc": ("magnitude_ok", "decisions"),
    "category_acc": ("category_ok", "decisions"),
    "stem_acc": ("stems_ok", "examples"),
    "parse_rate": ("parsed", "examples"),
    "gain_mae_db": ("gain_abs_err", "gain_count"),
}
STATES = tuple(sorted({s for pair in RATIOS.values() for s in pair}))
SCALAR_ONLY = ("loss", "rougeL", "bleu")  # corpus-level: the TensorBoard value, no per-example CI
PAIRED_IN_MARKDOWN = ("direction_acc", "magnitude_acc", "category_acc", "stem_acc")

Key = tuple


@dataclass
class Scores:
    """Per-example metric states (rows) keyed by test example; `key` pairs the same example across runs."""

    keys: list[Key]
    states: np.ndarray  # [examples, len(STATES)]

    def by_key(self) -> dict[Key, np.ndarray]:
        return dict(zip(self.keys, self.states))


@dataclass
class RunResult:
    """One run's TensorBoard test scalars and per-example scores, or why they are missing."""

    run: Run
    scalars: dict[str, float] = field(default_factory=dict)
    scores: Scores | None = None
    problem: str = ""


def example_key(row: dict) -> tuple:
    """(song, start_s, targets): the same test example in every run whose data draws it."""
    return row["song"], float(row["start_s"]), json.dumps(row["targets"], sort_keys=True)


def _advice(parsed: dict | None) -> Advice | None:
    return None if parsed is None else Advice(tuple(StemAdvice(**c) for c in parsed["changes"]))


def _reference(row: dict, pred: Advice | None) -> Advice:
    """The reference answer, recovered from its text (parse(render(a)) == a is a tested property)."""
    stems = {t["stem"] for t in row["targets"]} | {row.get("anchor")} - {None}
    stems |= {c.stem for c in pred.changes} if pred else set()
    return parse(row["response"], sorted(stems)) or Advice()


def score_rows(rows: list[dict]) -> Scores:
    """Score each prediction row on its own with AdviceAccuracy; repeated keys get an occurrence number."""
    metric, seen = AdviceAccuracy(), {}
    keys, states = [], []
    for row in rows:
        pred = _advice(row.get("parsed"))
        metric.update([pred], [row["targets"]], [_reference(row, pred)])
        states.append([getattr(metric, name).item() for name in STATES])
        metric.reset()
        key = example_key(row)
        seen[key] = seen.get(key, 0) + 1
        keys.append((*key, seen[key]))
    return Scores(keys, np.asarray(states, dtype=np.float64).reshape(len(rows), len(STATES)))


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


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
    return RunResult(run, scalars | judged, score_rows(read_rows(predictions[-1])))


# --- statistics -----------------------------------------------------------------------------------------------
def ratio(sums: np.ndarray, metric: str) -> np.ndarray:
    """A metric from summed states (last axis: STATES); NaN where its denominator is 0."""
    num, den = (sums[..., STATES.index(s)] for s in RATIOS[metric])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def bootstrap_sums(states: np.ndarray, n_boot: int, seed: int, chunk: int = 100) -> np.ndarray:
    """[n_boot, columns] sums of `states` rows resampled with replacement (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    n = len(states)
    out = np.empty((n_boot, states.shape[1]))
    for start in range(0, n_boot, chunk):
        idx = rng.integers(0, n, (min(chunk, n_boot - start), n))
        out[start:start + len(idx)] = states[idx].sum(axis=1)
    return out


def confidence_intervals(states: np.ndarray, n_boot: int = 2000, seed: int = 0,
                         level: float = 0.95) -> dict[str, tuple[float, float, float]]:
    """metric -> (estimate, low, high): percentile bootstrap over examples."""
    if len(states) == 0:
        return {m: (math.nan,) * 3 for m in RATIOS}
    boot = bootstrap_sums(states, n_boot, seed)
    tails = [50 * (1 - level), 100 - 50 * (1 - level)]
    out = {}
    for metric in RATIOS:
        values = ratio(boot, metric)
        low, high = np.nanpercentile(values, tails) if np.isfinite(values).any() else (math.nan, math.nan)
        out[metric] = (float(ratio(states.sum(0), metric)), float(low), float(high))
    return out


@dataclass
class Paired:
    """A paired bootstrap comparison of arm `a` minus arm `b` on the test examples both have."""

    a: str
    b: str
    n: int
    metrics: dict[str, tuple[float, float, float, float]]  # metric -> (difference, low, high, p)


def paired_test(a: Scores, b: Scores, names: tuple[str, str], n_boot: int = 2000, seed: int = 0,
                level: float = 0.95) -> Paired:
    """Resample the shared examples once for both arms; p is two-sided (twice the smaller tail at 0)."""
    in_a, in_b = a.by_key(), b.by_key()
    shared = [k for k in in_a if k in in_b]
    if not shared:
        return Paired(*names, 0, {m: (math.nan,) * 4 for m in RATIOS})
    states = np.hstack([np.stack([in_a[k] for k in shared]), np.stack([in_b[k] for k in shared])])
    boot, width = bootstrap_sums(states, n_boot, seed), len(STATES)
    tails = [50 * (1 - level), 100 - 50 * (1 - level)]
    total = states.sum(0)
    out = {}
    for metric in RATIOS:
        diff = ratio(boot[:, :width], metric) - ratio(boot[:, width:], metric)
        observed = float(ratio(total[:width], metric) - ratio(total[width:], metric))
        diff = diff[np.isfinite(diff)]
        if not len(diff):
            out[metric] = (observed, math.nan, math.nan, math.nan)
            continue
        low, high = np.percentile(diff, tails)
        p = min(1.0, 2 * min(np.mean(diff <= 0), np.mean(diff >= 0)))
        out[metric] = (observed, float(low), float(high), float(p))
    return Paired(*names, len(shared), out)


def pool(scores: list[Scores]) -> Scores:
    """An arm's scores: states summed over its seeds for each test example."""
    summed: dict[Key, np.ndarray] = {}
    for s in scores:
        for key, row in zip(s.keys, s.states):
            summed[key] = summed.get(key, 0) + row
    return Scores(list(summed), np.stack(list(summed.values())) if summed else np.zeros((0, len(STATES))))


# --- tables ---------------------------------------------------------------------------------------------------
def _row(level: str, name: str, arm: str, runs: int, status: str, scores: Scores | None,
         scalars: dict[str, float], n_boot: int, seed: int, scalar_names: tuple[str, ...]) -> dict:
    row: dict = {"level": level, "name": name, "arm": arm, "runs": runs, "status": status,
                 "examples": len(scores.keys) if scores else 0}
    cis = confidence_intervals(scores.states, n_boot, seed) if scores else {m: (math.nan,) * 3 for m in RATIOS}
    for metric, (value, low, high) in cis.items():
        row.update({metric: value, f"{metric}_lo": low, f"{metric}_hi": high})
    row.update({metric: scalars.get(metric, math.nan) for metric in scalar_names})
    return row


def summarise(results: list[RunResult], n_boot: int = 2000, seed: int = 0) -> tuple[list[dict], list[Paired]]:
    """Rows per arm (finished seeds pooled) then per run, and paired tests between every two arms."""
    scalar_names = SCALAR_ONLY + tuple(sorted({k for r in results for k in r.scalars if k.startswith("judge/")}))
    arms: dict[str, list[RunResult]] = {}
    for r in results:
        arms.setdefault(r.run.arm, []).append(r)
    arm_rows, pooled = [], {}
    for arm, members in arms.items():
        done = [r for r in members if r.scores is not None]
        if done:
            pooled[arm] = pool([r.scores for r in done])
        values = {m: [r.scalars.get(m, math.nan) for r in done] for m in scalar_names}
        scalars = {m: float(np.nanmean(v)) if np.isfinite(v).any() else math.nan for m, v in values.items()}
        status = "ok" if len(done) == len(members) else f"{len(members) - len(done)} of {len(members)} runs missing"
        arm_rows.append(_row("arm", arm, arm, len(done), status, pooled.get(arm), scalars, n_boot, seed,
                             scalar_names))
    run_rows = [_row("run", r.run.name, r.run.arm, 1, r.problem or "ok", r.scores, r.scalars, n_boot, seed,
                     scalar_names) for r in results]
    paired = [paired_test(pooled[a], pooled[b], (a, b), n_boot, seed) for a, b in itertools.combinations(pooled, 2)]
    return arm_rows + run_rows, paired


def write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def paired_rows(paired: list[Paired]) -> list[dict]:
    return [{"a": p.a, "b": p.b, "shared_examples": p.n, "metric": m, "difference": d, "low": lo, "high": hi, "p": pv}
            for p in paired for m, (d, lo, hi, pv) in p.metrics.items()]


def _fmt(value: float, low: float | None = None, high: float | None = None) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:.3f}" if low is None or math.isnan(low) else f"{value:.3f} [{low:.3f}, {high:.3f}]"


def _p(value: float, n_boot: int) -> str:
    return "–" if math.isnan(value) else f"<{1 / n_boot:.4f}" if value == 0 else f"{value:.4f}"


def markdown(study: str, rows: list[dict], paired: list[Paired], n_boot: int) -> str:
    """results.md: arms, runs, paired tests, and the missing or unfinished runs."""
    judged = [m for m in rows[0] if m.startswith("judge/") and m.endswith("/overall")]  # all judge means: csv
    metrics = list(RATIOS) + list(SCALAR_ONLY) + judged
    header = "| name | runs | examples | " + " | ".join(metrics) + " |\n|" + "---|" * (len(metrics) + 3) + "\n"
    out = [f"# Study `{study}`\n", f"Test metrics with 95% bootstrap confidence intervals over test examples "
           f"({n_boot} resamples); arms pool their seeds. {', '.join(SCALAR_ONLY)} are TensorBoard values "
           "(mean over seeds for arms).\n"]
    for level, title in (("arm", "Arms"), ("run", "Runs")):
        out.append(f"\n## {title}\n\n" + header)
        for r in (r for r in rows if r["level"] == level):
            cells = [_fmt(r[m], r.get(f"{m}_lo"), r.get(f"{m}_hi")) for m in metrics]
            out.append(f"| {r['name']} | {r['runs']} | {r['examples']} | " + " | ".join(cells) + " |\n")
    if paired:
        out.append("\n## Paired comparisons (a − b on the test examples both arms have)\n\n"
                   "| a | b | shared examples | " + " | ".join(f"Δ {m} [95% CI] (p)" for m in PAIRED_IN_MARKDOWN)
                   + " |\n|" + "---|" * (3 + len(PAIRED_IN_MARKDOWN)) + "\n")
        for p in paired:
            cells = [f"{_fmt(*p.metrics[m][:3])} ({_p(p.metrics[m][3], n_boot)})" for m in PAIRED_IN_MARKDOWN]
            out.append(f"| {p.a} | {p.b} | {p.n} | " + " | ".join(cells) + " |\n")
    missing = [r for r in rows if r["level"] == "run" and r["status"] != "ok"]
    out.append("\n## Missing or unfinished runs\n\n" + ("".join(f"- `{r['name']}`: {r['status']}\n" for r in missing)
                                                          or "None: every run finished.\n"))
    return "".join(out)


def collect(study_dir: Path, runs: list[Run], n_boot: int = 2000, seed: int = 0) -> list[dict]:
    """Write results.csv, paired.csv, results.md and results.png (plus breakdown.csv / .png where the study's
    examples vary stem, category or anchor) into the study folder; returns the rows."""
    from mixbuddy_pl.ablation import breakdown, figures, references

    results = [load_run(study_dir, run) for run in runs]
    rows, paired = summarise(results, n_boot, seed)
    write_csv(rows, study_dir / "results.csv")
    if paired:
        write_csv(paired_rows(paired), study_dir / "paired.csv")
    refs = references.references(runs, {r.run.name: r.scalars for r in results})
    parts = breakdown.breakdown(study_dir, results, n_boot, seed)
    for stale in ("breakdown.csv", "breakdown.png"):
        (study_dir / stale).unlink(missing_ok=True)
    if parts:
        write_csv(parts, study_dir / "breakdown.csv")
        figures.plot_breakdown(parts, study_dir / "breakdown.png")
    (study_dir / "results.md").write_text(markdown(study_dir.name, rows, paired, n_boot)
                                          + references.markdown(refs, rows) + breakdown.markdown(parts))
    figures.plot_results(rows, refs, study_dir / "results.png")
    return rows
