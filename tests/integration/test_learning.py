"""The tiny model should learn the anchor task from the audio on CPU, and the blind control (silenced audio) not.

NOT YET MET (skipped until tuned). Measured on 2 shared CPU cores, 96 held-out test examples, chance 0.333:
- batch 4, 200 steps, lr 2e-3: direction_acc 0.237, parse_rate 1.0, final train loss ~1.5 (586 s under load);
- batch 8, 250 steps, lr 3e-3: direction_acc 0.333, parse_rate 1.0, final train loss ~0.7 (1228 s under load).
The model learns the answer text but answers one class whatever the audio. More measurements (same task, 3 s
clips, 96 held-out examples, 200 steps unless noted):
- LoRA + embeddings/head/projector, one phrasing (`data.template: 0`), lr 2e-3: 0.333 (always "very quiet");
- the whole tiny model trained, one phrasing, lr 1e-3: 0.297;
- LoRA + the audio tower trained fully, all phrasings, lr 2e-3: 0.237;
- the whole tiny model, one phrasing, flaws of +-30..40 dB instead of 6..12, 150 steps: 0.469 (all three classes
  above their chance level), so the audio does reach the answer;
- the whole tiny model, one phrasing, 6..12 dB, 400 steps, lr 3e-3: 0.432 (19 min on the loaded machine).
So +-6..12 dB is learned, slowly: it needs several hundred CPU steps, more than a test can spend.
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

# A 3-way direction task with a clear margin (no error vs. 6-12 dB too quiet/too loud), two targets against a
# fixed drums anchor, 3 s clips (the encoder still sees a padded 30 s window: ~1 s per step of batch 8).
LEARNING_SETTINGS = {
    "ranges": {"no_error": (0.0, 0.0), "very_quiet": (-12.0, -6.0), "very_loud": (6.0, 12.0)},
    "targets": ["vocals", "bass"],
    "chunk_s": 3.0,
    "batch_size": 8,
    "max_steps": 250,
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
        blind=blind,
    )
    model = MixingAdvisor(
        backbone="tiny", dtype="float32",
        lora=LoraSettings(r=16, alpha=32, dropout=0.0, train_projector=True, modules_to_save=["embed_tokens", "lm_head"]),
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
@pytest.mark.skip(reason="the tiny model does not beat chance yet with these settings (see the module docstring)")
def test_anchor_task_is_learned_from_audio_and_not_blind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIXBUDDY_CACHE", str(tmp_path / "cache"))
    heard = train_and_test(tmp_path / "heard", blind=False)
    blind = train_and_test(tmp_path / "blind", blind=True)
    chance = heard["test/chance_direction_acc"]
    assert heard["test/parse_rate"] > 0.9
    assert heard["test/direction_acc"] > chance + 0.15, heard
    assert blind["test/direction_acc"] <= chance + 0.1, blind


if __name__ == "__main__":  # tuning: python tests/integration/test_learning.py OUT_DIR [blind]
    out = Path(sys.argv[1])
    start = time.perf_counter()
    result = train_and_test(out, blind="blind" in sys.argv[2:])
    print(json.dumps({**result, "seconds": time.perf_counter() - start}, indent=1))
