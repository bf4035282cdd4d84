"""Advice metrics as torchmetrics (summed states, so they sync across ranks).

Decision semantics (one place; `ablation collect`, the listening study and the judge score through `example_states`):
- The reference is the set of changes the example's `targets` ask for (`no_error` flaws ask for none); an
  answer is the set of changes it makes ("leave it" entries and "nothing to change" make none).
- Every metric is per *example*. An example is right on a metric only when the whole answer is: a `no_error`
  example is right only when the answer changes nothing, and a false alarm on any stem makes the example wrong
  whatever its nominal target. An unparseable answer is wrong on every metric (never skipped).
- direction_acc: the answer's set of directions equals the reference's (stem ignored; "none" when nothing moves).
  stem_acc: the same set of stems moves. stem_direction_acc: the same (stem, direction) pairs (MixingBuddy's
  "stem + direction"). magnitude_acc: the same (stem, magnitude) pairs. category_acc: the same (stem, direction,
  magnitude) changes. `category_acc/<c>`: category_acc over the examples whose nominal target has category c
  (`category_acc/no_error` is the no_error recall). `stem_direction_acc/<stem>`: over flawed examples by target.
- Error detection ("is anything wrong?"): positive = the reference changes something; the answer is positive when
  it changes something (an unparseable answer counts as the wrong call). Precision, recall, F1.
- direction_f1: macro F1 over the direction classes of the references (none / increase / decrease / mixed).
- gain_mae_db: |stated - reference| correction over the flawed stems the answer moves the right way with a number;
  gain_stated_rate: the share of answers that change something and state a number for it.
- Chance and majority (LabelPrior): what a *constant* answer scores under these rules on the same references;
  candidates are "change nothing" and every distinct reference answer (anchor variant, whose question names the
  target: every category said about the named target). majority: the best constant; chance: a constant drawn from
  the reference distribution (sum over answers a of p(a) * score(a)).
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Sequence

import numpy as np
import torch
from torchmetrics import Metric, MetricCollection
from torchmetrics.functional.text.rouge import rouge_score
from torchmetrics.text import BLEUScore

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from mixbuddy_pl.advice.flaws import Flaw
from mixbuddy_pl.advice.labels import CATEGORIES, DIRECTION_OF, MAGNITUDE_OF, Advice, Refusal, StemAdvice

UNPARSEABLE = len(CATEGORIES)  # extra confusion-matrix column
DIRECTION_CLASSES = ("none", "increase", "decrease", "mixed")
CORE_STATES = ("examples", "parsed", "direction_ok", "stem_ok", "stem_direction_ok", "magnitude_ok", "category_ok",
               "ref_flagged", "pred_flagged", "flag_tp", "gain_abs_err", "gain_count", "changed", "stated")
HEADLINE = ("direction_acc", "stem_direction_acc", "category_acc", "detection_f1", "direction_f1")
"""The metrics whose chance and majority levels LabelPrior reports."""
Change = tuple[str, str, str]  # (stem, direction, magnitude)


def reference_changes(targets: Sequence[dict]) -> frozenset[Change]:
    """The changes an example's flaws (`Flaw.to_dict()`) ask for."""
    return frozenset((f["stem"], f["direction"], f["magnitude"]) for f in targets if f["category"] != "no_error")


def answer_changes(advice: Advice) -> frozenset[Change]:
    """The changes an answer makes ("leave it" entries make none)."""
    return frozenset((c.stem, c.direction, c.magnitude) for c in advice.changes if c.direction != "none")


def _direction_class(changes: frozenset[Change]) -> str:
    directions = {d for _, d, _ in changes}
    return "none" if not directions else directions.pop() if len(directions) == 1 else "mixed"


