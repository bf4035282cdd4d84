"""Advice on one song folder through the project's own path: checkpoint -> MixingAdvisor, saved config ->
MixingDataModule(stems=folder) -> `Trainer.predict`; then the song-level summary, the rebalanced mix and the
loudness of every stem relative to the anchor, window by window. `ModelCard` says what the checkpoint can do."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import lightning as L
import numpy as np
import torch
from jsonargparse import Namespace

from mixbuddy_pl import audio
from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import CATEGORY_OF
from mixbuddy_pl.cli import data_module, read_config
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.dataset import MixingDataset
from mixbuddy_pl.demo.confidence import (
    THRESHOLD, is_sure, song_confidence, song_line, window_confidence, window_probs, with_confidence,
)
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.advisor import MixingAdvisor

Report = Callable[[int, int], None]


@dataclass(frozen=True)
class WindowAdvice:
    """What the model said about one stem in one window; `gain_db` is None when the answer did not parse (or the
    model was not sure); `probs`: its answer-set distribution (`demo.confidence`), None without the likelihood."""

    start_s: float
    stem: str
    text: str
    gain_db: float | None
    probs: dict[str, float] | None = None


@dataclass
class SongAdvice:
    """Every window's answer, and per stem the median suggested gain over the windows whose answer parsed, with
    the song's confidence in it (`demo.confidence.song_confidence`); a median below `THRESHOLD` confidence is
    withheld (`withheld_db`) instead of advised (`gains_db`, what the rebalanced mix applies)."""

    variant: str
    anchor: str | None
    windows: list[WindowAdvice]
    gains_db: dict[str, float] = field(default_factory=dict)
    withheld_db: dict[str, float] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for stem in dict.fromkeys(w.stem for w in self.windows):
            said = [w.gain_db for w in self.windows if w.stem == stem and w.gain_db is not None]
            if said:
                gain = round(float(np.median(said)) * 2) / 2
                sure = song_confidence([w.probs for w in self.windows if w.stem == stem], stem, gain)
                if sure is not None:
                    self.confidence[stem] = sure
                (self.gains_db if sure is None or sure >= THRESHOLD else self.withheld_db)[stem] = gain

    def lines(self) -> list[str]:
        """The song-level advice, one line per stem."""
        ref = f"relative to the {self.anchor}" if self.anchor else "in the mix"
        out = []
        for stem in dict.fromkeys(w.stem for w in self.windows):
            n = sum(w.stem == stem for w in self.windows)
            parsed = sum(w.stem == stem and w.gain_db is not None for w in self.windows)
            gain = self.gains_db.get(stem, self.withheld_db.get(stem))
            if gain is None:
                out.append(f"{stem} ({ref}): no readable advice in {n} windows")
                continue
            verb = "leave it" if gain == 0 else f"{'raise' if gain > 0 else 'lower'} it about {abs(gain):g} dB"
            out.append(song_line(f"{stem} ({ref})", verb, f"median of {parsed} of {n} windows",
                                 self.confidence.get(stem)))
        return out

    def to_json(self) -> dict:
        """The advice as the JSON the page offers for download."""
        return {"variant": self.variant, "anchor": self.anchor, "song_gains_db": self.gains_db,
                "song_confidence": self.confidence, "withheld_gains_db": self.withheld_db,
                "song_advice": self.lines(),
                "windows": [{"start_s": w.start_s, "stem": w.stem, "advice": w.text, "gain_db": w.gain_db}
                            for w in self.windows]}


def window_gain(parsed: dict | None, stem: str, about_stem: bool, policy: FlawPolicy) -> float | None:
    """The gain (dB) an answer suggests for `stem`, or None when it did not parse; an answer without a number
    stands for the middle of its category's range in the run's flaw policy (`FlawPolicy.unstated_correction_db`).

    `about_stem`: the question was about this stem alone (anchor variant), so an answer that never names it is no
    advice on it (None); a question about the whole mix (no_anchor) leaves unnamed stems alone (0 dB).
    """
    if parsed is None:
        return None
    for change in parsed["changes"]:
        if change["stem"] == stem:
            if change["direction"] == "none":
                return 0.0
            if change["gain_db"] is not None:
                return float(change["gain_db"])
            return policy.unstated_correction_db(CATEGORY_OF[(change["direction"], change["magnitude"])])
    return None if about_stem and parsed["changes"] else 0.0


SOURCES = {  # what a run's data.source class means for a user of its checkpoint
    "SyntheticSongs": "synthetic songs the project generates (not real recordings)",
    "MUSDB18": "MUSDB18 (real multitrack recordings)",
    "StemFolder": "a folder of stems",
}


@dataclass(frozen=True)
class ModelCard:
    """What a checkpoint can do, from its run's config: the question it was trained on, the anchors it knows,
    the stems it advises on (flaw targets) and the data it learnt from."""

    variant: str
    backbone: str
    stems: tuple[str, ...]
    advised: tuple[str, ...]
    anchors: tuple[str, ...]
    trained_on: str

    @classmethod
    def from_config(cls, saved: dict, stems: tuple[str, ...]) -> "ModelCard":
        data, model = saved["data"], saved["model"]["init_args"]
        variant = data.get("variant", "differential")
        advised = tuple(s for s in FlawPolicy(**(data.get("flaws") or {})).targets if s in stems)
        anchors = ((data["anchor"],) if data.get("anchor") else stems) if variant == "anchor" else ()
        source = data.get("source") or {"class_path": "SyntheticSongs"}
        name = str(source.get("class_path", "")).rsplit(".", 1)[-1]
        args = ", ".join(f"{k}={v}" for k, v in (source.get("init_args") or {}).items())
        trained_on = f"{SOURCES.get(name, name)} ({name}{f': {args}' if args else ''})"
        backbone = f"{model['backbone']}{', random base weights' if model.get('random_base') else ''}"
        return cls(variant, backbone, stems, advised, anchors, trained_on)

    def never_asked(self) -> tuple[str, ...]:
        """Stems the model never gives advice on (it may still hear them, e.g. as the anchor)."""
        return tuple(s for s in self.stems if s not in self.advised)


class _Progress(L.Callback):
    def __init__(self, report: Report) -> None:
        self.report = report

    def on_predict_batch_end(self, trainer: L.Trainer, module: L.LightningModule, outputs, batch, batch_idx: int,
                             dataloader_idx: int = 0) -> None:
        self.report(batch_idx + 1, int(trainer.num_predict_batches[dataloader_idx]))


class SongAdvisor:
    """A trained checkpoint, loaded once, giving advice on song folders with the settings it was trained with.

    Args:
        ckpt_path: checkpoint written by `python -m mixbuddy_pl fit`.
        config_path: the run's config.yaml (default: the one beside the run, `<run>/config.yaml`).
        accelerator: Lightning accelerator for prediction (`auto` uses a GPU when there is one).
    """

    def __init__(self, ckpt_path: str | Path, config_path: str | Path | None = None, accelerator: str = "auto"):
        ckpt_path = Path(ckpt_path)
        config_path = Path(config_path) if config_path else ckpt_path.parent.parent / "config.yaml"
        for path, what in ((ckpt_path, "checkpoint"), (config_path, "run config")):
            if not path.is_file():
                raise ConfigError(f"{what} {path} not found; train one with `make quickstart` or give its path.")
        self.config = read_config(["--config", str(config_path)])
        self.precision = self.config.trainer.precision
        self.variant: str = self.config.data.variant
        if self.variant == "differential":
            raise ConfigError(f"{ckpt_path}: a differential model compares a mix with a reference mix, which "
                              "uploaded tracks do not give; use an anchor or no_anchor checkpoint.")
        self.accelerator = accelerator
        self.model = MixingAdvisor.from_checkpoint(ckpt_path)
        self.stems: tuple[str, ...] = tuple(self.model.stems)
        self.policy: FlawPolicy = data_module(self.config).flaws
        self.card = ModelCard.from_config(self.config.as_dict(), self.stems)
        self.default_anchor: str | None = self.card.anchors[0] if self.card.anchors else None

    def datamodule(self, song_root: Path, anchor: str | None, cache_dir: Path) -> MixingDataModule:
        """The run's datamodule, predicting on `song_root` with `anchor`, caching under `cache_dir`."""
        config = self.config.clone()
        config.data.update(Namespace(stems=str(song_root), num_workers=0, cache_dir=str(cache_dir),
                                     anchor=anchor if self.variant == "anchor" else None))
        data = data_module(config)
        data.processor = self.model.processor
        return data

    def prepare(self, song_root: Path, workdir: Path) -> None:
        """Cache the stems in `song_root` and measure their windows (what `predict` does before the model; the
        anchor does not change it), so that `predict` on the same stems starts at the model."""
        self.datamodule(song_root, self.default_anchor, workdir / "cache").prepare_data()

    def predict(self, song_root: Path, anchor: str | None, workdir: Path, report: Report,
                times: dict[str, float] | None = None) -> tuple[SongAdvice, MixingDataset]:
        """Advice on every window of the song in `song_root`, and the dataset the model heard; `times` gets the
        seconds spent cutting windows (added to `windows_s`: `prepare` may have done most of it) and in the model
        (`model_s`)."""
        times = {} if times is None else times
        start = time.perf_counter()
        data = self.datamodule(song_root, anchor, workdir / "cache")
        data.prepare_data()  # at once when `prepare` saw these stems
        data.setup("predict")  # Trainer.predict finds the windows ready
        times["windows_s"] = times.get("windows_s", 0.0) + time.perf_counter() - start
        trainer = L.Trainer(accelerator=self.accelerator, devices=1, precision=self.precision, logger=False,
                            enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
                            default_root_dir=str(workdir), callbacks=[_Progress(report)])
        start = time.perf_counter()
        batches = trainer.predict(self.model, datamodule=data)
        times["model_s"] = time.perf_counter() - start
        rows = [row for batch in batches for row in batch]
        dataset = data.datasets["predict"]
        about_stem = self.variant == "anchor"
        windows = [WindowAdvice(row["start_s"], target,  # an unsure window says so and gives no gain
                                with_confidence(row["generated"].strip(), window_confidence(row)),
                                window_gain(row["parsed"], target, about_stem, self.policy) if is_sure(row) else None,
                                window_probs(row))
                   for (_, target, _), row in zip(dataset.items, rows)]
        return SongAdvice(self.variant, anchor if self.variant == "anchor" else None, windows), dataset


