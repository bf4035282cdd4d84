"""Advice metrics as torchmetrics (summed states, so they sync across ranks).

Scoring unit: a *decision* is one stem the reference answer is about, plus one for every stem the
prediction wants to change that the reference does not (a spurious change is a wrong decision).
An unparseable answer gets every decision wrong: it is never skipped.
`stem_acc` is per example: the set of stems the answer changes equals the set the reference changes
("leave it" mentions change nothing, so a correct "no change" answer matches an empty set).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import numpy as np
import torch
from torchmetrics import Metric, MetricCollection
from torchmetrics.functional.text.rouge import rouge_score
from torchmetrics.text import BLEUScore

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from mixbuddy_pl.advice import CATEGORIES, DIRECTIONS, Advice

UNPARSEABLE = len(CATEGORIES)  # extra confusion-matrix column


def _lookup(advice: Advice, stem: str) -> tuple[str, str, str, float | None]:
    """(direction, magnitude, category, gain_db) the advice gives `stem`; unmentioned stems are left alone."""
    for change in advice.changes:
        if change.stem == stem:
            return change.direction, change.magnitude, change.category, change.gain_db
    return "none", "none", "no_error", None


def _changed(advice: Advice) -> set[str]:
    """The stems an answer wants to move."""
    return {c.stem for c in advice.changes if c.direction != "none"}


class AdviceAccuracy(Metric):
    """direction / magnitude / category / stem accuracy, gain MAE, parse rate, per-category accuracy (NaN for a
    category without examples), and the confusion matrix (true category x predicted category or unparseable)."""

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
                self.stems_ok += _changed(pred) == _changed(ref)
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
        rows = self.confusion.sum(1)
        per_category = torch.where(rows > 0, self.confusion.diagonal() / rows.clamp(min=1), float("nan"))
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


class RougeL(Metric):
    """Mean ROUGE-L F-measure over answers, kept as a sum and a count: ranks with different numbers of
    answers sync with one collective per state (torchmetrics' ROUGEScore gathers one per answer, which
    deadlocks DDP when ranks hold uneven shards)."""

    full_state_update = False

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.add_state("total", torch.tensor(0.0, dtype=torch.float64), dist_reduce_fx="sum")
        self.add_state("count", torch.tensor(0.0, dtype=torch.float64), dist_reduce_fx="sum")

    def update(self, generated: Sequence[str], references: Sequence[str]) -> None:
        for text, reference in zip(generated, references):
            self.total += float(rouge_score(text, reference, rouge_keys="rougeL")["rougeL_fmeasure"])
            self.count += 1

    def compute(self) -> torch.Tensor:
        return (self.total / self.count.clamp(min=1)).float()


class TextSimilarity(MetricCollection):
    """ROUGE-L and BLEU of generated answers against the reference answers, plus BERTScore F1 when an encoder
    (a local model directory or hub id of a BERT-like model) is given."""

    def __init__(self, bertscore_model: str | None = None) -> None:
        metrics: dict[str, Metric] = {"rougeL": RougeL(), "bleu": BLEUScore(smooth=True)}
        if bertscore_model is not None:
            from torchmetrics.text.bert import BERTScore

            metrics["bertscore_f1"] = BERTScore(model_name_or_path=bertscore_model, max_length=128,
                                                truncation=True)
        super().__init__(metrics)

    def update(self, generated: Sequence[str], references: Sequence[str]) -> None:
        self["rougeL"].update(list(generated), list(references))
        self["bleu"].update(list(generated), [[r] for r in references])
        if "bertscore_f1" in self:
            self["bertscore_f1"].update(list(generated), list(references))

    def compute(self) -> dict[str, torch.Tensor]:
        out = {"rougeL": self["rougeL"].compute(), "bleu": self["bleu"].compute()}
        if "bertscore_f1" in self:
            out["bertscore_f1"] = torch.as_tensor(self["bertscore_f1"].compute()["f1"]).float().mean()
        return out


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


def confusion_figure(confusion: torch.Tensor, title: str) -> Figure:
    """A row-normalised heat map of true category (rows) vs. predicted category or `unparseable` (columns)."""
    from matplotlib.figure import Figure  # a bare Figure needs no pyplot backend

    counts = confusion.detach().cpu().double()
    rates = (counts / counts.sum(1, keepdim=True).clamp(min=1)).numpy()
    figure = Figure(figsize=(6, 4.5), layout="constrained")
    ax = figure.add_subplot()
    ax.imshow(rates, vmin=0, vmax=1, cmap="Blues")
    columns = [*CATEGORIES, "unparseable"]
    ax.set_xticks(range(len(columns)), columns, rotation=30, ha="right")
    ax.set_yticks(range(len(CATEGORIES)), CATEGORIES)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    for (row, col), value in np.ndenumerate(counts.numpy()):
        ax.text(col, row, f"{value:g}", ha="center", va="center", color="white" if rates[row, col] > 0.5 else "black")
    return figure
