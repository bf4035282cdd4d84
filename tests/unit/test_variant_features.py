"""The linear probe of benchmarks/variant_features.py: it finds a direction that is there and none that is not."""

from __future__ import annotations

import torch

from benchmarks.variant_features import probe


def test_probe_reads_a_linear_direction_and_not_noise() -> None:
    generator = torch.Generator().manual_seed(0)
    labels = torch.arange(300) % 3
    train = torch.arange(300) < 225
    signal = torch.nn.functional.one_hot(labels, 3).float() * 2 + torch.randn(300, 3, generator=generator) * 0.5
    noise = torch.randn(300, 8, generator=generator)
    assert probe(torch.cat([signal, noise], 1), labels, train) > 0.9
    assert probe(noise, labels, train) < 0.55  # chance is 1/3
