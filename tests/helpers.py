"""Helpers shared by several test modules (test modules never import each other; fixtures live in conftest.py).

Small tiny-model setups (data, advisor, trainer), the CLI runner of the integration tests, synthetic inputs
(tone songs, DAW session exports, MUSDB18 fixture names) and the listening-study builder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import lightning as L
import numpy as np
import soundfile as sf
from lightning.pytorch.callbacks import ModelCheckpoint

from mixbuddy_pl import audio
from mixbuddy_pl.advice.labels import Advice, StemAdvice
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.advice.templates import render
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.songs import SongSource, SyntheticSongs
from mixbuddy_pl.listening import export
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import LoraSettings
from mixbuddy_pl.scoring.calibration import calibration_metrics
from mixbuddy_pl.training.checkpoint_io import AtomicCheckpointIO

ROOT = Path(__file__).parents[1]
SR = audio.SAMPLE_RATE
STEMS = ["drums", "bass", "other", "vocals"]

# --- the anchor variant on the tiny overlay, small: through the CLI ------------------------------------------------
TINY_ANCHOR = [
    "--config", "configs/anchor.yaml", "--config", "configs/overlays/tiny.yaml",
    "--data.source.init_args.num_train", "2", "--data.source.init_args.num_val", "1",
    "--data.source.init_args.num_test", "1", "--data.source.init_args.duration_s", "20",
    "--data.num_workers", "0", "--trainer.max_epochs", "1",
]
SMALL_CLI = [*TINY_ANCHOR, "--data.batch_size", "4", "--data.eval_batch_size", "4",
             "--trainer.limit_train_batches", "3", "--trainer.limit_val_batches", "2",
             "--trainer.limit_test_batches", "2", "--trainer.log_every_n_steps", "1"]


def mixbuddy(*args: str, logs: Path) -> subprocess.CompletedProcess:
    """`python -m mixbuddy_pl ARGS` on SMALL_CLI, logging to `logs/cli/version_0`; asserts it succeeded."""
    run = [*SMALL_CLI, "--trainer.logger.init_args.save_dir", str(logs), "--trainer.logger.init_args.name", "cli",
           "--trainer.logger.init_args.version", "0"]
    result = subprocess.run([sys.executable, "-m", "mixbuddy_pl", *args, *run], cwd=ROOT, env=os.environ.copy(),
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


class SlowSteps(L.Callback):
    """Sleeps after every training batch, so a signal sent from outside lands mid-run however fast a step is."""

    def __init__(self, seconds: float = 1.0) -> None:
        self.seconds = seconds

    def on_train_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, *args) -> None:
        time.sleep(self.seconds)


# --- the same, in process ------------------------------------------------------------------------------------------
LORA = LoraSettings(r=4, alpha=8, dropout=0.0)


def datamodule(root: Path, **overrides) -> MixingDataModule:
    """2 s anchor examples from a handful of 4 s synthetic songs."""
    settings = dict(variant="anchor", anchor="drums", source=SyntheticSongs(num_train=2, num_val=1, num_test=1,
                    duration_s=4.0), processor="tiny", chunk_s=2.0, hop_s=2.0, batch_size=2, eval_batch_size=4,
                    num_workers=0, cache_dir=str(root / "stems"))
    return MixingDataModule(**{**settings, **overrides})


def advisor(lora: LoraSettings | None = LORA, **overrides) -> MixingAdvisor:
    """The tiny advisor with a rank-4 LoRA, a high learning rate and short answers."""
    settings = dict(backbone="tiny", random_base=True, dtype="float32", lora=lora, learning_rate=1e-2, warmup_steps=0,
                    max_new_tokens=8, stems=STEMS)
    return MixingAdvisor(**{**settings, **overrides})


def trainer(root: Path, max_epochs: int, **overrides) -> L.Trainer:
    """A quiet CPU trainer: 2 steps an epoch, no validation, atomic checkpoints (last too) under `root`."""
    settings = dict(accelerator="cpu", devices=1, max_epochs=max_epochs, limit_train_batches=2, limit_val_batches=0,
                    num_sanity_val_steps=0, logger=False, enable_progress_bar=False, enable_model_summary=False,
                    default_root_dir=str(root), plugins=[AtomicCheckpointIO()],
                    callbacks=[ModelCheckpoint(dirpath=root / "checkpoints", save_last=True)])
    return L.Trainer(**{**settings, **overrides})


def eval_batch(data: MixingDataModule) -> dict:
    """The first test batch, as the model receives it (features computed)."""
    data.setup("test")
    return data.on_after_batch_transfer(next(iter(data.test_dataloader())), 0)


# --- synthetic inputs ----------------------------------------------------------------------------------------------
class ToneSongs(SongSource):
    """Sine-tone stems (fast, exact); `vocals` is silent for the first `silent_s` seconds. Counts `load` calls."""

    stem_names = ("drums", "bass", "other", "vocals")

    def __init__(self, num_songs: int = 2, duration_s: float = 12.0, silent_s: float = 4.0) -> None:
        self.num_songs, self.duration_s, self.silent_s = num_songs, duration_s, silent_s
        self.loads = 0

    def songs(self, split: str) -> list[str]:
        return [f"tone-{split}-{i}" for i in range(self.num_songs)]

    def load(self, split: str, name: str) -> dict[str, np.ndarray]:
        self.loads += 1
        t = np.arange(round(self.duration_s * SR)) / SR
        seed = int(name.rsplit("-", 1)[1])
        stems = {s: (0.1 * (k + 1) * np.sin(2 * np.pi * (110 + 55 * k + seed) * t)).astype(np.float32)
                 for k, s in enumerate(self.stem_names)}
        stems["vocals"][: round(self.silent_s * SR)] = 0.0
        return stems

    def cache_key(self) -> str:
        return f"tones-{self.num_songs}-{self.duration_s:g}-{self.silent_s:g}"


# MUSDB18 fixture trees (built in tests/conftest.py)
MUSDB_RATE = 44_100
MUSDB_SECONDS = 3.0
MUSDB_STREAMS = ("mixture", "drums", "bass", "other", "vocals")  # musdb's stem_ids order
MUSDB_TRAIN = ("ANiMAL - Rockshow", "Actions - One Minute Smile", "Zed - Train Song", "Alpha - Train Song")
MUSDB_VALID = ("ANiMAL - Rockshow", "Actions - One Minute Smile")  # names from musdb's validation_tracks
MUSDB_TEST = ("Beta - Test Song",)

# A DAW session export: (file name, sample rate, channels, subtype, seconds, expected stem); every conforming case.
DAW_TRACKS = (
    ("Lead Vox.wav", 44_100, 1, "PCM_24", 1.0, "vocals"),
    ("BV 1.wav", 48_000, 2, "PCM_16", 0.8, "vocals"),
    ("Kick In.wav", 48_000, 1, "PCM_16", 1.0, "drums"),
    ("Snare Top.flac", 44_100, 1, "PCM_24", 1.0, "drums"),
    ("OH L.wav", 44_100, 1, "FLOAT", 1.0, "drums"),
    ("Room.wav", 22_050, 2, "PCM_16", 0.5, "drums"),
    ("Bass DI.wav", 44_100, 1, "PCM_24", 1.0, "bass"),
    ("Bass Amp.wav", 44_100, 2, "FLOAT", 1.0, "bass"),
    ("Synth Pad 2.wav", 48_000, 2, "PCM_24", 1.0, "other"),
    ("Gtr.ogg", 44_100, 2, "VORBIS", 1.0, "other"),
    ("Keys.wav", 44_100, 1, "PCM_16", 1.0, "other"),
    ("Piano.wav", 44_100, 2, "PCM_16", 0.9, "other"),
    ("Audio 7_03.wav", 44_100, 1, "PCM_16", 1.0, "other"),  # a name nobody can read: unmatched -> other
)


def records_calibration(rows: list[dict]) -> dict[str, float]:
    """ECE, Brier, ... recomputed from prediction rows' own `likelihood` records (a reviewer's recomputation)."""
    records = [r["likelihood"] for r in rows if r.get("likelihood")]
    return calibration_metrics(*(np.array([x[k] for x in records], dtype=float) for k in ("confidence", "correct",
                                                                                          "brier")))


def tone(seconds: float, sr: int, channels: int, freq: float) -> np.ndarray:
    """A 0.1-amplitude sine, [samples] or [samples, channels]."""
    t = np.arange(int(seconds * sr)) / sr
    x = (0.1 * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.stack([x] * channels, axis=1) if channels > 1 else x


def write_session(folder: Path, seconds: float = 1.0, tracks=DAW_TRACKS) -> list[str]:
    """A session export: each track a tone of its own pitch, at its own rate, bit depth, channels and length."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, (name, sr, channels, subtype, share, _) in enumerate(tracks):
        sf.write(folder / name, tone(seconds * share, sr, channels, 110.0 * (k + 2)), sr, subtype=subtype)
    return [t[0] for t in tracks]


