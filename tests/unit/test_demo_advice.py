"""The page's reading of the model's answers: per-window gains and the song-level median."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.demo.advise import SongAdvice, WindowAdvice, window_gain

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
