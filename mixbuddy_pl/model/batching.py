"""Batched greedy generation must answer exactly what one-by-one generation answers: left padding, attention
masks and position ids may not change a single token. Used by the tests and the GPU benchmark."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from transformers import Qwen2AudioProcessor

from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.features import LogMel
from mixbuddy_pl.data.songs import SyntheticSongs
from mixbuddy_pl.data.tasks import Example


def mixed_examples(processor: Qwen2AudioProcessor, count: int, chunks_s: Sequence[float]) -> list[Example]:
    """`count` validation examples alternating no_anchor (1 audio) and anchor (2 audios) with drawn phrasings, so
    prompt lengths, audio counts and clip lengths (cycling through `chunks_s`) all differ within a batch."""
    pools = []
    for k, chunk_s in enumerate(chunks_s):
        variant = ("no_anchor", "anchor")[k % 2]
        source = SyntheticSongs(num_train=0, num_val=1, num_test=0, duration_s=max(20.0, 2 * chunk_s))
        module = MixingDataModule(variant=variant, source=source, chunk_s=chunk_s, hop_s=chunk_s, seed=k)
        module.processor = processor
        module.setup("validate")
        pools.append(module.datasets["val"])
    return [pools[i % len(pools)][(0, (i // len(pools)) % len(pools[i % len(pools)]))] for i in range(count)]


def model_batch(processor: Qwen2AudioProcessor, examples: list[Example], device: torch.device) -> dict:
    """Collated prompts with log-mel features, as the datamodule hands them to the model."""
    batch = QwenAudioCollator(processor, with_prompts=True)(examples)
    features, mask = LogMel(processor.feature_extractor).to(device)(batch.pop("audio").to(device),
                                                                    batch.pop("audio_lengths").to(device))
    batch = {k: v.to(device) if torch.is_tensor(v) else v for k, v in batch.items()}
    return {**batch, "input_features": features, "feature_attention_mask": mask}


def trim(ids: torch.Tensor, stop: int) -> list[int]:
    """Answer tokens up to and including the first `stop` token (what follows is batch padding)."""
    tokens = ids.tolist()
    return tokens[:tokens.index(stop) + 1] if stop in tokens else tokens


def greedy_answers(advisor, examples: list[Example], batch_size: int) -> list[list[int]]:
    """Greedy answer tokens of a configured MixingAdvisor, generated `batch_size` examples at a time."""
    device = next(advisor.model.parameters()).device
    stop = advisor.generation_config.eos_token_id
    answers: list[list[int]] = []
    for start in range(0, len(examples), batch_size):
        batch = model_batch(advisor.processor, examples[start:start + batch_size], device)
        answers.extend(trim(row, stop) for row in advisor.generate_ids(batch))
    return answers


def mismatches(one_by_one: list[list[int]], batched: list[list[int]]) -> list[int]:
    """Indices of the examples whose batched answer differs from the one-by-one answer."""
    return [i for i, (a, b) in enumerate(zip(one_by_one, batched, strict=True)) if a != b]

