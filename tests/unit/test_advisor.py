"""MixingAdvisor: what trains, small checkpoints, save -> load round trips, exact resume, evaluation outputs."""

from __future__ import annotations

import json
from pathlib import Path

import lightning as L
import pytest
import torch
from lightning.pytorch.callbacks import ModelCheckpoint
from lightning.pytorch.loggers import TensorBoardLogger

from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.songs import SyntheticSongs
from mixbuddy_pl.export import load_advisor
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import LoraSettings, resolve, trainable_state_dict
from mixbuddy_pl.training.checkpoint_io import AtomicCheckpointIO

LORA = LoraSettings(r=4, alpha=8, dropout=0.0)
# A random base (random_base=True) trains these fully too (backbone.for_random_base); a pretrained one LoRA only.
TINY_FULLY_TRAINED = ("multi_modal_projector", "embed_tokens", "lm_head", "audio_tower")


def datamodule(root: Path, **overrides) -> MixingDataModule:
    """2 s anchor examples from a handful of 4 s synthetic songs."""
    settings = dict(variant="anchor", anchor="drums", source=SyntheticSongs(num_train=2, num_val=1, num_test=1,
                    duration_s=4.0), processor="tiny", chunk_s=2.0, hop_s=2.0, batch_size=2, eval_batch_size=4,
                    num_workers=0, cache_dir=str(root / "stems"))
    return MixingDataModule(**{**settings, **overrides})


def advisor(lora: LoraSettings | None = LORA, **overrides) -> MixingAdvisor:
    settings = dict(backbone="tiny", random_base=True, dtype="float32", lora=lora, learning_rate=1e-2, warmup_steps=0,
                    max_new_tokens=8, stems=["drums", "bass", "other", "vocals"])
    return MixingAdvisor(**{**settings, **overrides})


def trainer(root: Path, max_epochs: int, **overrides) -> L.Trainer:
    settings = dict(accelerator="cpu", devices=1, max_epochs=max_epochs, limit_train_batches=2, limit_val_batches=0,
                    num_sanity_val_steps=0, logger=False, enable_progress_bar=False, enable_model_summary=False,
                    default_root_dir=str(root), plugins=[AtomicCheckpointIO()],
                    callbacks=[ModelCheckpoint(dirpath=root / "checkpoints", save_last=True)])
    return L.Trainer(**{**settings, **overrides})


def eval_batch(data: MixingDataModule) -> dict:
    data.setup("test")
    return data.on_after_batch_transfer(next(iter(data.test_dataloader())), 0)


def trained_weights(module: MixingAdvisor) -> dict[str, torch.Tensor]:
    return {k: v.clone() for k, v in trainable_state_dict(module.model).items()}


def pretrained_like(**overrides) -> MixingAdvisor:
    """The tiny weights loaded from their directory as a pretrained base (random_base off): LoRA only."""
    return advisor(backbone=resolve("tiny"), random_base=False, **overrides)


def fitted(root: Path, module: MixingAdvisor) -> tuple[Path, MixingAdvisor]:
    """Two epochs of two steps, checkpointing each epoch."""
    L.seed_everything(0, verbose=False)
    trainer(root, max_epochs=2).fit(module, datamodule=datamodule(root))
    return root, module


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, MixingAdvisor]:
    return fitted(tmp_path_factory.mktemp("run"), advisor())


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


def test_checkpoint_is_a_small_fraction_of_the_model(tmp_path: Path) -> None:
    root, module = fitted(tmp_path, pretrained_like())
    model_bytes = sum(t.numel() * t.element_size() for t in module.model.state_dict().values())
    trained_bytes = sum(t.numel() * t.element_size() for t in trainable_state_dict(module.model).values())
    ckpt = root / "checkpoints" / "last.ckpt"
    assert trained_bytes < 0.2 * model_bytes
    # trainable weights + two AdamW moments + bookkeeping: no frozen weight is written
    assert ckpt.stat().st_size < 3 * trained_bytes + 200_000 < 0.7 * model_bytes
    assert not list(ckpt.parent.glob("*.tmp"))  # atomic writes leave no temporary files behind
    state = torch.load(ckpt, map_location="cpu", weights_only=True)["state_dict"]  # plain types only
    assert set(state) == {f"model.{k}" for k in trainable_state_dict(module.model)}


def test_save_load_round_trip_restores_weights_and_generations(run: tuple[Path, MixingAdvisor]) -> None:
    root, module = run
    fresh = advisor()
    fresh.configure_model()
    before = trained_weights(fresh)
    loaded = load_advisor(root / "checkpoints" / "last.ckpt")
    expected = trained_weights(module)
    assert any(not torch.equal(before[k], expected[k]) for k in expected)  # training changed something
    assert all(torch.equal(trained_weights(loaded)[k], expected[k]) for k in expected)
    batch = eval_batch(datamodule(root))
    assert loaded.generate(batch) == module.eval().generate(batch)


class StopAfterFirstEpoch(L.Callback):
    """Interrupts a run after its first epoch (the epoch's checkpoint is written first)."""

    def on_train_epoch_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        trainer.should_stop = True


def test_resume_from_last_is_exact(run: tuple[Path, MixingAdvisor], tmp_path: Path) -> None:
    root, straight = run
    L.seed_everything(0, verbose=False)
    checkpoints = ModelCheckpoint(dirpath=tmp_path / "checkpoints", save_last=True)
    trainer(tmp_path, max_epochs=2, callbacks=[checkpoints, StopAfterFirstEpoch()]).fit(
        advisor(), datamodule=datamodule(root))
    L.seed_everything(123, verbose=False)  # resuming must not depend on the global seed
    resumed = advisor()
    continued = trainer(tmp_path, max_epochs=2)
    continued.fit(resumed, datamodule=datamodule(root), ckpt_path="last")
    assert continued.global_step == 4
    expected = trained_weights(straight)
    assert all(torch.allclose(trained_weights(resumed)[k], expected[k], atol=1e-6) for k in expected)


def test_validation_logs_metrics_confusion_and_predictions(run: tuple[Path, MixingAdvisor], tmp_path: Path) -> None:
    root, module = run
    logger = TensorBoardLogger(tmp_path, name="tb")
    evaluator = trainer(tmp_path, max_epochs=1, logger=logger, limit_val_batches=1, callbacks=None,
                        enable_checkpointing=False)
    (scores,) = evaluator.validate(module, datamodule=datamodule(root), verbose=False)
    for name in ("loss", "direction_acc", "magnitude_acc", "category_acc", "stem_acc", "gain_mae_db",
                 "parse_rate", "rougeL", "bleu", "chance_direction_acc", "majority_direction_acc",
                 "category_acc/no_error"):
        assert f"val/{name}" in scores
    rows = (Path(logger.log_dir) / "predictions" / "val-epoch0.jsonl").read_text().splitlines()
    assert len(rows) == 4 and {"generated", "parsed", "song", "targets"} <= set(json.loads(rows[0]))
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(logger.log_dir, size_guidance={"images": 0}).Reload()
    assert "val/confusion" in events.Tags()["images"]


def test_zero_shot_validates_without_an_adapter(tmp_path: Path) -> None:
    module = advisor(lora=None)
    evaluator = trainer(tmp_path, max_epochs=1, limit_val_batches=1, callbacks=None, enable_checkpointing=False)
    (scores,) = evaluator.validate(module, datamodule=datamodule(tmp_path), verbose=False)
    assert 0.0 <= scores["val/direction_acc"] <= 1.0
