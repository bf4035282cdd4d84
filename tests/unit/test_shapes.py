"""Qwen2-Audio-7B-Instruct's real architecture on the meta device: LoRA placement, parameter and token counts."""

from __future__ import annotations

import re

import pytest

from mixbuddy_pl.backbones.published import published_config
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.backbone import LANGUAGE_PROJECTIONS, LoraSettings
from mixbuddy_pl.model.shapes import audio_tokens, check_positions, count_params, meta_model, sequence_length

LAYERS, HIDDEN, FFN, VOCAB = 32, 4096, 11008, 156032


@pytest.fixture(scope="module")
def lora_model():
    return meta_model(LoraSettings())


def test_published_config_has_the_real_widths() -> None:
    config = published_config()
    text, audio = config.text_config, config.audio_config
    assert (text.hidden_size, text.num_hidden_layers, text.intermediate_size, text.vocab_size) == (HIDDEN, LAYERS, FFN,
                                                                                                  VOCAB)
    assert (audio.d_model, audio.encoder_layers, audio.max_source_positions) == (1280, 32, 1500)
    assert config.audio_token_index == 151646


def test_lora_lands_only_on_language_model_projections(lora_model) -> None:
    trainable = {name.split(".lora_")[0] for name, p in lora_model.named_parameters() if p.requires_grad}
    assert all(".lora_" in name for name, p in lora_model.named_parameters() if p.requires_grad)
    assert len(trainable) == LAYERS * 7
    assert all(re.fullmatch(LANGUAGE_PROJECTIONS, name) for name in trainable)
    assert not any("audio_tower" in name or "lm_head" in name for name in trainable)


def test_parameter_counts_match_the_architecture(lora_model) -> None:
    base = count_params(meta_model(None))
    counts = count_params(lora_model)
    r = LoraSettings().r
    per_layer = r * (4 * 2 * HIDDEN + 3 * (HIDDEN + FFN))  # A (in x r) + B (r x out) for q,k,v,o and gate,up,down
    assert counts.trainable == LAYERS * per_layer == 39_976_960
    assert counts.total == base.total + counts.trainable
    assert 8.3e9 < base.total < 8.5e9  # "7B" names the language model; the audio tower adds ~0.6B
    print(f"\nQwen2-Audio-7B-Instruct: {base.total:,} parameters; LoRA r={r}: {counts.trainable:,} trainable "
          f"({counts.trainable / counts.total:.2%})")


def test_audio_tokens_per_clip() -> None:
    assert audio_tokens(30.0) == 750 and audio_tokens(10.0) == 250 and audio_tokens(5.0) == 125
    with pytest.raises(ConfigError, match="data.chunk_s"):
        audio_tokens(31.0)


@pytest.mark.parametrize(("variant", "data", "audios"), [
    ("anchor", {"anchor": "drums"}, 2), ("anchor", {"anchor": "drums", "anchor_input": "rest"}, 2),
    ("no_anchor", {}, 1), ("differential", {"max_changes": 2}, 2),
])
def test_sequence_length_of_each_variant_keeps_every_audio_token(variant: str, data: dict, audios: int) -> None:
    length = sequence_length(variant, **data)
    assert length.audio == audios * audio_tokens(30.0)  # every placeholder kept
    assert length.audio < length.prompt < length.total < published_config().text_config.max_position_embeddings
    print(f"\n{variant} {data}: {length}")


def test_a_sequence_beyond_the_positions_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="8192 positions; lower data.chunk_s"):
        check_positions(9000, published_config())
