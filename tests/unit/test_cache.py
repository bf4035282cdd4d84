"""StemCache decodes once and memory-maps; ChunkIndex windows, loudness, silence and dropped counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mixbuddy_pl import audio
from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.data.cache import StemCache
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.songs import SyntheticSongs
from tests.helpers import SR, ToneSongs


@pytest.fixture
def tones() -> ToneSongs:
    return ToneSongs(num_songs=2, duration_s=6.0, silent_s=2.0)


def test_decodes_once_and_memory_maps_the_source_audio(tmp_path: Path, tones: ToneSongs) -> None:
    cache = StemCache(tones, tmp_path)
    assert cache.prepare("train") == tones.songs("train")
    assert tones.loads == 2
    again = StemCache(tones, tmp_path)  # a new process / epoch
    assert again.prepare("train") == tones.songs("train")
    again.index("train", 2.0, 1.5)
    assert tones.loads == 2
    song = again.song("train", "tone-train-1")
    assert isinstance(song, np.memmap)
    expected = tones.load("train", "tone-train-1")
    for k, stem in enumerate(tones.stem_names):
        np.testing.assert_array_equal(song[k], expected[stem])


def test_chunk_windows_hop_and_loudness(tmp_path: Path, tones: ToneSongs) -> None:
    cache = StemCache(tones, tmp_path)
    index = cache.index("train", 2.0, 1.5)
    assert index.songs == tones.songs("train")
    np.testing.assert_array_equal(index.song_idx, [0, 0, 0, 1, 1, 1])
    np.testing.assert_array_equal(index.start, [0, 1.5 * SR, 3 * SR] * 2)  # 6 s song: windows at 0, 1.5, 3 s
    np.testing.assert_array_equal(index.length, [2 * SR] * 6)
    song = cache.song("train", "tone-train-0")
    for c in range(3):
        start = int(index.start[c])
        expected = [audio.loudness_lufs(song[k, start:start + 2 * SR], SR) for k in range(4)]
        np.testing.assert_allclose(index.lufs[c], expected, atol=1e-3)


def test_silent_stems_are_never_audible(tmp_path: Path, tones: ToneSongs) -> None:
    index = StemCache(tones, tmp_path).index("train", 2.0, 2.0)
    assert index.lufs[0, 3] == -np.inf  # vocals are digital silence for the first 2 s
    assert index.audible(0, -50.0) == ["drums", "bass", "other"]
    assert index.audible(1, -50.0) == ["drums", "bass", "other", "vocals"]
    assert index.audible(1, 0.0) == []  # the threshold is configurable


def test_no_temporary_files_are_left(tmp_path: Path, tones: ToneSongs) -> None:
    cache = StemCache(tones, tmp_path)
    cache.index("val", 2.0, 2.0)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} == {".npy", ".json", ".npz"}
    assert not [p for p in files if p.name.startswith(".") or p.name.endswith(".tmp")]


def test_short_song_is_one_short_chunk(tmp_path: Path) -> None:
    index = StemCache(ToneSongs(num_songs=1, duration_s=3.0, silent_s=0.0), tmp_path).index("train", 10.0, 10.0)
    assert (len(index), int(index.length[0])) == (1, 3 * SR)


def test_dropped_chunks_are_counted_with_the_reason(tmp_path: Path, tones: ToneSongs) -> None:
    dm = MixingDataModule(variant="no_anchor", source=tones, flaws=FlawPolicy(targets=["vocals"]),
                          chunk_s=2.0, hop_s=2.0, cache_dir=str(tmp_path))
    dataset = dm.build("val")
    assert len(dataset.index) == 4  # of 6 chunks, the first of each song has silent vocals
    assert list(dataset.index.dropped.values()) == [2]
    assert "no audible target" in next(iter(dataset.index.dropped))


@pytest.mark.parametrize("setting", ["num_train", "num_val", "num_test"])
def test_a_new_song_count_is_never_served_from_an_older_cache(tmp_path: Path, setting: str) -> None:
    """Song lists are cached per split: a source with more songs must name a cache of its own."""
    split = {"num_train": "train", "num_val": "val", "num_test": "test"}[setting]
    for count in (1, 2):
        source = SyntheticSongs(**{"num_train": 1, "num_val": 1, "num_test": 1, setting: count}, duration_s=1.0)
        assert StemCache(source, tmp_path).prepare(split) == source.songs(split)
