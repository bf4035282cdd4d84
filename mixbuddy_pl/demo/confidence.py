"""How sure the page's advice is: each window's confidence, the song's, and "not sure" below a threshold.

A window's confidence is the probability the model gives its most likely canonical answer (`model.likelihood`,
in the prediction row's `likelihood` record); a stem's song-level confidence is the mean over its windows. Below
`THRESHOLD` the page says it is not sure instead of advising: on the quickstart checkpoint's test split the
answers above it are the ones `acc@50`/`acc@80` (selective accuracy, `scoring.calibration`) measure.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

THRESHOLD = 0.5
"""Advice whose confidence is below this is shown as "not sure" (a 3-category answer set's chance is 0.33)."""


def window_confidence(row: dict) -> float | None:
    """A prediction row's confidence (None when it was made without the likelihood, e.g. by a rule)."""
    record = row.get("likelihood")
    return None if record is None else float(record["confidence"])


def is_sure(row: dict, threshold: float = THRESHOLD) -> bool:
    """The row's advice may be followed: its confidence reaches `threshold` (or it has none)."""
    confidence = window_confidence(row)
    return confidence is None or confidence >= threshold


def song_confidence(confidences: Sequence[float | None]) -> float | None:
    """The mean confidence over a stem's windows that have one."""
    known = [c for c in confidences if c is not None]
    return float(np.mean(known)) if known else None


def with_confidence(advice: str, confidence: float | None, threshold: float = THRESHOLD) -> str:
    """The advice with its confidence, or "not sure" instead of it below `threshold`."""
    if confidence is None:
        return advice
    if confidence < threshold:
        return f"Not sure ({confidence:.0%} for the likeliest answer): no advice for this one."
    return f"{advice} ({confidence:.0%} sure)"
