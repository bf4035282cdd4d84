"""Data throughput on one CPU core: on-the-fly examples vs pre-rendered wav files, collate, Whisper log-mel.

    python -m benchmarks.data_throughput [--out benchmarks/results/data_throughput.json] [--n 300] [--repeats 5]

Uses the embedded synthetic songs and the tiny processor (offline), with clips as long as its audio window
(5 s); writes everything under a temp dir except the JSON result. Examples carry the default level jitter.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile as sf
import torch

from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.dataset import MixingDataset
from mixbuddy_pl.data.features import LogMel, window_s
from mixbuddy_pl.data.songs import SyntheticSongs
from mixbuddy_pl.data.tasks import Example

VARIANTS = ("anchor", "no_anchor", "differential")
TARGET_PER_CORE = 200.0
REPEATS = 5


def rate(work: Callable[[], object], count: int, repeats: int = REPEATS) -> float:
    """Best items/s over `repeats` runs of `work` (which handles `count` items)."""
    return rates([work], count, repeats)[0]


def rates(works: list[Callable[[], object]], count: int, repeats: int = REPEATS) -> list[float]:
    """Best items/s of each of `works`, run in turn `repeats` times so that load from other processes hits all."""
    best = [float("inf")] * len(works)
    for _ in range(repeats):
        best = [min(b, _seconds(work)) for b, work in zip(best, works)]
    return [count / b for b in best]


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def examples(dataset: MixingDataset, n: int) -> list[Example]:
    return [dataset[(0, i % len(dataset))] for i in range(n)]


def pre_render(items: list[Example], folder: Path) -> list[Path]:
    """The offline approach: each example's audios as float WAV plus its text as JSON."""
    folders = []
    for n, example in enumerate(items):
        path = folder / f"{n:05d}"
        path.mkdir(parents=True)
        for k, clip in enumerate(example.audios, start=1):
            sf.write(path / f"audio_{k}.wav", clip, 16_000, subtype="FLOAT")
        (path / "example.json").write_text(json.dumps(example.to_json()))
        folders.append(path)
    return folders


def load_rendered(folders: list[Path]) -> list[tuple[list[np.ndarray], dict]]:
    return [([sf.read(p, dtype="float32")[0] for p in sorted(f.glob("audio_*.wav"))],
             json.loads((f / "example.json").read_text())) for f in folders]


def variant_figures(dm: MixingDataModule, n: int, work: Path, repeats: int) -> dict:
    dataset = dm.build("train")
    examples(dataset, 20)  # warm the page cache and the memory maps
    folders = pre_render(examples(dataset, n), work / dm.variant)
    load_rendered(folders)
    on_the_fly, pre_rendered = rates([lambda: examples(dataset, n), lambda: load_rendered(folders)], n, repeats)
    items = examples(dataset, 64)
    collator = QwenAudioCollator(dm.processor, with_prompts=False)
    collate = rate(lambda: [collator(items[i:i + 8]) for i in range(0, 64, 8)], 64, repeats)
    return {
        "on_the_fly_examples_per_s": round(on_the_fly, 1),
        "pre_rendered_examples_per_s": round(pre_rendered, 1),
        "on_the_fly_over_pre_rendered": round(on_the_fly / pre_rendered, 2),
        "collate_examples_per_s": round(collate, 1),
        "audios_per_example": len(items[0].audios),
        "meets_200_per_core": on_the_fly >= TARGET_PER_CORE,
        "at_least_as_fast_as_pre_rendered": on_the_fly >= pre_rendered,
    }


def log_mel_figures(processor, chunk_s: float, repeats: int, batch: int = 16) -> dict:
    """ms per clip of `chunk_s`: the processor's extractor one clip at a time vs our batched LogMel."""
    rng = np.random.default_rng(0)
    clips = [(0.1 * rng.standard_normal(int(chunk_s * 16_000))).astype(np.float32) for _ in range(batch)]
    extractor = processor.feature_extractor

    def one_at_a_time() -> None:
        for clip in clips:
            extractor(clip, sampling_rate=16_000, padding="max_length", return_attention_mask=True)

    log_mel = LogMel(extractor)
    waves, lengths = torch.from_numpy(np.stack(clips)), torch.full((batch,), len(clips[0]))
    one_at_a_time()
    log_mel(waves, lengths)
    return {
        "extractor_one_clip_ms": round(1000 / rate(one_at_a_time, batch, repeats), 2),
        f"log_mel_batch{batch}_ms_per_clip": round(1000 / rate(lambda: log_mel(waves, lengths), batch, repeats), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="benchmarks/results/data_throughput.json")
    parser.add_argument("--n", type=int, default=300, help="examples timed per variant")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="interleaved runs, the best one kept")
    args = parser.parse_args()
    torch.set_num_threads(1)  # per-core figures: a DataLoader worker is one process on one core
    from mixbuddy_pl.backbones.hub import load_processor

    processor = load_processor("tiny")
    chunk_s = window_s(processor.feature_extractor)  # the longest clip the audio encoder hears
    songs = SyntheticSongs(num_train=4, num_val=1, num_test=1, duration_s=40.0)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = {}
        for variant in VARIANTS:
            dm = MixingDataModule(variant=variant, source=songs, chunk_s=chunk_s, hop_s=chunk_s, num_workers=0,
                                  cache_dir=str(work / "stems"), max_changes=2)
            dm.processor = processor
            results[variant] = variant_figures(dm, args.n, work, args.repeats)
    report = {
        "setup": {"chunk_s": chunk_s, "examples_per_variant": args.n, "torch_threads": 1, "repeats": args.repeats,
                  "source": "SyntheticSongs(4 train songs x 40 s)", "machine": platform.processor() or platform.machine(),
                  "note": "single process, one thread, best of the interleaved runs; pre-rendered files read from a warm page cache"},
        "variants": results,
        "whisper_log_mel_cpu": log_mel_figures(processor, chunk_s, args.repeats),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
