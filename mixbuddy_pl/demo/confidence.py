"""How sure the page's advice is: each window's confidence, the song's, and "not sure" below a threshold.

A window's confidence is the probability the model gives its most likely canonical answer (`model.likelihood`,
in the prediction row's `likelihood` record); below `THRESHOLD` the window says it is not sure and gives no gain.

The song's advice on a stem is the median gain of its sure windows (`advise.SongAdvice`). Its confidence is the
mean, over every window of that stem, of the probability the window's answer-set distribution gives the song
advice's direction (raise, lower or leave it): the candidates about the stem in that direction, and for "leave
it" also "nothing to change" and the candidates about other stems. Windows that disagree with the song's
direction, or are unsure, pull it down. Below `THRESHOLD` the page says it is not sure instead of advising,
and the rebalanced mix leaves that stem alone. On the quickstart checkpoint's test split the answers above the
threshold are the ones `acc@50`/`acc@80` (selective accuracy, `scoring.calibration`) measure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from mixbuddy_pl.advice.labels import Direction
from mixbuddy_pl.scoring.records import candidate_advice

THRESHOLD = 0.5
"""Advice whose confidence is below this is shown as "not sure" (a 3-category answer set's chance is 0.33)."""


def window_confidence(row: dict) -> float | None:
    """A prediction row's confidence (None when it was made without the likelihood, e.g. by a rule)."""
    record = row.get("likelihood")
    return None if record is None else float(record["confidence"])


def window_probs(row: dict) -> dict[str, float] | None:
    """A prediction row's answer-set distribution (`<stem>:<category>` -> probability), or None without one."""
    record = row.get("likelihood")
    return None if record is None or "probs" not in record else dict(record["probs"])


def is_sure(row: dict, threshold: float = THRESHOLD) -> bool:
    """The row's advice may be followed: its confidence reaches `threshold` (or it has none)."""
    confidence = window_confidence(row)
    return confidence is None or confidence >= threshold


def direction_of(gain_db: float) -> Direction:
    """The direction of a gain: raise, lower, or leave (0 dB)."""
    return "increase" if gain_db > 0 else "decrease" if gain_db < 0 else "none"


def direction_probability(probs: Mapping[str, float], stem: str, direction: Direction) -> float:
    """The probability a distribution over the answer set gives `direction` for `stem` (an answer about another
    stem, or "nothing to change", leaves `stem` alone)."""
    return sum(p for key, p in probs.items() if candidate_advice(key).direction_for(stem) == direction)


def song_confidence(windows: Sequence[Mapping[str, float] | None], stem: str, gain_db: float) -> float | None:
    """The song's confidence in advising `gain_db` on `stem`: the mean over the stem's windows of the probability
    each gives that direction (windows without a distribution left out; None when none has one)."""
    known = [direction_probability(p, stem, direction_of(gain_db)) for p in windows if p is not None]
    return float(np.mean(known)) if known else None


def with_confidence(advice: str, confidence: float | None, threshold: float = THRESHOLD) -> str:
    """The advice with its confidence, or "not sure" instead of it below `threshold`."""
    if confidence is None:
        return advice
    if confidence < threshold:
        return f"Not sure ({confidence:.0%} for the likeliest answer): no advice for this one."
    return f"{advice} ({confidence:.0%} sure)"


def song_line(label: str, verb: str, detail: str, confidence: float | None, threshold: float = THRESHOLD) -> str:
    """One stem's song-level line: `label: verb (detail; N% sure)`, or "not sure" below `threshold`."""
    if confidence is None:
        return f"{label}: {verb} ({detail})"
    if confidence < threshold:
        return f"{label}: not sure ({confidence:.0%} for \"{verb}\", {detail}): no advice"
    return f"{label}: {verb} ({detail}; {confidence:.0%} sure)"
