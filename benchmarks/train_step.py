"""The tiny model's training step against the machine's own peak, Lightning vs. a plain loop, and generation.

    python -m benchmarks.train_step [--out benchmarks/results/train_step.json] [--steps 8] [--repeats 3] [--baseline]

One run measures, on the threads torch uses (`OMP_NUM_THREADS`):
- peak: the fp32 matmul rate of a large square GEMM (`--gemm-size`), best of 10;
- profile: the step's FLOPs counted by `torch.utils.flop_counter` and its time, per phase (forward, backward,
  optimizer) and part (audio tower + projector, language model, LM head + loss, the rest, and data: mixing and
  collating a batch, then its log-mel features), each as achieved FLOP/s / peak and as a share of the step;
- training: the step of a plain PyTorch loop and of Lightning on the same pre-featurized batches (overhead ratio),
  and the plain step with each optimizer setting, with one thread and with one per CPU, and with the model
  compiled (inductor), each as a ratio to the configured baseline (foreach AdamW, eager, torch's threads);
  all timed paths alternate `--repeats` times and keep their best, so load from other processes hits them alike;
- generation: batched vs one-by-one greedy answers (exactly `--new-tokens` each);
- with `--baseline`: the same profile, on the same songs, for the tiny model built at Whisper's 10 ms mel frames
  (as before issue 23: 125 audio tokens a 5 s clip instead of 62), and the ratios of the two steps and parts.
The optimizer's FLOPs are not counted (no matmuls): its figure uses 12 elementwise FLOPs per parameter (AdamW).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import lightning as L
import torch
from torch.utils.data import DataLoader
from torch.utils.flop_counter import FlopCounterMode

from mixbuddy_pl.backbones.tiny import SETTINGS, build_tiny
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.songs import SyntheticSongs
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.model.backbone import LoraSettings

WARMUP_STEPS = 2
GENERATION_BATCH = 16
ADAMW_FLOPS_PER_PARAM = 12  # m, v updates, bias corrections, sqrt, divide, weight decay and the update itself
PARTS = {"audio": ("audio_tower", "multi_modal_projector"), "language_model": ("language_model",),
         "lm_head_loss": ("lm_head",)}
OPTIMIZERS = {"foreach": {"foreach": True}, "fused": {"fused": True}, "for_loop": {"foreach": False}}
WHISPER_FRAMES = {**SETTINGS, "features": {**SETTINGS["features"], "hop_length": 160},  # the build before issue 23
                  "audio": {**SETTINGS["audio"], "max_source_positions": 250}}


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


def make_data(root: Path, chunk_s: float, batch_size: int, backbone: str = "tiny") -> MixingDataModule:
    data = MixingDataModule(variant="anchor", anchor="drums", processor=backbone, chunk_s=chunk_s, hop_s=chunk_s,
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


def make_model(max_new_tokens: int, backbone: str = "tiny") -> MixingAdvisor:
    lora = LoraSettings(r=16, alpha=32, dropout=0.0)
    model = MixingAdvisor(backbone=backbone, random_base=True, dtype="float32", lora=lora, learning_rate=1e-3,
                          warmup_steps=2, max_new_tokens=max_new_tokens)
    model.configure_model()
    return model


def _as_is(batch: dict) -> dict:
    return batch


def gemm_peak(size: int, tries: int = 10) -> float:
    """fp32 FLOP/s of a `size`-square matmul on torch's threads, best of `tries` (after one warm-up)."""
    a, b = torch.randn(size, size), torch.randn(size, size)
    a @ b
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best


def optimizer_for(model: MixingAdvisor, settings: dict) -> torch.optim.Optimizer:
    """The step's optimizer: AdamW over the trainable parameters with `settings` (foreach/fused)."""
    params = [p for p in model.model.parameters() if p.requires_grad]
    return torch.optim.AdamW(params, lr=model.learning_rate, weight_decay=model.hparams.weight_decay, **settings)


