"""Fitting MixingAdvisor in process: small checkpoints, exact resume, and checkpoint -> adapter round trips."""

from __future__ import annotations

from pathlib import Path

import lightning as L
import pytest
import torch
from lightning.fabric.utilities.exceptions import MisconfigurationException
from lightning.pytorch.callbacks import ModelCheckpoint
from peft import PeftModel

from mixbuddy_pl import adapter
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.backbones.hub import resolve
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import load_model, trainable_state_dict
from mixbuddy_pl.model.loudness_baseline import LoudnessBaseline
from tests.helpers import advisor, datamodule, eval_batch, trainer

pytestmark = pytest.mark.slow


def trained_weights(module: MixingAdvisor) -> dict[str, torch.Tensor]:
    return {k: v.clone() for k, v in trainable_state_dict(module.model).items()}


def fitted(root: Path, module: MixingAdvisor) -> tuple[Path, MixingAdvisor]:
    """Two epochs of two steps, checkpointing each epoch."""
    L.seed_everything(0, verbose=False)
    trainer(root, max_epochs=2).fit(module, datamodule=datamodule(root))
    return root, module


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, MixingAdvisor]:
    return fitted(tmp_path_factory.mktemp("run"), advisor())


def test_checkpoint_is_a_small_fraction_of_the_model(tmp_path: Path) -> None:
    root, module = fitted(tmp_path, advisor(backbone=resolve("tiny"), random_base=False))  # a pretrained base: LoRA only
    model_bytes = sum(t.numel() * t.element_size() for t in module.model.state_dict().values())
    trained_bytes = sum(t.numel() * t.element_size() for t in trainable_state_dict(module.model).values())
    ckpt = root / "checkpoints" / "last.ckpt"
    assert trained_bytes < 0.2 * model_bytes
    # trainable weights + two AdamW moments + bookkeeping: no frozen weight is written
    assert ckpt.stat().st_size < 3 * trained_bytes + 200_000 < 0.7 * model_bytes
    assert not list(ckpt.parent.glob("*.tmp"))  # atomic writes leave no temporary files behind
    state = torch.load(ckpt, map_location="cpu", weights_only=True)["state_dict"]  # plain types only
    assert set(state) == {f"model.{k}" for k in trainable_state_dict(module.model)}


def test_checkpoint_and_exported_adapter_reproduce_the_module(run: tuple[Path, MixingAdvisor],
                                                              tmp_path: Path) -> None:
    """The one adapter round trip: checkpoint -> `MixingAdvisor.from_checkpoint` (weights, generations) and checkpoint ->
    `python -m mixbuddy_pl.adapter` -> `PeftModel.from_pretrained` on the bare base (generations)."""
    root, module = run
    ckpt = root / "checkpoints" / "last.ckpt"
    fresh = advisor()
    fresh.configure_model()
    before, expected = trained_weights(fresh), trained_weights(module)
    assert any(not torch.equal(before[k], expected[k]) for k in expected)  # training changed something
    loaded = MixingAdvisor.from_checkpoint(ckpt)
    assert all(torch.equal(trained_weights(loaded)[k], expected[k]) for k in expected)

    adapter.main([str(ckpt), str(tmp_path / "adapter")])
    assert {p.name for p in (tmp_path / "adapter").iterdir()} >= {"adapter_config.json", "adapter_model.safetensors"}
    base = load_model("tiny", lora=None, dtype="float32").eval()
    batch = eval_batch(datamodule(root))
    inputs = dict(input_ids=batch["prompt_ids"], attention_mask=batch["prompt_mask"],
                  input_features=batch["input_features"], feature_attention_mask=batch["feature_attention_mask"],
                  generation_config=loaded.generation_config)
    decode = loaded.processor.tokenizer.batch_decode
    with torch.no_grad():
        plain = decode(base.generate(**inputs)[:, batch["prompt_ids"].shape[1]:], skip_special_tokens=True)
        peft_model = PeftModel.from_pretrained(base, tmp_path / "adapter").eval()
        tokens = peft_model.generate(**inputs)
    texts = decode(tokens[:, batch["prompt_ids"].shape[1]:], skip_special_tokens=True)
    assert texts == loaded.generate(batch) == module.eval().generate(batch)
    assert texts != plain  # the adapter matters


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
    resumed = advisor(init_checkpoint=str(root / "checkpoints" / "last.ckpt"))  # the resumed weights win over it
    continued = trainer(tmp_path, max_epochs=2)
    continued.fit(resumed, datamodule=datamodule(root), ckpt_path="last")
    assert continued.global_step == 4
    expected = trained_weights(straight)
    assert all(torch.allclose(trained_weights(resumed)[k], expected[k], atol=1e-6) for k in expected)


class WeightsAtStart(L.Callback):
    def on_train_start(self, trainer: L.Trainer, module: MixingAdvisor) -> None:
        self.weights = trained_weights(module)


def test_init_checkpoint_starts_fit_from_another_runs_weights(run: tuple[Path, MixingAdvisor], tmp_path: Path) -> None:
    root, module = run
    ckpt = root / "checkpoints" / "last.ckpt"
    start = WeightsAtStart()
    trainer(tmp_path, max_epochs=1, callbacks=[start]).fit(advisor(init_checkpoint=str(ckpt)),
                                                           datamodule=datamodule(root))
    expected = trained_weights(module)
    assert all(torch.equal(start.weights[k], expected[k]) for k in expected)

    checkpoint = torch.load(ckpt, map_location="cpu", weights_only=False)
    checkpoint["state_dict"].pop(sorted(checkpoint["state_dict"])[0])
    torch.save(checkpoint, partial := tmp_path / "partial.ckpt")
    for path, message in ((tmp_path / "missing.ckpt", "missing.ckpt is not a file"),
                          (partial, "partial.ckpt lacks 1 trainable tensors")):
        with pytest.raises(ConfigError, match=message):
            trainer(tmp_path, max_epochs=1).fit(advisor(init_checkpoint=str(path)), datamodule=datamodule(root))


def test_loudness_baseline_refuses_to_fit(tmp_path: Path) -> None:
    fit = L.Trainer(accelerator="cpu", devices=1, logger=False, max_steps=1, enable_progress_bar=False,
                    default_root_dir=str(tmp_path))
    with pytest.raises(MisconfigurationException, match="training_step"):
        fit.fit(LoudnessBaseline(backbone="tiny"), datamodule=datamodule(tmp_path))
