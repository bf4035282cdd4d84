"""GPU check before a study: bf16 LoRA and QLoRA training steps and batched generation on the real-width
Qwen2-Audio (published widths, vocabulary 156032, 30 s window, random weights, `--layers` layers per stack).

    python -m benchmarks.gpu_realwidth [--layers 4] [--steps 5] [--batch 4] [--chunk-s 10] \
        [--out benchmarks/results/gpu_realwidth.json]

Reports tokens/s and peak GPU memory per mode, batched (16) vs one-by-one greedy generation throughput with the
token-for-token equality of their answers, and, with two or more GPUs, a 2-GPU DDP `fit` of the same model through
the CLI (return code and wall time). Compare the peaks with `python -m mixbuddy_pl.fitcheck` for the same settings.
On a machine without CUDA it prints why and exits with status 0, writing nothing.
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

from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import LoraSettings, load_model, load_processor
from mixbuddy_pl.model.batching import greedy_answers, mismatches, mixed_examples, model_batch
from mixbuddy_pl.model.realwidth import realwidth_dir

GENERATION_BATCH = 16


def train_steps(backbone: str, quantization: str | None, examples: list, steps: int) -> dict:
    """Time `steps` LoRA training steps (after one warm-up) on GPU 0; tokens/s and peak memory."""
    torch.cuda.reset_peak_memory_stats()
    model = load_model(backbone, lora=LoraSettings(), quantization=quantization, dtype="bfloat16",
                       gradient_checkpointing=True, device_map={"": 0})
    processor = load_processor(backbone)
    batch = model_batch(processor, examples, torch.device("cuda"))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    inputs = {k: batch[k] for k in ("input_ids", "attention_mask", "labels", "input_features",
                                    "feature_attention_mask")}
    inputs["input_features"] = inputs["input_features"].to(torch.bfloat16)
    for step in range(steps + 1):
        if step == 1:
            torch.cuda.synchronize()
            start = time.perf_counter()
        model(**inputs).loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    tokens = int(batch["attention_mask"].sum()) * steps
    result = {"quantization": quantization, "batch": len(examples), "steps": steps, "seconds": seconds,
              "tokens_per_s": tokens / seconds, "peak_gib": torch.cuda.max_memory_allocated() / 2**30}
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
    """A short 2-GPU DDP `fit` through the CLI on synthetic songs with the real-width model."""
    args = [sys.executable, "-m", "mixbuddy_pl", "fit", "--config", "configs/anchor.yaml", "--config",
            "configs/overlays/tiny.yaml", "--config", "configs/overlays/ddp.yaml", "--trainer.devices", "2",
            "--model.init_args.backbone", backbone, "--data.chunk_s", "10", "--data.hop_s", "10",
            "--data.batch_size", "2", "--trainer.limit_train_batches", "4", "--trainer.limit_val_batches", "1",
            "--trainer.max_epochs", "1", "--trainer.logger.init_args.save_dir", str(out)]
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    return {"returncode": result.returncode, "seconds": time.perf_counter() - start,
            "stderr_tail": result.stderr[-2000:] if result.returncode else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", type=int, default=4, help="layers per stack (the published model has 32)")
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--batch", type=int, default=4, help="training micro-batch")
    parser.add_argument("--chunk-s", type=float, default=10.0, help="clip length (data.chunk_s)")
    parser.add_argument("--out", default="benchmarks/results/gpu_realwidth.json")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        print("gpu_realwidth: no CUDA device on this machine; run it on a GPU node "
              "(see README, 'Before a study: check the GPU node')", file=sys.stderr)
        return
    backbone = str(realwidth_dir(layers=args.layers))
    processor = load_processor(backbone)
    train_examples = mixed_examples(processor, args.batch, (args.chunk_s,) * 2)
    report = {"device": torch.cuda.get_device_name(), "gpus": torch.cuda.device_count(), "layers": args.layers,
              "chunk_s": args.chunk_s, "train": [train_steps(backbone, q, train_examples, args.steps)
                                                 for q in (None, "nf4")],
              "generation": generation(backbone, mixed_examples(processor, 2 * GENERATION_BATCH,
                                                                (args.chunk_s, args.chunk_s / 2)))}
    if torch.cuda.device_count() >= 2:
        report["ddp_2gpu"] = ddp_fit(backbone, Path(os.environ.get("TMPDIR", "/tmp")) / "gpu_realwidth_ddp")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
