"""A real-width, few-layer Qwen2-Audio that runs on the CPU: Qwen2-Audio-7B-Instruct's published widths,
vocabulary (156032) and 30 s audio window with one layer per stack and random weights. It goes through the same
`fit`/`validate` code as the 7B model (`model.backbone: realwidth`) and catches shape, dtype and memory-layout bugs
that the d=128 `tiny` model hides. Token ids come from the tiny tokenizer (the real one needs the hub). Weights are
stored in bfloat16 (2.9 GB, 1.45B parameters: the untied 156032 x 4096 embedding and head are most of it).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import torch
import transformers
from transformers import GenerationConfig, Qwen2AudioForConditionalGeneration

from mixbuddy_pl import paths
from mixbuddy_pl.backbones.published import CONFIG_FILE, published_config, window_processor
from mixbuddy_pl.backbones.tiny import AUDIO, ENDOFTEXT, build_once

def build_realwidth(out_dir: Path, *, layers: int = 1, seed: int = 0) -> Path:
    """Save the random real-width model with `layers` layers per stack (bfloat16) and its 30 s-window processor."""
    processor = window_processor()
    tokenizer = processor.tokenizer
    config = published_config(text_layers=layers, audio_layers=layers)
    config.audio_token_index = tokenizer.convert_tokens_to_ids(AUDIO)
    ids = {"bos_token_id": tokenizer.convert_tokens_to_ids(ENDOFTEXT), "eos_token_id": tokenizer.eos_token_id,
           "pad_token_id": tokenizer.pad_token_id}
    for key, value in ids.items():
        setattr(config.text_config, key, value)
    config.pad_token_id = tokenizer.pad_token_id
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        model = Qwen2AudioForConditionalGeneration(config).to(torch.bfloat16)
    model.generation_config = GenerationConfig(eos_token_id=tokenizer.eos_token_id,
                                               pad_token_id=tokenizer.pad_token_id, do_sample=False)
    model.save_pretrained(out_dir)
    processor.save_pretrained(out_dir)
    return out_dir


def realwidth_dir(cache_root: Path | None = None, layers: int = 1) -> Path:
    """Directory of the cached real-width model, built once (2.9 GB with one layer per stack)."""
    root = Path(cache_root) if cache_root is not None else paths.cache_root()
    key = hashlib.sha256(json.dumps([{"text_layers": layers, "audio_layers": layers}, CONFIG_FILE.read_text(),
                                     transformers.__version__]).encode())
    return build_once(root / f"realwidth-qwen2-audio-{key.hexdigest()[:16]}",
                      functools.partial(build_realwidth, layers=layers))