def hits(seconds: float, sr: int, period_s: float, decay_s: float, freq: float, level: float = 0.3,
         offset_s: float = 0.0) -> np.ndarray:
    """A train of decaying tone hits (a click with decay_s ~ 3 ms, a kick with ~ 80 ms), mono float32."""
    t = np.arange(int(seconds * sr)) / sr
    since = (t - offset_s) % period_s
    return (level * np.sin(2 * np.pi * freq * since) * np.exp(-since / decay_s) * (t >= offset_s)).astype(np.float32)


def write_export(folder: Path, seconds: float = 6.0, sr: int = 48_000, click: str = "Audio 17.wav",
                 bounce: str = "Song_v3_final.wav", bpm: float = 97.0) -> tuple[list[str], np.ndarray]:
    """A 48 kHz / 24-bit session export whose extra tracks have names that say nothing: DAW_TRACKS-like tones
    (vocals pulled down 9 dB) and a kick, plus a click at `bpm` and a bounce (a rough mix: the kept tracks at
    gains and pans of their own). Returns the kept track names and their sum [2, samples] (mono on both sides)."""
    folder.mkdir(parents=True, exist_ok=True)
    beat = 60.0 / bpm
    tracks = {"Lead Vox.wav": tone(seconds, sr, 1, 330.0) * np.float32(10 ** (-9 / 20)),
              "Kick In.wav": hits(seconds, sr, beat, 0.08, 60.0, offset_s=0.05),
              "Bass DI.wav": tone(seconds, sr, 1, 82.0), "Keys.wav": tone(seconds * 0.7, sr, 1, 523.0)}
    kept, rough = (np.zeros((2, int(seconds * sr)), np.float32) for _ in range(2))
    for k, (name, x) in enumerate(tracks.items()):
        sf.write(folder / name, x, sr, subtype="PCM_24")
        x = sf.read(folder / name, dtype="float32")[0]  # as written (24 bit)
        kept[:, :len(x)] += x
        pan = 0.3 + 0.1 * k
        rough[:, :len(x)] += np.stack([pan * x, (1 - pan) * x]) * np.float32(0.8 + 0.2 * k)
    sf.write(folder / click, hits(seconds, sr, beat, 0.003, 1500.0, level=0.5), sr, subtype="PCM_24")
    sf.write(folder / bounce, rough.T, sr, subtype="PCM_24")
    return sorted(tracks), kept


