"""GPU check before a study: bf16 LoRA and QLoRA training steps and batched generation on the real-width
Qwen2-Audio (published widths, vocabulary 156032, 30 s window, random weights, `--layers` layers per stack).

    python -m benchmarks.gpu_realwidth [--layers 4] [--steps 5] [--batch 4] [--chunk-s 10] \
        [--out benchmarks/results/gpu_realwidth.json]

Reports tokens/s, model FLOPs utilisation and peak GPU memory per mode, batched (16) vs one-by-one greedy
generation throughput with the token-for-token equality of their answers, and, with two or more GPUs, a 2-GPU DDP
`fit` of the same model through the CLI on the LoRA path a study trains (pretrained-style base: LoRA only, gradient
checkpointing, bf16-true), with return code and wall time. Compare the peaks with `python -m mixbuddy_pl.fitcheck`.

MFU counts the model FLOPs of a step, not the hardware's: for the frozen base 4 N per token (forward 2 N, backward
2 N for the activations' gradients, none for frozen weights), 6 N for the trainable LoRA weights, plus 2 N per
token for the recompute of gradient checkpointing (stated separately: `recompute_flops`); attention 4 d L^2 per
layer and sequence forward (QK^T and AV, causal masking not discounted), twice that backward, once more with
recompute; the LM head only on the labelled tokens (as training computes it); the frozen audio encoder's forward.
The peak is the GPU's dense bf16 tensor-core rate (`PEAK_BF16`, or `--peak-tflops`).
On a machine without CUDA it prints why and exits with status 1 (a scripted node check fails on the wrong node);
`--allow-no-cuda` makes that status 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import torch

from mixbuddy_pl.backbones.hub import load_processor
from mixbuddy_pl.backbones.realwidth import realwidth_dir
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import LoraSettings, load_model, upcast_trainable
from mixbuddy_pl.model.batching import greedy_answers, mismatches, mixed_examples, model_batch
from mixbuddy_pl.model.logits import answer_loss, causal_lm

GENERATION_BATCH = 16
# Dense bf16 tensor-core peak (no sparsity), FLOP/s, by a substring of torch.cuda.get_device_name().
PEAK_BF16 = {"H200": 989e12, "H100": 989e12, "A100": 312e12, "L40S": 362e12, "A6000": 155e12, "4090": 165e12,
             "3090": 71e12}


def step_flops(*, frozen: int, trainable: int, tokens: int, sequence_sq: int, layers: int, hidden: int,
               head_tokens: int, vocab: int, audio_params: int, audio_frames: int, checkpointing: bool) -> dict:
    """Model FLOPs of one training step (see the module docstring): `tokens` language-model tokens in all
    sequences, `sequence_sq` the sum of squared sequence lengths, `head_tokens` labelled tokens."""
    linear = (4 * frozen + 6 * trainable) * tokens
    attention = 12 * layers * hidden * sequence_sq
    head = 4 * hidden * vocab * head_tokens  # frozen head: forward and the activations' gradient
    audio = 2 * audio_params * audio_frames
    recompute = (2 * (frozen + trainable) * tokens + 4 * layers * hidden * sequence_sq) if checkpointing else 0
    return {"model_flops": linear + attention + head + audio, "recompute_flops": recompute,
            "attention_flops": attention}


def mfu(flops: float, seconds: float, peak: float) -> float:
    """Model FLOPs utilisation: achieved model FLOP/s over the peak."""
    return flops / seconds / peak


def peak_flops(device_name: str, override_tflops: float | None) -> float | None:
    """The bf16 peak of this GPU (FLOP/s), from `--peak-tflops` or PEAK_BF16; None when unknown."""
    if override_tflops:
        return override_tflops * 1e12
    return next((peak for key, peak in PEAK_BF16.items() if key in device_name), None)


def batch_flops(model: torch.nn.Module, batch: dict, checkpointing: bool) -> dict:
    """`step_flops` for `model` (a PeftModel of Qwen2-Audio) on a collated batch."""
    lm = causal_lm(model)
    text = lm.config.text_config
    language = [p for p in lm.model.language_model.layers.parameters()]
    lengths = batch["attention_mask"].sum(1)
    return step_flops(frozen=sum(p.numel() for p in language if not p.requires_grad),
                      trainable=sum(p.numel() for p in language if p.requires_grad),
                      tokens=int(lengths.sum()), sequence_sq=int((lengths**2).sum()), layers=text.num_hidden_layers,
                      hidden=text.hidden_size, head_tokens=int((batch["labels"] != -100).sum()),
                      vocab=text.vocab_size, audio_params=sum(p.numel() for p in lm.model.audio_tower.parameters()),
                      audio_frames=int(batch["input_features"].shape[0] * batch["input_features"].shape[-1] // 2),
                      checkpointing=checkpointing)


def train_steps(backbone: str, quantization: str | None, examples: list, steps: int, peak: float | None) -> dict:
    """Time `steps` LoRA training steps (after one warm-up) on GPU 0 through the loss a study trains with (LM head on
    the answer tokens); tokens/s, MFU and peak memory."""
    torch.cuda.reset_peak_memory_stats()
    model = load_model(backbone, lora=LoraSettings(), quantization=quantization, dtype="bfloat16",
                       gradient_checkpointing=True, device_map={"": 0})
    upcast_trainable(model)  # fp32 LoRA weights and AdamW state, as MixingAdvisor trains under bf16-true
    model.train()
    processor = load_processor(backbone)
    batch = model_batch(processor, examples, torch.device("cuda"))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    inputs = {k: batch[k] for k in ("input_ids", "attention_mask", "input_features", "feature_attention_mask")}
    inputs["input_features"] = inputs["input_features"].to(torch.bfloat16)
    for step in range(steps + 1):
        if step == 1:
            torch.cuda.synchronize()
            start = time.perf_counter()
        answer_loss(model, batch["labels"], **inputs).backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    tokens = int(batch["attention_mask"].sum()) * steps
    flops = batch_flops(model, batch, checkpointing=True)
    result = {"quantization": quantization, "batch": len(examples), "steps": steps, "seconds": seconds,
              "tokens_per_s": tokens / seconds, "peak_gib": torch.cuda.max_memory_allocated() / 2**30, **flops,
              "mfu": mfu(flops["model_flops"] * steps, seconds, peak) if peak else None,
              "mfu_with_recompute": (mfu((flops["model_flops"] + flops["recompute_flops"]) * steps, seconds, peak)
                                     if peak else None)}
    del model, optimizer
    torch.cuda.empty_cache()
    return result


def generation(backbone: str, examples: list) -> dict:
    """Greedy answers one by one and `GENERATION_BATCH` at a time: answers/s each, and whether they agree."""
    advisor = MixingAdvisor(backbone=backbone, lora=None, dtype="bfloat16", max_new_tokens=32)
    advisor.configure_model()
    advisor.model.to("cuda").eval()
    timings, answers = {}, {}
    for size in (1, GENERATION_BATCH):
        torch.cuda.synchronize()
        start = time.perf_counter()
        answers[size] = greedy_answers(advisor, examples, size)
        torch.cuda.synchronize()
        timings[size] = time.perf_counter() - start
    differ = mismatches(answers[1], answers[GENERATION_BATCH])
    return {"examples": len(examples), "one_by_one_answers_per_s": len(examples) / timings[1],
            "batched_answers_per_s": len(examples) / timings[GENERATION_BATCH],
            "speedup": timings[1] / timings[GENERATION_BATCH], "identical_answers": len(examples) - len(differ),
            "differing_examples": differ}


def ddp_fit(backbone: str, out: Path) -> dict:
    """A short 2-GPU DDP `fit` through the CLI on synthetic songs with the real-width model, on the LoRA path a study
    trains: no `random_base` (LoRA only, the pretrained learning rate), gradient checkpointing, bf16-true."""
    args = [sys.executable, "-m", "mixbuddy_pl", "fit", "--config", "configs/anchor.yaml", "--config",
            "configs/overlays/tiny.yaml", "--config", "configs/overlays/ddp.yaml", "--trainer.devices", "2",
            "--model.init_args.backbone", backbone, "--model.init_args.random_base", "false",
            "--model.init_args.gradient_checkpointing", "true", "--data.chunk_s", "10", "--data.hop_s", "10",
            "--data.batch_size", "2", "--trainer.limit_train_batches", "4", "--trainer.limit_val_batches", "1",
            "--trainer.max_epochs", "1", "--trainer.logger.init_args.save_dir", str(out)]
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    return {"returncode": result.returncode, "seconds": time.perf_counter() - start,
            "stderr_tail": result.stderr[-2000:] if result.returncode else ""}


def main(argv: list[str] | None = None) -> None:
    """Run the checks and write the JSON report; exit 1 without CUDA unless `--allow-no-cuda`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", type=int, default=4, help="layers per stack (the published model has 32)")
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--batch", type=int, default=4, help="training micro-batch")
    parser.add_argument("--chunk-s", type=float, default=10.0, help="clip length (data.chunk_s)")
    parser.add_argument("--out", default="benchmarks/results/gpu_realwidth.json")
    parser.add_argument("--peak-tflops", type=float, help="the GPU's dense bf16 peak, if not in PEAK_BF16")
    parser.add_argument("--allow-no-cuda", action="store_true", help="exit 0 on a machine without CUDA")
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print("gpu_realwidth: no CUDA device on this machine; run it on a GPU node "
              "(see docs/gpu.md, 'Before a study: check the GPU node')", file=sys.stderr)
        if not args.allow_no_cuda:
            sys.exit(1)
        return
    backbone = str(realwidth_dir(layers=args.layers))
    processor = load_processor(backbone)
    train_examples = mixed_examples(processor, args.batch, (args.chunk_s,) * 2)
    peak = peak_flops(torch.cuda.get_device_name(), args.peak_tflops)
    report = {"device": torch.cuda.get_device_name(), "gpus": torch.cuda.device_count(), "layers": args.layers,
              "chunk_s": args.chunk_s, "peak_bf16_flops": peak,
              "train": [train_steps(backbone, q, train_examples, args.steps, peak) for q in (None, "nf4")],
              "generation": generation(backbone, mixed_examples(processor, 2 * GENERATION_BATCH,
                                                                (args.chunk_s, args.chunk_s / 2)))}
    if torch.cuda.device_count() >= 2:
        report["ddp_2gpu"] = ddp_fit(backbone, Path(os.environ.get("TMPDIR", "/tmp")) / "gpu_realwidth_ddp")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
