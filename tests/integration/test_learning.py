"""The tiny model learns the anchor task from the audio on CPU in about a minute; the blind control does not.

The task: a 3-way direction (no error vs. 6-12 dB too quiet / too loud) for two targets against a fixed drums
anchor, 3 s clips, one phrasing (`template=0`), trained through the product path (LoRA + what `for_random_base`
adds for a random base: embeddings, head, projector, audio tower). Measured on 2 CPU cores, 81 held-out
examples (4 unseen songs, balanced), chance 0.333:
- 500 steps, lr 3e-3: direction_acc 0.79 (91 s); 1000 steps 0.78; 600 steps at lr 5e-3 0.78;
- with the audio tower frozen (LoRA on the language model + embeddings/head/projector): 0.61 after 1000 steps,
  0.80 after 2000 (260 s); with every phrasing of the bank instead of one: 0.34 after 1000 steps.
Run one setting by hand with `PYTHONPATH=. python tests/integration/test_learning.py OUT_DIR [blind]`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import lightning as L
import pytest

from mixbuddy_pl.datamodules.flaws import FlawPolicy
from mixbuddy_pl.datamodules.mixing import MixingDataModule
from mixbuddy_pl.datamodules.songs import SyntheticSongs
from mixbuddy_pl.modules.advisor import MixingAdvisor
from mixbuddy_pl.modules.backbone import LoraSettings

LEARNING_SETTINGS = {
    "ranges": {"no_error": (0.0, 0.0), "very_quiet": (-12.0, -6.0), "very_loud": (6.0, 12.0)},
    "targets": ["vocals", "bass"],
    "chunk_s": 3.0,
    "batch_size": 8,
    "max_steps": 500,
    "learning_rate": 3e-3,
    "max_new_tokens": 32,
}


def train_and_test(root: Path, *, blind: bool, settings: dict = LEARNING_SETTINGS) -> dict[str, float]:
    """Train the tiny model on the anchor task and return its test metrics on held-out songs."""
    L.seed_everything(0, verbose=False)
    data = MixingDataModule(
        variant="anchor", anchor="drums", anchor_input="pair",
        source=SyntheticSongs(num_train=16, num_val=1, num_test=4, duration_s=4 * settings["chunk_s"]),
        flaws=FlawPolicy(ranges=settings["ranges"], targets=settings["targets"]),
        processor="tiny", chunk_s=settings["chunk_s"], hop_s=settings["chunk_s"],
        batch_size=settings["batch_size"], eval_batch_size=16, num_workers=0, cache_dir=str(root / "stems"),
        blind=blind, template=0,
    )
    model = MixingAdvisor(
        backbone="tiny", dtype="float32",
        lora=LoraSettings(r=16, alpha=32, dropout=0.0),
        learning_rate=settings["learning_rate"], warmup_steps=10, max_new_tokens=settings["max_new_tokens"],
        stems=list(data.source.stem_names),
    )
    trainer = L.Trainer(accelerator="cpu", devices=1, max_steps=settings["max_steps"], limit_val_batches=0,
                        num_sanity_val_steps=0, logger=False, enable_checkpointing=False,
                        enable_progress_bar=False, enable_model_summary=False, default_root_dir=str(root))
    trainer.fit(model, datamodule=data)
    (scores,) = trainer.test(model, datamodule=data, verbose=False)
    return scores


@pytest.mark.slow
def test_anchor_task_is_learned_from_audio_and_not_blind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIXBUDDY_CACHE", str(tmp_path / "cache"))
    heard = train_and_test(tmp_path / "heard", blind=False)
    blind = train_and_test(tmp_path / "blind", blind=True)
    chance = heard["test/chance_direction_acc"]
    assert heard["test/parse_rate"] > 0.9
    assert heard["test/direction_acc"] > chance + 0.25, heard
    assert blind["test/direction_acc"] <= chance + 0.1, blind


if __name__ == "__main__":  # tuning: python tests/integration/test_learning.py OUT_DIR [blind]
    out = Path(sys.argv[1])
    start = time.perf_counter()
    result = train_and_test(out, blind="blind" in sys.argv[2:])
    print(json.dumps({**result, "seconds": time.perf_counter() - start}, indent=1))
