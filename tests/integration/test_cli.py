"""`python -m mixbuddy_pl` end to end on the tiny overlay: fit, test and predict, checked on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from mixbuddy_pl.data.synth import synthesize_song
from tests.helpers import ROOT, mixbuddy

pytestmark = pytest.mark.slow
def scalars(run_dir: Path) -> set[str]:
    tags: set[str] = set()
    for events in run_dir.glob("events.out.tfevents.*"):
        accumulator = EventAccumulator(str(events))
        accumulator.Reload()
        tags |= set(accumulator.Tags()["scalars"])
    return tags


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    logs = tmp_path_factory.mktemp("logs")
    mixbuddy("fit", logs=logs)
    run_dir = logs / "cli" / "version_0"
    mixbuddy("test", "--ckpt_path", str(run_dir / "checkpoints" / "last.ckpt"), logs=logs)
    return run_dir


def test_fit_writes_a_complete_run_folder(trained: Path) -> None:
    assert {"train/loss", "val/direction_acc", "val/parse_rate", "val/chance_direction_acc"} <= scalars(trained)
    assert (trained / "config.yaml").read_text().count("class_path: mixbuddy_pl.model.advisor.MixingAdvisor") == 1
    assert (trained / "checkpoints" / "last.ckpt").stat().st_size > 0
    rows = [json.loads(line) for line in (trained / "predictions" / "val-epoch0.jsonl").read_text().splitlines()]
    assert rows and {"prompt", "response", "generated", "parsed", "song", "start_s", "targets"} <= set(rows[0])


def test_test_logs_test_metrics_and_predictions(trained: Path) -> None:
    assert {"test/direction_acc", "test/category_acc", "test/rougeL"} <= scalars(trained)
    rows = (trained / "predictions" / "test-epoch0.jsonl").read_text().splitlines()
    assert len(rows) == 2 * 4  # limit_test_batches x batch_size


def test_checkpoint_holds_only_trainable_weights(trained: Path) -> None:
    import torch

    checkpoint = torch.load(trained / "checkpoints" / "last.ckpt", weights_only=False, map_location="cpu")
    names = list(checkpoint["state_dict"])
    assert names and all("lora_" in n or "modules_to_save" in n for n in names)  # nothing frozen is written
    assert not any("audio_tower" in n and "lora_" in n for n in names)  # LoRA stays on the language model
    assert any(".audio_tower.modules_to_save." in n for n in names)  # the random tiny encoder trains fully


def test_saved_config_reruns(trained: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mixbuddy_pl", "validate", "--config", str(trained / "config.yaml"),
         "--trainer.logger.init_args.save_dir", str(tmp_path), "--ckpt_path", str(trained / "checkpoints" / "last.ckpt")],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "val/direction_acc" in result.stdout


def test_predict_prints_advice_for_own_stems(trained: Path, tmp_path: Path) -> None:
    song = tmp_path / "my song"
    song.mkdir()
    for stem, audio in synthesize_song(seed=7, duration_s=12.0).items():
        sf.write(song / f"{stem}.wav", audio, 16_000)
    result = mixbuddy("predict", "--data.stems", str(song), "--ckpt_path",
                      str(trained / "checkpoints" / "last.ckpt"), logs=tmp_path / "logs")
    assert "my song" in result.stdout
    rows = (tmp_path / "logs" / "cli" / "version_0" / "predictions" / "predict.jsonl").read_text().splitlines()
    assert rows and all(json.loads(r)["song"] == "my song" for r in rows)


def test_missing_musdb_root_is_one_clear_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MUSDB_ROOT"}
    result = subprocess.run([sys.executable, "-m", "mixbuddy_pl", "fit", "--config", "configs/anchor.yaml",
                             "--trainer.accelerator", "cpu", "--trainer.logger.init_args.save_dir", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "MUSDB_ROOT" in result.stderr and "Zenodo" in result.stderr and "configs/overlays/tiny.yaml" in result.stderr
    assert "Traceback" not in result.stderr
