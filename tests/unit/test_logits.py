"""The LM head only where it is read: the answer-only loss and its gradients equal the model's full-logits loss,
and generation with last-position logits answers token for token what full-logits generation answers."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.evaluator import MODEL_INPUTS
from mixbuddy_pl.model.logits import answer_loss, causal_lm, labelled_logits, last_position_logits
from tests.helpers import advisor, datamodule, eval_batch


def inputs(batch: dict) -> dict:
    return {"input_ids": batch["input_ids"], "attention_mask": batch["attention_mask"],
            **{k: batch[k] for k in MODEL_INPUTS}}


def head_rows(model: torch.nn.Module, run) -> list[int]:
    """Rows (positions) the LM head computed while `run()` ran."""
    rows: list[int] = []
    handle = causal_lm(model).lm_head.register_forward_hook(lambda m, a, out: rows.append(out[..., 0].numel()))
    try:
        run()
    finally:
        handle.remove()
    return rows


def full_logits_answers(module, batch: dict) -> torch.Tensor:
    """The answers `generate` gives with the LM head on every prompt position (no last-position hook)."""
    prompts = batch["prompt_ids"]
    return module.model.generate(input_ids=prompts, attention_mask=batch["prompt_mask"],
                                 generation_config=module.generation_config,
                                 **{k: batch[k] for k in MODEL_INPUTS})[:, prompts.shape[1]:]


def test_answer_only_loss_and_gradients_equal_the_full_logits_ones(tmp_path: Path) -> None:
    module = advisor()
    module.configure_model()
    batch = eval_batch(datamodule(tmp_path))
    labelled = int((batch["labels"] != -100).sum())
    assert 0 < labelled < batch["labels"].numel() // 4  # the answers are a small part of the sequence

    full = module.model(**inputs(batch), labels=batch["labels"], use_cache=False).loss
    full.backward()
    full_grads = {n: p.grad.clone() for n, p in module.model.named_parameters() if p.requires_grad}
    module.model.zero_grad(set_to_none=True)
    rows = head_rows(module.model, lambda: answer_loss(module.model, batch["labels"], **inputs(batch)).backward())
    ours = answer_loss(module.model, batch["labels"], **inputs(batch))

    assert rows == [labelled]  # the head ran on the labelled positions only
    torch.testing.assert_close(ours, full, rtol=1e-6, atol=1e-6)
    for name, grad in full_grads.items():
        torch.testing.assert_close(dict(module.model.named_parameters())[name].grad, grad, rtol=1e-4, atol=1e-6)
    out = labelled_logits(module.model, batch["labels"], **inputs(batch))
    example, position = out.mask.nonzero()[0].tolist()
    assert out.targets[0] == batch["labels"][example, position + 1]


def test_generation_with_last_position_logits_gives_the_same_answers(tmp_path: Path) -> None:
    module = advisor()
    module.configure_model()
    module.model.eval()
    batch = eval_batch(datamodule(tmp_path))
    prompts = batch["prompt_ids"]

    def full() -> torch.Tensor:
        return full_logits_answers(module, batch)

    full_rows = head_rows(module.model, full)
    ours_rows = head_rows(module.model, lambda: module.generate_ids(batch))
    assert full_rows[0] == prompts.numel() and ours_rows[0] == len(prompts)  # prefill: every position vs the last
    assert torch.equal(module.generate_ids(batch), full())
    with last_position_logits(module.model):
        pass
    assert head_rows(module.model, full)[0] == prompts.numel()  # the hook is gone after the block


def test_beam_search_with_last_position_logits_gives_the_same_answers(tmp_path: Path) -> None:
    """`num_beams` > 1: beam search scored by the whole answer's log-likelihood (no length penalty); the
    last-position prefill gives the answers full logits give (beam search expands the prompts per beam)."""
    module = advisor(num_beams=4)
    module.configure_model()
    module.model.eval()
    batch = eval_batch(datamodule(tmp_path))
    config = module.generation_config
    assert (config.num_beams, config.length_penalty, config.do_sample) == (4, 0.0, False)
    assert torch.equal(module.generate_ids(batch), full_logits_answers(module, batch))
    greedy = advisor()
    greedy.configure_model()
    assert greedy.generation_config.num_beams == 1  # the default


def test_num_beams_below_one_is_refused() -> None:
    with pytest.raises(ConfigError, match="num_beams"):
        advisor(num_beams=0)
