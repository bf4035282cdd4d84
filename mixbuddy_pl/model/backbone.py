"""Load Qwen2-Audio (from the directory `backbones.hub.locate` finds) and wrap it with LoRA / QLoRA through PEFT.

Module layout (transformers 5.x, identical for the tiny model and Qwen2-Audio-7B):
`model.audio_tower.layers.N.self_attn.{q,k,v,out}_proj`, `model.multi_modal_projector.linear`,
`model.language_model.layers.N.{self_attn.{q,k,v,o}_proj, mlp.{gate,up,down}_proj}`, `lm_head`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import torch
from torch import Tensor
from transformers import BitsAndBytesConfig, Qwen2AudioConfig, Qwen2AudioForConditionalGeneration

from mixbuddy_pl.backbones.hub import locate
from mixbuddy_pl.errors import ConfigError

LANGUAGE_PROJECTIONS = r".*\.language_model\.layers\.\d+\.(self_attn\.(q|k|v|o)_proj|mlp\.(gate|up|down)_proj)"
AUDIO_ATTENTION_PROJECTIONS = r".*\.audio_tower\.layers\.\d+\.self_attn\.(q|k|v|out)_proj"
PROJECTOR = "multi_modal_projector"
# Kept in full precision under QLoRA, as in common Qwen2-Audio QLoRA recipes: the audio tower is small next
# to the LLM and its features degrade when quantized, the projector may be trained fully, and lm_head is
# what transformers keeps unquantized by default (naming skip modules replaces that default).
QLORA_SKIP_MODULES = ["model.audio_tower", f"model.{PROJECTOR}", "lm_head"]
# What the random `tiny` base trains fully besides LoRA: it has no pretrained vocabulary or hearing to adapt.
RANDOM_BASE_TRAINED_MODULES = ("embed_tokens", "lm_head", "audio_tower")
GRADIENT_CHECKPOINTING_KWARGS = {"use_reentrant": False}
DEFAULT_LORA_DROPOUT = 0.05


@dataclass
class LoraSettings:
    """LoRA adapter settings (PEFT)."""

    r: int = 16
    """Rank of the LoRA update matrices."""
    alpha: int = 32
    """LoRA scaling numerator: updates are scaled by alpha / r."""
    dropout: float | None = None
    """Dropout on the LoRA branch input; null: 0.05, or 0 on a random base (`for_random_base`)."""
    target_modules: str = LANGUAGE_PROJECTIONS
    """Regex (full match on module names) of the layers that get LoRA; default: the language model's
    attention and MLP projections only (the audio tower also has q/k/v_proj)."""
    train_projector: bool = False
    """Train the audio-to-text multi_modal_projector fully (saved with the adapter)."""
    lora_audio_encoder: bool = False
    """Also put LoRA on the audio tower's attention projections (q/k/v/out_proj)."""
    modules_to_save: list[str] = field(default_factory=list)
    """Extra modules trained fully and saved with the adapter, e.g. ["embed_tokens", "lm_head"] for a random
    tiny base."""


def quantization_config(dtype: torch.dtype) -> BitsAndBytesConfig:
    """NF4 double-quantized 4-bit weights computing in `dtype`; audio tower, projector and lm_head unquantized."""
    try:
        from transformers.integrations import validate_bnb_backend_availability

        validate_bnb_backend_availability(raise_exception=True)
    except Exception as error:
        raise ConfigError(
            f"model.quantization=nf4 needs bitsandbytes with a backend for this machine ({error}); "
            "install it (pip install bitsandbytes) or set model.quantization to null"
        ) from error
    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_use_double_quant=True,
        bnb_4bit_compute_dtype=dtype,
        llm_int8_skip_modules=QLORA_SKIP_MODULES,
    )


def torch_dtype(dtype: str) -> torch.dtype:
    """`"bfloat16"` → `torch.bfloat16`, raising ConfigError for names that are not floating dtypes."""
    value = getattr(torch, dtype, None)
    if not isinstance(value, torch.dtype) or not value.is_floating_point:
        raise ConfigError(f"model.dtype={dtype!r} is not a torch floating dtype (use bfloat16, float16 or float32)")
    return value


