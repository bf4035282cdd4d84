"""The LM head only where its output is read: on the labelled positions for a loss or a likelihood, on the last
position in generation.

Qwen2-Audio's own forward (transformers 5.x) runs the head on every position and has no `logits_to_keep`, so
`generate` does the same on the prompt. With a 156,032-token vocabulary that is 0.3 MB of logits per position in
bf16 (more with their gradient), for a loss that reads ~17 answer tokens out of ~1600.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import torch
import torch.nn.functional as F
from torch import Tensor

IGNORE_INDEX = -100


def causal_lm(model: torch.nn.Module) -> torch.nn.Module:
    """The Qwen2AudioForConditionalGeneration inside a PeftModel (or the model itself)."""
    return model.get_base_model() if hasattr(model, "get_base_model") else model


class LabelledLogits(NamedTuple):
    """Logits at the positions that predict a label, the labels, and where they are."""

    logits: Tensor
    """(N, vocabulary): one row per labelled next token, in row-major (example, position) order."""
    targets: Tensor
    """(N,): the labelled token each row predicts."""
    mask: Tensor
    """(batch, length - 1) booleans: position t predicts labels[:, t + 1]; `mask.nonzero()` gives (example, t)."""


def labelled_logits(model: torch.nn.Module, labels: Tensor, **inputs: Tensor) -> LabelledLogits:
    """Run the backbone (`inputs`: input_ids, attention_mask, input_features, ...) and the LM head on the
    positions whose next token is labelled (`labels` != -100) only."""
    lm = causal_lm(model)
    hidden = lm.model(**inputs, use_cache=False).last_hidden_state
    mask = labels[:, 1:] != IGNORE_INDEX
    rows = mask.flatten().nonzero().squeeze(1)  # on the labels' device: shapes stay known on the meta device
    selected = hidden[:, :-1].reshape(-1, hidden.shape[-1]).index_select(0, rows.to(hidden.device))
    return LabelledLogits(lm.lm_head(selected), labels[:, 1:].flatten()[rows].to(hidden.device), mask)


def answer_loss(model: torch.nn.Module, labels: Tensor, **inputs: Tensor) -> Tensor:
    """Mean next-token cross-entropy over the labelled tokens, as the model's own loss, computed in fp32 (as
    transformers' causal-LM loss upcasts) on the labelled positions' logits only."""
    out = labelled_logits(model, labels, **inputs)
    return F.cross_entropy(out.logits.float(), out.targets)


@contextmanager
def last_position_logits(model: torch.nn.Module) -> Iterator[None]:
    """Within the block, the LM head sees only the last position of its input, so `generate`'s prefill computes
    one row of logits per sequence instead of one per prompt token (`generate` reads `logits[:, -1]` only)."""

    def last(_module: torch.nn.Module, args: tuple) -> tuple:
        (hidden, *rest) = args
        return (hidden[:, -1:], *rest) if hidden.dim() == 3 else args

    handle = causal_lm(model).lm_head.register_forward_pre_hook(last)
    try:
        yield
    finally:
        handle.remove()
