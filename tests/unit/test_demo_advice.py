"""The page's reading of the model's answers: per-window gains and the song-level median."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pytest

from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.demo.advise import SongAdvice, WindowAdvice, rebalance, window_gain

STEMS = ["drums", "bass", "other", "vocals"]


@pytest.mark.parametrize("text, stem, about_stem, gain", [
    ("The vocals are much too quiet against the drums; bring them up about 8 dB.", "vocals", True, 8.0),
    ("The bass is a bit too loud against the drums; pull it down a little.", "bass", True, -4.5),  # no number
    ("The vocals sit well against the drums; leave them as they are.", "vocals", True, 0.0),
    ("The bass is much too loud against the drums; pull it down about 10.5 dB.", "vocals", True, None),  # off topic
    ("The bass is much too loud in the mix; pull it down about 10.5 dB.", "vocals", False, 0.0),  # whole-mix answer
    ("up up up up", "vocals", True, None),
])
def test_window_gain(text: str, stem: str, about_stem: bool, gain: float | None) -> None:
    parsed = parse(text, STEMS)
    assert window_gain(asdict(parsed) if parsed else None, stem, about_stem, FlawPolicy()) == gain


def test_song_advice_is_the_median_of_readable_windows() -> None:
    windows = [WindowAdvice(5.0 * i, "vocals", "...", g) for i, g in enumerate([3.0, 4.5, 6.0, None])]
    windows += [WindowAdvice(0.0, "bass", "...", None)]
    advice = SongAdvice("anchor", "drums", windows)
    assert advice.gains_db == {"vocals": 4.5}
    assert advice.lines() == ["vocals (relative to the drums): raise it about 4.5 dB (median of 3 of 4 windows)",
                              "bass (relative to the drums): no readable advice in 1 windows"]


def test_rebalance_sums_the_stems_and_applies_the_gains_at_one_scale() -> None:
    rng = np.random.default_rng(0)
    summed = {s: (0.4 * rng.standard_normal((2, 1000))).astype(np.float32) for s in ("drums", "bass", "vocals")}
    original, rebalanced = rebalance(summed, {"vocals": -6.0})
    truth = sum(summed.values()).T
    scale = original[0, 0] / truth[0, 0]
    assert original.shape == (1000, 2) and np.allclose(original, truth * scale, atol=1e-6)
    gained = (summed["drums"] + summed["bass"] + summed["vocals"] * 10 ** (-6 / 20)).T
    assert np.allclose(rebalanced, gained * scale, atol=1e-6)
    assert max(np.abs(original).max(), np.abs(rebalanced).max()) == pytest.approx(0.99, abs=1e-6)  # peak-limited
