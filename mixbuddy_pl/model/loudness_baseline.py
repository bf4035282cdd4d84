"""LoudnessBaseline: rule-based advice from the loudness of the audio the model hears, calibrated on train.

Loudness is measured on exactly the model's input: the batch's Whisper log-mel features (so the blind control
silences it too). A gain of g dB shifts every log-mel value by g/10 decades, so the mean mel power in dB
moves by exactly g (until the features' 80 dB floor).

Per variant, one level difference `d` per example (dB):
- anchor: target clip (Audio 2) minus anchor clip (Audio 1). `pair` measures the target's own gain; `rest`
  measures the whole rest-of-mix, diluted by the unflawed stems.
- differential: mix A minus reference mix B (zero when nothing changed).
- no_anchor: the mix minus a typical mix. The loudness of a mix alone cannot say which stem is off, so the
  advice always names the stem that is most often a target in training (ties: the first in the flaw policy).

With `mode: level` (the level-only control) `d` is the absolute level of what carries the flaw, the anchor
ignored: the target clip (anchor variant), the flawed mix A (differential) or the mix (no_anchor). It measures
what absolute level alone is worth; with the level jitter of `data.level_jitter_db` it should be near chance.

Calibration on the training split (labels are read only there): `offset[key]` is the median `d` of the
`no_error` examples (key: the (anchor, target) pair for anchor; one key otherwise), and `slope` is the
least-squares fit of the applied gain to `d - offset` over the flawed examples. The estimated applied gain
`g = slope * (d - offset)` gives the category through the boundaries of the data's flaw ranges
(`FlawPolicy.category_of`), and the advice suggests `-g` (rounded as the references are), rendered with the same
templates as the references.
Evaluation examples' labels are never read: the target stem comes from the prompt, the anchor from the input.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Literal

import numpy as np
import torch
from torch.utils.data import DataLoader

from mixbuddy_pl.advice.labels import DIRECTION_OF, MAGNITUDE_OF, Advice, StemAdvice, display_name
from mixbuddy_pl.advice.templates import render
from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.dataset import EpochSampler
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.evaluator import AdviceEvaluator

Key = tuple[str, ...]


def mel_level_db(features: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean mel power (dB) over each clip's valid frames: [clips, mels, frames], [clips, frames] -> [clips]."""
    power = 10.0 ** (4.0 * features.double() - 4.0)  # undo Whisper's (log10 + 4) / 4 scaling
    valid = mask[:, None, :].to(power.dtype)
    mean = (power * valid).sum((1, 2)) / valid.sum((1, 2)).clamp(min=1)
    return 10.0 * torch.log10(mean.clamp(min=1e-20))


def _fit_slope(deltas: np.ndarray, gains: np.ndarray) -> float:
    """Least-squares slope through the origin of gains on deltas (1 when the deltas carry no signal)."""
    denominator = float(np.dot(deltas, deltas))
    return float(np.dot(deltas, gains)) / denominator if denominator > 1e-9 else 1.0


