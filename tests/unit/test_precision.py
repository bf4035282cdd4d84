"""Precision and sharding that work or refuse: under `bf16-true` the LoRA weights, their gradients and AdamW state
stay fp32 over a bf16 base; QLoRA with FSDP is refused in one line (DDP and bf16 LoRA with FSDP are not)."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from lightning.pytorch.strategies import DDPStrategy, FSDPStrategy

from mixbuddy_pl.backbones.hub import resolve
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.training.checks import check_sharding
from tests.helpers import advisor, datamodule, trainer


def test_bf16_true_trains_fp32_lora_weights_and_adamw_state_over_a_bf16_base(tmp_path: Path) -> None:
    module = advisor(backbone=resolve("tiny"), random_base=False, dtype=None)  # dtype from the trainer: bfloat16
    fit = trainer(tmp_path, max_epochs=1, precision="bf16-true", callbacks=None, enable_checkpointing=False)
    fit.fit(module, datamodule=datamodule(tmp_path))
    trainable = [p for p in module.model.parameters() if p.requires_grad]
    frozen = [p for p in module.model.parameters() if not p.requires_grad]
    assert trainable and {p.dtype for p in trainable} == {torch.float32}
    assert {p.dtype for p in frozen} == {torch.bfloat16}  # the base is what bf16-true made it
    state = fit.optimizers[0].state
    assert all(state[p]["exp_avg"].dtype == torch.float32 for p in trainable)
    assert all(p.grad is None or p.grad.dtype == torch.float32 for p in trainable)


def test_qlora_with_fsdp_is_refused_in_one_line() -> None:
    with pytest.raises(ConfigError, match="QLoRA\\) with the FSDP strategy is not supported") as error:
        check_sharding(FSDPStrategy(), "nf4")
    assert "\n" not in str(error.value) and "configs/overlays/ddp.yaml" in str(error.value)
    check_sharding(DDPStrategy(), "nf4")  # QLoRA under DDP
    check_sharding(FSDPStrategy(), None)  # bf16 LoRA under FSDP
