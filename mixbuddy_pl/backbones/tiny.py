"""A tiny, randomly initialised Qwen2-Audio built offline with the real model and processor classes.

Tests and the quickstart use it so that nothing is downloaded from the hub. The tokenizer is a
byte-level BPE (Qwen2's pre-tokenizer) trained on the advice template bank plus the chat scaffold.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Callable

import torch
import transformers
from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, trainers
from transformers import (
    GenerationConfig,
    Qwen2AudioConfig,
    Qwen2AudioForConditionalGeneration,
    Qwen2AudioProcessor,
    Qwen2Config,
    Qwen2Tokenizer,
    WhisperFeatureExtractor,
)
from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

from mixbuddy_pl import paths
from mixbuddy_pl.advice.templates import template_corpus
from mixbuddy_pl.errors import ConfigError

ENDOFTEXT, IM_START, IM_END = "<|endoftext|>", "<|im_start|>", "<|im_end|>"
AUDIO, AUDIO_BOS, AUDIO_EOS = "<|AUDIO|>", "<|audio_bos|>", "<|audio_eos|>"
SPECIAL_TOKENS = [ENDOFTEXT, IM_START, IM_END, AUDIO, AUDIO_BOS, AUDIO_EOS]

# Qwen2-Audio-7B-Instruct's chat template, verbatim from its hub tokenizer_config.json. Audio items
# must carry an "audio" or "audio_url" key; each renders "Audio N: <|audio_bos|><|AUDIO|><|audio_eos|>\n".
CHAT_TEMPLATE = (
    "{% set audio_count = namespace(value=0) %}"
    "{% for message in messages %}"
    "{% if loop.first and message['role'] != 'system' %}"
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
    "{% endif %}"
    "<|im_start|>{{ message['role'] }}\n"
    "{% if message['content'] is string %}"
    "{{ message['content'] }}<|im_end|>\n"
    "{% else %}"
    "{% for content in message['content'] %}"
    "{% if 'audio' in content or 'audio_url' in content %}"
    "{% set audio_count.value = audio_count.value + 1 %}"
    "Audio {{ audio_count.value }}: <|audio_bos|><|AUDIO|><|audio_eos|>\n"
    "{% elif 'text' in content %}"
    "{{ content['text'] }}"
    "{% endif %}"
    "{% endfor %}"
    "<|im_end|>\n"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}"
    "<|im_start|>assistant\n"
    "{% endif %}"
)

# Words of the chat scaffold, so prompts tokenize compactly.
SCAFFOLD = ["system", "user", "assistant", "You are a helpful assistant.", "Audio 1: ", "Audio 2: "]

# Everything that determines the build (hashed into the cache key together with the corpus).
Settings = dict[str, dict[str, int | float | str | bool]]
SETTINGS: Settings = {
    "tokenizer": {"vocab_size": 512, "model_max_length": 32768},
    "audio": {
        "d_model": 128,  # d=64 does not learn relative level under the level jitter in the quickstart's budget
        "encoder_layers": 2,
        "encoder_attention_heads": 4,
        "encoder_ffn_dim": 256,
        "num_mel_bins": 128,
        "max_source_positions": 125,  # 5 s at 20 ms frames (Qwen2-Audio: 1500 = 30 s at 10 ms); the encoder wants
                                      # exactly 2x this many mel frames: features.chunk_length / hop_length
    },
    "text": {
        "hidden_size": 128,
        "num_hidden_layers": 2,
        "intermediate_size": 256,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "max_position_embeddings": 2048,
        "tie_word_embeddings": False,
    },
    "features": {
        "feature_size": 128,
        "sampling_rate": 16000,
        "hop_length": 320,  # 20 ms mel frames (Whisper's: 10 ms): half the audio tower's work and 62 audio tokens
                            # a 5 s clip instead of 125, a third fewer language-model tokens (docs/speed.md)
        "chunk_length": 5,  # a 5 s window instead of 30 s: every clip is padded to it, so the encoder costs 6x less
        "n_fft": 400,
        "padding_value": 0.0,
        "return_attention_mask": True,
    },
}


def train_tokenizer(corpus: Iterable[str], vocab_size: int, model_max_length: int) -> Qwen2Tokenizer:
    """Train a byte-level BPE with Qwen2's pre-tokenizer; the special tokens take ids 0-5."""
    bpe = Tokenizer(models.BPE())
    bpe.normalizer = normalizers.NFC()
    bpe.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ]
    )
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(corpus, trainer)
    model = json.loads(bpe.to_str())["model"]
    return Qwen2Tokenizer(
        vocab=model["vocab"],
        merges=[tuple(pair) for pair in model["merges"]],
        eos_token=IM_END,
        pad_token=ENDOFTEXT,
        extra_special_tokens=SPECIAL_TOKENS[1:],
        model_max_length=model_max_length,
    )


