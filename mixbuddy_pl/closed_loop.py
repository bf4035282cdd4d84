"""The closed loop: follow the advice, then ask again. Advice is right when, applied, it leaves the mix balanced.

For every example of an evaluation split the advisor answers; the gain it advises for the flawed stem (the
question's target) is applied to that stem, the example's audio is rebuilt with the corrected gain (same song,
chunk, anchor, level and question) and the advisor is asked again. Reported:
- residual_db: |applied gain + advised correction| of the target after following the advice, median and 90th
  percentile over every example (a `no_error` example the advisor moves gets the move as its residual);
- called_balanced: the share of flawed examples whose corrected version the advisor now says needs no change.
Advisors: the model (its greedy answers, parsed), a perfect advisor (the reference correction: what remains is
the rounding of the references) and the relative loudness rule (`LoudnessBaseline`, mode relative, calibrated
on the training split). A model that hears relative level converges like the rule; one that repeats itself
whatever it hears does not. An advised direction without a number is followed by the middle of its category's
range; an unparseable answer is followed by no change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch

from mixbuddy_pl import audio
from mixbuddy_pl.advice.flaws import Flaw, FlawPolicy
from mixbuddy_pl.advice.labels import Advice, Refusal
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.dataset import MixingDataset
from mixbuddy_pl.data.tasks import Example, Scenario
from mixbuddy_pl.model.evaluator import AdviceEvaluator
from mixbuddy_pl.scoring.stats import MIN_CLUSTERS, fmt_ci, percentile_ci

Advisor = Callable[[dict], list[Advice | Refusal | None]]
"""An evaluation batch -> the advice for each of its examples (None or a Refusal: unparseable)."""


def correction_db(advice: Advice | Refusal | None, stem: str, policy: FlawPolicy) -> float:
    """The gain a user applies to `stem` following `advice`: its stated dB, the middle of its category's range
    (negated: the correction, `FlawPolicy.unstated_correction_db`) when it states none, 0 when it leaves the stem
    alone or cannot be read."""
    change = next((c for c in advice.changes if c.stem == stem and c.direction != "none"), None) if advice else None
    if change is None:
        return 0.0
    if change.gain_db is not None:
        return float(change.gain_db)
    return policy.unstated_correction_db(change.category)


def corrected(dataset: MixingDataset, index: int, example: Example, gain_db: float) -> Example:
    """`example` (evaluation item `index` of `dataset`) with `gain_db` added to its target's applied gain."""
    target, *others = example.scenario.flaws
    applied = target.applied_gain_db + gain_db
    policy = dataset.task.policy
    scenario = Scenario((Flaw(target.stem, policy.category_of(applied), applied), *others), example.scenario.anchor)
    chunk = dataset.items[index][0]
    clips = dataset.task.audios(dataset.stems(chunk), scenario)
    level = np.float32(audio.db_to_amplitude(example.meta.get("level_db", 0.0)))
    return replace(example, scenario=scenario, audios=[clip * level for clip in clips],
                   advice=dataset.task.advice(scenario), meta=dict(example.meta))


def model_advisor(evaluator: AdviceEvaluator, stems: list[str], policy: FlawPolicy) -> Advisor:
    """The evaluator's answers (greedy text for a model), parsed as the test step parses them."""
    def advise(batch: dict) -> list[Advice | Refusal | None]:
        return [parse(text, stems, policy) for text in evaluator.answer(batch)]
    return advise


def perfect_advisor(batch: dict) -> list[Advice | None]:
    """The reference advice of every example (what the labels ask for)."""
    return list(batch["advice"])


@dataclass
class LoopResult:
    """Per example: the target's applied gain after each pass (first: as heard), and whether the advisor called
    the finally corrected mix balanced; the example's song and whether it was flawed."""

    applied_db: np.ndarray  # [examples, passes + 1]
    balanced: np.ndarray
    flawed: np.ndarray
    songs: list[str]

    def summary(self) -> dict[str, float]:
        """residual_db median / p90 after the last pass, and called_balanced over the flawed examples."""
        residual = np.abs(self.applied_db[:, -1])
        return {"residual_db_median": float(np.median(residual)), "residual_db_p90": float(np.percentile(residual, 90)),
                "called_balanced": float(self.balanced[self.flawed].mean()) if self.flawed.any() else float("nan")}


def _batches(data: MixingDataModule, dataset: MixingDataset, examples: list[Example],
             device: torch.device) -> Iterator[tuple[range, dict]]:
    collate = QwenAudioCollator(data.processor, with_prompts=True)
    for start in range(0, len(examples), data.eval_batch_size):
        rows = range(start, min(start + data.eval_batch_size, len(examples)))
        batch = data.transfer_batch_to_device(collate([examples[i] for i in rows]), device, 0)
        yield rows, data.on_after_batch_transfer(batch, 0)


