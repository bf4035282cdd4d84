"""The published Qwen2-Audio-7B-Instruct with the run's LoRA on the `meta` device, its parameter counts, and each
variant's sequence length as the collator builds it for the 30 s window: what `fitcheck` sizes memory from.

Audio placeholders, which are most of every sequence, are counted exactly as the collator expands them.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from transformers import Qwen2AudioConfig

from mixbuddy_pl.backbones.published import HOP_LENGTH, WINDOW_S, published_config, window_processor
from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.features import num_audio_tokens
from mixbuddy_pl.data.songs import SyntheticSongs
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.backbone import LoraSettings, empty_model, wrap_lora


def meta_model(lora: LoraSettings | None, config: Qwen2AudioConfig | None = None) -> torch.nn.Module:
    """The (LoRA-wrapped) model on the meta device: every shape and module name, no memory."""
    model = empty_model(config or published_config())
    return model if lora is None else wrap_lora(model, lora)


@dataclass(frozen=True)
class ParamCount:
    """Parameter counts of a model: all, and those that train."""

    total: int
    trainable: int


def count_params(model: torch.nn.Module) -> ParamCount:
    """Total and trainable parameters (works on meta tensors: nothing is materialized)."""
    params = list(model.parameters())
    return ParamCount(sum(p.numel() for p in params), sum(p.numel() for p in params if p.requires_grad))


def audio_tokens(chunk_s: float, sampling_rate: int = 16000, hop_length: int = HOP_LENGTH) -> int:
    """`<|AUDIO|>` placeholders for one clip of `chunk_s` seconds (750 for the full 30 s window)."""
    if chunk_s > WINDOW_S:
        raise ConfigError(f"data.chunk_s = {chunk_s:g} s is longer than Qwen2-Audio's {WINDOW_S:g} s window; "
                          f"use data.chunk_s <= {WINDOW_S:g}")
    return num_audio_tokens(round(chunk_s * sampling_rate), hop_length)


def check_positions(length: int, config: Qwen2AudioConfig, field: str = "data.chunk_s") -> None:
    """Raise ConfigError when a sequence would not fit the language model's positions (nothing is cut)."""
    limit = config.text_config.max_position_embeddings
    if length > limit:
        raise ConfigError(f"a training sequence of {length} tokens exceeds the language model's {limit} positions; "
                          f"lower {field} (audio placeholders are never truncated)")


@dataclass(frozen=True)
class SequenceLength:
    """Tokens of one training example: audio, prompt (up to the answer) and total."""

    audio: int
    prompt: int
    total: int


def sequence_length(variant: str, chunk_s: float = WINDOW_S, **data) -> SequenceLength:
    """Tokens of one validation example of `variant` (MixingDataModule settings in `data`) as the collator builds
    it from the official chat template: audio placeholders, prompt, prompt + answer."""
    source = SyntheticSongs(num_train=0, num_val=1, num_test=0, duration_s=max(40.0, chunk_s + 1))
    module = MixingDataModule(variant=variant, source=source, chunk_s=chunk_s, hop_s=chunk_s, **data)
    module.processor = window_processor()
    module.setup("validate")
    batch = QwenAudioCollator(module.processor, with_prompts=True)([module.datasets["val"][(0, 0)]])
    audio_id = module.processor.tokenizer.convert_tokens_to_ids(module.processor.audio_token)
    return SequenceLength(audio=int((batch["input_ids"] == audio_id).sum()), prompt=int(batch["prompt_mask"].sum()),
                          total=int(batch["attention_mask"].sum()))