def lightning_step_s(model: MixingAdvisor, batches: list[dict], root: Path) -> float:
    timer = StepTimer()
    trainer = L.Trainer(accelerator="cpu", devices=1, max_steps=len(batches), logger=False, callbacks=[timer],
                        enable_checkpointing=False, enable_progress_bar=False, enable_model_summary=False,
                        num_sanity_val_steps=0, limit_val_batches=0, default_root_dir=str(root))
    trainer.fit(model, train_dataloaders=DataLoader(batches, batch_size=None, collate_fn=_as_is))
    return (timer.end - timer.start) / (len(batches) - WARMUP_STEPS)


def plain_step_s(loss_of: Callable[[dict], torch.Tensor], optimizer: torch.optim.Optimizer,
                 batches: list[dict]) -> float:
    """Seconds per step of forward, backward, optimizer step and zero_grad (after `WARMUP_STEPS` untimed)."""
    start = 0.0
    for i, batch in enumerate(batches):
        if i == WARMUP_STEPS:
            start = time.perf_counter()
        loss_of(batch).backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    return (time.perf_counter() - start) / (len(batches) - WARMUP_STEPS)


def part_modules(model: MixingAdvisor) -> dict[str, list[torch.nn.Module]]:
    """The outermost modules of each part (PEFT wrappers included), by their attribute name."""
    found: dict[str, list[torch.nn.Module]] = {part: [] for part in PARTS}
    taken: list[str] = []
    for name, module in model.model.named_modules():
        leaf = name.rsplit(".", 1)[-1]
        for part, leaves in PARTS.items():
            if leaf in leaves and not any(name.startswith(t + ".") for t in taken):
                found[part].append(module)
                taken.append(name)
    missing = [part for part, modules in found.items() if not modules]
    if missing:
        raise RuntimeError(f"no module found for {missing} in {type(model.model).__name__}")
    return found


def _first_grad_tensor(value: object) -> torch.Tensor | None:
    """The first tensor requiring grad in a module's output or inputs (tensor, tuple, dict or ModelOutput)."""
    if torch.is_tensor(value):
        return value if value.requires_grad else None
    items = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) else ()
    return next((t for t in map(_first_grad_tensor, items) if t is not None), None)


