"""MixingAdvisor without training: what trains, evaluation outputs, zero-shot evaluation (fits: integration)."""

from __future__ import annotations

import json
from pathlib import Path

import lightning as L
import pytest
import torch
from lightning.pytorch.loggers import TensorBoardLogger
from peft import PeftModel

from mixbuddy_pl.backbones.hub import resolve
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import LoraSettings
from tests.helpers import advisor, datamodule, trainer

# A random base (random_base=True) trains these fully too (backbone.for_random_base); a pretrained one LoRA only.
TINY_FULLY_TRAINED = ("multi_modal_projector", "embed_tokens", "lm_head", "audio_tower")


def pretrained_like(**overrides) -> MixingAdvisor:
    """The tiny weights loaded from their directory, as a real base is: LoRA only, nothing trained fully."""
    return advisor(backbone=resolve("tiny"), random_base=False, **overrides)


def trainable_names(module: MixingAdvisor) -> list[str]:
    module.configure_model()
    return [n for n, p in module.model.named_parameters() if p.requires_grad]


def test_only_lora_and_opted_in_parameters_train() -> None:
    names = trainable_names(pretrained_like())
    assert names and all("lora_" in n and ".language_model." in n for n in names)
    random_base = trainable_names(advisor())
    assert all("lora_" in n or any(f"{m}.modules_to_save" in n for m in TINY_FULLY_TRAINED) for n in random_base)
    assert any(".audio_tower.modules_to_save." in n for n in random_base)
    assert trainable_names(advisor(backbone=resolve("tiny"))) == random_base  # the setting decides, not the name
    audio_lora = trainable_names(advisor(lora=LoraSettings(r=4, alpha=8, dropout=0.0, lora_audio_encoder=True)))
    assert any(".audio_tower." in n and "lora_" in n for n in audio_lora)
    assert not any("audio_tower.modules_to_save" in n for n in audio_lora)  # LoRA there, not full training
    assert not trainable_names(advisor(lora=None))


def test_lora_dropout_defaults_to_0_05_on_a_pretrained_base_and_0_on_a_random_one() -> None:
    def dropout(module: MixingAdvisor) -> float:
        module.configure_model()
        return module.model.peft_config["default"].lora_dropout

    assert dropout(pretrained_like(lora=LoraSettings(r=4, alpha=8))) == 0.05
    assert dropout(advisor(lora=LoraSettings(r=4, alpha=8))) == 0.0
    assert dropout(advisor(lora=LoraSettings(r=4, alpha=8, dropout=0.1))) == 0.1  # a set value is kept


def validate(module: MixingAdvisor, root: Path) -> tuple[dict[str, float], Path]:
    """One validation batch of 4 examples, logged under `root`; returns the scores and the log folder."""
    logger = TensorBoardLogger(root, name="tb")
    evaluator = trainer(root, max_epochs=1, logger=logger, limit_val_batches=1, callbacks=None,
                        enable_checkpointing=False)
    (scores,) = evaluator.validate(module, datamodule=datamodule(root), verbose=False)
    return scores, Path(logger.log_dir)


def test_validation_logs_metrics_confusion_and_predictions(tmp_path: Path) -> None:
    scores, log_dir = validate(advisor(), tmp_path)
    for name in ("loss", "direction_acc", "magnitude_acc", "category_acc", "stem_acc", "gain_mae_db",
                 "parse_rate", "rougeL", "bleu", "chance_direction_acc", "majority_direction_acc",
                 "category_acc/no_error"):
        assert f"val/{name}" in scores
    rows = (log_dir / "predictions" / "val-epoch0.jsonl").read_text().splitlines()
    assert len(rows) == 4 and {"generated", "parsed", "song", "targets"} <= set(json.loads(rows[0]))
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(log_dir), size_guidance={"images": 0}).Reload()
    assert "val/confusion" in events.Tags()["images"]


def test_zero_shot_validates_without_an_adapter(tmp_path: Path) -> None:
    """No adapter, nothing trainable, and the logged scores are those of the answers it wrote."""
    module = advisor(lora=None)
    scores, log_dir = validate(module, tmp_path)
    assert not isinstance(module.model, PeftModel) and not any(p.requires_grad for p in module.model.parameters())
    rows = [json.loads(line) for line in (log_dir / "predictions" / "val-epoch0.jsonl").read_text().splitlines()]
    assert len(rows) == 4
    assert scores["val/parse_rate"] == pytest.approx(sum(r["parsed"] is not None for r in rows) / len(rows))


def test_bf16_true_trainer_keeps_metric_counts_in_float64(tmp_path: Path) -> None:
    """bf16-true casts the whole module, metric states too: bf16 cannot count past 256 and numpy cannot read it."""
    module = advisor(lora=None)
    test = L.Trainer(accelerator="cpu", precision="bf16-true", limit_test_batches=1, logger=False,
                     enable_progress_bar=False, enable_model_summary=False, default_root_dir=str(tmp_path))
    (scores,) = test.test(module, datamodule=datamodule(tmp_path), verbose=False)
    assert module.metrics["test"].sums.dtype == torch.float64
    assert module.text["test"]["rougeL"].total.dtype == torch.float64
    assert "test/direction_acc" in scores  # computed from the float64 counts (it crashed in numpy on bf16)


def rates(module: MixingAdvisor, steps: int) -> list[float]:
    """The learning rate at every step of a `steps`-step fit, as `configure_optimizers` schedules it."""
    module.configure_model()
    module.trainer = L.Trainer(accelerator="cpu", max_steps=steps, max_epochs=-1, logger=False,
                               enable_checkpointing=False, enable_progress_bar=False)
    optimizers = module.configure_optimizers()
    optimizer, scheduler = optimizers["optimizer"], optimizers["lr_scheduler"]["scheduler"]
    out = []
    for _ in range(steps):
        out.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return out


def test_a_random_base_keeps_its_peak_rate_until_the_last_tenth_and_a_pretrained_one_decays() -> None:
    constant = rates(advisor(warmup_steps=10), 200)
    assert constant[5] == pytest.approx(0.5e-2) and constant[10] == constant[179] == pytest.approx(1e-2)
    assert constant[190] == pytest.approx(0.5e-2) and constant[-1] < 1e-4  # the last tenth: cosine to ~0
    cosine = rates(pretrained_like(warmup_steps=10), 200)
    assert cosine[10] == pytest.approx(1e-2) and cosine[105] == pytest.approx(0.5e-2, rel=0.05)
    assert rates(advisor(warmup_steps=10, schedule="cosine"), 200) == cosine  # the setting decides when given
