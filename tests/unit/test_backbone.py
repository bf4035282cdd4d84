"""LoRA / QLoRA wrapping of the tiny Qwen2-Audio: what trains, what is quantized, what is exported."""

from __future__ import annotations

from pathlib import Path

import bitsandbytes as bnb
import numpy as np
import pytest
import torch
from transformers import BatchFeature, Qwen2AudioProcessor

from mixbuddy_pl.backbones.hub import load_processor
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.backbone import LoraSettings, export_adapter, load_model, trainable_state_dict

SR = 16000
LM_PROJECTIONS = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}


@pytest.fixture(scope="module")
def processor() -> Qwen2AudioProcessor:
    return load_processor("tiny")


@pytest.fixture(scope="module")
def batch(processor: Qwen2AudioProcessor) -> BatchFeature:
    """One 3 s clip, a prompt and an answer; labels are the whole sequence."""
    messages = [
        {"role": "user", "content": [{"type": "audio", "audio": "a.wav"}, {"type": "text", "text": "Advice?"}]},
        {"role": "assistant", "content": "Turn the drums down by 2 dB."},
    ]
    text = processor.apply_chat_template(messages, tokenize=False)
    wave = 0.1 * np.random.default_rng(0).standard_normal(3 * SR).astype(np.float32)
    inputs = processor(text=text, audio=[wave], sampling_rate=SR, return_tensors="pt")
    inputs["labels"] = inputs["input_ids"].clone()
    return inputs


def trainable(model: torch.nn.Module) -> list[str]:
    return [name for name, param in model.named_parameters() if param.requires_grad]


def tiny_lora(**settings) -> torch.nn.Module:
    return load_model("tiny", lora=LoraSettings(**settings), dtype="float32")


def test_default_lora_trains_only_language_model_projections() -> None:
    names = trainable(tiny_lora())
    assert len(names) == 2 * len(LM_PROJECTIONS) * 2  # 2 layers x 7 projections x (lora_A, lora_B)
    assert all("lora_" in name and ".language_model.layers." in name for name in names)
    assert {name.split(".lora_")[0].rsplit(".", 1)[1] for name in names} == LM_PROJECTIONS


def test_opt_ins_make_audio_tower_projector_and_embeddings_trainable() -> None:
    names = trainable(tiny_lora(lora_audio_encoder=True, train_projector=True, modules_to_save=["embed_tokens"]))
    audio = {name for name in names if ".audio_tower." in name}
    assert audio and all("lora_" in name and ".self_attn." in name for name in audio)
    assert {name.split(".lora_")[0].rsplit(".", 1)[1] for name in audio} == {"q_proj", "k_proj", "v_proj", "out_proj"}
    assert any(".multi_modal_projector." in name and "lora_" not in name for name in names)
    assert any(".embed_tokens." in name for name in names)


def test_target_regex_matching_nothing_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"model\.lora\.target_modules") as error:
        tiny_lora(target_modules=r".*\.language_model\.layers\.\d+\.attn\.query")
    assert "q_proj" in str(error.value) or "gate_proj" in str(error.value)


def test_qlora_quantizes_language_model_and_backward_works(batch: BatchFeature) -> None:
    model = load_model("tiny", lora=LoraSettings(), quantization="nf4", dtype="float32", gradient_checkpointing=True)
    modules = dict(model.named_modules())
    lm_q = "base_model.model.model.language_model.layers.0.self_attn.q_proj.base_layer"
    audio_q = "base_model.model.model.audio_tower.layers.0.self_attn.q_proj"
    assert isinstance(modules[lm_q], bnb.nn.Linear4bit)
    assert modules[lm_q].weight.quant_type == "nf4"
    assert not isinstance(modules[audio_q], bnb.nn.Linear4bit)
    assert not isinstance(modules["base_model.model.model.multi_modal_projector.linear"], bnb.nn.Linear4bit)
    assert model.base_model.model.is_activation_checkpointing
    model.train()
    model(**batch).loss.backward()
    grads = [param.grad for name, param in model.named_parameters() if "lora_A" in name]
    assert grads and all(grad is not None and torch.isfinite(grad).all() for grad in grads)
    assert any(param.grad.abs().sum() > 0 for name, param in model.named_parameters() if "lora_B" in name)


def test_trainable_state_dict_is_small_and_reloads() -> None:
    model = tiny_lora(r=2)
    state = trainable_state_dict(model)
    assert list(state) == trainable(model)
    total = sum(param.numel() for param in model.parameters())
    assert sum(tensor.numel() for tensor in state.values()) < 0.05 * total
    fresh = tiny_lora(r=2)
    result = fresh.load_state_dict(state, strict=False)
    assert not result.unexpected_keys and not set(state) & set(result.missing_keys)


def test_export_without_lora_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="model.lora"):
        export_adapter(load_model("tiny", lora=None, dtype="float32"), tmp_path)