def _agreement(got: frozenset[Change], ref: frozenset[Change]) -> dict[str, bool]:
    """Which per-example metrics an answer making `got` gets right against reference `ref`."""
    def same(*fields: int) -> bool:
        return {tuple(c[i] for i in fields) for c in got} == {tuple(c[i] for i in fields) for c in ref}
    return {"direction_ok": same(1), "stem_ok": same(0), "stem_direction_ok": same(0, 1), "magnitude_ok": same(0, 2),
            "category_ok": got == ref}


def example_states(pred: Advice | Refusal | None, targets: Sequence[dict]) -> dict[str, float]:
    """One example's summable states (missing keys are 0): the single definition of right and wrong."""
    ref = reference_changes(targets)
    primary = targets[0]
    ref_class = _direction_class(ref)
    out: dict[str, float] = {"examples": 1, "ref_flagged": float(bool(ref)), f"n/category/{primary['category']}": 1,
                             f"ref_dir/{ref_class}": 1}
    if ref:
        out[f"n/stem/{primary['stem']}"] = 1
    if not isinstance(pred, Advice):  # unparseable or refused (a Refusal): never "change nothing"
        out["pred_flagged"] = float(not ref)  # the wrong call either way
        return out
    got = answer_changes(pred)
    ok = _agreement(got, ref)
    pred_class = _direction_class(got)
    out.update({k: float(v) for k, v in ok.items()})
    out.update({"parsed": 1, "pred_flagged": float(bool(got)), "flag_tp": float(bool(got) and bool(ref)),
                f"pred_dir/{pred_class}": 1, f"tp_dir/{ref_class}": float(pred_class == ref_class),
                f"ok/category/{primary['category']}": float(ok["category_ok"])})
    if ref:
        out[f"ok/stem/{primary['stem']}"] = float(ok["stem_direction_ok"])
    moved = [c for c in pred.changes if c.direction != "none"]
    out["changed"] = float(bool(moved))
    out["stated"] = float(any(c.gain_db is not None for c in moved))
    for flaw in targets:
        said = next((c for c in moved if c.stem == flaw["stem"] and c.direction == flaw["direction"]), None)
        if flaw["category"] != "no_error" and said is not None and said.gain_db is not None:
            out["gain_abs_err"] = out.get("gain_abs_err", 0.0) + abs(said.gain_db - flaw["suggested_gain_db"])
            out["gain_count"] = out.get("gain_count", 0.0) + 1
    return out


def state_names(stems: Sequence[str]) -> tuple[str, ...]:
    """Every state `example_states` can write for examples about `stems`."""
    return (CORE_STATES + tuple(f"{k}/category/{c}" for k in ("n", "ok") for c in CATEGORIES)
            + tuple(f"{k}/stem/{s}" for k in ("n", "ok") for s in stems)
            + tuple(f"{k}/{c}" for k in ("ref_dir", "pred_dir", "tp_dir") for c in DIRECTION_CLASSES))


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def metrics_from_sums(sums: Mapping[str, np.ndarray | float]) -> dict[str, np.ndarray]:
    """Every advice metric from summed states (arrays of any shape, e.g. [bootstrap]); NaN where undefined."""
    def get(name: str) -> np.ndarray:
        return np.asarray(sums.get(name, 0.0), dtype=np.float64)
    examples = get("examples")
    out = {name: _ratio(get(f"{name[:-4]}_ok"), examples)
           for name in ("direction_acc", "stem_acc", "stem_direction_acc", "magnitude_acc", "category_acc")}
    out["parse_rate"] = _ratio(get("parsed"), examples)
    out["detection_precision"] = _ratio(get("flag_tp"), get("pred_flagged"))
    out["detection_recall"] = _ratio(get("flag_tp"), get("ref_flagged"))
    out["detection_f1"] = _ratio(2 * get("flag_tp"), get("pred_flagged") + get("ref_flagged"))
    f1 = [np.where(get(f"ref_dir/{c}") > 0, _ratio(2 * get(f"tp_dir/{c}"), get(f"ref_dir/{c}") + get(f"pred_dir/{c}")),
                   np.nan) for c in DIRECTION_CLASSES]
    with warnings.catch_warnings():  # all-NaN columns (no references) stay NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        out["direction_f1"] = np.nanmean(np.stack(f1), axis=0)
    out["gain_mae_db"] = _ratio(get("gain_abs_err"), get("gain_count"))
    out["gain_stated_rate"] = _ratio(get("stated"), get("changed"))
    for c in CATEGORIES:
        out[f"category_acc/{c}"] = _ratio(get(f"ok/category/{c}"), get(f"n/category/{c}"))
    for name in sums:
        if name.startswith("n/stem/"):
            stem = name.removeprefix("n/stem/")
            out[f"stem_direction_acc/{stem}"] = _ratio(get(f"ok/stem/{stem}"), get(name))
    return out


