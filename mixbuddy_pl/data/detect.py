"""Tracks of a session export that are not part of the mix, found by their content (any naming, any tempo).

Works on a sketch of each track (`session.sketch`): its envelope (peak of every millisecond) and its mono signal
at the session's rate, every `step`-th sample (a linear relation between tracks survives subsampling):

- a **click**: a train of short, evenly spaced impulses with silence between them (a metronome, any tempo);
- a **bounce**: a track that is, up to a gain per track, the sum of at least two others (a rough mix, a printed
  master, a bus printed beside its tracks), fitted by least squares; its residual is below
  `BOUNCE_RESIDUAL_DB` relative to the track.
"""

from __future__ import annotations

import numpy as np
import torch

CLICK_FLOOR_DB = -30.0  # an impulse is where the envelope is within this of the track's peak
CLICK_MAX_EVENT_S = 0.06  # longer events are notes or drum hits, not clicks
CLICK_MIN_EVENTS = 8
CLICK_REGULAR = 0.9  # share of intervals within CLICK_JITTER of the median interval
CLICK_JITTER = 0.05
BOUNCE_RESIDUAL_DB = -40.0
BOUNCE_MIN_PART_DB = -40.0  # a track takes part in a bounce when its share is above this (relative)
MAX_FIT_SAMPLES = 400_000  # the least-squares fit uses at most this many evenly spaced samples
_FRAME_S = 0.001
_RCOND = 1e-4


def envelope(x: np.ndarray, rate: int) -> np.ndarray:
    """The peak of every millisecond of `x` ([samples] or [channels, samples]; every channel's peak counts),
    float32; a partial last frame is dropped. Two reductions, no copy of the signal."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float32))
    frame = max(1, round(_FRAME_S * rate))
    n = x.shape[-1] // frame
    if n == 0:
        return np.zeros(0, np.float32)
    frames = torch.from_numpy(x[:, :n * frame]).reshape(x.shape[0], n, frame)
    return torch.maximum(frames.amax(dim=(0, 2)), -frames.amin(dim=(0, 2))).numpy()


def click_reason(env: np.ndarray) -> str | None:
    """Why a track with this `envelope` is a click track (count, spacing, impulse length), or None."""
    peak = float(env.max(initial=0.0))
    if peak <= 0:
        return None
    loud = np.concatenate([[False], env >= peak * 10 ** (CLICK_FLOOR_DB / 20), [False]])
    edges = np.flatnonzero(np.diff(loud.astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    if len(starts) < CLICK_MIN_EVENTS:
        return None
    lengths_s = (ends - starts) * _FRAME_S
    if np.median(lengths_s) > CLICK_MAX_EVENT_S or lengths_s.max() > 4 * CLICK_MAX_EVENT_S:
        return None
    intervals = np.diff(starts) * _FRAME_S
    regular = np.abs(intervals - np.median(intervals)) <= CLICK_JITTER * np.median(intervals)
    if regular.mean() < CLICK_REGULAR:
        return None
    period = float(intervals[regular].mean())
    return (f"content: a click ({len(starts)} impulses every {period:.2f} s, "
            f"{1000 * float(np.median(lengths_s)):.0f} ms long)")


def bounce_reasons(sampled: dict[str, np.ndarray], candidates: list[str]) -> dict[str, str]:
    """The candidates that are, up to a gain per track, the sum of at least two other tracks, with why.

    Every other track is a regressor; while some candidates are explained (residual below BOUNCE_RESIDUAL_DB by at
    least two tracks), the one whose fit adds the largest share of its tracks with a positive gain is a bounce and
    leaves the regressors (a kept track is also "explained" once a bounce is among the others, but by subtracting
    the other tracks from it). `sampled`: mono signals at one rate, equally subsampled; shorter ones count as
    zero-padded. All fits share one Gram matrix.
    """
    names = list(sampled)
    n = max(len(x) for x in sampled.values())
    matrix = np.stack([_padded(np.asarray(sampled[k]), n) for k in names]).astype(np.float64)
    gram = matrix @ matrix.T
    energy = np.diag(gram).copy()
    found: dict[str, str] = {}
    while True:
        fits = []
        for name in candidates:
            k = names.index(name)
            others = [j for j, o in enumerate(names) if j != k and o not in found and energy[j] > 0]
            if name not in found and energy[k] > 0 and (fit := _fit(gram, k, others)):
                fits.append((name, *fit))
        if not fits:
            return found
        name, residual_db, parts, _ = max(fits, key=lambda f: (f[3] / f[2], f[2], energy[names.index(f[0])]))
        found[name] = f"content: the sum of {parts} other tracks (residual {residual_db:.0f} dB), a bounce"


def _fit(gram: np.ndarray, k: int, others: list[int]) -> tuple[float, int, int] | None:
    """(residual dB, parts, parts with a positive gain) when signal `k` is explained by `others`, else None:
    least squares on unit-energy regressors, from the Gram matrix."""
    if len(others) < 2:
        return None
    norms = np.sqrt(np.diag(gram)[others])
    g = gram[np.ix_(others, others)] / np.outer(norms, norms)
    b = gram[others, k] / norms
    # directions below _RCOND are rounding (a print of a print), so dependent tracks share the fit
    gains = np.linalg.pinv(g, rcond=_RCOND ** 2, hermitian=True) @ b
    target = gram[k, k]
    residual = max(target - 2 * gains @ b + gains @ g @ gains, 1e-30 * target)
    residual_db = 10 * np.log10(residual / target)
    parts = gains ** 2 / target > 10 ** (BOUNCE_MIN_PART_DB / 10)
    if residual_db >= BOUNCE_RESIDUAL_DB or parts.sum() < 2:
        return None
    return residual_db, int(parts.sum()), int((parts & (gains > 0)).sum())


def content_reasons(envelopes: dict[str, np.ndarray], sampled: dict[str, np.ndarray], candidates: list[str],
                    click_candidates: list[str] | None = None) -> dict[str, str]:
    """Which of `candidates` are clicks or bounces (see the module), with why; the rest are not listed.

    `envelopes` and `sampled` (see the module) hold every track of the mix that no name or rule already left out
    (a bounce may hold a click: clicks stay regressors). Only `click_candidates` (default: every candidate) may
    be clicks: a track named `Hat` whose programmed hits are short and even stays a drum.
    """
    clicks = candidates if click_candidates is None else click_candidates
    reasons = {name: r for name in clicks if (r := click_reason(envelopes[name]))}
    return {**reasons, **bounce_reasons(sampled, [c for c in candidates if c not in reasons])}


def _padded(x: np.ndarray, n: int) -> np.ndarray:
    return np.pad(x, (0, n - len(x))) if len(x) < n else x
