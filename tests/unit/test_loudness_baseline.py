"""LoudnessBaseline: level measured on the model's own input, calibrated on train, scored like the model."""

from __future__ import annotations

from pathlib import Path

import lightning as L
import numpy as np
import pytest
import torch

from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import Advice, StemAdvice
from mixbuddy_pl.backbones.hub import load_processor
from mixbuddy_pl.data.features import LogMel
from mixbuddy_pl.data.songs import SyntheticSongs
from mixbuddy_pl.model.loudness_baseline import LoudnessBaseline, mel_level_db
from tests.helpers import datamodule

METRICS = ("direction_acc", "magnitude_acc", "category_acc", "stem_acc", "gain_mae_db", "parse_rate", "rougeL",
           "bleu", "chance_direction_acc", "majority_direction_acc")


def test_mel_level_moves_by_the_applied_gain() -> None:
    log_mel = LogMel(load_processor("tiny").feature_extractor)
    noise = 0.05 * torch.from_numpy(np.random.default_rng(0).standard_normal(32000).astype(np.float32))
    waves = torch.stack([noise, noise * 10 ** (6 / 20), noise * 10 ** (-9 / 20)])
    features, mask = log_mel(waves, torch.full((3,), 32000))
    levels = mel_level_db(features, mask)
    assert levels[1] - levels[0] == pytest.approx(6.0, abs=0.01)
    assert levels[2] - levels[0] == pytest.approx(-9.0, abs=0.01)


@pytest.mark.parametrize(("gain", "category"), [(0.0, "no_error"), (2.9, "no_error"), (-4.0, "quiet"),
                                                (-7.5, "very_quiet"), (3.0, "loud"), (11.0, "very_loud")])
def test_category_thresholds(gain: float, category: str) -> None:
    assert FlawPolicy().category_of(gain) == category


def test_baseline_follows_the_flaw_ranges() -> None:
    """Its boundaries and rounding come from the data's FlawPolicy, not from numbers of its own."""
    baseline = LoudnessBaseline(backbone="tiny")
    assert baseline.advise("bass", 5.0).changes[0].category == "loud"
    baseline.policy = FlawPolicy({"no_error": (0, 0), "loud": (2, 4), "very_loud": (4, 8)})
    assert baseline.advise("bass", 5.0) == Advice((StemAdvice("bass", "decrease", "large", -5.0),))
    assert baseline.advise("bass", 1.5).changes[0].category == "no_error"


def validate(root: Path, mode: str = "relative", **data) -> dict[str, float]:
    trainer = L.Trainer(accelerator="cpu", devices=1, logger=False, enable_progress_bar=False,
                        enable_model_summary=False, default_root_dir=str(root))
    baseline = LoudnessBaseline(backbone="tiny", calibration_batches=16, mode=mode)
    (scores,) = trainer.validate(baseline, datamodule=datamodule(root, **data), verbose=False)
    return scores


def test_anchor_rule_hears_the_gain(tmp_path: Path) -> None:
    scores = validate(tmp_path)
    assert all(f"val/{name}" in scores for name in METRICS)
    assert scores["val/parse_rate"] == 1.0  # rendered with the reference templates, parsed back
    assert scores["val/direction_acc"] > 0.8
    assert scores["val/gain_mae_db"] < 2.0


def test_level_jitter_hides_absolute_level_but_not_relative_level(tmp_path: Path) -> None:
    """Synthetic stems sit near fixed loudness: without jitter absolute level alone tells the answer."""
    songs = SyntheticSongs(num_train=8, num_val=6, num_test=1, duration_s=4.0)  # 36 val examples, not 1 song's
    level = {j: validate(tmp_path, "level", source=songs, level_jitter_db=j)["val/direction_acc"] for j in (0.0, 20.0)}
    relative = {j: validate(tmp_path, source=songs, level_jitter_db=j)["val/direction_acc"] for j in (0.0, 20.0)}
    assert relative[0.0] == pytest.approx(relative[20.0], abs=0.05)  # a common gain leaves differences alone
    assert level[20.0] < level[0.0] - 0.2, level


def test_blind_baseline_is_at_chance_level(tmp_path: Path) -> None:
    scores = validate(tmp_path, blind=True)
    assert scores["val/direction_acc"] <= scores["val/majority_direction_acc"] + 1e-6


@pytest.mark.parametrize("variant", ["no_anchor", "differential"])
def test_mix_only_variants_report_the_same_metrics(tmp_path: Path, variant: str) -> None:
    scores = validate(tmp_path, variant=variant, anchor=None)
    assert all(f"val/{name}" in scores for name in METRICS)
    assert scores["val/parse_rate"] == 1.0
