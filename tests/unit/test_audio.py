"""Tests for audio I/O and level maths."""

import math

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl import audio
from mixbuddy_pl.data.synth import synthesize_song
from mixbuddy_pl.errors import DataError

SR = audio.SAMPLE_RATE


@pytest.fixture(scope="module")
def music() -> np.ndarray:
    """10 s of a synthetic full mix, peaking at 0.89."""
    return sum(synthesize_song(1, 10.0).values())


@pytest.mark.parametrize("gain_db", [-20.0, -6.0, 0.0, 3.0])
def test_loudness_follows_gain_exactly(music: np.ndarray, gain_db: float) -> None:
    # +3 dB pushes the K-weighted signal past 1.0, where torchaudio's filters would clamp
    ref = audio.loudness_lufs(music, SR)
    scaled = audio.loudness_lufs(music * audio.db_to_amplitude(gain_db), SR)
    assert scaled - ref == pytest.approx(gain_db, abs=0.1)


def test_loudness_of_full_scale_sine_is_calibrated() -> None:
    t = np.arange(10 * SR) / SR
    sine = np.sin(2 * np.pi * 1000 * t).astype(np.float32)
    assert audio.loudness_lufs(sine, SR) == pytest.approx(-3.01, abs=0.1)  # BS.1770 reference point


def test_loudness_of_silence_and_short_clips_is_minus_inf() -> None:
    assert audio.loudness_lufs(np.zeros(10 * SR, np.float32), SR) == -math.inf
    assert audio.loudness_lufs(np.full(SR // 10, 0.5, np.float32), SR) == -math.inf
    assert audio.loudness_lufs(np.zeros((2, 0), np.float32), SR) == -math.inf


def test_loudness_downmixes_stereo(music: np.ndarray) -> None:
    stereo = np.stack([music, music])
    assert audio.loudness_lufs(stereo, SR) == pytest.approx(audio.loudness_lufs(music, SR), abs=1e-3)


@pytest.mark.parametrize("orig_sr, new_sr", [(48_000, SR), (44_100, SR), (11_025, SR), (SR, 44_100)])
@pytest.mark.parametrize("seconds", [0.05, 5.0, 12.3])
def test_resample_in_blocks_is_one_call_on_the_whole_signal(orig_sr: int, new_sr: int, seconds: float) -> None:
    import torch
    import torchaudio.functional as AF

    x = np.random.default_rng(1).standard_normal((2, int(seconds * orig_sr) + 7)).astype(np.float32) * 0.1
    whole = AF.resample(torch.from_numpy(x), orig_sr, new_sr).numpy()
    blocks = audio.resample(x, orig_sr, new_sr)
    assert blocks.shape == whole.shape
    np.testing.assert_allclose(blocks, whole, rtol=0, atol=1e-5)


def test_resample_length_and_channels() -> None:
    x = np.random.default_rng(0).standard_normal((2, 44_100)).astype(np.float32)
    y = audio.resample(x, 44_100, SR)
    assert y.shape == (2, SR) and y.dtype == np.float32
    assert audio.resample(x[0], 44_100, 22_050).shape == (22_050,)
    np.testing.assert_array_equal(audio.resample(x, SR, SR), x)


def test_to_mono_averages_channels() -> None:
    x = np.stack([np.ones(5), np.zeros(5)]).astype(np.float32)
    np.testing.assert_array_equal(audio.to_mono(x), np.full(5, 0.5, np.float32))
    np.testing.assert_array_equal(audio.to_mono(x[0]), x[0])


def test_db_conversions_round_trip() -> None:
    assert audio.db_to_amplitude(-6.0206) == pytest.approx(0.5, rel=1e-4)
    assert audio.amplitude_to_db(audio.db_to_amplitude(-12.5)) == pytest.approx(-12.5)
    assert audio.amplitude_to_db(0.0) == -math.inf
    np.testing.assert_allclose(audio.amplitude_to_db(np.array([1.0, 10.0])), [0.0, 20.0])


def test_read_audio_shape_and_rate(tmp_path) -> None:
    x = np.random.default_rng(0).uniform(-0.5, 0.5, (1000, 2)).astype(np.float32)
    sf.write(tmp_path / "a.flac", x, 22_050)
    y, sr = audio.read_audio(tmp_path / "a.flac")
    assert sr == 22_050 and y.shape == (2, 1000) and y.dtype == np.float32
    np.testing.assert_allclose(y, x.T, atol=1e-4)


def _wav_bytes(tmp_path) -> bytes:
    sf.write(tmp_path / "ok.wav", np.full((16_000, 2), 0.1, np.float32), SR, subtype="PCM_16")
    return (tmp_path / "ok.wav").read_bytes()


@pytest.mark.parametrize("damage", ["missing", "header_only", "half", "garbage", "empty"])
def test_read_audio_bad_file_names_the_file(tmp_path, damage: str) -> None:
    data = _wav_bytes(tmp_path)
    path = tmp_path / f"bad_{damage}.wav"
    contents = {"header_only": data[:30], "half": data[: len(data) // 2], "garbage": b"not audio" * 50,
                "empty": data[:44]}
    if damage != "missing":
        path.write_bytes(contents[damage])
    with pytest.raises(DataError, match=f"bad_{damage}.wav"):
        audio.read_audio(path)


def test_check_finite_names_the_place() -> None:
    audio.check_finite(np.zeros(4, np.float32), "fine")
    with pytest.raises(DataError, match="song 'x', file v.wav"):
        audio.check_finite(np.array([0.0, np.nan]), "song 'x', file v.wav")
    with pytest.raises(DataError):
        audio.check_finite(np.array([np.inf]), "here")
