"""Tracks of a session export that are not part of the mix, found by their content (any naming, any tempo).

Works on each track's mono signal at one common rate (the analysis copies `session.analysis_copies` makes):

- a **click**: a train of short, evenly spaced impulses with silence between them (a metronome, any tempo);
- a **bounce**: a track that is, up to a gain per track, the sum of at least two others (a rough mix, a printed
  master, a bus printed beside its tracks), fitted by least squares; its residual is below
  `BOUNCE_RESIDUAL_DB` relative to the track.
"""

from __future__ import annotations

import numpy as np

CLICK_FLOOR_DB = -30.0  # an impulse is where the envelope is within this of the track's peak
CLICK_MAX_EVENT_S = 0.06  # longer events are notes or drum hits, not clicks
CLICK_MIN_EVENTS = 8
CLICK_REGULAR = 0.9  # share of intervals within CLICK_JITTER of the median interval
CLICK_JITTER = 0.05
BOUNCE_RESIDUAL_DB = -40.0
BOUNCE_MIN_PART_DB = -40.0  # a track takes part in a bounce when its share is above this (relative)
MAX_FIT_SAMPLES = 100_000  # the least-squares fit uses at most this many evenly spaced samples
_FRAME_S = 0.001
_RCOND = 1e-4


def click_reason(x: np.ndarray, rate: int) -> str | None:
    """Why the mono signal `x` is a click track (count, spacing, impulse length), or None when it is not."""
    frame = max(1, round(_FRAME_S * rate))
    n = len(x) // frame
    if n == 0:
        return None
    envelope = np.abs(x[:n * frame]).reshape(n, frame).max(axis=1)
    peak = float(envelope.max())
    if peak <= 0:
        return None
    loud = np.concatenate([[False], envelope >= peak * 10 ** (CLICK_FLOOR_DB / 20), [False]])
    edges = np.flatnonzero(np.diff(loud.astype(np.int8)))
    starts, ends = edges[0::2], edges[1::2]
    if len(starts) < CLICK_MIN_EVENTS:
        return None
    lengths_s = (ends - starts) * frame / rate
    if np.median(lengths_s) > CLICK_MAX_EVENT_S or lengths_s.max() > 4 * CLICK_MAX_EVENT_S:
        return None
    intervals = np.diff(starts) * frame / rate
    period = float(np.median(intervals))
    if np.mean(np.abs(intervals - period) <= CLICK_JITTER * period) < CLICK_REGULAR:
        return None
    return (f"content: a click ({len(starts)} impulses every {period:.2f} s, "
            f"{1000 * float(np.median(lengths_s)):.0f} ms long)")


def bounce_reasons(signals: dict[str, np.ndarray], candidates: list[str]) -> dict[str, str]:
    """The candidates that are, up to a gain per track, the sum of at least two other tracks, with why.

    Every other track is a regressor; while some candidates are explained (residual below BOUNCE_RESIDUAL_DB by at
    least two tracks), the one whose fit adds the largest share of its tracks with a positive gain is a bounce and
    leaves the regressors (a kept track is also "explained" once a bounce is among the others, but by subtracting
    the other tracks from it).
    Signals are mono at one rate; shorter ones count as zero-padded.
    """
    n = max(len(x) for x in signals.values())
    step = max(1, n // MAX_FIT_SAMPLES)
    sampled = {name: _padded(x, n)[::step].astype(np.float64) for name, x in signals.items()}
    energy = {name: float(np.dot(x, x)) for name, x in sampled.items()}
    found: dict[str, str] = {}
    while True:
        fits = [fit for name in candidates if name not in found and energy[name] > 0
                if (fit := _fit(name, [o for o in sampled if o != name and o not in found], sampled, energy))]
        if not fits:
            return found
        name, residual_db, parts, _ = max(fits, key=lambda f: (f[3] / f[2], f[2], energy[f[0]]))
        found[name] = f"content: the sum of {parts} other tracks (residual {residual_db:.0f} dB), a bounce"


def _fit(name: str, others: list[str], sampled: dict[str, np.ndarray],
         energy: dict[str, float]) -> tuple[str, float, int, int] | None:
    """(name, residual dB, parts, parts with a positive gain) when `name` is explained by `others`, else None."""
    others = [o for o in others if energy[o] > 0]
    if len(others) < 2:
        return None
    norms = np.sqrt([energy[o] for o in others])
    basis = np.stack([sampled[o] for o in others], axis=1) / norms
    # unit columns; directions below _RCOND are rounding (a print of a print), so dependent tracks share the fit
    gains, *_ = np.linalg.lstsq(basis, sampled[name], rcond=_RCOND)
    residual = sampled[name] - basis @ gains
    residual_db = 10 * np.log10(max(float(np.dot(residual, residual)), 1e-30) / energy[name])
    share = gains ** 2 / energy[name]
    parts = share > 10 ** (BOUNCE_MIN_PART_DB / 10)
    if residual_db >= BOUNCE_RESIDUAL_DB or parts.sum() < 2:
        return None
    return name, residual_db, int(parts.sum()), int((parts & (gains > 0)).sum())


def content_reasons(signals: dict[str, np.ndarray], rate: int, candidates: list[str],
                    click_candidates: list[str] | None = None) -> dict[str, str]:
    """Which of `candidates` are clicks or bounces (see the module), with why; the rest are not listed. `signals`:
    every track of the mix that no name or rule already left out (a bounce may hold a click: clicks stay
    regressors). Only `click_candidates` (default: every candidate) may be clicks: a track named `Hat` whose
    programmed hits are short and even stays a drum."""
    clicks = candidates if click_candidates is None else click_candidates
    reasons = {name: r for name in clicks if (r := click_reason(signals[name], rate))}
    return {**reasons, **bounce_reasons(signals, [c for c in candidates if c not in reasons])}


def _padded(x: np.ndarray, n: int) -> np.ndarray:
    return np.pad(x, (0, n - len(x))) if len(x) < n else x
