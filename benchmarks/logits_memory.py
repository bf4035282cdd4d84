"""Peak activation memory of one training step on the real-width Qwen2-Audio on the CPU, with the LM head on every
position (the model's own forward) vs on the answer tokens only (`model/logits.py`, as MixingAdvisor trains):

    python -m benchmarks.logits_memory [--length 1600] [--answer 17] [--out benchmarks/results/logits_memory.json]

The model has the published widths and vocabulary (156,032) with one layer per stack and random bf16 weights, LoRA
r16 with fp32 weights, gradient checkpointing on; `model.memory.PeakMemory` records the largest total of tensors alive
at once during forward + backward (parameters excluded). Reports both peaks, their difference and both losses.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
from transformers import Qwen2AudioForConditionalGeneration

from mixbuddy_pl.backbones.published import published_config
from mixbuddy_pl.model.memory import GIB, step_peak
from mixbuddy_pl.model.backbone import GRADIENT_CHECKPOINTING_KWARGS, LoraSettings, upcast_trainable, wrap_lora


def realwidth_lora(layers: int) -> torch.nn.Module:
    """The random real-width model in bf16 (built in memory, seed 0) with fp32 LoRA and checkpointing, training."""
    torch.manual_seed(0)
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.bfloat16)
    try:
        model = Qwen2AudioForConditionalGeneration(published_config(text_layers=layers, audio_layers=layers))
    finally:
        torch.set_default_dtype(default)
    model = wrap_lora(model, LoraSettings(dropout=0.0))
    upcast_trainable(model)
    model.get_base_model().activation_checkpointing_enable(activation_checkpointing_kwargs=GRADIENT_CHECKPOINTING_KWARGS)
    return model.train()


def measure(model: torch.nn.Module, length: int, answer: int, full_logits: bool) -> dict:
    """Peak GiB, loss and seconds of one forward + backward on a random sequence whose last `answer` tokens are
    labelled."""
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(0, 150_000, (1, length), generator=generator)
    mask = torch.ones(1, length, dtype=torch.long)
    labels = torch.full((1, length), -100)
    labels[0, -answer:] = ids[0, -answer:]
    model.zero_grad(set_to_none=True)
    start = time.perf_counter()
    peak, loss = step_peak(model, labels, full_logits, input_ids=ids, attention_mask=mask)
    return {"peak_gib": peak / GIB, "loss": loss.item(), "seconds": time.perf_counter() - start}


def main(argv: list[str] | None = None) -> None:
    """Measure both paths and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--length", type=int, default=1600, help="tokens (1600: a 30 s anchor pair)")
    parser.add_argument("--answer", type=int, default=17, help="labelled tokens")
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--out", default="benchmarks/results/logits_memory.json")
    args = parser.parse_args(argv)
    model = realwidth_lora(args.layers)
    report = {"length": args.length, "answer": args.answer, "layers": args.layers,
              "answer_only": measure(model, args.length, args.answer, False),
              "every_position": measure(model, args.length, args.answer, True)}
    report["saved_gib"] = report["every_position"]["peak_gib"] - report["answer_only"]["peak_gib"]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
