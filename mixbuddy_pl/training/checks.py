"""Configuration checks that run before any model weights load (writable folders, LoRA targets, quantization)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import torch

from mixbuddy_pl.errors import ConfigError


def check_writable(folder: str | Path, field: str) -> None:
    """Raise ConfigError unless files can be created in `folder` (made if missing)."""
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ConfigError(f"{field} = {str(folder)!r} is not writable ({error.strerror or error}); "
                          "choose a folder you can write to") from error


def check_sharding(strategy: Any, quantization: str | None) -> None:
    """Refuse QLoRA under FSDP in one line: FSDP flattens each wrap unit into one tensor of one dtype, and
    bitsandbytes' packed 4-bit weights (uint8 storage, quantization state beside them) do not survive that flattening
    unless the storage dtype is set to match and the quantization state is restored around every all-gather."""
    if quantization and "fsdp" in type(strategy).__name__.lower():
        raise ConfigError(f"model.quantization={quantization} (QLoRA) with the FSDP strategy is not supported: FSDP "
                          "cannot flatten 4-bit bitsandbytes weights; use configs/overlays/ddp.yaml for QLoRA, or "
                          "drop configs/overlays/qlora.yaml to shard bf16 LoRA with FSDP")


def check_model(advisor: Any) -> None:
    """A MixingAdvisor's backbone (here, or downloadable now: one line offline, no retries), QLoRA backend and LoRA
    target pattern, checked on an empty (meta-device) model built from the backbone's config: nothing is loaded."""
    from mixbuddy_pl.backbones.hub import cached, check_downloadable, resolve
    from mixbuddy_pl.model.backbone import check_target, empty_model, lora_target, quantization_config

    if cached(advisor.hparams.backbone) is None:
        check_downloadable(advisor.hparams.backbone)
    if advisor.hparams.quantization:
        quantization_config(torch.float32)
    lora = advisor.lora
    if lora is None:
        return
    from transformers import AutoConfig

    from mixbuddy_pl.backbones.published import HUB_ID, published_config

    backbone = advisor.hparams.backbone
    try:  # no hub request here: the shipped config for the published model, else a local or cached one
        config = published_config() if backbone == HUB_ID else AutoConfig.from_pretrained(resolve(backbone),
                                                                                          local_files_only=True)
    except OSError:  # not downloaded yet: the real load fetches it (or says why it cannot)
        return
    check_target(empty_model(config), lora_target(lora))  # for_random_base adds fully trained modules, never LoRA targets
