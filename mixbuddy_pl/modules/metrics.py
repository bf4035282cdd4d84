"""Advice metrics as torchmetrics (summed states, so they sync across ranks).

Scoring unit: a *decision* is one stem the reference answer is about, plus one for every stem the
prediction wants to change that the reference does not (a spurious change is a wrong decision).
An unparseable answer gets every decision wrong: it is never skipped.
"""

from __future__ import annotations

from typing import Sequence

import torch
from torchmetrics import Metric, MetricCollection
from torchmetrics.text import BLEUScore, ROUGEScore

from mixbuddy_pl.advice import CATEGORIES, DIRECTIONS, Advice

UNPARSEABLE = len(CATEGORIES)  # extra confusion-matrix column


def _lookup(advice: Advice, stem: str) -> tuple[str, str, str, float | None]:
    """(direction, magnitude, category, gain_db) the advice gives `stem`; unmentioned stems are left alone."""
    for change in advice.changes:
        if change.stem == stem:
            return change.direction, change.magnitude, change.category, change.gain_db
    return "none", "none", "no_error", None


class AdviceAccuracy(Metric):
    """direction / magnitude / category / stem accuracy, gain MAE, parse rate, per-category accuracy, confusion."""

    full_state_update = False

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        for name in ("decisions", "direction_ok", "magnitude_ok", "category_ok", "examples", "stems_ok",
                     "parsed", "gain_abs_err", "gain_count"):
            self.add_state(name, torch.tensor(0.0, dtype=torch.float64), dist_reduce_fx="sum")
        self.add_state("confusion", torch.zeros(len(CATEGORIES), len(CATEGORIES) + 1, dtype=torch.float64),
                       dist_reduce_fx="sum")

    def update(self, preds: Sequence[Advice | None], targets: Sequence[Sequence[dict]], refs: Sequence[Advice]) -> None:
        """preds: parsed answers (None if unparseable); targets: each example's flaws (`Flaw.to_dict()`);
        refs: each example's reference Advice."""
        for pred, flaws, ref in zip(preds, targets, refs, strict=True):
            self.examples += 1
            if pred is not None:
                self.parsed += 1
                self.stems_ok += {c.stem for c in pred.changes} == {c.stem for c in ref.changes}
            for flaw in flaws:
                self.decisions += 1
                true_cat = CATEGORIES.index(flaw["category"])
                if pred is None:
                    self.confusion[true_cat, UNPARSEABLE] += 1
                    continue
                direction, magnitude, category, gain = _lookup(pred, flaw["stem"])
                self.direction_ok += direction == flaw["direction"]
                self.magnitude_ok += magnitude == flaw["magnitude"]
                self.category_ok += category == flaw["category"]
                self.confusion[true_cat, CATEGORIES.index(category)] += 1
                if gain is not None and flaw["category"] != "no_error":
                    self.gain_abs_err += abs(gain - flaw["suggested_gain_db"])
                    self.gain_count += 1
            if pred is not None:
                named = {f["stem"] for f in flaws}
                self.decisions += sum(c.direction != "none" and c.stem not in named for c in pred.changes)

    def compute(self) -> dict[str, torch.Tensor]:
        decisions = self.decisions.clamp(min=1)
        per_category = self.confusion.diagonal() / self.confusion.sum(1).clamp(min=1)
        out = {
            "direction_acc": self.direction_ok / decisions,
            "magnitude_acc": self.magnitude_ok / decisions,
            "category_acc": self.category_ok / decisions,
            "stem_acc": self.stems_ok / self.examples.clamp(min=1),
            "parse_rate": self.parsed / self.examples.clamp(min=1),
            "gain_mae_db": self.gain_abs_err / self.gain_count if self.gain_count > 0
            else torch.tensor(float("nan"), dtype=torch.float64),
        }
        out.update({f"category_acc/{c}": per_category[k] for k, c in enumerate(CATEGORIES)})
        return {k: v.float() for k, v in out.items()}


class TextSimilarity(MetricCollection):
    """ROUGE-L and BLEU of generated answers against the reference answers."""

    def __init__(self) -> None:
        super().__init__({"rougeL": ROUGEScore(rouge_keys=("rougeL",)), "bleu": BLEUScore(smooth=True)})

    def update(self, generated: Sequence[str], references: Sequence[str]) -> None:
        self["rougeL"].update(list(generated), list(references))
        self["bleu"].update(list(generated), [[r] for r in references])

    def compute(self) -> dict[str, torch.Tensor]:
        return {"rougeL": self["rougeL"].compute()["rougeL_fmeasure"], "bleu": self["bleu"].compute()}


class LabelPrior(Metric):
    """Chance and majority-class levels from the reference labels alone.

    chance = sum of squared label frequencies (a guesser that knows the label distribution but not the
    audio); majority = frequency of the most common label. Both per decision, like AdviceAccuracy.
    """

    full_state_update = False

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_state("directions", torch.zeros(len(DIRECTIONS), dtype=torch.float64), dist_reduce_fx="sum")
        self.add_state("categories", torch.zeros(len(CATEGORIES), dtype=torch.float64), dist_reduce_fx="sum")

    def update(self, targets: Sequence[Sequence[dict]]) -> None:
        for flaws in targets:
            for flaw in flaws:
                self.directions[DIRECTIONS.index(flaw["direction"])] += 1
                self.categories[CATEGORIES.index(flaw["category"])] += 1

    def compute(self) -> dict[str, torch.Tensor]:
        out = {}
        for name, counts in (("direction_acc", self.directions), ("category_acc", self.categories)):
            p = counts / counts.sum().clamp(min=1)
            out[f"chance_{name}"], out[f"majority_{name}"] = (p**2).sum().float(), p.max().float()
        return out
