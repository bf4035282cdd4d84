"""Audio I/O and level maths over soundfile + torchaudio (arrays are numpy float32)."""

from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np
import soundfile as sf
import torch
import torchaudio.functional as AF
import torchaudio.transforms as T

from mixbuddy_pl.errors import DataError

SAMPLE_RATE = 16_000
"""Qwen2-Audio's input rate; every cached stem is stored at this rate."""

_GATE_S = 0.4  # BS.1770 gating block length: shorter signals have no loudness
_BLOCK_S = 5.0  # seconds of audio resampled per call (see `resample`)
_HEADROOM = 0.125  # peak the signal is measured at: torchaudio's biquads clamp to [-1, 1]


def to_mono(x: np.ndarray) -> np.ndarray:
    """Average channels of a [channels, samples] array; a [samples] array is returned as is."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        return x
    if x.ndim != 2:
        raise ValueError(f"expected [channels, samples] or [samples], got shape {x.shape}")
    return x.mean(axis=0, dtype=np.float32)


def resample(x: np.ndarray, orig_sr: int, new_sr: int) -> np.ndarray:
    """Resample along the last axis with torchaudio's windowed-sinc resampler (its default filter).

    A long signal is resampled in blocks of about `_BLOCK_S` seconds, each read with the filter's reach on both
    sides and aligned to the filter's phase period, so the result is one call on the whole signal's, up to float32
    rounding (< 1e-5 of full scale), in a third to a half of the time: torchaudio's strided convolution slows down
    on minutes of audio (docs/demo.md).
    """
    x = np.asarray(x, dtype=np.float32)
    orig_sr, new_sr = int(orig_sr), int(new_sr)
    if orig_sr == new_sr:
        return x
    resampler = _resampler(orig_sr, new_sr)
    g = math.gcd(orig_sr, new_sr)
    period_in, period_out = orig_sr // g, new_sr // g  # the filter's phases repeat every period_in input samples
    reach = (resampler.width // period_in + 2) * period_in  # input samples a block must see beyond its ends
    block = max(1, round(_BLOCK_S * orig_sr / period_in)) * period_in
    signal = torch.from_numpy(np.ascontiguousarray(x))
    n = signal.shape[-1]
    parts = []
    for start in range(0, n, block):
        lo = max(0, start - reach)
        y = resampler(signal[..., lo:min(n, start + block + reach)])
        skip = (start - lo) // period_in * period_out
        parts.append(y[..., skip:skip + block // period_in * period_out])
    length = math.ceil(n * period_out / period_in)
    return torch.cat(parts, dim=-1)[..., :length].numpy() if parts else resampler(signal).numpy()


@functools.lru_cache(maxsize=8)
def _resampler(orig_sr: int, new_sr: int) -> T.Resample:
    """torchaudio's resampler for one pair of rates, its filter computed once."""
    return T.Resample(orig_sr, new_sr)


def read_audio(path: str | Path) -> tuple[np.ndarray, int]:
    """Read a sound file as float32 [channels, samples] and its sample rate.

    Raises DataError naming the file when it is missing, unreadable or truncated.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: audio file not found; check the path or add the file.")
    try:
        with sf.SoundFile(str(path)) as f:
            data, sr, header = f.read(dtype="float32", always_2d=True), f.samplerate, f.extra_info
    except (sf.LibsndfileError, RuntimeError, ValueError) as e:
        raise DataError(
            f"{path}: cannot decode audio ({e}); the file is damaged or not a wav/flac/ogg "
            "file - re-export or re-download it."
        ) from e
    if _truncated(header) or data.shape[0] == 0:
        raise DataError(f"{path}: audio file is truncated or empty; re-export or re-download it.")
    return np.ascontiguousarray(data.T), int(sr)


def _truncated(header: str) -> bool:
    """libsndfile reports a WAV data chunk longer than the file as `data : N (should be M)`."""
    return any(line.startswith("data") and "should be" in line for line in header.splitlines())


def check_finite(x: np.ndarray, where: str) -> None:
    """Raise DataError (naming `where`) when `x` holds NaN or Inf samples."""
    if not np.isfinite(x).all():
        bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
        raise DataError(
            f"{where}: {bad} NaN/Inf samples; re-export the audio (the file is corrupt)."
        )


def loudness_lufs(x: np.ndarray, sr: int) -> float:
    """ITU-R BS.1770 integrated loudness (LUFS) of the mono downmix of `x`.

    Returns -inf for digital silence or a signal shorter than one 400 ms gating block.
    The K-weighting filters clamp their output to [-1, 1], so a loud signal is measured
    scaled down to a peak of -18 dBFS and the gain is added back (loudness is scale-invariant).
    """
    mono = to_mono(x)
    peak = float(np.max(np.abs(mono))) if mono.size else 0.0
    if mono.shape[-1] < round(_GATE_S * sr) or peak == 0.0:
        return -math.inf
    scale = min(1.0, _HEADROOM / peak)
    value = float(AF.loudness(torch.from_numpy(mono * np.float32(scale))[None], sr))
    return -math.inf if math.isnan(value) else value - 20.0 * math.log10(scale)


def db_to_amplitude(db: float | np.ndarray) -> float | np.ndarray:
    """Gain in dB to a linear amplitude factor."""
    out = np.power(10.0, np.asarray(db, dtype=np.float64) / 20.0)
    return out if isinstance(db, np.ndarray) else float(out)


def amplitude_to_db(amp: float | np.ndarray) -> float | np.ndarray:
    """Linear amplitude factor to dB (-inf for 0)."""
    with np.errstate(divide="ignore"):
        out = 20.0 * np.log10(np.abs(np.asarray(amp, dtype=np.float64)))
    return out if isinstance(amp, np.ndarray) else float(out)


def mix(stems: dict[str, np.ndarray], gains: dict[str, float], exclude: tuple[str, ...] = ()) -> np.ndarray:
    """Sum of the stems with linear `gains` applied (1 where absent), leaving out `exclude`."""
    out: np.ndarray | None = None
    for name, x in stems.items():
        if name in exclude:
            continue
        gain = np.float32(gains.get(name, 1.0))
        if out is None:
            out = x * gain  # a new array: the stems (memory-mapped) are never written
        elif gain == 1.0:
            out += x
        else:
            out += x * gain
    return out if out is not None else np.zeros_like(next(iter(stems.values())), dtype=np.float32)