def build_processor(corpus: Iterable[str], settings: Settings = SETTINGS) -> Qwen2AudioProcessor:
    """Whisper features (Qwen2-Audio's, at 20 ms frames), the tiny tokenizer and the official chat template."""
    tokenizer = train_tokenizer(corpus, **settings["tokenizer"])
    features = WhisperFeatureExtractor(**settings["features"])
    return Qwen2AudioProcessor(feature_extractor=features, tokenizer=tokenizer, chat_template=CHAT_TEMPLATE)


def build_config(tokenizer: Qwen2Tokenizer, settings: Settings = SETTINGS) -> Qwen2AudioConfig:
    """A small Qwen2AudioConfig whose vocabulary and special ids match `tokenizer`."""
    ids = {
        "bos_token_id": tokenizer.convert_tokens_to_ids(ENDOFTEXT),
        "eos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
    }
    text = {"model_type": "qwen2", "vocab_size": len(tokenizer), **settings["text"], **ids}
    audio = {"model_type": "qwen2_audio_encoder", **settings["audio"]}
    return Qwen2AudioConfig(
        audio_config=audio,
        text_config=text,
        audio_token_index=tokenizer.convert_tokens_to_ids(AUDIO),
        pad_token_id=tokenizer.pad_token_id,
    )


def build_tiny(out_dir: Path, *, seed: int = 0, settings: Settings = SETTINGS) -> Path:
    """Build and save a random tiny Qwen2-Audio model + processor into `out_dir`; deterministic per seed."""
    out_dir = Path(out_dir)
    processor = build_processor([*SCAFFOLD, *template_corpus()], settings)
    tokenizer = processor.tokenizer
    config = build_config(tokenizer, settings)
    with torch.random.fork_rng():  # a cache miss must not reseed the caller's run
        torch.manual_seed(seed)
        model = Qwen2AudioForConditionalGeneration(config)
    model.generation_config = GenerationConfig(
        eos_token_id=[tokenizer.convert_tokens_to_ids(ENDOFTEXT), tokenizer.eos_token_id],
        pad_token_id=tokenizer.pad_token_id,
        do_sample=False,
    )
    model.save_pretrained(out_dir)
    processor.save_pretrained(out_dir)
    return out_dir


def settings_of(name: str = "tiny") -> Settings:
    """The build settings a tiny backbone name asks for: `tiny` is SETTINGS; `tiny:key=value,...` overrides the
    language model's (`text`) settings, e.g. `tiny:num_hidden_layers=4,initializer_range=0.1`."""
    base, _, spec = name.partition(":")
    if base != "tiny":
        raise ConfigError(f"model.init_args.backbone={name!r} is not a tiny build; use tiny or tiny:key=value,...")
    numeric = {k: v for k, v in Qwen2Config().to_dict().items() if type(v) in (int, float)}
    text = dict(SETTINGS["text"])
    for item in filter(None, spec.split(",")):
        key, sep, value = item.partition("=")
        if not sep or key not in numeric:
            raise ConfigError(f"model.init_args.backbone={name!r}: {item!r} is not key=value with a numeric "
                              "Qwen2Config field (e.g. num_hidden_layers=4)")
        text[key] = type(numeric[key])(float(value))
    return {**SETTINGS, "text": text}


def build_key(seed: int = 0, settings: Settings = SETTINGS) -> str:
    """Hash of the build settings, the seed, the transformers version and the template corpus."""
    digest = hashlib.sha256()
    digest.update(json.dumps([settings, SCAFFOLD, CHAT_TEMPLATE, seed, transformers.__version__]).encode())
    for line in template_corpus():
        digest.update(line.encode() + b"\0")
    return digest.hexdigest()[:16]


def tiny_dir(cache_root: Path | None = None, name: str = "tiny") -> Path:
    """Directory of the cached tiny model `name` (`settings_of`), built once (in a temp dir, then renamed into
    place); one directory per distinct build, keyed by the hash of its settings."""
    root = Path(cache_root) if cache_root is not None else paths.cache_root()
    settings = settings_of(name)
    return build_once(root / f"tiny-qwen2-audio-{build_key(settings=settings)}",
                      lambda out: build_tiny(out, settings=settings))


def build_once(target: Path, build: Callable[[Path], object]) -> Path:
    """`target`, built by `build(staging_dir)` if missing; the rename makes concurrent builders safe."""
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        build(staging)
        os.rename(staging, target)
    except OSError:
        if not target.is_dir():  # not a lost race with another builder
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
