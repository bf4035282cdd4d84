"""Runs on the wrong machine stop with one line naming the fix, before anything is built or downloaded."""

from __future__ import annotations

import pytest
import torch

from mixbuddy_pl import machine
from mixbuddy_pl.cli import main
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.machine import check_machine

no_cuda = pytest.mark.skipif(torch.cuda.is_available(), reason="checks a machine without a GPU")


@no_cuda
def test_shipped_gpu_config_on_a_cpu_machine_names_the_cpu_overlay(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["fit", "--config", "configs/differential.yaml"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "asks for a GPU" in err and "configs/overlays/tiny.yaml" in err and "--trainer.accelerator cpu" in err
    assert "Traceback" not in err and "No supported gpu backend" not in err


@no_cuda
def test_fsdp_on_the_cpu_is_refused(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["fit", "--config", "configs/anchor.yaml", "--config", "configs/overlays/fsdp.yaml",
              "--trainer.accelerator", "cpu"])
    assert "FSDP strategy (configs/overlays/fsdp.yaml) runs on GPUs only" in capsys.readouterr().err


@no_cuda
def test_cpu_runs_pass_also_with_qlora() -> None:
    check_machine("cpu", "32-true", "auto", "nf4")  # bitsandbytes 4-bit runs on the CPU
    check_machine("auto", "bf16-true", "auto", None)


def test_gpu_without_bf16_or_cuda_bitsandbytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The GPU branches, on a machine that reports a pre-Ampere GPU and a CPU-only bitsandbytes build."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda *a, **k: "Tesla V100")
    monkeypatch.setattr(machine, "bnb_backend", lambda: "CPU")
    with pytest.raises(ConfigError, match="bf16-true needs bfloat16, which Tesla V100 lacks"):
        check_machine("gpu", "bf16-true", "auto", None)
    with pytest.raises(ConfigError, match="CUDA build of bitsandbytes"):
        check_machine("gpu", "32-true", "auto", "nf4")
    check_machine("gpu", "32-true", {"class_path": "lightning.pytorch.strategies.FSDPStrategy"}, None)