def relative_loudness(dataset: MixingDataset, reference: str | None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Start times of the windows the model heard, and each stem's BS.1770 loudness there minus the reference's
    (the anchor, or the whole mix without one), in LU; NaN where either is silent."""
    index, rate = dataset.index, dataset.cache.sample_rate
    names = list(index.stem_names)
    if reference is not None:
        ref = index.lufs[:, names.index(reference)]
    else:
        song = dataset.cache.song(dataset.split, index.songs[0])
        ref = np.array([audio.loudness_lufs(np.asarray(song[:, a:a + n]).sum(0), rate)
                        for a, n in zip(index.start.tolist(), index.length.tolist())])
    with np.errstate(invalid="ignore"):
        curves = {s: index.lufs[:, k] - ref for k, s in enumerate(names) if s != reference}
    return index.start / rate, {s: np.where(np.isfinite(v), v, np.nan) for s, v in curves.items()}


def rebalance(summed: dict[str, np.ndarray], gains_db: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """The original and the rebalanced stereo mix ([samples, 2], same scale, peak <= 1) of the summed stems
    ({stem: [2, samples]}, see `session.read_session`)."""
    n = next(iter(summed.values())).shape[1]
    original, rebalanced = (torch.zeros(n, 2) for _ in range(2))  # [samples, 2]: what a wav file holds
    for stem, x in summed.items():  # in place, one pass per stem (3 minutes of 4 stems is ~280 MB)
        x = torch.from_numpy(np.asarray(x)).T
        original.add_(x)
        rebalanced.add_(x, alpha=audio.db_to_amplitude(gains_db.get(stem, 0.0)))
    peak = max(float(original.abs().max()), float(rebalanced.abs().max()), 1e-9)
    scale = min(1.0, 0.99 / peak)
    return original.mul_(scale).numpy(), rebalanced.mul_(scale).numpy()
