"""How sure the advice is, and whether that certainty means anything: calibration of answer-set probabilities.

Every example has a distribution over its canonical answers (`model.likelihood`); its `confidence` is the top
answer's probability and `correct` whether that answer is right on `category_acc` (`scoring.metrics`, the one
definition of right). From those:
- ece: expected calibration error of the top answer (equal-width bins, |accuracy - confidence| weighted by the
  bin's share; torchmetrics' binary calibration error on (confidence, correct)).
- brier: multiclass Brier score, sum over the answer set of (p - [answer is right])^2, averaged over examples.
- acc@50 / acc@80 / acc@100: selective accuracy, the accuracy of the 50 / 80 / 100 % most confident answers.
- a reliability diagram (accuracy and mean confidence per bin, with the bin counts).
ECE and Brier are also sums of per-example states (`calibration_states`, `calibration_from_sums`: per bin, |sum
of correct - sum of confidence| over all examples), so `ablation collect` bootstraps them over songs with the advice
metrics (examples are nested in songs: one resampling path for every figure of a table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import torch
from torchmetrics import Metric
from torchmetrics.functional.classification import binary_calibration_error
from torchmetrics.utilities import dim_zero_cat

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BINS = 10
COVERAGES = (0.5, 0.8, 1.0)


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, n_bins: int = BINS) -> float:
    """Top-label ECE (L1, equal-width bins)."""
    if not len(confidence):
        return float("nan")
    return float(binary_calibration_error(torch.as_tensor(confidence, dtype=torch.float64),
                                          torch.as_tensor(correct, dtype=torch.long), n_bins=n_bins, norm="l1"))


def brier_score(probs: Sequence[np.ndarray], right: Sequence[np.ndarray]) -> float:
    """Mean over examples of sum_k (p_k - y_k)^2, y_k = 1 for the right answer(s) of the set."""
    if not len(probs):
        return float("nan")
    return float(np.mean([np.sum((np.asarray(p) - np.asarray(y)) ** 2) for p, y in zip(probs, right)]))


def selective_accuracy(confidence: np.ndarray, correct: np.ndarray, coverage: float) -> float:
    """Accuracy of the `coverage` share of examples the model is most sure of (ties broken by order, stable)."""
    keep = max(int(round(coverage * len(confidence))), 1) if len(confidence) else 0
    if not keep:
        return float("nan")
    order = np.argsort(-np.asarray(confidence), kind="stable")[:keep]
    return float(np.mean(np.asarray(correct, dtype=float)[order]))


def calibration_metrics(confidence: np.ndarray, correct: np.ndarray, brier: np.ndarray) -> dict[str, float]:
    """ece, brier and acc@<coverage> from per-example confidence, correctness and Brier terms."""
    out = {"ece": expected_calibration_error(confidence, correct), "brier": float(np.mean(brier)) if len(brier)
           else float("nan")}
    out.update({f"acc@{round(100 * c)}": selective_accuracy(confidence, correct, c) for c in COVERAGES})
    return out


def bin_index(confidence: np.ndarray, n_bins: int = BINS) -> np.ndarray:
    """Each confidence's bin as torchmetrics' calibration error bins it: [k/n, (k+1)/n), and bin n for exactly 1."""
    edges = torch.linspace(0, 1, n_bins + 1, dtype=torch.float64)
    return (torch.bucketize(torch.as_tensor(np.asarray(confidence, dtype=np.float64)), edges, right=True) - 1).numpy()


def calibration_state_names(n_bins: int = BINS) -> tuple[str, ...]:
    """Every state `calibration_states` can write."""
    per_bin = (f"cal/{k}/{b}" for b in range(n_bins + 1) for k in ("confidence", "correct"))
    return ("cal/examples", "cal/brier", *per_bin)


def calibration_states(confidence: float, correct: bool, brier: float, n_bins: int = BINS) -> dict[str, float]:
    """One example's summable calibration states: its count, Brier term, and confidence and correctness in its bin."""
    b = int(bin_index(np.array([confidence]), n_bins)[0])
    return {"cal/examples": 1.0, "cal/brier": float(brier), f"cal/confidence/{b}": float(confidence),
            f"cal/correct/{b}": float(correct)}