class PartClock:
    """Which part of the model runs now, and when each part's forward and backward start and end.

    Forward: module hooks. Backward runs from the loss down, followed by gradient hooks: LM head + loss until
    the language model's output gradient is ready, the language model until its input embeddings' gradient is,
    the rest (merging audio into the text embeddings) until the audio projector's output gradient is, the
    audio tower from there to the end. `current` names the part running, for `PartFlops`.
    """

    AFTER = {"audio": "other", "language_model": "other", "lm_head_loss": "lm_head_loss"}  # the loss follows the head
    BACKWARD = {"bwd_language_model_out": "language_model", "bwd_language_model_in": "other",
                "bwd_audio_out": "audio"}

    def __init__(self, model: MixingAdvisor) -> None:
        self.marks: dict[str, float] = {}
        self.current = "other"
        self.handles = []
        modules = part_modules(model)
        for part, group in modules.items():
            self.handles.append(group[0].register_forward_pre_hook(self._enter(part)))
            self.handles.append(group[-1].register_forward_hook(self._watch_output(part)))
        self.handles.append(modules["language_model"][0].register_forward_pre_hook(self._watch_input, with_kwargs=True))

    def _enter(self, part: str) -> Callable:
        def hook(*_: object) -> None:
            self.marks[f"fwd_{part}_start"], self.current = time.perf_counter(), part
        return hook

    def _mark(self, key: str) -> Callable:
        def hook(*_: object) -> None:
            self.marks[key], self.current = time.perf_counter(), self.BACKWARD[key]
        return hook

    def _watch_output(self, part: str) -> Callable:
        def hook(module: torch.nn.Module, args: tuple, output: object) -> None:
            self.marks[f"fwd_{part}_end"], self.current = time.perf_counter(), self.AFTER[part]
            tensor = _first_grad_tensor(output)
            if tensor is not None and part != "lm_head_loss":
                tensor.register_hook(self._mark(f"bwd_{part}_out"))
        return hook

    def _watch_input(self, module: torch.nn.Module, args: tuple, kwargs: dict) -> None:
        tensor = _first_grad_tensor((args, kwargs))
        if tensor is not None:
            tensor.register_hook(self._mark("bwd_language_model_in"))

    def step(self, loss_of: Callable[[dict], torch.Tensor], optimizer: torch.optim.Optimizer,
             batch: dict) -> dict[str, dict[str, float]]:
        """One training step, as seconds per phase and part."""
        self.marks.clear()
        t0 = time.perf_counter()
        self.current = "other"
        loss = loss_of(batch)
        t1 = time.perf_counter()
        self.current = "lm_head_loss"
        loss.backward()
        t2 = time.perf_counter()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        t3 = time.perf_counter()
        m = self.marks
        spans = {part: m[f"fwd_{part}_end"] - m[f"fwd_{part}_start"] for part in PARTS}
        spans["lm_head_loss"] += t1 - m["fwd_lm_head_loss_end"]
        forward = {**spans, "other": (t1 - t0) - sum(spans.values())}
        backward = {"lm_head_loss": m["bwd_language_model_out"] - t1,
                    "language_model": m["bwd_language_model_in"] - m["bwd_language_model_out"],
                    "other": m["bwd_audio_out"] - m["bwd_language_model_in"],
                    "audio": t2 - m["bwd_audio_out"]}
        return {"forward": forward, "backward": backward, "optimizer": {"all": t3 - t2}}

    def remove(self) -> None:
        for handle in self.handles:
            handle.remove()


class PartFlops(FlopCounterMode):
    """`FlopCounterMode` that also books every counted op to the part `clock` says is running."""

    def __init__(self, clock: PartClock) -> None:
        super().__init__(display=False)
        self.clock = clock
        self.by_part = {part: 0 for part in [*PARTS, "other"]}

    def _count_flops(self, func_packet, out, args, kwargs):  # noqa: ANN001, ANN202 (torch's private hook)
        before = self.get_total_flops()
        out = super()._count_flops(func_packet, out, args, kwargs)
        self.by_part[self.clock.current] += self.get_total_flops() - before
        return out


def counted_flops(model: MixingAdvisor, clock: PartClock, batch: dict) -> dict[str, dict[str, float]]:
    """Matmul/conv FLOPs of one step per phase and part."""
    clock.current = "other"
    with PartFlops(clock) as forward:
        loss = model(batch)
    clock.current = "lm_head_loss"
    with PartFlops(clock) as backward:
        loss.backward()
    model.model.zero_grad(set_to_none=True)
    trainable = sum(p.numel() for p in model.model.parameters() if p.requires_grad)
    return {"forward": forward.by_part, "backward": backward.by_part,
            "optimizer": {"all": float(ADAMW_FLOPS_PER_PARAM * trainable)}}


def data_seconds(data: MixingDataModule, count: int) -> dict[str, float]:
    """Seconds per batch to mix and collate it (one process), then to compute its log-mel features."""
    loader = iter(data.train_dataloader())
    mix, features = float("inf"), float("inf")
    for _ in range(count):
        start = time.perf_counter()
        batch = next(loader)
        middle = time.perf_counter()
        data.on_after_batch_transfer(batch, 0)
        end = time.perf_counter()
        mix, features = min(mix, middle - start), min(features, end - middle)
    return {"mix_collate": mix, "log_mel": features}


