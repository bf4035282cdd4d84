"""Does this machine have what the configuration asks for? Checked before the trainer, data or model exist, so a
run on the wrong machine stops with one line instead of a library traceback."""

from __future__ import annotations

from typing import Any

import torch

from mixbuddy_pl.errors import ConfigError

GPU_ACCELERATORS = ("gpu", "cuda")
OFFLINE_FIX = "add `--config configs/overlays/tiny.yaml` (tiny model, CPU) or `--trainer.accelerator cpu`"


def _name(value: Any) -> str:
    """A strategy given as a string, a class_path dict/namespace or an instance, as lower-case text."""
    if isinstance(value, str):
        return value.lower()
    if hasattr(value, "get"):
        return str(value.get("class_path", "")).lower()
    return type(value).__name__.lower()


def bnb_backend() -> str:
    """The compute backend of the installed bitsandbytes build (CUDA, ROCm, XPU, CPU) or `none`."""
    try:
        from bitsandbytes.cextension import BNB_BACKEND
    except ImportError:
        return "none"
    return str(BNB_BACKEND)


def check_machine(accelerator: Any, precision: Any, strategy: Any, quantization: str | None) -> None:
    """Raise ConfigError when the trainer/model settings need hardware or builds this machine lacks."""
    accelerator, precision, strategy = str(accelerator).lower(), str(precision), _name(strategy)
    cuda = torch.cuda.is_available()
    if accelerator in GPU_ACCELERATORS and not cuda:
        raise ConfigError(f"trainer.accelerator={accelerator} asks for a GPU and this machine has none: {OFFLINE_FIX}")
    on_gpu = cuda and accelerator in (*GPU_ACCELERATORS, "auto")
    if "fsdp" in strategy and not on_gpu:
        raise ConfigError("the FSDP strategy (configs/overlays/fsdp.yaml) runs on GPUs only and this run is on the "
                          "CPU: drop that overlay, or run on a node with GPUs")
    if on_gpu and precision.startswith("bf16") and not torch.cuda.is_bf16_supported():
        raise ConfigError(f"trainer.precision={precision} needs bfloat16, which {torch.cuda.get_device_name()} lacks: "
                          "use an Ampere-or-newer GPU, or `--trainer.precision 32-true` (twice the weight memory)")
    if quantization and on_gpu and bnb_backend() not in ("CUDA", "ROCm"):
        raise ConfigError(f"model.quantization={quantization} (QLoRA) on the GPU needs a CUDA build of bitsandbytes; "
                          f"the installed one computes on {bnb_backend()}: reinstall it (pip install -U bitsandbytes) "
                          "or drop configs/overlays/qlora.yaml")
