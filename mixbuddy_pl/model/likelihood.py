"""Likelihood scoring of the canonical answer set: a prediction that needs no parser, and its confidence.

For each example the candidates are the answers the model was trained to give (`advice.templates.render`, the
phrasings of `data.template`): every category said about the target the question names (anchor variant), or
"nothing to change" and every flawed category on every stem that may carry a flaw (no_anchor, differential).
A flawed answer states a number the model cannot know from the category alone, so a candidate is scored up to
where its number starts: the probability of that prefix is the probability of the category in that phrasing,
summed over every number. A category's score sums its phrasings (logsumexp); a softmax over the candidates
gives the distribution over the answer set (the set's own mass, `answer_set_mass`, says how much of the model's
probability the canonical answers hold).

Cost: one forward over the left-padded prompts (audio included), then one forward over every candidate of
every example with the prompts' key/value cache shared (`Cache.batch_select_indices`): the audio encoder and
the prompt run once per example, not once per candidate.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torchmetrics import SumMetric
from transformers import Qwen2AudioForConditionalGeneration

from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import (
    DIRECTION_OF, MAGNITUDE_OF, Advice, Category, StemAdvice, Variant, category_advice, display_name,
)
from mixbuddy_pl.advice.templates import NO_CHANGE, RESPONSES, render
from mixbuddy_pl.model.evaluator import MODEL_INPUTS
from mixbuddy_pl.model.logits import last_position_logits
from mixbuddy_pl.scoring.calibration import AnswerSetCalibration
from mixbuddy_pl.scoring.metrics import AdviceAccuracy, answer_changes, example_states

END = "<|im_end|>"
SENTINEL_DB = 987.0  # a number no answer states: where it starts, the candidate's scored prefix ends
_CACHE_KWARG = ("cache" if "cache" in inspect.signature(Qwen2AudioForConditionalGeneration.forward).parameters
                else "past_key_values")  # renamed in transformers 5


@dataclass(frozen=True)
class Candidate:
    """One answer of the set: `category` about `stem`, or "nothing to change" (`stem` None)."""

    stem: str | None
    category: Category

    def advice(self) -> Advice:
        """The structured advice this answer gives (no number: the category is what it scores)."""
        return category_advice(self.stem, self.category)

    @property
    def key(self) -> str:
        """`<stem>:<category>` (`None:no_error` for "nothing to change"): its name in a prediction row."""
        return f"{self.stem}:{self.category}"


def named_target(prompt: str, anchor: str | None, stems: Sequence[str]) -> str | None:
    """The stem the anchor question asks about (named in the prompt, not the anchor); None if none is named."""
    text = prompt.lower()
    named = [s for s in stems if s != anchor and re.search(rf"(?<!\w){re.escape(display_name(s))}(?!\w)", text)]
    return named[0] if named else None


def answer_set(example: dict, policy: FlawPolicy, stems: Sequence[str]) -> list[Candidate]:
    """The candidates for one example (`Example.to_json()`): read from its question and input, never its label."""
    variant: Variant = example["variant"]
    if variant == "anchor":
        target = named_target(example["prompt"], example["anchor"], stems)
        if target is None:
            raise ValueError(f"song {example['song']!r}: the anchor question names no stem among {list(stems)}")
        return [Candidate(target, c) for c in policy.categories]
    flawed = [c for c in policy.categories if c != "no_error"]
    return [Candidate(None, "no_error"), *(Candidate(s, c) for s in policy.targets for c in flawed)]


def phrasings(candidate: Candidate, variant: Variant, anchor: str | None, template: int | None) -> list[str]:
    """The candidate's scored texts, one per phrasing: up to its number, or whole and ended by `<|im_end|>`."""
    bank = NO_CHANGE if candidate.stem is None else RESPONSES[candidate.category]
    templates = range(len(bank)) if template is None else [template]
    rng = np.random.default_rng(0)  # unused: the phrasing is forced and a single change draws no connector
    sign = 1.0 if DIRECTION_OF[candidate.category] == "increase" else -1.0
    texts = []
    for t in templates:
        if candidate.stem is None:
            advice = Advice()
        else:
            gain = None if candidate.category == "no_error" else sign * SENTINEL_DB
            change = StemAdvice(candidate.stem, DIRECTION_OF[candidate.category], MAGNITUDE_OF[candidate.category],
                                gain)
            advice = Advice((change,))
        text = render(advice, rng, variant=variant, anchor=anchor, template=t)
        cut = text.find(f"{SENTINEL_DB:g}")
        texts.append(text + END if cut < 0 else text[:cut])
    return texts