def profile(runs: list[tuple[MixingAdvisor, MixingDataModule, list[dict]]], peak: float, repeats: int) -> list[dict]:
    """Per (model, data, batches): best seconds per phase/part over the batches, with counted FLOPs, achieved/peak
    and share of the step; the runs alternate every repeat, so load from other processes hits them alike."""
    clocks = [(PartClock(model), optimizer_for(model, {})) for model, _, _ in runs]
    bests: list[dict[str, dict[str, float]]] = [{} for _ in runs]
    for _ in range(repeats):
        for (model, _, batches), (clock, optimizer), best in zip(runs, clocks, bests):
            for batch in batches[WARMUP_STEPS:]:
                for phase, parts in clock.step(model, optimizer, batch).items():
                    for part, seconds in parts.items():
                        best.setdefault(phase, {})[part] = min(best.get(phase, {}).get(part, float("inf")), seconds)
    return [table(model, data, batches, clock, best, peak, repeats)
            for (model, data, batches), (clock, _), best in zip(runs, clocks, bests)]


def table(model: MixingAdvisor, data: MixingDataModule, batches: list[dict], clock: PartClock,
          best: dict[str, dict[str, float]], peak: float, repeats: int) -> dict:
    """One run's profile from its best seconds: counted FLOPs, data seconds, achieved/peak, share of the step."""
    flops = counted_flops(model, clock, batches[-1])
    clock.remove()
    best["data"] = data_seconds(data, repeats + WARMUP_STEPS)
    flops["data"] = {part: 0.0 for part in best["data"]}  # the STFT and mel matmul are not counted
    step_s = sum(s for phase in best.values() for s in phase.values())
    phases = {phase: {part: {"seconds": s, "gflops": flops[phase][part] / 1e9,
                             "share_of_step": s / step_s,
                             "share_of_peak": flops[phase][part] / s / peak if s > 0 else 0.0}
                      for part, s in parts.items()}
              for phase, parts in best.items()}
    total_flops = sum(f for phase in flops.values() for f in phase.values())
    return {"step_s": step_s, "gflops": total_flops / 1e9, "share_of_peak": total_flops / step_s / peak,
            "sequence": list(batches[0]["input_ids"].shape), "phases": phases}


def training(model: MixingAdvisor, batches: list[dict], root: Path, repeats: int, with_compile: bool) -> dict:
    """Plain loop vs. Lightning, and each optimizer setting (and compile), interleaved, best of `repeats`."""
    model.train()
    best = {"lightning": float("inf"), **{f"plain_{name}": float("inf") for name in OPTIMIZERS}}
    optimizers = {name: optimizer_for(model, settings) for name, settings in OPTIMIZERS.items()}
    configured = torch.get_num_threads()
    threads = sorted({1, os.cpu_count() or 1} - {configured})
    best.update({f"plain_{n}_threads": float("inf") for n in threads})
    for _ in range(repeats):
        best["lightning"] = min(best["lightning"], lightning_step_s(model, batches, root))
        model.train()
        for name, optimizer in optimizers.items():
            best[f"plain_{name}"] = min(best[f"plain_{name}"], plain_step_s(model, optimizer, batches))
        for n in threads:
            torch.set_num_threads(n)
            best[f"plain_{n}_threads"] = min(best[f"plain_{n}_threads"],
                                             plain_step_s(model, optimizers["foreach"], batches))
            torch.set_num_threads(configured)
    result = {"step_s": best, "lightning_overhead": best["lightning"] / best["plain_foreach"] - 1,
              "target_overhead": 0.05,
              "optimizer_ratio": {name: best[f"plain_{name}"] / best["plain_foreach"] for name in OPTIMIZERS},
              "threads_ratio": {n: best[f"plain_{n}_threads"] / best["plain_foreach"] for n in threads}}
    if with_compile:
        start = time.perf_counter()
        compiled = torch.compile(model.model)
        eager = model.model
        model.model = compiled
        plain_step_s(model, optimizers["foreach"], batches[:WARMUP_STEPS + 1])  # compiles forward and backward
        compile_s = time.perf_counter() - start
        compiled_s, eager_s = float("inf"), float("inf")
        for _ in range(repeats):
            model.model = compiled
            compiled_s = min(compiled_s, plain_step_s(model, optimizers["foreach"], batches))
            model.model = eager
            eager_s = min(eager_s, plain_step_s(model, optimizers["foreach"], batches))
        result["compile"] = {"compile_s": compile_s, "compiled_step_s": compiled_s, "eager_step_s": eager_s,
                             "ratio": compiled_s / eager_s,
                             "break_even_steps": compile_s / max(eager_s - compiled_s, 1e-9)}
    return result


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