@torch.no_grad()
def run(advisor: Advisor, data: MixingDataModule, split: str = "test", passes: int = 1, limit: int | None = None,
        device: torch.device | str = "cpu") -> LoopResult:
    """Follow `advisor` `passes` times on the split's examples (the first `limit`), then ask once more."""
    data.setup(split if split != "val" else "validate")
    dataset = data.datasets[split]
    indices = list(range(len(dataset) if limit is None else min(limit, len(dataset))))
    examples = [dataset[(0, i)] for i in indices]
    applied = [[e.scenario.flaws[0].applied_gain_db] for e in examples]
    flawed = np.array([e.scenario.flaws[0].category != "no_error" for e in examples])
    balanced = np.zeros(len(examples), dtype=bool)
    for step in range(passes + 1):
        advice: list[Advice | Refusal | None] = []
        for _, batch in _batches(data, dataset, examples, torch.device(device)):
            advice.extend(advisor(batch))
        if step == passes:
            balanced = np.array([isinstance(a, Advice) and not any(c.direction != "none" for c in a.changes)
                                 for a in advice])  # an unparseable answer (None, a Refusal) calls nothing
            break
        for k, (example, said) in enumerate(zip(examples, advice)):
            gain = correction_db(said, example.scenario.flaws[0].stem, data.flaws)
            examples[k] = corrected(dataset, indices[k], example, gain)
            applied[k].append(examples[k].scenario.flaws[0].applied_gain_db)
    return LoopResult(np.array(applied), balanced, flawed, [e.song for e in examples])


def rule_advisor(data: MixingDataModule, stems: list[str]) -> Advisor:
    """The relative loudness rule (`LoudnessBaseline`, mode relative), calibrated on the training split."""
    from mixbuddy_pl.model.loudness_baseline import LoudnessBaseline

    rule = LoudnessBaseline(backbone=data.processor_name, stems=stems, mode="relative")
    rule.policy, rule.variant = data.flaws, data.variant
    rule.calibrate(data)
    return model_advisor(rule, stems, data.flaws)


def summary_ci(result: LoopResult, n_boot: int = 1000, seed: int = 0) -> dict[str, tuple[float, float, float]]:
    """`LoopResult.summary` with percentile CIs over songs drawn with replacement (NaN under MIN_CLUSTERS)."""
    total = result.summary()
    names = sorted(set(result.songs))
    if len(names) < MIN_CLUSTERS:
        return {k: (v, float("nan"), float("nan")) for k, v in total.items()}
    members = [np.flatnonzero([s == n for s in result.songs]) for n in names]
    rng = np.random.default_rng(seed)
    boot: dict[str, list[float]] = {k: [] for k in total}
    for _ in range(n_boot):
        rows = np.concatenate([members[i] for i in rng.integers(len(names), size=len(names))])
        part = LoopResult(result.applied_db[rows], result.balanced[rows], result.flawed[rows], [])
        for k, v in part.summary().items():
            boot[k].append(v)
    return {k: (v, *percentile_ci(np.array(boot[k]))) for k, v in total.items()}


def load_weights(model: torch.nn.Module, ckpt_path: str | Path) -> None:
    """A MixingAdvisor checkpoint's weights into `model` (it builds its backbone first; trainable tensors only)."""
    checkpoint = torch.load(ckpt_path, map_location="cpu", weights_only=False)
    model.on_load_checkpoint(checkpoint)
    model.load_state_dict(checkpoint["state_dict"], strict=False)


def loop_scores(args: list[str], ckpt_path: str | Path, split: str = "test") -> dict[str, dict]:
    """The closed loop of the checkpoint's model, the perfect advisor and the relative loudness rule on the
    configured data (`args`: CLI options without the subcommand): advisor -> metric -> (estimate, low, high)."""
    from mixbuddy_pl.cli import build_cli

    cli = build_cli(args, run=False)
    model, data = cli.model, cli.datamodule
    load_weights(model, ckpt_path)
    model.eval()
    data.setup("test")
    model.policy = data.flaws
    advisors = {"model": model_advisor(model, model.stems, data.flaws), "perfect": perfect_advisor,
                "loudness_rule": rule_advisor(data, model.stems)}
    return {name: summary_ci(run(advise, data, split)) for name, advise in advisors.items()}


def table(scores: dict[str, dict]) -> str:
    """One row per advisor: residual median / p90 (dB) and the share called balanced, each with its CI."""
    head = f"{'closed loop':<15}" + "".join(f"{m:>30}" for m in ("residual_db_median", "residual_db_p90",
                                                                  "called_balanced"))
    rows = [f"{name:<15}" + "".join(f"{fmt_ci(*values[m], digits=2):>30}" for m in values)
            for name, values in scores.items()]
    return "\n".join([head, *rows])
