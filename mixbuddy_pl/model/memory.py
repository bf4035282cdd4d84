"""Will it fit? GPU memory of a run's configuration, estimated before it queues (`python -m mixbuddy_pl.fitcheck`
prints it).

Derivation (per GPU, data-parallel, all in GiB = 2^30 bytes; nothing is downloaded and no weights are built):
- parameters: the published Qwen2-Audio-7B-Instruct architecture with the run's LoRA, built on the `meta` device;
- weights: the frozen base in bf16 (2 bytes); under QLoRA the language model's linear layers take NF4 with double
  quantization, 4.127 bits per weight, the audio tower, projector, embedding and head stay bf16; the trainable
  (LoRA) weights in fp32, as MixingAdvisor keeps them under `bf16-true`;
- gradients and AdamW: the trainable parameters in fp32, 4 bytes of gradient and 2 x 4 bytes of moments each;
- activations per example: the peak bytes of the tensors a forward + backward creates (saved activations, the
  loss's and backward's temporaries, LoRA gradients), recorded op by op (`PeakMemory`) on the real-width language
  model on the `meta` device with 2 and 3 layers at three sequence lengths and the run's checkpointing, fitted as
  a + b L + layers (c L + d L^2) and extrapolated to 32 layers; the L^2 part is the attention matrix of the math
  kernel, which sdpa's flash / memory-efficient kernels on the GPU do not keep, so it is left out. The LM head runs
  on the answer tokens only (`model/logits.py`); `--logits all` sizes recipes whose forward computes logits for
  every position (the Hugging Face forward: LLaMA-Factory and the like). The frozen audio tower keeps nothing for
  backward; QLoRA's activations are bf16 LoRA's (its compute dtype);
- sequence length: the run's variant example from the chat template with 30 s-window audio-token counts;
- GPUs: the capacity PyTorch reports ("total capacity" in its out-of-memory message) for 24/40/80/141 GB cards,
  less 1.5 GiB (CUDA context, cuBLAS workspaces, NCCL) and 10 % left free for fragmentation.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch.multiprocessing.reductions import StorageWeakRef
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

from mixbuddy_pl.backbones.published import published_config
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.backbone import GRADIENT_CHECKPOINTING_KWARGS, LANGUAGE_PROJECTIONS, LoraSettings
from mixbuddy_pl.model.logits import answer_loss
from mixbuddy_pl.model.shapes import check_positions, count_params, meta_model, sequence_length

GIB = 2**30
# GiB PyTorch reports as "total capacity" for: RTX 3090/4090 (23.65-23.70), A100 40 GB (39.39-39.59),
# A100/H100 80 GB (79.10-79.15), H200 (139.8); rounded down.
GPUS = {"24 GB": 23.6, "40 GB": 39.3, "80 GB": 79.1, "141 GB": 139.8}
NF4_BITS = 4 + 8 / 64 + 32 / (64 * 256)  # 4-bit codes, 8-bit absmax per 64 weights, fp32 scale per 256 absmax
OVERHEAD_BYTES, FREE_FRACTION = 1.5 * GIB, 0.10
PROBE_LENGTHS = (256, 512, 1024)
PROBE_LAYERS = (2, 3)  # not 1: with checkpointing, the first layer's recompute overlaps the loss's backward
PROBE_ANSWER = 16  # labelled tokens in a probe (the anchor variant's answers have ~17)
# The public reports' setting (LLaMA-Factory issue 7568: Qwen2-Audio-7B, RTX 3090, LoRA r8 on every linear layer of
# the language model, batch 1, bf16, gradient checkpointing on by default, cutoff_len 2048 by default, logits for
# every position): at their cutoff and at one 30 s clip with a short instruction and answer.
REPORT_LORA = LoraSettings(r=8, alpha=16)
REPORT_SEQUENCES = (2048, 800)
DATA_KEYS = ("anchor", "anchor_input", "max_changes")


class PeakMemory(TorchDispatchMode):
    """Peak bytes of the tensors that ops create while it is active (activations, saved tensors, temporaries of the
    loss and of backward, gradients), excluding `model`'s parameters. Works on the `meta` device (sizes, no memory)
    as on real tensors; storages are tracked through weak references, so a tensor counts until it is freed."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.params = {p.untyped_storage()._cdata for p in model.parameters()}
        self.live: dict[int, tuple[StorageWeakRef, int]] = {}
        self.peak = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        if func is torch.ops.aten._local_scalar_dense.default and args[0].is_meta:
            return True  # a data-dependent check on meta (mask all ones? one sequence?): true for the unpadded probe
        out = func(*args, **(kwargs or {}))
        for tensor in tree_flatten(out)[0]:
            if isinstance(tensor, torch.Tensor):
                storage = tensor.untyped_storage()
                if storage._cdata not in self.params and storage._cdata not in self.live:
                    self.live[storage._cdata] = (StorageWeakRef(storage), storage.nbytes())
        self.live = {key: item for key, item in self.live.items() if not item[0].expired()}
        self.peak = max(self.peak, sum(size for _, size in self.live.values()))
        return out


