"""The page's confidence: the song's advice says how sure it is (or that it is not sure, and then leaves the
stem alone), and the second pass writes B as the data reads it and reports whether the advice fixed the mix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl.data.songs import StemFolder
from mixbuddy_pl.demo.advise import SongAdvice, WindowAdvice
from mixbuddy_pl.demo.confidence import THRESHOLD, direction_probability, song_confidence
from mixbuddy_pl.demo.second_pass import markdown, verdict, write_rebalanced

STEMS = ("drums", "bass", "other", "vocals")
QUIET = {"vocals:no_error": 0.1, "vocals:quiet": 0.5, "vocals:very_quiet": 0.3, "vocals:loud": 0.05,
         "vocals:very_loud": 0.05}
MIXED = {"vocals:no_error": 0.2, "vocals:quiet": 0.3, "vocals:very_quiet": 0.0, "vocals:loud": 0.4,
         "vocals:very_loud": 0.1}


def test_direction_probability_sums_the_candidates_of_that_direction() -> None:
    assert direction_probability(QUIET, "vocals", "increase") == pytest.approx(0.8)
    assert direction_probability(QUIET, "vocals", "none") == pytest.approx(0.1)
    whole_mix = {"None:no_error": 0.3, "vocals:loud": 0.5, "bass:quiet": 0.2}  # no_anchor: other stems leave it
    assert direction_probability(whole_mix, "vocals", "none") == pytest.approx(0.5)
    assert direction_probability(whole_mix, "bass", "increase") == pytest.approx(0.2)


def test_song_confidence_is_the_mean_probability_of_the_advised_direction() -> None:
    assert song_confidence([QUIET, MIXED, None], "vocals", 4.5) == pytest.approx((0.8 + 0.3) / 2)
    assert song_confidence([QUIET], "vocals", 0.0) == pytest.approx(0.1)
    assert song_confidence([None, None], "vocals", 4.5) is None


def test_song_advice_shows_its_confidence_and_withholds_what_it_is_not_sure_of() -> None:
    sure = [WindowAdvice(float(i), "vocals", "...", 6.0, QUIET) for i in range(3)]
    mixed = {key.replace("vocals", "bass"): p for key, p in MIXED.items()}
    torn = [WindowAdvice(0.0, "bass", "...", 4.5, mixed), WindowAdvice(5.0, "bass", "...", None, mixed)]
    advice = SongAdvice("anchor", "drums", sure + torn)
    assert advice.gains_db == {"vocals": 6.0} and advice.withheld_db == {"bass": 4.5}
    assert advice.confidence["bass"] == pytest.approx(0.3) and advice.confidence["bass"] < THRESHOLD
    assert advice.lines() == [
        "vocals (relative to the drums): raise it about 6 dB (median of 3 of 3 windows; 80% sure)",
        'bass (relative to the drums): not sure (30% for "raise it about 4.5 dB", median of 1 of 2 windows): no advice',
    ]
    assert advice.to_json()["song_confidence"]["vocals"] == pytest.approx(0.8)


def test_b_is_written_as_stem_files_the_data_reads_with_the_gains_applied(tmp_path: Path) -> None:
    rate = 22_050
    t = np.arange(rate) / rate
    summed = {s: np.stack([0.1 * np.sin(2 * np.pi * (200 + 50 * k) * t)] * 2).astype(np.float32)
              for k, s in enumerate(STEMS)}
    summed["other"][:] = 0.0  # a stem without tracks is silence, and still a file
    song = write_rebalanced(summed, rate, {"vocals": 6.0, "bass": -3.0}, tmp_path / "songs" / "song")
    assert sorted(p.name for p in song.iterdir()) == sorted(f"{s}.wav" for s in STEMS)
    for stem, gain in (("vocals", 6.0), ("bass", -3.0), ("drums", 0.0)):
        x, sr = sf.read(song / f"{stem}.wav", dtype="float32")
        assert sr == rate and x.shape == (rate, 2)
        assert np.abs(x).max() / np.abs(summed[stem]).max() == pytest.approx(10 ** (gain / 20), rel=1e-5)
    source = StemFolder(str(tmp_path / "songs"), stems=list(STEMS))
    (name,) = source.songs("predict")
    stems = source.load("predict", name)
    assert set(stems) == set(STEMS) and not np.abs(stems["other"]).any()
    assert np.abs(stems["vocals"]).max() / np.abs(stems["drums"]).max() == pytest.approx(10 ** (6 / 20), rel=0.02)


def test_the_verdict_says_whether_the_advice_fixed_the_mix() -> None:
    fixed = SongAdvice("anchor", "drums", [WindowAdvice(0.0, "vocals", "...", 0.0),
                                           WindowAdvice(0.0, "bass", "...", -4.5)])
    assert verdict({"vocals": 6.0, "bass": 3.0, "other": 0.0}, fixed) == [
        "vocals: balanced now (the model leaves it alone on B)",
        "bass: still off by the model's ear (-4.5 dB more on B)"]
    unsure = SongAdvice("anchor", "drums", [WindowAdvice(0.0, "vocals", "...", 3.0, MIXED)])
    assert verdict({"vocals": 6.0}, unsure) == ["vocals: the model is not sure on B"]
    unread = SongAdvice("anchor", "drums", [WindowAdvice(0.0, "vocals", "up up up", None)])
    assert verdict({"vocals": 6.0}, unread) == ["vocals: no readable advice on B"]
    assert markdown({"vocals": 0.0}, None).startswith("The first pass changed nothing")
    assert "balanced now" in markdown({"vocals": 6.0}, fixed)
