"""ablation/scores.py: song-level bootstrap intervals, paired tests, per-example scores by the metric rules."""

from __future__ import annotations

import numpy as np
import pytest

from mixbuddy_pl.ablation import scores as S
from mixbuddy_pl.advice.labels import Advice, StemAdvice
from tests.helpers import prediction_row


def _scores(correct: list[bool], prefix: str = "song", per_song: int = 1) -> S.Scores:
    """Scores of anchor examples right or wrong on every metric, `per_song` examples to a song."""
    names = ("examples", "parsed", "direction_ok")
    states = np.zeros((len(correct), len(names)))
    states[:, 0], states[:, 1], states[:, 2] = 1, 1, correct
    keys = [(f"{prefix}{i // per_song}", float(i), "vocals", "quiet", 1) for i in range(len(correct))]
    return S.Scores(keys, states, names)


def test_confidence_interval_on_known_data() -> None:
    scores = _scores([True] * 70 + [False] * 30)
    value, low, high = S.confidence_intervals(scores, n_boot=4000, seed=1)["direction_acc"]
    assert value == pytest.approx(0.7) and low < 0.7 < high
    assert high - low == pytest.approx(2 * 1.96 * np.sqrt(0.7 * 0.3 / 100), abs=0.03)  # normal approx: 0.18
    again = S.confidence_intervals(scores, n_boot=4000, seed=1)["direction_acc"]
    assert again == (value, low, high)  # seeded: deterministic


def test_song_level_interval_is_wider_when_songs_differ() -> None:
    """10 songs of 10 examples, each song all right or all wrong: the examples are not independent, and the CI
    over songs is as wide as 10 draws, not 100."""
    correct = [song < 7 for song in range(10) for _ in range(10)]
    _, low, high = S.confidence_intervals(_scores(correct, per_song=10), n_boot=4000, seed=1)["direction_acc"]
    _, low_i, high_i = S.confidence_intervals(_scores(correct), n_boot=4000, seed=1)["direction_acc"]
    assert high - low == pytest.approx(2 * 1.96 * np.sqrt(0.7 * 0.3 / 10), abs=0.1)  # ~0.57
    assert high - low > 2.5 * (high_i - low_i)


def test_seeds_are_a_level_of_the_bootstrap() -> None:
    """Two seeds that disagree widen the pooled CI beyond what one seed's examples give."""
    good, bad = _scores([True] * 90 + [False] * 10), _scores([True] * 50 + [False] * 50)
    pooled = S.pool([good, bad])
    value, low, high = S.confidence_intervals(pooled, n_boot=4000, seed=1)["direction_acc"]
    assert value == pytest.approx(0.7) and pooled.cells().sums.shape[:2] == (100, 2)
    assert low < 0.55 and high > 0.85  # seed resampling reaches both seeds' own levels


def test_paired_test_detects_real_and_null_differences() -> None:
    rng = np.random.default_rng(0)
    a = _scores(list(rng.random(200) < 0.8))
    b = _scores(list(rng.random(200) < 0.5))
    real = S.paired_test(a, b, ("a", "b"), n_boot=2000)
    diff, low, high, p = real.metrics["direction_acc"]
    assert real.n == 200 and real.songs == 200 and diff > 0.15 and low > 0 and p < 0.01
    flipped = a.states.copy()
    column = a.names.index("direction_ok")
    right, wrong = np.flatnonzero(flipped[:, column] == 1)[0], np.flatnonzero(flipped[:, column] == 0)[0]
    flipped[[right, wrong], column] = flipped[[wrong, right], column]  # same accuracy, two examples swapped
    null = S.paired_test(a, S.Scores(a.keys, flipped, a.names), ("a", "a2"), n_boot=2000)
    assert null.metrics["direction_acc"][0] == 0 and null.metrics["direction_acc"][3] > 0.5
    partial = S.paired_test(a, _scores([True] * 50, prefix="other"), ("a", "c"))
    assert partial.n == 0  # no shared test examples: reported, not compared


def test_score_rows_uses_the_metric_rules() -> None:
    said = Advice((StemAdvice("vocals", "increase", "moderate", 4.0),))
    good = prediction_row("vocals", "quiet", "increase", "moderate", 4.5, said)
    bad = prediction_row("vocals", "quiet", "increase", "moderate", 4.5, None)
    scores = S.score_rows([good, bad, good])
    ci = {m: v[0] for m, v in S.confidence_intervals(scores, n_boot=10).items()}
    assert ci["direction_acc"] == pytest.approx(2 / 3) and ci["parse_rate"] == pytest.approx(2 / 3)
    assert ci["gain_mae_db"] == pytest.approx(0.5) and ci["stem_acc"] == pytest.approx(2 / 3)
    assert scores.keys[0] != scores.keys[2]  # the same example twice gets an occurrence number