class AdviceAccuracy(Metric):
    """The advice metrics of the module docstring, and the confusion matrix (true category of the nominal target x
    predicted category, or unparseable). States are one vector of summed `example_states`."""

    full_state_update = False

    def __init__(self, stems: Sequence[str] = ("drums", "bass", "other", "vocals"), **kwargs) -> None:
        super().__init__(**kwargs)
        self.names = state_names(stems)
        self.add_state("sums", torch.zeros(len(self.names), dtype=torch.float64), dist_reduce_fx="sum")
        self.add_state("confusion", torch.zeros(len(CATEGORIES), len(CATEGORIES) + 1, dtype=torch.float64),
                       dist_reduce_fx="sum")

    def update(self, preds: Sequence[Advice | Refusal | None], targets: Sequence[Sequence[dict]]) -> None:
        """preds: parsed answers (a Refusal or None if unparseable); targets: each example's flaws (`Flaw.to_dict()`)."""
        index = {n: i for i, n in enumerate(self.names)}
        for pred, flaws in zip(preds, targets, strict=True):
            for name, value in example_states(pred, flaws).items():
                if name in index:
                    self.sums[index[name]] += value
            self.confusion[CATEGORIES.index(flaws[0]["category"]), _predicted_column(pred, flaws)] += 1

    def compute(self) -> dict[str, torch.Tensor]:
        """The advice metrics from the summed states (scoring.metrics.metrics_from_sums)."""
        sums = dict(zip(self.names, self.sums.cpu().numpy()))
        return {k: torch.tensor(float(v)) for k, v in metrics_from_sums(sums).items()}


def _predicted_column(pred: Advice | Refusal | None, targets: Sequence[dict]) -> int:
    """The confusion column: the category the answer gives the nominal target (for a `no_error` example, the
    category of its first change: any change is a false alarm), or unparseable."""
    if not isinstance(pred, Advice):  # unparseable or refused (a Refusal): never "change nothing"
        return UNPARSEABLE
    moved = [c for c in pred.changes if c.direction != "none"]
    if targets[0]["category"] != "no_error":
        moved = [c for c in moved if c.stem == targets[0]["stem"]]
    return CATEGORIES.index(moved[0].category) if moved else CATEGORIES.index("no_error")


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
        """Add the ROUGE-L F-measure of each answer against its reference."""
        for text, reference in zip(generated, references):
            self.total += float(rouge_score(text, reference, rouge_keys="rougeL")["rougeL_fmeasure"])
            self.count += 1

    def compute(self) -> torch.Tensor:
        """Mean ROUGE-L F-measure."""
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
        """Add answers and their references to every text metric."""
        self["rougeL"].update(list(generated), list(references))
        self["bleu"].update(list(generated), [[r] for r in references])
        if "bertscore_f1" in self:
            self["bertscore_f1"].update(list(generated), list(references))

    def compute(self) -> dict[str, torch.Tensor]:
        """rougeL, bleu and (when configured) mean bertscore_f1."""
        out = {"rougeL": self["rougeL"].compute(), "bleu": self["bleu"].compute()}
        if "bertscore_f1" in self:
            out["bertscore_f1"] = torch.as_tensor(self["bertscore_f1"].compute()["f1"]).float().mean()
        return out


