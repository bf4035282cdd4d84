"""Will it fit? GPU memory of a run before it queues: `python -m mixbuddy_pl.fitcheck --config configs/anchor.yaml
[--config configs/overlays/qlora.yaml] [--data.chunk_s 30 ...]`.

Derivation (per GPU, data-parallel; nothing is downloaded and no weights are built):
- parameters: the published Qwen2-Audio-7B-Instruct architecture with the run's LoRA, built on the `meta` device;
- weights: 2 bytes per parameter (bf16-true); under QLoRA the language model's linear layers take NF4 with double
  quantization, 4.127 bits per weight, the audio tower, projector, embedding and head stay bf16;
- gradients and AdamW: the trainable parameters in bf16, 2 bytes of gradient and 2 x 2 bytes of moments each;
- activations per example: bytes autograd saves for backward, recorded with saved-tensor hooks on the real-width
  language model on the `meta` device with 1 and 2 layers (the difference is one layer's cost) at three sequence
  lengths, fitted as a + b L + c L^2; the L^2 part is the attention matrix of the math kernel, which sdpa's flash /
  memory-efficient kernels on the GPU do not keep, so it is left out; extrapolated to 32 layers. With gradient
  checkpointing a layer keeps only its bf16 input, plus one layer recomputed in full at a time. The frozen audio
  tower keeps nothing for backward; QLoRA's activations are taken equal to bf16 LoRA's (its compute dtype);
  the backward of the head adds the logits' gradient, fp32 and bf16 (6 bytes x vocabulary per token), at the peak;
- sequence length: the run's variant example from the chat template with 30 s-window audio-token counts;
- overhead: 1.5 GiB (CUDA context, kernels, allocator) and 10 % of the GPU left free for fragmentation.
Under Lightning's bf16-true the whole module is cast to bf16 after `configure_model`, which undoes PEFT's fp32
upcast of the unquantized modules in `prepare_model_for_kbit_training`; recipes that keep that upcast (the
Hugging Face Trainer) hold 1.9B parameters in fp32, 3.6 GiB more than shown here.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
import yaml

from mixbuddy_pl.errors import ConfigError, exit_on_user_error
from mixbuddy_pl.model.backbone import LANGUAGE_PROJECTIONS, LoraSettings
from mixbuddy_pl.model.published import check_positions, count_params, meta_model, published_config, sequence_length

GIB = 2**30
GPUS_GB = (24, 40, 80, 141)
NF4_BITS = 4 + 8 / 64 + 32 / (64 * 256)  # 4-bit codes, 8-bit absmax per 64 weights, fp32 scale per 256 absmax
OVERHEAD_BYTES, FREE_FRACTION = 1.5 * GIB, 0.10
PROBE_LENGTHS = (256, 512, 1024)
HEAD_GRAD_BYTES = 6  # the loss's fp32 logits gradient and the bf16 one, per vocabulary entry and token
DATA_KEYS = ("anchor", "anchor_input", "max_changes")


def merged_config(paths: list[str]) -> dict:
    """The `--config` files merged in order, each read as jsonargparse reads it (see `read_config`)."""
    merged: dict = {}
    for path in paths:
        if not Path(path).is_file():
            raise ConfigError(f"--config {path}: no such file")
        merged = _merge(merged, read_config(Path(path)))
    return merged


def read_config(file: Path) -> dict:
    """One config file with its parts resolved: `config: other.yaml` first (this file's keys on top of it), dotted
    keys (`data.variant: anchor`) as nested ones, and `group: part.yaml` values, at any depth, as the part's contents
    (paths relative to the file that names them)."""
    values = yaml.safe_load(file.read_text()) or {}
    merged = read_config(file.parent / values.pop("config")) if "config" in values else {}
    for key, value in values.items():
        update = _read_parts(value, file.parent)
        for part in reversed(key.split(".")):
            update = {part: update}
        merged = _merge(merged, update)
    return merged


def _read_parts(value: Any, folder: Path) -> Any:
    if isinstance(value, str) and value.endswith((".yaml", ".yml")):
        part = folder / value
        return _read_parts(yaml.safe_load(part.read_text()), part.parent)
    if isinstance(value, dict):
        return {key: _read_parts(item, folder) for key, item in value.items()}
    return value


def cli_config(args: list[str]) -> dict:
    """The config a CLI argument list describes: `--config` files merged in order, then `--a.b value` overrides."""
    config = merged_config([value for key, value in zip(args, args[1:]) if key == "--config"])
    for key, value in zip(args, args[1:]):
        if key.startswith("--") and key != "--config" and not value.startswith("--"):
            update: Any = yaml.safe_load(value)
            for part in reversed(key[2:].split(".")):
                update = {part: update}
            config = _merge(config, update)
    return config


def _merge(base: Any, update: Any) -> Any:
    """`update` on top of `base`; a mapping naming another `class_path` replaces the class group whole."""
    if isinstance(base, dict) and isinstance(update, dict) and update.get("class_path", base.get("class_path")) == base.get("class_path"):
        return {**base, **{k: _merge(base.get(k), v) for k, v in update.items()}}
    return update


@dataclass(frozen=True)
class Layer:
    """Saved-for-backward bytes of one decoder layer and of the rest (embedding, norm, logits, loss), per token."""

    per_token: float
    per_token_sq: float
    rest_per_token: float


def saved_bytes(lora: LoraSettings, layers: int, length: int) -> int:
    """Bytes autograd keeps for backward in a bf16 LoRA forward of the real-width language model (meta device)."""
    model = meta_model(lora, published_config(text_layers=layers, audio_layers=1)).to(torch.bfloat16).train()
    params = {p.untyped_storage()._cdata for p in model.parameters()}
    kept: dict[int, int] = {}

    def pack(tensor: torch.Tensor) -> torch.Tensor:
        storage = tensor.untyped_storage()
        if storage._cdata not in params:
            kept[storage._cdata] = storage.nbytes()
        return tensor

    embeds = torch.empty(1, length, published_config().text_config.hidden_size, device="meta", dtype=torch.bfloat16)
    labels = torch.zeros(1, length, dtype=torch.long, device="meta")
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        model(inputs_embeds=embeds, labels=labels)
    return sum(kept.values())


def measure_layer(lora: LoraSettings) -> Layer:
    """Fit one layer's saved bytes as b L + c L^2 and the rest as a L, from meta-device forwards (cached)."""
    return _measure_layer(json.dumps(asdict(lora), sort_keys=True))


@functools.lru_cache(maxsize=8)
def _measure_layer(lora_json: str) -> Layer:
    lora = LoraSettings(**json.loads(lora_json))
    lengths = torch.tensor(PROBE_LENGTHS, dtype=torch.float64)
    one = torch.tensor([saved_bytes(lora, 1, n) for n in PROBE_LENGTHS], dtype=torch.float64)
    two = torch.tensor([saved_bytes(lora, 2, n) for n in PROBE_LENGTHS], dtype=torch.float64)
    design = torch.stack([lengths, lengths**2], dim=1)
    per_token, per_token_sq = torch.linalg.lstsq(design, (two - one)[:, None]).solution.flatten().tolist()
    rest = ((one - (two - one)) / lengths).mean().item()
    return Layer(per_token, per_token_sq, rest)


@dataclass(frozen=True)
class Estimate:
    """Memory of one run on one GPU, in GiB, and the largest micro-batch per GPU size."""

    mode: str
    params: int
    trainable: int
    sequence: int
    weights: float
    grads: float
    optimizer: float
    activation_per_example: float
    activation_per_example_no_checkpointing: float
    gradient_checkpointing: bool
    max_batch: dict[str, int]


def estimate(lora: LoraSettings, quantization: str | None, gradient_checkpointing: bool, sequence: int,
             layer: Layer) -> Estimate:
    """Weights, gradients, optimizer and activation memory, and the largest micro-batch on each GPU size."""
    model = meta_model(lora)
    counts = count_params(model)
    text = published_config().text_config
    linear = re.compile(LANGUAGE_PROJECTIONS + r"\.base_layer")
    quantized = sum(m.weight.numel() for n, m in model.named_modules() if linear.fullmatch(n)) if quantization else 0
    weights = (counts.total - quantized) * 2 + quantized * NF4_BITS / 8
    grads, optimizer = counts.trainable * 2, counts.trainable * 4
    full_layer = layer.per_token * sequence
    rest = layer.rest_per_token * sequence + HEAD_GRAD_BYTES * text.vocab_size * sequence
    plain = rest + text.num_hidden_layers * full_layer
    checkpointed = rest + text.num_hidden_layers * sequence * text.hidden_size * 2 + full_layer
    activation = checkpointed if gradient_checkpointing else plain
    fixed = weights + grads + optimizer + OVERHEAD_BYTES
    max_batch = {f"{gb} GB": max(int((gb * 1e9 * (1 - FREE_FRACTION) - fixed) // activation), 0) for gb in GPUS_GB}
    mode = "QLoRA (nf4)" if quantization else "bf16 LoRA"
    return Estimate(mode, counts.total, counts.trainable, sequence, weights / GIB, grads / GIB, optimizer / GIB,
                    activation / GIB, plain / GIB, gradient_checkpointing, max_batch)


def run_estimates(config: dict, only_own: bool = False) -> tuple[dict, list[Estimate]]:
    """The run's own setting and its counterpart (bf16 LoRA vs QLoRA), each with and without checkpointing; with
    `only_own` just the configured one."""
    model = config.get("model", {}).get("init_args", {})
    data = config.get("data", {})
    if model.get("lora") is None:
        raise ConfigError("fitcheck: the config trains nothing (model.lora is null); nothing to size")
    lora = LoraSettings(**model["lora"])
    variant = data.get("variant", "differential")
    chunk_s = float(data.get("chunk_s", 10.0))
    length = _sequence_length(variant, chunk_s, tuple((k, data[k]) for k in DATA_KEYS if k in data))
    check_positions(length.total, published_config())
    check_positions(length.prompt + int(model.get("max_new_tokens", 64)), published_config(),
                    "model.init_args.max_new_tokens")
    layer = measure_layer(lora)
    run = {"variant": variant, "chunk_s": chunk_s, "batch_size": data.get("batch_size"), "sequence": asdict(length),
           "quantization": model.get("quantization"), "gradient_checkpointing": model.get("gradient_checkpointing"),
           "per_layer_bytes_per_token": layer.per_token, "attention_bytes_per_token_sq": layer.per_token_sq,
           "rest_bytes_per_token": layer.rest_per_token}
    settings = [(None, True), (None, False), ("nf4", True), ("nf4", False)]
    if only_own:
        settings = [(model.get("quantization"), bool(model.get("gradient_checkpointing")))]
    return run, [estimate(lora, q, gc, length.total, layer) for q, gc in settings]


@functools.lru_cache(maxsize=16)
def _sequence_length(variant: str, chunk_s: float, data: tuple) -> Any:
    return sequence_length(variant, chunk_s, **dict(data))


def run_line(name: str, args: list[str]) -> str:
    """One line for `ablation plan`: a run's own setting, sequence, activation per example and max micro-batch."""
    try:
        run, (own,) = run_estimates(cli_config(args), only_own=True)
    except ConfigError as error:
        return f"{name:<32} {error}"
    fits = " ".join(f"{gb}:{b}" for gb, b in own.max_batch.items())
    return (f"{name:<32} {own.mode:<12} ckpt={'yes' if own.gradient_checkpointing else 'no':<3} "
            f"seq={own.sequence:<5} act/ex={own.activation_per_example:.2f} GiB  batch={run['batch_size']}  "
            f"max micro-batch {fits}")


def table(run: dict, estimates: list[Estimate]) -> str:
    """The estimates as text: one line per mode and checkpointing setting."""
    first = estimates[0]
    lines = [f"Qwen2-Audio-7B-Instruct, {run['variant']} variant, data.chunk_s={run['chunk_s']:g} s: "
             f"{run['sequence']['audio']} audio + {run['sequence']['total'] - run['sequence']['audio']} text tokens "
             f"= {run['sequence']['total']} per example; configured micro-batch {run['batch_size']}, "
             f"quantization {run['quantization']}, gradient checkpointing {run['gradient_checkpointing']}",
             f"parameters {first.params:,}, trainable (LoRA r) {first.trainable:,}; one decoder layer keeps "
             f"{run['per_layer_bytes_per_token'] / 1024:.0f} KiB per token for backward",
             f"{'mode':<13}{'ckpt':>5}{'weights':>9}{'grads':>7}{'adamw':>7}{'act/ex':>8}  "
             + "".join(f"{gb:>8}" for gb in first.max_batch) + "   (GiB; max micro-batch per GPU)"]
    for e in estimates:
        lines.append(f"{e.mode:<13}{'yes' if e.gradient_checkpointing else 'no':>5}{e.weights:9.1f}{e.grads:7.2f}"
                     f"{e.optimizer:7.2f}{e.activation_per_example:8.2f}  "
                     + "".join(f"{b:>8}" for b in e.max_batch.values()))
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """`--config` (repeatable) and `--json`; other `--a.b value` arguments override the configs as on the CLI."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.fitcheck", description=__doc__.split("\n")[0])
    parser.add_argument("--config", action="append", required=True, help="config files, in the CLI's order")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Print the memory estimates; configuration errors print one line and exit with status 2."""
    args, overrides = build_parser().parse_known_args(argv)  # `--data.chunk_s 30` etc., as on the training CLI
    with exit_on_user_error("mixbuddy_pl.fitcheck"):
        configs = [item for path in args.config for item in ("--config", path)]
        run, estimates = run_estimates(cli_config([*configs, *overrides]))
    if args.json:
        print(json.dumps({"run": run, "estimates": [asdict(e) for e in estimates]}, indent=2))
    else:
        print(table(run, estimates))


if __name__ == "__main__":
    main()
