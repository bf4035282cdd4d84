"""Reference levels for a study's plots and tables: chance and majority (what a constant answer scores on the
test references, as the advisor logs them through `LabelPrior`) and the study's control arms, recognized from
their overrides rather than from their names."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mixbuddy_pl.ablation.study import Run
from mixbuddy_pl.scoring.metrics import HEADLINE
from mixbuddy_pl.scoring.stats import fmt_ci

LEVELS = ("chance", "majority")
BASELINE_WORDS = ("baseline", "zero_shot")  # a config file or model class naming a reference model


def control_label(run: Run) -> str | None:
    """What control a run is, from its CLI options (the last value of an option wins), or None for a model arm:
    `data.blind`, `data.control` (other than none), a non-zero `data.level_offset_db`, or a baseline config or
    model class (loudness baseline, zero-shot)."""
    options: dict[str, str] = {}
    configs = []
    for key, value in zip(run.args[::2], run.args[1::2]):
        options[key] = value
        if key == "--config":
            configs.append(Path(value).stem)
    if options.get("--data.blind") == "true":
        return "blind"
    if options.get("--data.control", "none") not in ("none", "null"):
        return options["--data.control"]
    offset = options.get("--data.level_offset_db", "0")
    if _number(offset) not in (0.0, None):
        return f"level {_number(offset):+g} dB"
    names = configs + [options.get("--model.class_path", "").rsplit(".", 1)[-1]]
    return next((name for name in names if any(w in name.lower() for w in BASELINE_WORDS)), None)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


@dataclass
class References:
    """Per arm: the control it is (None: a model arm) and its chance / majority levels per metric."""

    controls: dict[str, str | None]
    priors: dict[str, dict[str, float]]  # arm -> "chance_direction_acc" ... -> mean over the arm's finished runs

    def model_arms(self, arms: list[str]) -> list[str]:
        """The arms drawn as bars: every non-control arm (all arms when every arm is a control)."""
        models = [a for a in arms if self.controls.get(a) is None]
        return models or arms


def references(runs: list[Run], scalars: dict[str, dict[str, float]]) -> References:
    """`scalars`: run name -> its test scalars (empty for unfinished runs)."""
    controls: dict[str, str | None] = {}
    members: dict[str, list[Run]] = {}
    for run in runs:
        controls.setdefault(run.arm, control_label(run))
        members.setdefault(run.arm, []).append(run)
    priors = {}
    for arm, arm_runs in members.items():
        priors[arm] = {}
        for metric in HEADLINE:
            for level in LEVELS:
                values = [scalars.get(r.name, {}).get(f"{level}_{metric}", math.nan) for r in arm_runs]
                priors[arm][f"{level}_{metric}"] = float(np.nanmean(values)) if np.isfinite(values).any() else math.nan
    return References(controls, priors)


def markdown(refs: References, rows: list[dict]) -> str:
    """A results.md section: each arm's chance / majority level per metric, and which arms are controls."""
    arms = [r["name"] for r in rows if r["level"] == "arm"]
    out = ["\n## Reference levels\n\nChance / majority: what a constant answer scores on each arm's test references "
           "(chance: a constant drawn from the reference answers; majority: the best constant; docs/metrics.md). "
           "Controls are recognized from their overrides and drawn, with their CIs, as lines in results.png.\n\n",
           "| arm | control | " + " | ".join(HEADLINE) + " |\n|" + "---|" * (len(HEADLINE) + 2) + "\n"]
    for arm in arms:
        cells = [" / ".join(fmt_ci(refs.priors[arm][f"{level}_{m}"]) for level in LEVELS) for m in HEADLINE]
        out.append(f"| {arm} | {refs.controls.get(arm) or '–'} | " + " | ".join(cells) + " |\n")
    return "".join(out)