def load_model(
    name: str,
    *,
    lora: LoraSettings | None,
    quantization: Literal["nf4"] | None = None,
    dtype: str = "bfloat16",
    attn_implementation: str = "sdpa",
    gradient_checkpointing: bool = False,
    device_map: dict | None = None,
) -> torch.nn.Module:
    """Load Qwen2-Audio and wrap it with LoRA (a PeftModel); `lora=None` returns the bare model, fully
    trainable unless quantized. Under DDP pass `device_map={"": local_rank}`."""
    if quantization not in (None, "nf4"):
        raise ConfigError(f"model.quantization={quantization!r} is not supported (use nf4 or null)")
    compute_dtype = torch_dtype(dtype)
    model = Qwen2AudioForConditionalGeneration.from_pretrained(
        locate(name),
        dtype=compute_dtype,
        attn_implementation=attn_implementation,
        device_map=device_map,
        quantization_config=quantization_config(compute_dtype) if quantization else None,
    )
    if quantization:
        from peft import prepare_model_for_kbit_training

        model = prepare_model_for_kbit_training(
            model,
            use_gradient_checkpointing=gradient_checkpointing,
            gradient_checkpointing_kwargs=GRADIENT_CHECKPOINTING_KWARGS,
        )
    elif gradient_checkpointing:
        model.activation_checkpointing_enable(activation_checkpointing_kwargs=GRADIENT_CHECKPOINTING_KWARGS)
    if lora is None:
        model.requires_grad_(not quantization)
        return model
    return wrap_lora(model, lora)


def for_random_base(lora: LoraSettings) -> LoraSettings:
    """LoRA settings for a randomly initialised backbone (`MixingAdvisor(random_base=True)`, the tiny model): LoRA
    alone cannot teach frozen random embeddings and head a vocabulary, nor a frozen random encoder to hear levels
    (docs/design.md, "Models"), so they and the projector also train fully.
    With `lora_audio_encoder` the audio tower keeps its LoRA instead of training fully. Dropout, unless set, is 0:
    on the quickstart its Bernoulli draws cost a tenth of a CPU step and bought no accuracy (docs/design.md)."""
    skip = {"audio_tower"} if lora.lora_audio_encoder else set()
    extra = [m for m in RANDOM_BASE_TRAINED_MODULES if m not in lora.modules_to_save and m not in skip]
    dropout = 0.0 if lora.dropout is None else lora.dropout
    return replace(lora, dropout=dropout, train_projector=True, modules_to_save=[*lora.modules_to_save, *extra])


def lora_target(lora: LoraSettings) -> str:
    """The target regex, extended to the audio tower's attention when opted in."""
    if lora.lora_audio_encoder:
        return f"(?:{lora.target_modules})|(?:{AUDIO_ATTENTION_PROJECTIONS})"
    return lora.target_modules


def check_target(model: torch.nn.Module, pattern: str) -> None:
    """Raise ConfigError if `pattern` matches no module (PEFT's full-match rule)."""
    try:
        regex = re.compile(pattern)
    except re.error as error:
        raise ConfigError(f"model.lora.target_modules is not a valid regex: {error}") from error
    names = [name for name, _ in model.named_modules()]
    if not any(regex.fullmatch(name) for name in names):
        linear = [name for name, module in model.named_modules() if isinstance(module, torch.nn.Linear)]
        candidates = ", ".join(linear[-8:])
        raise ConfigError(
            f"model.lora.target_modules={pattern!r} matches no module (full match on module names); "
            f"candidates: {candidates}"
        )


def empty_model(config: Qwen2AudioConfig) -> Qwen2AudioForConditionalGeneration:
    """The architecture of `config` on the `meta` device: shapes and module names, no memory, nothing loaded."""
    with torch.device("meta"):
        return Qwen2AudioForConditionalGeneration(config)


def wrap_lora(model: torch.nn.Module, lora: LoraSettings) -> torch.nn.Module:
    """Add LoRA adapters; everything else stays frozen except the opted-in modules_to_save/projector."""
    from peft import LoraConfig, get_peft_model

    target = lora_target(lora)
    check_target(model, target)
    modules_to_save = [*lora.modules_to_save, *([PROJECTOR] if lora.train_projector else [])]
    config = LoraConfig(
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=DEFAULT_LORA_DROPOUT if lora.dropout is None else lora.dropout,
        target_modules=target,
        modules_to_save=modules_to_save or None,
        bias="none",
        task_type="CAUSAL_LM",
    )
    return get_peft_model(model, config)


def upcast_trainable(model: torch.nn.Module) -> None:
    """Trainable floating-point parameters to fp32, in place (the same Parameter objects): under `bf16-true` the
    LoRA weights, their gradients and AdamW's moments then stay fp32, so updates far below a weight's bf16
    resolution (2^-8 of it) are not lost; the frozen base stays bf16."""
    for param in model.parameters():
        if param.requires_grad and param.is_floating_point() and param.dtype != torch.float32:
            param.data = param.data.float()


def trainable_state_dict(model: torch.nn.Module) -> dict[str, Tensor]:
    """Only the parameters that require grad, keyed like `model.state_dict()` (for small checkpoints)."""
    return {name: param.detach() for name, param in model.named_parameters() if param.requires_grad}


def export_adapter(model: torch.nn.Module, out_dir: Path) -> None:
    """Write a PEFT adapter directory loadable with `PeftModel.from_pretrained(base, out_dir)`."""
    from peft import PeftModel

    if not isinstance(model, PeftModel):
        raise ConfigError("export_adapter needs a LoRA model; set model.lora (it is null)")
    model.save_pretrained(Path(out_dir))