def calibration_from_sums(sums: Mapping[str, np.ndarray | float], n_bins: int = BINS) -> dict[str, np.ndarray]:
    """ece and brier from summed `calibration_states` (arrays of any shape, e.g. [bootstrap]); NaN without
    examples. Equals `expected_calibration_error` and the mean Brier term on the same examples."""
    def get(name: str) -> np.ndarray:
        return np.asarray(sums.get(name, 0.0), dtype=np.float64)
    n = get("cal/examples")
    gap = sum(np.abs(get(f"cal/correct/{b}") - get(f"cal/confidence/{b}")) for b in range(n_bins + 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        return {"ece": np.where(n > 0, gap / np.where(n > 0, n, 1), np.nan),
                "brier": np.where(n > 0, get("cal/brier") / np.where(n > 0, n, 1), np.nan)}


def reliability(confidence: np.ndarray, correct: np.ndarray, n_bins: int = BINS) -> dict[str, list[float]]:
    """Per equal-width confidence bin: lower edge, mean confidence, accuracy and count (NaN where empty)."""
    confidence, correct = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=float)
    index = np.clip(np.floor(confidence * n_bins).astype(int), 0, n_bins - 1)  # [lo, hi) as torchmetrics
    counts = np.bincount(index, minlength=n_bins).astype(float)
    with np.errstate(invalid="ignore"):
        conf = np.bincount(index, confidence, minlength=n_bins) / counts
        acc = np.bincount(index, correct, minlength=n_bins) / counts
    return {"lower": list(np.arange(n_bins) / n_bins), "confidence": list(conf), "accuracy": list(acc),
            "count": list(counts)}


def reliability_figure(table: dict[str, list[float]], title: str) -> Figure:
    """The reliability diagram: accuracy per confidence bin against the diagonal, bin counts below."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 4.5))
    top, bottom = figure.subplots(2, 1, height_ratios=(3, 1), sharex=True)
    width = 1 / len(table["lower"])
    top.bar(table["lower"], np.nan_to_num(table["accuracy"]), width=width, align="edge", edgecolor="black",
            label="accuracy")
    top.plot([0, 1], [0, 1], "k--", label="calibrated")
    top.set(ylabel="accuracy", ylim=(0, 1), title=title)
    top.legend(loc="upper left")
    bottom.bar(table["lower"], table["count"], width=width, align="edge", color="grey")
    bottom.set(xlabel="confidence", ylabel="examples", xlim=(0, 1))
    figure.tight_layout()
    return figure


class AnswerSetCalibration(Metric):
    """Collects (confidence, correct, Brier term) per example across batches and ranks; computes
    `calibration_metrics` and the reliability table."""

    full_state_update = False

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        for name in ("confidence", "correct", "brier"):
            self.add_state(name, [], dist_reduce_fx="cat")

    def update(self, probs: Sequence[torch.Tensor], right: Sequence[Sequence[bool]]) -> None:
        """probs: each example's distribution over its answer set; right: which of its answers are right."""
        for p, y in zip(probs, right, strict=True):
            p = torch.as_tensor(p, dtype=torch.float64).cpu()
            y = torch.as_tensor(list(y), dtype=torch.float64)
            top = int(p.argmax())
            self.confidence.append(p[top:top + 1].to(self.device))
            self.correct.append(y[top:top + 1].to(self.device))
            self.brier.append(((p - y) ** 2).sum().reshape(1).to(self.device))

    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.confidence:
            return np.zeros(0), np.zeros(0), np.zeros(0)
        return tuple(dim_zero_cat(getattr(self, n)).cpu().double().numpy() for n in ("confidence", "correct", "brier"))

    def compute(self) -> dict[str, torch.Tensor]:
        """ece, brier, acc@50, acc@80, acc@100."""
        return {k: torch.tensor(v, dtype=torch.float64) for k, v in calibration_metrics(*self._arrays()).items()}

    def table(self) -> dict[str, list[float]]:
        """The reliability diagram's table."""
        confidence, correct, _ = self._arrays()
        return reliability(confidence, correct)