class LoudnessBaseline(AdviceEvaluator):
    """Rule-based gain advice from input loudness (see the module docstring); `validate`/`test` only.

    Args:
        backbone: whose processor tokenizes the data (linked to data.processor); no weights are loaded.
        random_base, gradient_checkpointing: as `MixingAdvisor`'s; no weights load and nothing trains here, so they
            change nothing (accepted so that the offline overlay `configs/overlays/tiny.yaml` stacks on every model
            config).
        calibration_batches: training batches measured to calibrate (the training split's order is fixed).
        seed: seeds the phrasing of the rendered answers.
        stems: stem names the parser looks for (linked from the data source).
        bertscore_model: encoder (local dir or hub id) for `{stage}/bertscore_f1`; None leaves BERTScore off.
        mode: `relative` (target minus anchor / A minus B) or `level` (the flawed clip's absolute level only).
    """

    def __init__(
        self,
        backbone: str = "Qwen/Qwen2-Audio-7B-Instruct",
        random_base: bool = False,
        gradient_checkpointing: bool = False,
        calibration_batches: int = 32,
        seed: int = 0,
        stems: list[str] | None = None,
        bertscore_model: str | None = None,
        mode: Literal["relative", "level"] = "relative",
    ) -> None:
        super().__init__(stems, bertscore_model)
        if mode not in ("relative", "level"):
            raise ConfigError(f"model.mode '{mode}' is unknown; use relative or level")
        self.save_hyperparameters()
        self.offset: dict[Key, float] = {}
        self.slope = 1.0
        self.default_stem = ""
        self.variant = "anchor"
        self.rng = np.random.default_rng(seed)

    # --- measuring ------------------------------------------------------------------------------
    def _prompt_stems(self, prompt: str) -> list[str]:
        """Stems named in a prompt, in stem order (word match on display names)."""
        text = prompt.lower()
        return [s for s in self.stems if re.search(rf"(?<!\w){re.escape(display_name(s))}(?!\w)", text)]

    def _measure(self, batch: dict, variant: str) -> tuple[list[Key], list[str], np.ndarray]:
        """Per example: calibration key, stem to advise on, and level difference `d` (dB)."""
        levels = mel_level_db(batch["input_features"], batch["feature_attention_mask"]).cpu().numpy()
        clips = levels.reshape(len(batch["examples"]), -1)
        keys, stems = [], []
        for example in batch["examples"]:
            if variant == "anchor":
                anchor = example["anchor"]
                target = next(s for s in self._prompt_stems(example["prompt"]) if s != anchor)
                keys.append((anchor, target))
                stems.append(target)
            else:
                keys.append((variant,))
                stems.append(self.default_stem)
        if self.hparams.mode == "level":  # the clip that carries the flaw, alone
            return keys, stems, clips[:, 1] if variant == "anchor" else clips[:, 0]
        deltas = clips[:, 0] if variant == "no_anchor" else clips[:, 1] - clips[:, 0]
        if variant == "differential":
            deltas = -deltas  # Audio 1 is the flawed mix A, Audio 2 the reference B
        return keys, stems, deltas

    # --- calibration on the training split ----------------------------------------------------
    def _calibration_batches(self, data: MixingDataModule) -> DataLoader:
        dataset = data.datasets.get("train") or data.build("train")
        return DataLoader(dataset, batch_size=data.batch_size, num_workers=0,
                          sampler=EpochSampler(len(dataset), data.seed, shuffle=False),
                          collate_fn=QwenAudioCollator(data.processor, with_prompts=False))

    def calibrate(self, data: MixingDataModule) -> None:
        """Fit offsets and slope from the training split's labels (the only place labels are read)."""
        targets: dict[str, int] = defaultdict(int)
        records: list[tuple[Key, float, float, str]] = []
        for i, batch in enumerate(self._calibration_batches(data)):
            if i >= self.hparams.calibration_batches:
                break
            batch = data.on_after_batch_transfer(batch, 0)
            keys, _, deltas = self._measure(batch, data.variant)
            for example, key, delta in zip(batch["examples"], keys, deltas):
                flaw = example["targets"][0]
                targets[flaw["stem"]] += 1
                records.append((key, float(delta), flaw["applied_gain_db"], flaw["category"]))
        self.default_stem = max(data.flaws.targets, key=lambda s: targets[s])
        fine: dict[Key, list[float]] = defaultdict(list)
        for key, delta, _, category in records:
            if category == "no_error":
                fine[key].append(delta)
        everything = [d for _, d, _, c in records if c == "no_error"]
        fallback = float(np.median(everything)) if everything else 0.0
        self.offset = defaultdict(lambda: fallback, {k: float(np.median(v)) for k, v in fine.items()})
        flawed = [(self.offset[k], d, g) for k, d, g, c in records if c != "no_error"]
        if flawed:
            offsets, deltas, gains = map(np.array, zip(*flawed))
            self.slope = _fit_slope(deltas - offsets, gains)

    def setup(self, stage: str) -> None:
        """Read the variant from the MixingDataModule and calibrate on its training split."""
        super().setup(stage)
        data = self.trainer.datamodule  # `fit` never gets here: Lightning refuses a module without training_step
        if not isinstance(data, MixingDataModule):
            raise ConfigError("LoudnessBaseline needs the MixingDataModule (it calibrates on its training split)")
        self.variant = data.variant
        self.calibrate(data)

    # --- answering --------------------------------------------------------------------------------
    def advise(self, stem: str, gain_db: float) -> Advice:
        """The advice for an estimated applied gain on `stem`."""
        category = self.policy.category_of(gain_db)
        if category == "no_error":
            return Advice((StemAdvice(stem, "none", "none"),)) if self.variant == "anchor" else Advice()
        gain = self.policy.round_gain(-gain_db)
        return Advice((StemAdvice(stem, DIRECTION_OF[category], MAGNITUDE_OF[category], gain),))

    def answer(self, batch: dict) -> list[str]:
        """Rendered advice from each example's calibrated loudness difference."""
        keys, stems, deltas = self._measure(batch, self.variant)
        texts = []
        for example, key, stem, delta in zip(batch["examples"], keys, stems, deltas):
            advice = self.advise(stem, self.slope * (float(delta) - self.offset[key]))
            texts.append(render(advice, self.rng, variant=self.variant, anchor=example["anchor"]))
        return texts
