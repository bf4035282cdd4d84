"""The offline tiny Qwen2-Audio: real classes, deterministic build, processor/model agreement."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import load_file
from transformers import (
    Qwen2AudioForConditionalGeneration,
    Qwen2AudioProcessor,
    Qwen2Tokenizer,
    WhisperFeatureExtractor,
)

from mixbuddy_pl.backbones.hub import resolve
from mixbuddy_pl.backbones.tiny import (
    AUDIO, AUDIO_BOS, AUDIO_EOS, SETTINGS, build_key, build_tiny, settings_of, tiny_dir,
)
from mixbuddy_pl.errors import ConfigError

SR = 16000


@pytest.fixture(scope="module")
def tiny(mixbuddy_cache: Path) -> Path:
    return tiny_dir()


@pytest.fixture(scope="module")
def processor(tiny: Path) -> Qwen2AudioProcessor:
    return Qwen2AudioProcessor.from_pretrained(tiny)


@pytest.fixture(scope="module")
def model(tiny: Path) -> Qwen2AudioForConditionalGeneration:
    return Qwen2AudioForConditionalGeneration.from_pretrained(tiny).eval()


def two_audio_chat(processor: Qwen2AudioProcessor) -> str:
    """A user turn with two audio items and a question, plus the generation prompt."""
    content = [{"type": "audio", "audio": "a.wav"}, {"type": "audio", "audio": "b.wav"}]
    content.append({"type": "text", "text": "Which stem should go up?"})
    messages = [{"role": "user", "content": content}]
    return processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)


def waves(*seconds: float) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [0.1 * rng.standard_normal(round(s * SR)).astype(np.float32) for s in seconds]


def test_same_seed_gives_identical_build(tiny: Path, tmp_path: Path) -> None:
    again = build_tiny(tmp_path / "again", seed=0)
    other = build_tiny(tmp_path / "other", seed=1)
    reference = load_file(tiny / "model.safetensors")
    rebuilt = load_file(again / "model.safetensors")
    assert reference.keys() == rebuilt.keys()
    assert all(torch.equal(reference[key], rebuilt[key]) for key in reference)
    assert (tiny / "tokenizer.json").read_bytes() == (again / "tokenizer.json").read_bytes()
    assert (tiny / "model.safetensors").read_bytes() == (again / "model.safetensors").read_bytes()
    different = load_file(other / "model.safetensors")
    assert not all(torch.equal(reference[key], different[key]) for key in reference)
    text = "Turn the vocals up by 3 dB."
    ids = Qwen2Tokenizer.from_pretrained(tiny)(text).input_ids
    assert Qwen2Tokenizer.from_pretrained(again)(text).input_ids == ids


def test_tiny_dir_is_cached(mixbuddy_cache: Path, tiny: Path) -> None:
    stamp = (tiny / "model.safetensors").stat().st_mtime_ns
    assert tiny_dir(mixbuddy_cache) == tiny
    assert (tiny / "model.safetensors").stat().st_mtime_ns == stamp
    assert not [p for p in mixbuddy_cache.iterdir() if "-building-" in p.name]  # no staging leftovers


def test_text_overrides_build_their_own_cached_model(mixbuddy_cache: Path, tiny: Path) -> None:
    name = "tiny:num_hidden_layers=3,initializer_range=0.05"
    assert settings_of("tiny") == SETTINGS and build_key(settings=settings_of("tiny")) == build_key()
    built = Path(resolve(name))
    assert built != tiny and built == tiny_dir(mixbuddy_cache, name)  # its own directory, built once
    config = Qwen2AudioForConditionalGeneration.from_pretrained(built).config.text_config
    assert (config.num_hidden_layers, config.initializer_range, config.hidden_size) == (3, 0.05, 128)
    assert (built / "tokenizer.json").read_bytes() == (tiny / "tokenizer.json").read_bytes()  # same processor


@pytest.mark.parametrize("name", ["tiny:layers=4", "tiny:num_hidden_layers", "tinier"])
def test_bad_tiny_name_is_one_config_error(name: str) -> None:
    with pytest.raises(ConfigError, match="model.init_args.backbone"):
        settings_of(name)


def test_real_classes_and_matching_ids(processor: Qwen2AudioProcessor, model) -> None:
    tokenizer = processor.tokenizer
    assert isinstance(tokenizer, Qwen2Tokenizer)
    assert isinstance(processor.feature_extractor, WhisperFeatureExtractor)
    features = processor.feature_extractor
    assert (features.feature_size, features.sampling_rate, features.hop_length) == (128, SR, 320)
    assert (features.chunk_length, features.n_fft) == (5, 400)
    assert 400 <= len(tokenizer) <= 600
    assert model.config.text_config.vocab_size == len(tokenizer)
    assert model.config.audio_token_id == tokenizer.convert_tokens_to_ids(AUDIO) == processor.audio_token_id
    assert model.config.text_config.pad_token_id == tokenizer.pad_token_id
    assert tokenizer.eos_token_id == tokenizer.convert_tokens_to_ids("<|im_end|>")
    assert model.config.text_config.eos_token_id == tokenizer.eos_token_id
    assert model.config.audio_config.num_mel_bins == 128
    assert model.config.audio_config.max_source_positions == 125
    for token in ("<|endoftext|>", "<|im_start|>", "<|im_end|>", AUDIO, AUDIO_BOS, AUDIO_EOS):
        assert tokenizer.tokenize(f"x{token}y") == ["x", token, "y"]


def test_official_chat_template(processor: Qwen2AudioProcessor) -> None:
    assert two_audio_chat(processor) == (
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
        "<|im_start|>user\n"
        "Audio 1: <|audio_bos|><|AUDIO|><|audio_eos|>\n"
        "Audio 2: <|audio_bos|><|AUDIO|><|audio_eos|>\n"
        "Which stem should go up?<|im_end|>\n"
        "<|im_start|>assistant\n"
    )


def test_processor_expands_audio_to_encoder_length(processor: Qwen2AudioProcessor, model) -> None:
    batch = processor(text=two_audio_chat(processor), audio=waves(5, 3.3), sampling_rate=SR, return_tensors="pt")
    tokenizer = processor.tokenizer
    ids = batch["input_ids"][0].tolist()
    bos, eos = tokenizer.convert_tokens_to_ids([AUDIO_BOS, AUDIO_EOS])
    starts = [i for i, token in enumerate(ids) if token == bos]
    ends = [i for i, token in enumerate(ids) if token == eos]
    runs = [end - start - 1 for start, end in zip(starts, ends)]
    assert runs == [62, 41]
    assert all(set(ids[s + 1 : e]) == {processor.audio_token_id} for s, e in zip(starts, ends))
    lengths = batch["feature_attention_mask"].sum(-1)
    _, encoder_lengths = model.model.audio_tower._get_feat_extract_output_lengths(lengths)
    assert encoder_lengths.tolist() == runs
    with torch.no_grad():
        encoded = model.model.audio_tower(batch["input_features"]).last_hidden_state
    assert encoded.shape[1] == 62  # 250 mel frames (5 s at 20 ms) → 125 after the stride-2 conv → 62 after pooling


def test_forward_with_labels_and_generate(processor: Qwen2AudioProcessor, model) -> None:
    prompt = two_audio_chat(processor)
    answer = "Turn the vocals up by 3 dB.<|im_end|>"
    batch = processor(text=prompt + answer, audio=waves(5, 3.3), sampling_rate=SR, return_tensors="pt")
    prompt_length = len(processor(text=prompt, audio=waves(5, 3.3), sampling_rate=SR)["input_ids"][0])
    labels = batch["input_ids"].clone()
    labels[:, :prompt_length] = -100
    with torch.no_grad():
        output = model(**batch, labels=labels)
    assert output.logits.shape[:2] == batch["input_ids"].shape
    assert torch.isfinite(output.loss) and output.loss > 0
    inputs = processor(text=prompt, audio=waves(5, 3.3), sampling_rate=SR, return_tensors="pt")
    generated = model.generate(**inputs, max_new_tokens=4, do_sample=False)
    assert generated.shape[0] == 1
    assert inputs["input_ids"].shape[1] < generated.shape[1] <= inputs["input_ids"].shape[1] + 4
    assert torch.equal(generated[:, : inputs["input_ids"].shape[1]], inputs["input_ids"])
