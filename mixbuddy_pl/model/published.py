"""Qwen2-Audio-7B-Instruct's real shapes without its weights: the published configuration (shipped with the
package, so nothing is downloaded), the model on the `meta` device through the backbone code the 7B configs use,
parameter counts, audio-token counts and each variant's sequence length.

Text tokens are counted with the tiny model's tokenizer (the real one needs the hub); audio placeholders, which
are most of every sequence, are counted exactly as the collator expands them for the 30 s encoder window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import Qwen2AudioConfig, Qwen2AudioProcessor, WhisperFeatureExtractor

from mixbuddy_pl.data.features import num_audio_tokens
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.backbone import LoraSettings, empty_model, load_processor, wrap_lora
from mixbuddy_pl.model.tiny import SETTINGS

CONFIG_FILE = Path(__file__).with_name("qwen2_audio_7b_instruct.json")
HUB_ID = "Qwen/Qwen2-Audio-7B-Instruct"
WINDOW_S = 30.0
HOP_LENGTH = 160  # Whisper's 10 ms mel frames (the tiny model hears 20 ms ones)


def published_config(text_layers: int | None = None, audio_layers: int | None = None) -> Qwen2AudioConfig:
    """The published Qwen2-Audio-7B-Instruct configuration; `*_layers` shortens a stack, widths stay real."""
    values = json.loads(CONFIG_FILE.read_text())
    if text_layers is not None:
        values["text_config"]["num_hidden_layers"] = text_layers
    if audio_layers is not None:
        values["audio_config"]["encoder_layers"] = audio_layers
    return Qwen2AudioConfig(**values)


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


def window_processor() -> Qwen2AudioProcessor:
    """The tiny tokenizer and chat template with Qwen2-Audio's 30 s Whisper feature extractor."""
    tiny = load_processor("tiny")
    features = WhisperFeatureExtractor(**{**SETTINGS["features"], "chunk_length": int(WINDOW_S),
                                          "hop_length": HOP_LENGTH})
    return Qwen2AudioProcessor(feature_extractor=features, tokenizer=tiny.tokenizer,
                               chat_template=tiny.chat_template)


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
    from mixbuddy_pl.data.collate import QwenAudioCollator
    from mixbuddy_pl.data.datamodule import MixingDataModule
    from mixbuddy_pl.data.songs import SyntheticSongs

    source = SyntheticSongs(num_train=0, num_val=1, num_test=0, duration_s=max(40.0, chunk_s + 1))
    module = MixingDataModule(variant=variant, source=source, chunk_s=chunk_s, hop_s=chunk_s, **data)
    module.processor = window_processor()
    module.setup("validate")
    batch = QwenAudioCollator(module.processor, with_prompts=True)([module.datasets["val"][(0, 0)]])
    audio_id = module.processor.tokenizer.convert_tokens_to_ids(module.processor.audio_token)
    return SequenceLength(audio=int((batch["input_ids"] == audio_id).sum()), prompt=int(batch["prompt_mask"].sum()),
                          total=int(batch["attention_mask"].sum()))
