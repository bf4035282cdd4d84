"""Batched greedy generation (left padding, mixed prompt lengths, 1 and 2 audios) equals one-by-one generation."""

from __future__ import annotations

import pytest
import torch

from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.batching import greedy_answers, mismatches, mixed_examples, model_batch


@pytest.fixture(scope="module")
def advisor() -> MixingAdvisor:
    advisor = MixingAdvisor(backbone="tiny", lora=None, max_new_tokens=24)
    advisor.configure_model()
    return advisor.eval()


def test_batch_of_16_answers_token_for_token_like_batch_1(advisor: MixingAdvisor) -> None:
    examples = mixed_examples(advisor.processor, 16, (5.0, 3.0, 4.0, 2.0))
    assert {len(e.audios) for e in examples} == {1, 2} and len({len(e.prompt) for e in examples}) > 4
    one_by_one = greedy_answers(advisor, examples, batch_size=1)
    assert mismatches(one_by_one, greedy_answers(advisor, examples, batch_size=16)) == []
    assert all(len(answer) > 0 for answer in one_by_one)


def test_half_precision_trainers_accept_the_batches(advisor: MixingAdvisor) -> None:
    """bf16-true (the GPU configs) casts every batch: it must pass the reference advice through untouched."""
    from lightning.pytorch.plugins.precision import HalfPrecision

    batch = model_batch(advisor.processor, mixed_examples(advisor.processor, 2, (3.0,)), torch.device("cpu"))
    cast = HalfPrecision("bf16-true").convert_input(batch)
    assert cast["input_features"].dtype == torch.bfloat16 and list(cast["advice"]) == list(batch["advice"])
