"""Session fixtures for the data pipeline: tiny processor, a few short synthetic songs, small datamodules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from transformers import Qwen2AudioProcessor

from mixbuddy_pl import audio
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.songs import SongSource, SyntheticSongs

SR = audio.SAMPLE_RATE


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


@pytest.fixture(scope="session")
def processor(mixbuddy_cache: Path) -> Qwen2AudioProcessor:
    from mixbuddy_pl.model.backbone import load_processor

    return load_processor("tiny")


@pytest.fixture(scope="session")
def songs() -> SyntheticSongs:
    return SyntheticSongs(num_train=2, num_val=2, num_test=2, duration_s=20.0)


@pytest.fixture(scope="session")
def make_dm(mixbuddy_cache: Path, songs: SyntheticSongs,
            processor: Qwen2AudioProcessor) -> Callable[..., MixingDataModule]:
    """Small datamodules sharing one stem cache and the tiny processor; keyword arguments override."""

    def make(**kwargs) -> MixingDataModule:
        settings = {"source": songs, "num_workers": 0, "batch_size": 4, "chunk_s": 5.0, "hop_s": 5.0,
                    "cache_dir": str(mixbuddy_cache / "stems")}
        dm = MixingDataModule(**{**settings, **kwargs})
        dm.processor = processor
        return dm

    return make


@pytest.fixture(scope="session")
def anchor_dm(make_dm: Callable[..., MixingDataModule]) -> MixingDataModule:
    return make_dm(variant="anchor", anchor="drums")


@pytest.fixture(scope="session")
def differential_dm(make_dm: Callable[..., MixingDataModule]) -> MixingDataModule:
    return make_dm(variant="differential", max_changes=2)