def continuation_ids(tokenizer, texts: Sequence[str]) -> list[list[int]]:
    """Token ids of each scored text: for a prefix, the tokens of the full answer that end before its number
    (so a prefix is tokenized exactly as it is inside an answer, whatever number follows)."""
    out = []
    for text in texts:
        if text.endswith(END):
            out.append(tokenizer(text, add_special_tokens=False)["input_ids"])
            continue
        full = tokenizer(text + "8 dB." + END, add_special_tokens=False, return_offsets_mapping=True)
        out.append([i for i, (_, end) in zip(full["input_ids"], full["offset_mapping"]) if end <= len(text)])
    return out


@torch.no_grad()
def continuation_logprobs(model: torch.nn.Module, batch: dict, continuations: Sequence[Sequence[Sequence[int]]],
                          pad_id: int) -> list[torch.Tensor]:
    """Summed log-probability of each continuation after its example's prompt: `continuations[e]` are example
    e's token sequences; returns one float64 tensor per example. Two forwards: the left-padded prompts with
    their audio (cache kept), then every continuation of every example on the shared prompt cache."""
    prompt_mask = batch["prompt_mask"]
    with last_position_logits(model):  # only the prompt's last position predicts a continuation token
        out = model(input_ids=batch["prompt_ids"], attention_mask=prompt_mask,
                    position_ids=(prompt_mask.cumsum(-1) - 1).clamp(min=0), use_cache=True,
                    **{k: batch[k] for k in MODEL_INPUTS})
    cache = out.cache if hasattr(out, "cache") else out.past_key_values
    first = out.logits[:, -1].double().log_softmax(-1)  # [examples, vocab]: the continuations' first token
    owner = torch.tensor([e for e, seqs in enumerate(continuations) for _ in seqs], device=prompt_mask.device)
    rows = [list(seq) for seqs in continuations for seq in seqs]
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long, device=prompt_mask.device)
    mask = torch.zeros_like(ids)
    for r, seq in enumerate(rows):
        ids[r, :len(seq)] = torch.tensor(seq)
        mask[r, :len(seq)] = 1
    cache.batch_select_indices(owner)
    lengths = prompt_mask.sum(-1)[owner]
    out = model(input_ids=ids, attention_mask=torch.cat([prompt_mask[owner], mask], dim=1),
                position_ids=lengths[:, None] + torch.arange(width, device=ids.device), use_cache=True,
                **{_CACHE_KWARG: cache})
    later = out.logits[:, :-1].double().log_softmax(-1).gather(-1, ids[:, 1:, None])[..., 0]
    totals = first[owner].gather(-1, ids[:, :1])[:, 0] + (later * mask[:, 1:]).sum(-1)
    return list(totals.split([len(seqs) for seqs in continuations]))


@dataclass
class Scored:
    """One example's answer set with the model's probability of each candidate (summing to 1 over the set)."""

    candidates: list[Candidate]
    probs: torch.Tensor
    answer_set_mass: float

    @property
    def best(self) -> Candidate:
        """The most likely candidate."""
        return self.candidates[int(self.probs.argmax())]

    @property
    def confidence(self) -> float:
        """The most likely candidate's probability."""
        return float(self.probs.max())

    def distribution(self) -> dict[str, float]:
        """Every candidate's probability by its `key`, rounded to 6 decimals (as prediction rows store it)."""
        return {c.key: round(float(p), 6) for c, p in zip(self.candidates, self.probs)}


