"""`python -m mixbuddy_pl.examples --config CONFIG --split val --n 8 --out DIR`: listen to what the model hears.

Writes `DIR/NNNN/audio_K.wav` (16 kHz float WAV, exactly the model's input) and `example.json` per example,
and prints a summary of the split. Reads the config(s) as training does and builds only the data, never the
model.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import soundfile as sf

from mixbuddy_pl.cli import data_module, read_config
from mixbuddy_pl.data.dataset import EpochSampler, MixingDataset
from mixbuddy_pl.errors import exit_on_user_error


def build_parser() -> argparse.ArgumentParser:
    """The split, count, epoch and output folder; every other argument (`--config`, `--data.* value`) is the
    training CLI's and is read as it reads it (`cli.read_config`)."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.examples", description=__doc__.splitlines()[0],
                                     epilog="other arguments: --config FILE and --data.* options, as for training")
    parser.add_argument("--split", choices=["train", "val", "test", "predict"], default="val")
    parser.add_argument("--n", type=int, default=8, help="number of examples to write")
    parser.add_argument("--epoch", type=int, default=0, help="training epoch to draw from (train split only)")
    parser.add_argument("--out", type=str, required=True, help="output directory")
    return parser


def write_example(dataset: MixingDataset, key: tuple[int, int], folder: Path) -> dict:
    """Write one example's audios and JSON into `folder`; return the JSON."""
    example = dataset[key]
    folder.mkdir(parents=True, exist_ok=True)
    for k, clip in enumerate(example.audios, start=1):
        sf.write(folder / f"audio_{k}.wav", clip, dataset.cache.sample_rate, subtype="FLOAT")
    record = {**example.to_json(), "epoch": key[0], "index": key[1]}
    (folder / "example.json").write_text(json.dumps(record, indent=1))
    return record


def summary(split: str, dataset: MixingDataset, written: list[dict]) -> str:
    """Songs, kept/dropped chunks and class balance of the split and of the written examples."""
    index = dataset.index
    dropped = ", ".join(f"{n} ({why})" for why, n in index.dropped.items()) or "none"
    lines = [f"{split}: {len(index.songs)} songs, {len(index)} chunks kept, dropped: {dropped}, "
             f"{len(dataset)} examples"]
    if dataset.items is not None:
        lines.append(f"class balance ({split}): {dict(Counter(k for _, _, k in dataset.items))}")
    categories = Counter(t["category"] for r in written for t in r["targets"])
    lines.append(f"class balance (written {len(written)}): {dict(categories)}")
    return "\n".join(lines)


def run(argv: list[str] | None = None) -> None:
    """Write the first `--n` examples of the split and print its summary."""
    cfg, rest = build_parser().parse_known_args(argv)
    data = data_module(read_config(rest))
    dataset = data.build(cfg.split)
    sampler = EpochSampler(len(dataset), data.seed, shuffle=cfg.split == "train")
    sampler.set_epoch(cfg.epoch)
    out = Path(cfg.out)
    written = [write_example(dataset, key, out / f"{n:04d}") for n, key in zip(range(cfg.n), sampler)]
    print(summary(cfg.split, dataset, written))
    print(f"wrote {len(written)} examples to {out}")


def main(argv: list[str] | None = None) -> None:
    """Run; data and configuration errors print one line and exit with status 2."""
    with exit_on_user_error("mixbuddy_pl.examples"):
        run(argv)


if __name__ == "__main__":
    main()
