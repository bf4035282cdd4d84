"""Qwen2-Audio-7B-Instruct's real shapes without its weights: the published configuration (shipped with the
package, so nothing is downloaded) and a processor with its 30 s audio window.

Text tokens are counted with the tiny model's tokenizer (the real one needs the hub); the Whisper feature extractor
is the published one's. `model/shapes.py` builds the model from them on the `meta` device (fitcheck).
"""

from __future__ import annotations

import json
from pathlib import Path

from transformers import Qwen2AudioConfig, Qwen2AudioProcessor, WhisperFeatureExtractor

from mixbuddy_pl.backbones.tiny import SETTINGS, tiny_dir

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


def window_processor() -> Qwen2AudioProcessor:
    """The tiny tokenizer and chat template with Qwen2-Audio's 30 s Whisper feature extractor."""
    tiny = Qwen2AudioProcessor.from_pretrained(tiny_dir())
    features = WhisperFeatureExtractor(**{**SETTINGS["features"], "chunk_length": int(WINDOW_S),
                                          "hop_length": HOP_LENGTH})
    return Qwen2AudioProcessor(feature_extractor=features, tokenizer=tiny.tokenizer,
                               chat_template=tiny.chat_template)
