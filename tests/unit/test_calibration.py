"""Calibration metrics on hand-made probabilities, against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mixbuddy_pl.scoring.calibration import (
    AnswerSetCalibration, brier_score, calibration_from_sums, calibration_states, expected_calibration_error,
    reliability, selective_accuracy,
)

CONFIDENCE = np.array([0.95, 0.85, 0.75, 0.62, 0.55])
CORRECT = np.array([1, 1, 0, 1, 0])


def test_ece_brier_and_selective_accuracy_match_hand_values() -> None:
    # one example per bin: |acc - conf| = .05 + .15 + .75 + .38 + .55 over 5 examples
    assert expected_calibration_error(CONFIDENCE, CORRECT) == pytest.approx(1.88 / 5)
    assert expected_calibration_error(np.array([0.8] * 5), np.array([1, 1, 1, 1, 0])) == pytest.approx(0.0)
    # (.3^2 + .2^2 + .1^2) and (.5^2 + .5^2)
    assert brier_score([np.array([0.7, 0.2, 0.1]), np.array([0.5, 0.5, 0.0])],
                       [np.array([1, 0, 0]), np.array([0, 1, 0])]) == pytest.approx((0.14 + 0.5) / 2)
    confidence = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05])
    correct = np.array([1, 1, 0, 1, 0, 1, 0, 0, 0, 1])
    assert [selective_accuracy(confidence[::-1], correct[::-1], c) for c in (0.5, 0.8, 1.0)] == \
        pytest.approx([0.6, 0.5, 0.5])
    table = reliability(CONFIDENCE, CORRECT)
    assert table["count"] == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1] and table["accuracy"][7] == 0.0


def test_metric_accumulates_batches_like_the_functions() -> None:
    metric = AnswerSetCalibration()
    probs = [torch.tensor(p, dtype=torch.float64) for p in ([0.7, 0.2, 0.1], [0.3, 0.6, 0.1], [0.2, 0.2, 0.6])]
    right = [[True, False, False], [True, False, False], [False, False, True]]
    metric.update(probs[:2], right[:2])
    metric.update(probs[2:], right[2:])
    out = metric.compute()
    assert float(out["acc@100"]) == pytest.approx(2 / 3)
    assert float(out["acc@50"]) == pytest.approx(0.5)  # 2 of 3 kept: 0.7 right, then the first 0.6, wrong
    assert float(out["ece"]) == pytest.approx(expected_calibration_error(np.array([0.7, 0.6, 0.6]),
                                                                         np.array([1, 0, 1])))
    assert float(out["brier"]) == pytest.approx(brier_score([p.numpy() for p in probs], right))


def _summed(confidence, correct, brier) -> dict[str, float]:
    sums: dict[str, float] = {}
    for c, y, b in zip(confidence, correct, brier):
        for name, value in calibration_states(c, y, b).items():
            sums[name] = sums.get(name, 0.0) + value
    return sums


def test_summed_states_give_the_same_ece_and_brier() -> None:
    """`ablation collect` bootstraps ECE from summed per-example states: the same value as torchmetrics' ECE,
    edges (a bin boundary, exactly 1) included."""
    rng = np.random.default_rng(3)
    confidence = np.concatenate([rng.uniform(0.2, 1.0, 200), [0.3, 0.5, 0.9, 1.0, 1.0]])
    correct = rng.random(len(confidence)) < confidence ** 2
    brier = rng.random(len(confidence))
    out = calibration_from_sums(_summed(confidence, correct, brier))
    assert float(out["ece"]) == pytest.approx(expected_calibration_error(confidence, correct), abs=1e-12)
    assert float(out["brier"]) == pytest.approx(brier.mean())
    hand = calibration_from_sums(_summed(CONFIDENCE, CORRECT, np.zeros(5)))
    assert float(hand["ece"]) == pytest.approx(1.88 / 5)  # one example a bin, as above
    assert np.isnan(calibration_from_sums({})["ece"])