def score_answers(model: torch.nn.Module, tokenizer, batch: dict, policy: FlawPolicy, stems: Sequence[str],
                  template: int | None) -> list[Scored]:
    """The answer-set distribution of every example of an evaluation batch (needs `prompt_ids`/`prompt_mask`)."""
    sets, texts = [], []
    for example in batch["examples"]:
        candidates = answer_set(example, policy, stems)
        per = [phrasings(c, example["variant"], example["anchor"], template) for c in candidates]
        sets.append((candidates, [len(p) for p in per]))
        texts.append(continuation_ids(tokenizer, [t for p in per for t in p]))
    logprobs = continuation_logprobs(model, batch, texts, tokenizer.pad_token_id)
    scored = []
    for (candidates, counts), lp in zip(sets, logprobs):
        per_candidate = torch.stack([part.logsumexp(0) for part in lp.cpu().split(counts)])
        scored.append(Scored(candidates, per_candidate.softmax(0), float(per_candidate.logsumexp(0).exp())))
    return scored


class AnswerSetScores(torch.nn.Module):
    """The likelihood prediction scored beside the generated one: `lik/*` advice metrics (the same rules,
    `scoring.metrics`), calibration (`scoring.calibration`) and how often greedy answer and likelihood argmax
    disagree (`lik/disagree_rate`; `lik/disagree_lik_right`: of those, the share where the likelihood answer is
    right, a generation or parser problem rather than a hearing one)."""

    def __init__(self, stems: Sequence[str]) -> None:
        super().__init__()
        self.accuracy = AdviceAccuracy(stems)
        self.calibration = AnswerSetCalibration()
        self.agreement = SumMetric()
        self.disagree = SumMetric()
        self.disagree_lik_right = SumMetric()

    def update(self, scored: Sequence[Scored], greedy: Sequence[Advice | None], targets: Sequence[Sequence[dict]]
               ) -> list[dict]:
        """Add a batch; returns each example's `likelihood` record for the predictions file."""
        self.accuracy.update([s.best.advice() for s in scored], targets)
        rows = []
        for s, said, flaws in zip(scored, greedy, targets, strict=True):
            right = [bool(example_states(c.advice(), flaws)["category_ok"]) for c in s.candidates]
            self.calibration.update([s.probs], [right])
            agrees = said is not None and answer_changes(said) == answer_changes(s.best.advice())
            self.agreement.update(1.0)
            self.disagree.update(float(not agrees))
            self.disagree_lik_right.update(float(not agrees and right[int(s.probs.argmax())]))
            brier = float(((s.probs - torch.tensor(right, dtype=s.probs.dtype)) ** 2).sum())
            rows.append({"likelihood": {"stem": s.best.stem, "category": s.best.category, "confidence": s.confidence,
                                        "correct": right[int(s.probs.argmax())], "brier": brier,
                                        "answer_set_mass": s.answer_set_mass, "agrees_with_greedy": agrees,
                                        "probs": s.distribution()}})
        return rows

    def compute(self) -> dict[str, torch.Tensor]:
        """`lik/<advice metric>`, `lik/<calibration metric>`, `lik/disagree_rate`, `lik/disagree_lik_right`."""
        out = {f"lik/{k}": v for k, v in self.accuracy.compute().items()}
        out.update({f"lik/{k}": v for k, v in self.calibration.compute().items()})
        count, disagree = self.agreement.compute(), self.disagree.compute()
        out["lik/disagree_rate"] = disagree / count.clamp(min=1)
        out["lik/disagree_lik_right"] = self.disagree_lik_right.compute() / disagree.clamp(min=1)
        return out

    def _metrics(self) -> tuple:
        return self.accuracy, self.calibration, self.agreement, self.disagree, self.disagree_lik_right

    def set_dtype(self, dtype: torch.dtype) -> None:
        """Every metric's states in `dtype` (float64 counts after a bf16/16-true precision plugin's cast)."""
        for metric in self._metrics():
            metric.set_dtype(dtype)

    def reset(self) -> None:
        """Reset every metric."""
        for metric in self._metrics():
            metric.reset()
