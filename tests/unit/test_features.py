"""Batched log-mel equals the Whisper feature extractor; placeholder counts equal the encoder's output length."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from transformers import Qwen2AudioForConditionalGeneration

from mixbuddy_pl.advice.labels import Advice
from mixbuddy_pl.backbones.hub import resolve
from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.features import LogMel, num_audio_tokens
from mixbuddy_pl.data.tasks import Example, Scenario
from mixbuddy_pl.errors import DataError

SR = 16_000


def clips(*seconds: float) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [(0.1 * rng.standard_normal(round(s * SR))).astype(np.float32) for s in seconds]


def padded(waves: list[np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
    batch = torch.nn.utils.rnn.pad_sequence([torch.from_numpy(w) for w in waves], batch_first=True)
    return batch, torch.tensor([len(w) for w in waves])


@pytest.fixture(scope="module")
def encoder(processor) -> torch.nn.Module:
    """The tiny model's audio encoder (same class and length formula as Qwen2-Audio-7B's)."""
    return Qwen2AudioForConditionalGeneration.from_pretrained(resolve("tiny")).model.audio_tower


def example(waves: list[np.ndarray]) -> Example:
    return Example("anchor", "song", 0.0, len(waves[0]) / SR, Scenario(()), waves, "Is it balanced?",
                   "Leave it.", Advice())


def test_log_mel_matches_whisper_extractor(processor) -> None:
    waves = clips(5.0, 3.3, 1.0)
    expected = processor.feature_extractor(waves, sampling_rate=SR, padding="max_length",
                                           return_attention_mask=True, return_tensors="pt")
    features, mask = LogMel(processor.feature_extractor)(*padded(waves))
    assert features.shape == expected["input_features"].shape == (3, 128, 250)
    torch.testing.assert_close(features, expected["input_features"].float(), atol=1e-4, rtol=0)
    assert torch.equal(mask, expected["attention_mask"].long())


def test_log_mel_refuses_audio_longer_than_the_window(processor) -> None:
    with pytest.raises(ValueError, match="exceeds"):
        LogMel(processor.feature_extractor)(*padded(clips(5.5)))


@pytest.mark.parametrize("seconds", [5.0, 3.3])
def test_audio_token_count_matches_processor_and_encoder(processor, encoder, seconds: float) -> None:
    waves = clips(seconds, seconds)
    collator = QwenAudioCollator(processor, with_prompts=False)
    ours = collator([example(waves)])["input_ids"][0]
    audio_id = processor.tokenizer.convert_tokens_to_ids(processor.audio_token)
    # the processor expands the chat template's single placeholder per clip itself
    messages = [{"role": "user", "content": [{"type": "audio", "audio_url": "a"}, {"type": "audio", "audio_url": "b"},
                                             {"type": "text", "text": "Is it balanced?"}]}]
    text = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    theirs = processor(text=text, audio=waves, sampling_rate=SR, return_tensors="pt")
    _, encoder_lengths = encoder._get_feat_extract_output_lengths(theirs["feature_attention_mask"].sum(-1))
    count = int((ours == audio_id).sum())
    assert count == int((theirs["input_ids"] == audio_id).sum()) == int(encoder_lengths.sum())
    assert count == 2 * num_audio_tokens(len(waves[0]), processor.feature_extractor.hop_length)
    assert num_audio_tokens(10 * SR) == 250


def test_collator_refuses_audio_longer_than_the_window(processor) -> None:
    with pytest.raises(DataError, match="longer than the 5 s"):
        QwenAudioCollator(processor, with_prompts=False)([example(clips(6.0))])
