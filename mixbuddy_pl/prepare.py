"""Prepare a node or a shared cache before a run queues: `python -m mixbuddy_pl.prepare --config configs/anchor.yaml
[--config ...] [--a.b value ...]`, with the run's own arguments, on a machine that reaches the model hub (a login
node). It checks the data root, downloads the backbone (weights, configs, processor) into the Hugging Face cache
once, and loads its processor from there; the run itself then works with `HF_HUB_OFFLINE=1` on every rank.
Set `HF_HOME` (or `HF_HUB_CACHE`) to a shared folder to prepare all nodes at once.
"""

from __future__ import annotations

import argparse

from jsonargparse import Namespace

from mixbuddy_pl.backbones.hub import load_processor, locate
from mixbuddy_pl.cli import data_module, read_config
from mixbuddy_pl.errors import exit_on_user_error


def prepare(config: Namespace) -> list[str]:
    """Check the data root and make the backbone local; one line per step."""
    songs = data_module(config).source
    songs.cache_key()  # resolves and checks the data root (DataError naming it when missing)
    lines = [f"data: {type(songs).__name__} found ({', '.join(songs.stem_names)})"]
    backbone = config.model.init_args.backbone
    lines.append(f"model: {backbone} in {locate(backbone)}")
    processor = load_processor(backbone)
    lines.append(f"processor: {type(processor).__name__} loads from there")
    return lines


def main(argv: list[str] | None = None) -> None:
    """Prepare what the run described by the arguments needs; user errors print one line and exit with status 2."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.prepare", description=__doc__.split("\n")[0])
    parser.add_argument("--config", action="append", required=True, help="config files, in the run's order")
    args, overrides = parser.parse_known_args(argv)
    with exit_on_user_error("mixbuddy_pl.prepare"):
        configs = [item for path in args.config for item in ("--config", path)]
        for line in prepare(read_config([*configs, *overrides])):
            print(line)
    print("ready: the run needs no network now (HF_HUB_OFFLINE=1 works)")


if __name__ == "__main__":
    main()