# --- listening study -----------------------------------------------------------------------------------------------
SHORT_TEST = "data:\n  source:\n    init_args:\n      num_test: 1\n      duration_s: 20.0\n"
WRONG = "The vocals are much too loud against the drums; pull them down 9 dB."
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def audio_configs(folder: Path) -> list[str]:
    """The anchor config + tiny overlay + one 20 s test song: 20 test examples."""
    overlay = folder / "short.yaml"
    overlay.write_text(SHORT_TEST)
    return [str(ROOT / "configs/anchor.yaml"), str(ROOT / "configs/overlays/tiny.yaml"), str(overlay)]


def write_predictions(folder: Path, configs: list[str]) -> list[str]:
    """Prediction JSONL of two systems over the test split: `sysalpha` answers with the reference, `sysbeta`
    always says the vocals are much too loud; returns the `--system` specs."""
    dataset = export.load_datamodule(configs).build("test")
    answers = {"sysalpha": None, "sysbeta": WRONG}
    specs = []
    for name, fixed in answers.items():
        rows = []
        for i in range(len(dataset)):
            example = dataset[(0, i)].to_json()
            text = fixed or example["response"]
            advice = parse(text, STEMS)
            rows.append({**example, "generated": text, "parsed": asdict(advice) if advice else None})
        path = folder / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        specs.append(f"{name}={path}")
    return specs


def make_study(folder: Path, n: int = 4, seed: int = 0) -> tuple[dict, list[str], list[str]]:
    """Export a study of both systems plus the reference; returns study.json, the configs and the system specs."""
    configs = audio_configs(folder)
    specs = write_predictions(folder, configs)
    study = export.export(specs, configs, folder / "study", n=n, seed=seed, include_reference=True)
    return study, configs, specs


# The head of a tiny study file (tests of the local executor and of SLURM): 2 training steps on 1-2 short songs.
TINY_STUDY_HEAD = """
configs: [configs/anchor.yaml, configs/overlays/tiny.yaml]
overrides:
  trainer.max_epochs: 1
  trainer.limit_train_batches: 2
  trainer.limit_val_batches: 1
  trainer.limit_test_batches: 1
  trainer.enable_model_summary: false
  data.num_workers: 0
  data.source.init_args.num_train: {num_train}
  data.source.init_args.num_val: 1
  data.source.init_args.num_test: 1
  data.source.init_args.duration_s: 20
"""


def prediction_row(stem: str, category: str, direction: str, magnitude: str, gain: float, said: Advice | None) -> dict:
    """One anchor-variant prediction record (as `predictions/*.jsonl` holds it) whose answer parsed as `said`."""
    target = {"stem": stem, "category": category, "applied_gain_db": -gain, "direction": direction,
              "magnitude": magnitude, "suggested_gain_db": gain}
    ref = Advice((StemAdvice(stem, direction, magnitude, gain),))
    response = render(ref, np.random.default_rng(0), variant="anchor", anchor="drums")
    parsed = None if said is None else {"changes": [vars(c) for c in said.changes]}
    return {"variant": "anchor", "song": "s", "start_s": 0.0, "anchor": "drums", "targets": [target],
            "response": response, "generated": "", "parsed": parsed}
