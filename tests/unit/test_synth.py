"""Tests for the procedural multitrack song generator."""

import numpy as np
import pytest

from mixbuddy_pl.audio import SAMPLE_RATE, loudness_lufs
from mixbuddy_pl.data.synth import PEAK_CEILING, STEMS, STEM_LOUDNESS, reference_levels, synthesize_song

SEEDS = range(6)


@pytest.fixture(scope="module")
def songs() -> dict[int, dict[str, np.ndarray]]:
    return {seed: synthesize_song(seed, 20.0) for seed in SEEDS}


def test_stems_are_mono_float32_equal_length_finite(songs) -> None:
    for stems in songs.values():
        assert tuple(stems) == STEMS
        for x in stems.values():
            assert x.dtype == np.float32 and x.shape == (20 * SAMPLE_RATE,) and np.isfinite(x).all()


def test_same_seed_is_bit_identical_and_seeds_differ(songs) -> None:
    again = synthesize_song(3, 20.0)
    assert all(np.array_equal(again[k], songs[3][k]) for k in STEMS)
    for k in STEMS:
        assert not np.allclose(songs[0][k], songs[1][k])


def test_vocals_rest_in_the_intro_of_a_song_but_not_of_an_excerpt() -> None:
    for seed in range(3):
        song = synthesize_song(seed, 40.0)["vocals"]  # >= 13 bars: a song with an intro
        assert not song[: 3 * SAMPLE_RATE].any() and song.any()  # intro >= 2 bars >= 3.2 s
        excerpt = synthesize_song(seed, 5.0)["vocals"]  # < 12 bars: a verse, sung from the first bar
        assert excerpt[:SAMPLE_RATE].any()


def test_some_songs_have_a_breakdown_without_drums() -> None:
    def has_gap(x: np.ndarray) -> bool:
        active = np.abs(x[SAMPLE_RATE : -SAMPLE_RATE]).reshape(-1, SAMPLE_RATE // 10).max(axis=1) > 0
        gaps = np.diff(np.flatnonzero(active))
        return bool(len(gaps)) and gaps.max() > 10  # more than 1 s of digital silence mid-song

    assert any(has_gap(synthesize_song(seed)["drums"]) for seed in range(8))


def test_stem_balance_follows_the_reference_levels(songs) -> None:
    for seed, stems in songs.items():
        offsets = [loudness_lufs(stems[k], SAMPLE_RATE) - reference_levels(seed)[k] for k in STEMS]
        assert max(offsets) - min(offsets) < 0.1  # relative balance exact
        assert -12.0 < offsets[0] <= 0.01  # only the peak ceiling may lower the whole song


def test_reference_levels_are_plausible() -> None:
    levels = [reference_levels(seed) for seed in range(200)]
    for name, (mean, std) in STEM_LOUDNESS.items():
        values = np.array([lv[name] for lv in levels])
        assert abs(values.mean() - mean) < 0.5 and np.all(np.abs(values - mean) <= 2 * std + 1e-9)
    assert np.mean([lv["vocals"] > lv["other"] for lv in levels]) > 0.8


def test_mix_never_clips(songs) -> None:
    for stems in songs.values():
        assert np.abs(sum(stems.values())).max() <= PEAK_CEILING + 1e-6


def test_pitched_stems_have_their_energy_in_the_right_register(songs) -> None:
    def centroid(x: np.ndarray) -> float:
        spec = np.abs(np.fft.rfft(x))
        return float((spec * np.fft.rfftfreq(len(x), 1 / SAMPLE_RATE)).sum() / spec.sum())

    for stems in songs.values():
        assert centroid(stems["bass"]) < centroid(stems["other"]) < centroid(stems["drums"])
