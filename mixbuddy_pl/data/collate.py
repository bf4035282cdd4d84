"""QwenAudioCollator: examples -> Qwen2-Audio token ids, answer-only labels and raw waveforms."""

from __future__ import annotations

from typing import Iterable, Iterator

import numpy as np
import torch

from mixbuddy_pl import audio
from mixbuddy_pl.data.features import num_audio_tokens, window_s
from mixbuddy_pl.data.tasks import Example
from mixbuddy_pl.errors import DataError


class Opaque:
    """Batch metadata (reference Advice objects) that Lightning's batch walkers leave alone: the bf16-true/16-true
    precision plugins rebuild every dataclass in a batch and fail on frozen ones."""

    def __init__(self, items: Iterable) -> None:
        self.items = list(items)

    def __iter__(self) -> Iterator:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int):
        return self.items[index]


class QwenAudioCollator:
    """Examples -> token ids with one `<|AUDIO|>` per encoder output frame, answer-only labels, raw waveforms.

    Log-mel features are *not* computed here: `MixingDataModule.on_after_batch_transfer` does it in batch on
    the training device, so CPU workers only mix audio and tokenize.
    """

    def __init__(self, processor, with_prompts: bool) -> None:
        self.processor, self.tokenizer, self.with_prompts = processor, processor.tokenizer, with_prompts
        self.audio_token = processor.audio_token
        self.hop_length = processor.feature_extractor.hop_length
        self.max_samples = processor.feature_extractor.n_samples

    def prompt_text(self, example: Example) -> str:
        """The chat-formatted prompt, each audio expanded to its exact number of placeholder tokens."""
        content = [{"type": "audio", "audio_url": f"audio_{k}"} for k in range(len(example.audios))]
        messages = [{"role": "user", "content": [*content, {"type": "text", "text": example.prompt}]}]
        text = self.processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        pieces = text.split(self.audio_token)
        if len(pieces) != len(example.audios) + 1:
            raise ValueError(f"chat template produced {len(pieces) - 1} audio slots for {len(example.audios)} audios")
        longest = max(len(a) for a in example.audios)
        if longest > self.max_samples:
            limit = window_s(self.processor.feature_extractor)
            raise DataError(f"song {example.song!r} at {example.start_s:g} s: a clip of {longest} samples is longer "
                            f"than the {limit:g} s the audio encoder hears; use data.chunk_s <= {limit:g}")
        counts = [num_audio_tokens(len(a), self.hop_length) for a in example.audios]
        return pieces[0] + "".join(self.audio_token * n + p for n, p in zip(counts, pieces[1:]))

    def _ids(self, text: str) -> list[int]:
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def __call__(self, examples: list[Example]) -> dict:
        pad = self.tokenizer.pad_token_id
        prompts = [self._ids(self.prompt_text(e)) for e in examples]
        answers = [self._ids(e.response + "<|im_end|>") for e in examples]
        width = max(len(p) + len(a) for p, a in zip(prompts, answers))
        input_ids = torch.full((len(examples), width), pad, dtype=torch.long)
        labels = torch.full_like(input_ids, -100)
        attention_mask = torch.zeros_like(input_ids)
        for row, (p, a) in enumerate(zip(prompts, answers)):
            input_ids[row, :len(p) + len(a)] = torch.tensor(p + a)
            labels[row, len(p):len(p) + len(a)] = torch.tensor(a)
            attention_mask[row, :len(p) + len(a)] = 1
        clips = [a for e in examples for a in e.audios]
        batch = {
            "input_ids": input_ids, "attention_mask": attention_mask, "labels": labels,
            "audio": _pad_clips(clips),
            "audio_lengths": torch.tensor([len(c) for c in clips]),
            "examples": [e.to_json() for e in examples],
            "advice": Opaque(e.advice for e in examples),
        }
        if self.with_prompts:  # left-padded prompts for batched greedy generation
            prompt_width = max(map(len, prompts))
            batch["prompt_ids"] = torch.full((len(examples), prompt_width), pad, dtype=torch.long)
            batch["prompt_mask"] = torch.zeros_like(batch["prompt_ids"])
            for row, p in enumerate(prompts):
                batch["prompt_ids"][row, prompt_width - len(p):] = torch.tensor(p)
                batch["prompt_mask"][row, prompt_width - len(p):] = 1
        return batch


def _pad_clips(clips: list[np.ndarray]) -> torch.Tensor:
    """[clips, longest] float32, zero-padded on the right (one copy out of the read-only memory maps)."""
    out = np.zeros((len(clips), max(len(c) for c in clips)), dtype=np.float32)
    for row, clip in enumerate(clips):
        out[row, :len(clip)] = clip
    return torch.from_numpy(out)