def step_peak(model: torch.nn.Module, labels: torch.Tensor, full_logits: bool, **inputs: torch.Tensor | None
              ) -> tuple[int, torch.Tensor]:
    """Peak activation bytes of one forward + backward, and the (detached) loss: through the model's own forward (LM
    head on every position) or through `answer_loss` (LM head on the labelled positions only, as MixingAdvisor
    trains; `labels` may stay on the CPU with meta-device inputs). `inputs`: input_ids or inputs_embeds, and the
    attention_mask."""
    with PeakMemory(model) as peak:
        if full_logits:
            loss = model(**inputs, labels=labels, use_cache=False).loss
        else:
            loss = answer_loss(model, labels, **inputs)
        loss.backward()
        loss = loss.detach()
    return peak.peak, loss


@functools.lru_cache(maxsize=8)
def _probe_model(lora_json: str, layers: int, checkpointing: bool) -> torch.nn.Module:
    model = meta_model(LoraSettings(**json.loads(lora_json)), published_config(text_layers=layers, audio_layers=1))
    model = model.to(torch.bfloat16).train()
    if checkpointing:
        model.get_base_model().activation_checkpointing_enable(
            activation_checkpointing_kwargs=GRADIENT_CHECKPOINTING_KWARGS)
    return model


def probe_peak(lora: LoraSettings, layers: int, length: int, checkpointing: bool, full_logits: bool) -> int:
    """`step_peak` of the real-width language model with `layers` layers, one example of `length` tokens whose last
    PROBE_ANSWER tokens are labelled, bf16 LoRA, on the meta device."""
    model = _probe_model(json.dumps(asdict(lora), sort_keys=True), layers, checkpointing)
    model.zero_grad(set_to_none=True)
    embeds = torch.empty(1, length, published_config().text_config.hidden_size, device="meta", dtype=torch.bfloat16)
    labels = torch.full((1, length), -100, dtype=torch.long)
    labels[0, -PROBE_ANSWER:] = 0
    if full_logits:  # no mask: the model's loss would index its logits by it, which needs data; same memory
        return step_peak(model, labels.to("meta"), True, inputs_embeds=embeds, attention_mask=None)[0]
    return step_peak(model, labels, False, inputs_embeds=embeds,
                     attention_mask=torch.ones(1, length, dtype=torch.long, device="meta"))[0]


@dataclass(frozen=True)
class Activation:
    """Peak activation bytes of one example: `rest + rest_per_token L + layers per_token L`, fitted from meta-device
    peaks of 2 and 3 layers at PROBE_LENGTHS; the attention matrix of the math kernel (the L^2 terms, which the
    GPU's flash / memory-efficient sdpa kernels do not keep; `per_token_sq` per layer) is fitted and left out."""

    rest: float
    rest_per_token: float
    per_token: float
    per_token_sq: float

    def bytes(self, length: int, layers: int) -> float:
        return self.rest + (self.rest_per_token + layers * self.per_token) * length


def measure_activation(lora: LoraSettings, checkpointing: bool, full_logits: bool) -> Activation:
    """Fit `Activation` from probe peaks (cached)."""
    return _measure(json.dumps(asdict(lora), sort_keys=True), checkpointing, full_logits)


