"""Tiny-model training step under Lightning vs. a plain PyTorch loop, and batched vs. one-by-one generation.

    python -m benchmarks.train_step [--out benchmarks/results/train_step.json] [--steps 8] [--repeats 3]

Both training paths run the same MixingAdvisor on the same pre-featurized batches (data loading excluded):
forward (answer-token loss), backward, AdamW step, scheduler step. Lightning's time per step is taken between
the start of the first timed batch and the end of the last, so its loop overhead between batches counts.
The two paths alternate `--repeats` times and the best of each is kept, so load from other processes hits both.
Generation decodes exactly `--new-tokens` tokens per answer (min = max) so both modes do the same work.
Targets: Lightning overhead <= 5 %, batched generation >= 5x the one-by-one throughput at batch 16.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import lightning as L
import torch
from torch.utils.data import DataLoader

from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.songs import SyntheticSongs
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import LoraSettings

WARMUP_STEPS = 2
GENERATION_BATCH = 16


class StepTimer(L.Callback):
    """Wall time from the start of batch `WARMUP_STEPS` to the end of the last batch."""

    def __init__(self) -> None:
        self.start, self.end = 0.0, 0.0

    def on_train_batch_start(self, trainer: L.Trainer, pl_module: L.LightningModule, batch: dict, i: int) -> None:
        if i == WARMUP_STEPS:
            self.start = time.perf_counter()

    def on_train_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, out: dict, batch: dict,
                           i: int) -> None:
        self.end = time.perf_counter()


def make_data(root: Path, chunk_s: float, batch_size: int) -> MixingDataModule:
    data = MixingDataModule(variant="anchor", anchor="drums", processor="tiny", chunk_s=chunk_s, hop_s=chunk_s,
                            source=SyntheticSongs(num_train=12, num_val=1, num_test=2, duration_s=4 * chunk_s),
                            batch_size=batch_size, eval_batch_size=GENERATION_BATCH, num_workers=0,
                            cache_dir=str(root / "stems"))
    data.setup("fit")
    data.setup("test")
    return data


def featurized(data: MixingDataModule, loader: DataLoader, count: int) -> list[dict]:
    batches = []
    for batch in loader:
        batches.append(data.on_after_batch_transfer(batch, 0))
        if len(batches) == count:
            return batches
    raise ValueError(f"the loader holds fewer than {count} batches")


def make_model(max_new_tokens: int) -> MixingAdvisor:
    lora = LoraSettings(r=16, alpha=32, dropout=0.0)
    model = MixingAdvisor(backbone="tiny", random_base=True, dtype="float32", lora=lora, learning_rate=1e-3,
                          warmup_steps=2, max_new_tokens=max_new_tokens)
    model.configure_model()
    return model


def _as_is(batch: dict) -> dict:
    return batch


def lightning_step_s(model: MixingAdvisor, batches: list[dict], root: Path) -> float:
    timer = StepTimer()
    trainer = L.Trainer(accelerator="cpu", devices=1, max_steps=len(batches), logger=False, callbacks=[timer],
                        enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
                        num_sanity_val_steps=0, limit_val_batches=0, default_root_dir=str(root))
    trainer.fit(model, train_dataloaders=DataLoader(batches, batch_size=None, collate_fn=_as_is))
    return (timer.end - timer.start) / (len(batches) - WARMUP_STEPS)


def plain_step_s(model: MixingAdvisor, batches: list[dict]) -> float:
    params = [p for p in model.model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=model.hparams.learning_rate)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / 2))
    model.train()
    start = 0.0
    for i, batch in enumerate(batches):
        if i == WARMUP_STEPS:
            start = time.perf_counter()
        loss = model(batch)
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
    return (time.perf_counter() - start) / (len(batches) - WARMUP_STEPS)


def single(batch: dict, i: int, clips: int) -> dict:
    """Example `i` of an evaluation batch on its own, without padding."""
    keep = batch["prompt_mask"][i].bool()
    rows = slice(i * clips, (i + 1) * clips)
    return {"prompt_ids": batch["prompt_ids"][i:i + 1, keep], "prompt_mask": batch["prompt_mask"][i:i + 1, keep],
            "input_features": batch["input_features"][rows], "feature_attention_mask": batch["feature_attention_mask"][rows]}


def generation_rates(model: MixingAdvisor, batch: dict, repeats: int) -> tuple[float, float]:
    """(batched, one-by-one) answers per second, best of `repeats`."""
    model.eval()
    model.generation_config.min_new_tokens = model.generation_config.max_new_tokens
    size = batch["prompt_ids"].shape[0]
    clips = batch["input_features"].shape[0] // size
    singles = [single(batch, i, clips) for i in range(size)]
    batched, one_by_one = float("inf"), float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        model.generate(batch)
        batched = min(batched, time.perf_counter() - start)
        start = time.perf_counter()
        for example in singles:
            model.generate(example)
        one_by_one = min(one_by_one, time.perf_counter() - start)
    return size / batched, size / one_by_one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/train_step.json"))
    parser.add_argument("--steps", type=int, default=8, help="timed training steps per repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--chunk-s", type=float, default=5.0)
    parser.add_argument("--new-tokens", type=int, default=32)
    args = parser.parse_args()
    L.seed_everything(0, verbose=False)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ.setdefault("MIXBUDDY_CACHE", str(root / "cache"))
        data = make_data(root, args.chunk_s, args.batch_size)
        train = [{k: v for k, v in batch.items() if torch.is_tensor(v) or k == "examples"}  # labels stay out
                 for batch in featurized(data, data.train_dataloader(), WARMUP_STEPS + args.steps)]
        evaluation = featurized(data, data.test_dataloader(), 1)[0]
        model = make_model(args.new_tokens)
        lightning_s, plain_s = float("inf"), float("inf")
        for _ in range(args.repeats):
            lightning_s = min(lightning_s, lightning_step_s(model, train, root))
            plain_s = min(plain_s, plain_step_s(model, train))
        batched, one_by_one = generation_rates(model, evaluation, args.repeats)
    result = {
        "training": {"lightning_step_s": lightning_s, "plain_step_s": plain_s,
                     "lightning_overhead": lightning_s / plain_s - 1, "target_overhead": 0.05,
                     "batch_size": args.batch_size, "chunk_s": args.chunk_s, "timed_steps": args.steps,
                     "repeats": args.repeats},
        "generation": {"batch_size": GENERATION_BATCH, "new_tokens": args.new_tokens,
                       "batched_answers_per_s": batched, "one_by_one_answers_per_s": one_by_one,
                       "speedup": batched / one_by_one, "target_speedup": 5.0},
        "machine": {"platform": platform.platform(), "torch": torch.__version__,
                    "torch_threads": torch.get_num_threads(), "cpus": os.cpu_count(),
                    "load_average": os.getloadavg()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
