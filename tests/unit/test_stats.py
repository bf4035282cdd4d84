"""Issue 24's statistics: Holm-Bonferroni over a table's family, p never below 1/(B+1), pairs checked on their
content, degenerate intervals and dropped resamples reported, no interval below MIN_CLUSTERS songs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mixbuddy_pl.ablation import collect as C
from mixbuddy_pl.ablation import scores as S
from mixbuddy_pl.ablation.study import Run
from mixbuddy_pl.errors import DataError
from mixbuddy_pl.scoring import stats


def test_holm_matches_the_step_down_by_hand():
    # sorted 0.01, 0.03, 0.04 of m = 3: 0.03, max(0.06, 0.03), max(0.04, 0.06); NaN is outside the family
    assert stats.holm([0.01, 0.04, 0.03, math.nan])[:3] == pytest.approx([0.03, 0.06, 0.06])
    assert math.isnan(stats.holm([0.01, 0.04, 0.03, math.nan])[3])
    assert stats.holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])  # capped at 1


def test_p_is_never_below_what_the_resamples_resolve():
    assert stats.bootstrap_p(np.ones(1999)) == pytest.approx(2 / 2000)  # every resample on one side
    assert stats.fmt_p(0.0, 2000) == "0.0005" and stats.fmt_p(math.nan, 2000) == "–"


def test_degenerate_and_dropped_resamples_are_reported():
    cells = stats.Cells.build(np.array([[1.0, 0.0]] * 11 + [[1.0, 1.0]]), [f"s{i}" for i in range(12)])
    with np.errstate(invalid="ignore", divide="ignore"):
        table = stats.ci_table(cells, lambda d: {"all": d["n"] / d["n"], "ratio": d["k"] / d["k"]}, ("n", "k"),
                               n_boot=200, seed=0)
    assert table["all"].degenerate and table["all"].dropped == 0
    assert 0 < table["ratio"].dropped < 200  # resamples without the one song where k > 0: undefined, counted
    assert not table["ratio"].degenerate or table["ratio"].low == 1.0


def test_no_interval_below_ten_songs():
    cells = stats.Cells.build(np.array([[1.0, 1.0]] * 9), [f"s{i}" for i in range(9)])
    value, low, high = stats.ci_table(cells, lambda d: {"m": d["a"] / d["b"]}, ("a", "b"))["m"]
    assert value == 1.0 and math.isnan(low) and math.isnan(high)
    assert stats.fmt_ci(value, low, high, clusters=9) == "1.000 (n too small)"


def _rows(p_right: float, songs: int, seed: int, gain: float = -4.5, variant: str = "anchor") -> list[dict]:
    """Synthetic test rows (5 examples a song) whose answer is right with probability `p_right`."""
    rng = np.random.default_rng(seed)
    rows = []
    for song in range(songs):
        for start in range(5):
            right = rng.random() < p_right
            change = {"stem": "vocals", "direction": "increase" if right else "decrease", "magnitude": "moderate",
                      "gain_db": None}
            rows.append({"variant": variant, "song": f"song{song:02d}", "start_s": float(start), "anchor": "drums",
                         "targets": [{"stem": "vocals", "category": "quiet", "applied_gain_db": gain,
                                      "direction": "increase", "magnitude": "moderate", "suggested_gain_db": -gain}],
                         "level_db": 0.0, "generated": "", "parsed": {"changes": [change]}})
    return rows


def test_pairs_with_different_content_are_an_error():
    a, b = S.score_rows(_rows(0.8, 12, 0)), S.score_rows(_rows(0.5, 12, 1, gain=-5.0))
    with pytest.raises(DataError, match="drew different examples"):
        S.paired_test(a, b, ("a", "b"), n_boot=50)
    assert S.paired_test(a, S.score_rows(_rows(0.5, 12, 1)), ("a", "b"), n_boot=50).n == 60


def test_a_level_shift_control_pairs_with_its_arm_on_everything_but_the_level():
    arm = S.score_rows(_rows(0.8, 12, 0))
    shifted = S.score_rows([{**row, "level_db": -10.0} for row in _rows(0.7, 12, 1)])
    with pytest.raises(DataError, match="drew different examples"):
        S.paired_test(arm, shifted, ("model", "model/level_-10dB"), n_boot=50)
    assert S.paired_test(arm, shifted, ("model", "model/level_-10dB"), n_boot=50, level_shifted=True).n == 60
    regained = S.score_rows([{**row, "level_db": -10.0} for row in _rows(0.7, 12, 1, gain=-5.0)])
    with pytest.raises(DataError, match="drew different examples"):  # the gain is still checked
        S.paired_test(arm, regained, ("model", "model/level_-10dB"), n_boot=50, level_shifted=True)


def study_table(n_boot: int = 500) -> str:
    """results.md of a synthetic three-arm anchor-variant study (the example in docs/results)."""
    results = []
    for i, (arm, p_right, songs) in enumerate((("model", 0.85, 12), ("blind", 0.5, 12), ("few_songs", 0.7, 6))):
        run = Run(i, f"{arm}_seed0", arm, 0, ("fit", "test"), [])
        results.append(C.RunResult(run, {"rougeL": 0.5}, S.score_rows(_rows(p_right, songs, i))))
    rows, paired = C.summarise(results, n_boot=n_boot, seed=0)
    return C.markdown("synthetic", rows, paired, n_boot)


def test_results_table_shows_corrected_p_and_the_content_checked_pairing():
    text = study_table()
    assert "p_holm" in text and "Holm-Bonferroni" in text and "checked on the content" in text
    model_vs_blind = next(line for line in text.splitlines() if line.startswith("| model | blind |"))
    p, p_holm = model_vs_blind.split("(")[2].split(")")[0].split("; ")
    assert float(p) >= 1 / 501 and float(p_holm) >= float(p)
    assert "(n too small)" in next(line for line in text.splitlines() if line.startswith("| few_songs |"))
    assert "(= direction: anchor)" in text  # stem + direction in an anchor-only arm