def train_batches(data: MixingDataModule, steps: int) -> list[dict]:
    """`WARMUP_STEPS + steps` featurized training batches (labels stay out)."""
    return [{k: v for k, v in batch.items() if torch.is_tensor(v) or k == "examples"}
            for batch in featurized(data, data.train_dataloader(), WARMUP_STEPS + steps)]


def whisper_frames_run(root: Path, args: argparse.Namespace) -> tuple[MixingAdvisor, MixingDataModule, list[dict]]:
    """The tiny model built at Whisper's 10 ms mel frames (before issue 23), its data and batches (same songs)."""
    backbone = str(build_tiny(root / "tiny-10ms", settings=WHISPER_FRAMES))
    L.seed_everything(0, verbose=False)
    data = make_data(root, args.chunk_s, args.batch_size, backbone)
    batches = train_batches(data, args.steps)
    model = make_model(args.new_tokens, backbone)
    model.train()
    return model, data, batches


def against(current: dict, before: dict) -> dict:
    """Ratios current / before of the step, its FLOPs and each part's seconds."""
    parts = {f"{phase}/{part}": current["phases"][phase][part]["seconds"] / s["seconds"]
             for phase, table in before["phases"].items() for part, s in table.items() if s["seconds"] > 0}
    return {"settings": {"hop_length": 160, "max_source_positions": 250}, "profile": before,
            "step_ratio": current["step_s"] / before["step_s"], "gflops_ratio": current["gflops"] / before["gflops"],
            "part_ratio": parts}


@contextmanager
def scratch() -> Iterator[Path]:
    """A temporary root, also the cache of the tiny model and stems unless MIXBUDDY_CACHE is set."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("MIXBUDDY_CACHE", str(Path(tmp) / "cache"))
        yield Path(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/train_step.json"))
    parser.add_argument("--steps", type=int, default=8, help="timed training steps per repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--chunk-s", type=float, default=5.0)
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--gemm-size", type=int, default=1024)
    parser.add_argument("--compile", action="store_true", help="also time the plain step compiled by inductor")
    parser.add_argument("--baseline", action="store_true",
                        help="also profile the tiny model at Whisper's 10 ms mel frames (before issue 23)")
    args = parser.parse_args()
    L.seed_everything(0, verbose=False)
    with scratch() as root:
        data = make_data(root, args.chunk_s, args.batch_size)
        train = train_batches(data, args.steps)
        evaluation = featurized(data, data.test_dataloader(), 1)[0]
        model = make_model(args.new_tokens)
        peak = gemm_peak(args.gemm_size)
        model.train()
        runs = [(model, data, train), *([whisper_frames_run(root, args)] if args.baseline else [])]
        step_profile, *before = profile(runs, peak, args.repeats)
        baseline = against(step_profile, before[0]) if before else None
        timing = training(model, train, root, args.repeats, args.compile)
        batched, one_by_one = generation_rates(model, evaluation, args.repeats)
    result = {
        "peak": {"gemm_gflops": peak / 1e9, "gemm_size": args.gemm_size},
        "profile": step_profile,
        **({"baseline": baseline} if baseline else {}),
        "training": {**timing, "batch_size": args.batch_size, "chunk_s": args.chunk_s,
                     "sequence": list(train[0]["input_ids"].shape), "timed_steps": args.steps,
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
