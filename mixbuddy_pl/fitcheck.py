"""`python -m mixbuddy_pl.fitcheck --config configs/anchor.yaml [--config configs/overlays/qlora.yaml]
[--data.chunk_s 30 ...] [--logits all] [--json | --markdown]`: will the run fit? Weights, gradients, AdamW state,
activation per example and the largest micro-batch per GPU, for bf16 LoRA and QLoRA, with and without gradient
checkpointing (the derivation: `model/memory.py`). `--markdown` is the result file docs/memory.md shows
(`docs/results/memory_anchor.md`; `python -m tools.tables` puts it into the page).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from mixbuddy_pl.cli import read_config
from mixbuddy_pl.errors import exit_on_user_error
from mixbuddy_pl.model.memory import GPUS, Estimate, report_estimates, run_estimates


def cli_config(args: list[str]) -> dict:
    """The configuration a CLI argument list describes (`--config` files, then `--a.b value` overrides), as the
    training CLI reads it (`cli.read_config`), as plain dicts."""
    return read_config(args).as_dict()


def table(run: dict, estimates: list[Estimate]) -> str:
    """The estimates as text: one line per mode and checkpointing setting."""
    first = estimates[0]
    lines = [f"Qwen2-Audio-7B-Instruct, {run['variant']} variant, data.chunk_s={run['chunk_s']:g} s: "
             f"{run['sequence']['audio']} audio + {run['sequence']['total'] - run['sequence']['audio']} text tokens "
             f"= {run['sequence']['total']} per example; configured micro-batch {run['batch_size']}, "
             f"quantization {run['quantization']}, gradient checkpointing {run['gradient_checkpointing']}, "
             f"LM head on {first.logits} positions",
             f"parameters {first.params:,}, trainable (LoRA) {first.trainable:,}; one decoder layer's peak "
             f"{run['activation_plain']['per_token'] / 1024:.0f} KiB per token without checkpointing",
             f"{'mode':<13}{'ckpt':>5}{'weights':>9}{'grads':>7}{'adamw':>7}{'act/ex':>8}{'total@1':>9}  "
             + "".join(f"{gb:>8}" for gb in first.max_batch) + "   (GiB; max micro-batch per GPU)"]
    for e in estimates:
        lines.append(f"{e.mode:<13}{'yes' if e.gradient_checkpointing else 'no':>5}{e.weights:9.1f}{e.grads:7.2f}"
                     f"{e.optimizer:7.2f}{e.activation_per_example:8.2f}{e.total_batch_1:9.1f}  "
                     + "".join(f"{b:>8}" for b in e.max_batch.values()))
    return "\n".join(lines)


def markdown(run: dict, estimates: list[Estimate], reports: list[Estimate]) -> str:
    """The markdown table: the run's estimates, then the public reports' setting."""
    gpus = " | ".join(f"{name} ({gib:g} GiB)" for name, gib in GPUS.items())
    head = (f"| setting | mode | ckpt | LM head | tokens | weights | act/example | total at batch 1 | {gpus} |\n"
            f"|---|---|---|---|---|---|---|---|{'---|' * len(GPUS)}")
    rows = [head]
    for label, items in ((f"{run['variant']}, {run['chunk_s']:g} s (this config)", estimates),
                         ("reports' setting (r8, batch 1)", reports)):
        for e in items:
            rows.append(f"| {label} | {e.mode} | {'yes' if e.gradient_checkpointing else 'no'} | {e.logits} | "
                        f"{e.sequence} | {e.weights:.2f} | {e.activation_per_example:.2f} | {e.total_batch_1:.2f} | "
                        + " | ".join(str(b) for b in e.max_batch.values()) + " |")
    return "\n".join(rows)


def build_parser() -> argparse.ArgumentParser:
    """`--config` (repeatable), `--json`, `--logits`, `--markdown`; other `--a.b value` arguments override the configs
    as on the CLI."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.fitcheck", description=__doc__.split("\n")[0])
    parser.add_argument("--config", action="append", required=True, help="config files, in the CLI's order")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--logits", choices=("answer", "all"), default="answer",
                        help="positions the LM head runs on: answer tokens (this project) or all (HF forward)")
    parser.add_argument("--markdown", action="store_true",
                        help="print the markdown table docs/memory.md shows (with the public reports' rows)")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Print the memory estimates; configuration errors print one line and exit with status 2."""
    args, overrides = build_parser().parse_known_args(argv)  # `--data.chunk_s 30` etc., as on the training CLI
    with exit_on_user_error("mixbuddy_pl.fitcheck"):
        configs = [item for path in args.config for item in ("--config", path)]
        run, estimates = run_estimates(cli_config([*configs, *overrides]), full_logits=args.logits == "all")
        if args.markdown:
            print(markdown(run, estimates, report_estimates()))
            return
    if args.json:
        print(json.dumps({"run": run, "estimates": [asdict(e) for e in estimates]}, indent=2))
    else:
        print(table(run, estimates))


if __name__ == "__main__":
    main()
