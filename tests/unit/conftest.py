"""Session fixtures for the data pipeline: tiny processor, a few short synthetic songs, small datamodules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from transformers import Qwen2AudioProcessor

from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.songs import SyntheticSongs


@pytest.fixture(scope="session")
def processor(mixbuddy_cache: Path) -> Qwen2AudioProcessor:
    from mixbuddy_pl.backbones.hub import load_processor

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


STUDY = """
name: toy
configs: [base.yaml]
overrides: {trainer.max_epochs: 1}
grid:
  data.anchor: [drums, bass]
  adapter:
    lora: {}
    qlora: {config: q.yaml, model.lora.r: 4}
arms:
  zero: {commands: [test], seeds: [0]}
seeds: [0, 1]
slurm: {gpus_per_node: 2, max_concurrent: 3, partition: gpu, extra: ["--constraint=h100"], setup: ["module load x"]}
"""
"""A toy ablation study file: a grid of 2 x 2 arms, an explicit arm, two seeds, SLURM settings."""


@pytest.fixture
def study_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """STUDY written as toy.yaml in a fresh working folder, with the two (empty) configs it names."""
    monkeypatch.chdir(tmp_path)
    for name in ("base.yaml", "q.yaml"):
        (tmp_path / name).write_text("{}\n")
    path = tmp_path / "toy.yaml"
    path.write_text(STUDY)
    return path