@functools.lru_cache(maxsize=16)
def _measure(lora_json: str, checkpointing: bool, full_logits: bool) -> Activation:
    lora = LoraSettings(**json.loads(lora_json))
    lengths = torch.tensor(PROBE_LENGTHS, dtype=torch.float64)
    two, three = (torch.tensor([probe_peak(lora, n, length, checkpointing, full_logits) for length in PROBE_LENGTHS],
                               dtype=torch.float64) for n in PROBE_LAYERS)
    layer = torch.linalg.lstsq(torch.stack([lengths, lengths**2], 1), (three - two)[:, None]).solution.flatten()
    rest = two - 2 * (layer[0] * lengths + layer[1] * lengths**2)
    intercept, slope, _ = torch.linalg.solve(torch.stack([torch.ones_like(lengths), lengths, lengths**2], 1),
                                             rest).tolist()  # with checkpointing the recomputed layer is here
    return Activation(intercept, slope, *layer.tolist())


@dataclass(frozen=True)
class Estimate:
    """Memory of one run on one GPU, in GiB, and the largest micro-batch per GPU size."""

    mode: str
    logits: str
    params: int
    trainable: int
    sequence: int
    weights: float
    grads: float
    optimizer: float
    activation_per_example: float
    gradient_checkpointing: bool
    total_batch_1: float
    max_batch: dict[str, int]


def estimate(lora: LoraSettings, quantization: str | None, gradient_checkpointing: bool, sequence: int,
             full_logits: bool = False) -> Estimate:
    """Weights, gradients, optimizer and activation memory (GiB), the total at micro-batch 1 and the largest
    micro-batch on each GPU size."""
    model = meta_model(lora)
    counts = count_params(model)
    linear = re.compile(LANGUAGE_PROJECTIONS + r"\.base_layer")
    quantized = sum(m.weight.numel() for n, m in model.named_modules() if linear.fullmatch(n)) if quantization else 0
    frozen_bf16 = counts.total - counts.trainable - quantized
    weights = frozen_bf16 * 2 + quantized * NF4_BITS / 8 + counts.trainable * 4  # trainable in fp32
    grads, optimizer = counts.trainable * 4, counts.trainable * 8
    layers = published_config().text_config.num_hidden_layers
    activation = measure_activation(lora, gradient_checkpointing, full_logits).bytes(sequence, layers)
    fixed = weights + grads + optimizer + OVERHEAD_BYTES
    max_batch = {name: max(int((gib * GIB * (1 - FREE_FRACTION) - fixed) // activation), 0)
                 for name, gib in GPUS.items()}
    mode = "QLoRA (nf4)" if quantization else "bf16 LoRA"
    return Estimate(mode, "all" if full_logits else "answer", counts.total, counts.trainable, sequence,
                    weights / GIB, grads / GIB, optimizer / GIB, activation / GIB, gradient_checkpointing,
                    (fixed + activation) / GIB, max_batch)


def run_estimates(config: dict, only_own: bool = False, full_logits: bool = False) -> tuple[dict, list[Estimate]]:
    """The run's own setting and its counterpart (bf16 LoRA vs QLoRA), each with and without checkpointing; with
    `only_own` just the configured one; `full_logits` sizes a forward that computes logits for every position."""
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
    run = {"variant": variant, "chunk_s": chunk_s, "batch_size": data.get("batch_size"), "sequence": asdict(length),
           "quantization": model.get("quantization"), "gradient_checkpointing": model.get("gradient_checkpointing"),
           "activation_checkpointed": asdict(measure_activation(lora, True, full_logits)),
           "activation_plain": asdict(measure_activation(lora, False, full_logits))}
    settings = [(None, True), (None, False), ("nf4", True), ("nf4", False)]
    if only_own:
        settings = [(model.get("quantization"), bool(model.get("gradient_checkpointing")))]
    return run, [estimate(lora, q, gc, length.total, full_logits) for q, gc in settings]


@functools.lru_cache(maxsize=16)
def _sequence_length(variant: str, chunk_s: float, data: tuple) -> Any:
    return sequence_length(variant, chunk_s, **dict(data))


def report_estimates() -> list[Estimate]:
    """The public reports' setting (REPORT_LORA, batch 1, checkpointing, logits on every position) for bf16 LoRA
    and QLoRA at each of REPORT_SEQUENCES."""
    return [estimate(REPORT_LORA, q, True, n, full_logits=True) for n in REPORT_SEQUENCES for q in (None, "nf4")]