class LabelPrior(Metric):
    """Chance and majority levels of the HEADLINE metrics: what a constant answer really scores on these references
    under the decision semantics above. A constant answer is "change nothing" or one reference answer; when the
    question names the target (`names_target`: the anchor variant), it is a category said about the named target.
    majority: the best constant; chance: a constant drawn from the references (sum of p(a) * score(a)).
    References are kept as [examples, 1 + stems] rows (nominal target index, then each stem's category index),
    gathered across ranks."""

    full_state_update = False

    def __init__(self, stems: Sequence[str] = ("drums", "bass", "other", "vocals"), names_target: bool = False,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.stems, self.names_target = list(stems), names_target
        self.add_state("codes", [], dist_reduce_fx="cat")

    def update(self, targets: Sequence[Sequence[dict]]) -> None:
        """Add each example's reference row: the named target's index, then each stem's category index."""
        rows = torch.zeros(len(targets), 1 + len(self.stems), dtype=torch.long)
        for i, flaws in enumerate(targets):
            rows[i, 0] = self.stems.index(flaws[0]["stem"]) if flaws[0]["stem"] in self.stems else 0
            for f in flaws:
                if f["stem"] in self.stems:
                    rows[i, 1 + self.stems.index(f["stem"])] = CATEGORIES.index(f["category"])
        self.codes.append(rows)

    def _targets(self, code: torch.Tensor) -> list[dict]:
        """The flaws of a code row, nominal target first."""
        primary = int(code[0])
        order = [primary] + [i for i in range(len(self.stems)) if i != primary]
        return [Flaw(self.stems[i], CATEGORIES[int(code[1 + i])], 0.0).to_dict() for i in order
                if i == primary or code[1 + i] > 0]

    def _constant(self, targets: list[dict]) -> Hashable:
        """The constant answer a reference stands for: its category (named target) or its set of changes."""
        return targets[0]["category"] if self.names_target else reference_changes(targets)

    def _answer(self, constant: Hashable, targets: list[dict]) -> Advice:
        if self.names_target:
            return Advice(() if constant == "no_error" else (
                StemAdvice(targets[0]["stem"], DIRECTION_OF[constant], MAGNITUDE_OF[constant]),))
        return Advice(tuple(StemAdvice(*change) for change in constant))

    def compute(self) -> dict[str, torch.Tensor]:
        """chance_<metric> and majority_<metric> for each HEADLINE metric (NaN before any update)."""
        codes = torch.cat(self.codes) if isinstance(self.codes, list) and self.codes else self.codes
        if not isinstance(codes, torch.Tensor) or not len(codes):
            return {f"{k}_{m}": torch.tensor(float("nan")) for m in HEADLINE for k in ("chance", "majority")}
        unique, counts = torch.unique(codes, dim=0, return_counts=True)
        weights = (counts / counts.sum()).double().tolist()
        refs = [self._targets(code) for code in unique]
        ids = [self._constant(t) for t in refs]
        nothing = "no_error" if self.names_target else frozenset()
        candidates = list(dict.fromkeys([nothing, *ids]))
        share = {c: sum(w for w, i in zip(weights, ids) if i == c) for c in candidates}
        scores = {}
        for constant in candidates:
            sums: dict[str, float] = {}
            for weight, targets in zip(weights, refs):
                for k, v in example_states(self._answer(constant, targets), targets).items():
                    sums[k] = sums.get(k, 0.0) + weight * v
            values = metrics_from_sums(sums)
            scores[constant] = np.nan_to_num([float(values[m]) for m in HEADLINE])
        out = {}
        for j, metric in enumerate(HEADLINE):
            out[f"chance_{metric}"] = torch.tensor(float(sum(share[c] * scores[c][j] for c in candidates)))
            out[f"majority_{metric}"] = torch.tensor(float(max(scores[c][j] for c in candidates)))
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
