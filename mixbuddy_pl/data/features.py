"""Whisper log-mel features computed in batch on the training device, and the audio token count."""

from __future__ import annotations

import math

import torch
from transformers import WhisperFeatureExtractor


def window_s(extractor: WhisperFeatureExtractor) -> float:
    """Seconds of audio the encoder hears per clip (30 for Qwen2-Audio, 5 for the tiny model); clips are padded to it."""
    return extractor.n_samples / extractor.sampling_rate


def num_mel_frames(num_samples: int, hop_length: int = 160) -> int:
    """Unpadded mel frames of a clip, as the feature extractor's attention mask counts them."""
    return math.ceil(num_samples / hop_length)


def num_audio_tokens(num_samples: int, hop_length: int = 160) -> int:
    """`<|AUDIO|>` placeholders for a clip: the audio encoder's output length (250 for 10 s at 16 kHz)."""
    frames = num_mel_frames(num_samples, hop_length)
    return (((frames - 1) // 2 + 1) - 2) // 2 + 1


class LogMel(torch.nn.Module):
    """Batched twin of `WhisperFeatureExtractor(padding="max_length")`: same numbers, on any device."""

    def __init__(self, extractor: WhisperFeatureExtractor) -> None:
        super().__init__()
        self.n_fft, self.hop_length, self.n_samples = extractor.n_fft, extractor.hop_length, extractor.n_samples
        self.register_buffer("window", torch.hann_window(self.n_fft), persistent=False)
        self.register_buffer("mel_filters", torch.as_tensor(extractor.mel_filters, dtype=torch.float32).T.contiguous(),
                             persistent=False)

    @torch.no_grad()
    def forward(self, waves: torch.Tensor, lengths: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """waves [B, S] zero-padded, lengths [B] -> (input_features [B, mels, frames], feature_attention_mask)."""
        if waves.shape[1] > self.n_samples:
            raise ValueError(f"audio of {waves.shape[1]} samples exceeds the encoder's {self.n_samples}-sample window")
        waves = torch.nn.functional.pad(waves.float(), (0, self.n_samples - waves.shape[1]))
        stft = torch.stft(waves, self.n_fft, self.hop_length, window=self.window, return_complex=True)
        power = stft.real.square() + stft.imag.square()  # cheaper than |stft|**2 on complex tensors
        log_spec = torch.clamp(self.mel_filters @ power, min=1e-10).log10()[..., :-1]  # Whisper drops the last frame
        peak = log_spec.amax(dim=(1, 2), keepdim=True)
        features = (torch.maximum(log_spec, peak - 8.0) + 4.0) / 4.0
        frames = torch.arange(features.shape[-1], device=waves.device)
        mask = (frames[None, :] * self.hop_length < lengths[:, None]).long()
        return features, mask
