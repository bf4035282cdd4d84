"""The prepared GPU benchmark: its FLOP and MFU arithmetic, and its exit status on a machine without CUDA (1, so a
scripted node check fails on the wrong node; 0 only when asked), writing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from benchmarks.gpu_realwidth import PEAK_BF16, main, mfu, peak_flops, step_flops

SMALL = dict(frozen=1000, trainable=10, tokens=100, sequence_sq=2 * 50**2, layers=2, hidden=8, head_tokens=4,
             vocab=30, audio_params=20, audio_frames=15)


def test_step_flops_count_frozen_base_lora_attention_head_and_recompute() -> None:
    plain = step_flops(**SMALL, checkpointing=False)
    linear = 4 * 1000 * 100 + 6 * 10 * 100  # frozen: forward + activation gradient; LoRA: + weight gradient
    attention = 3 * (2 * 2 * 8 * 2 * (2 * 50**2))  # QK^T and AV (2 L^2 d each) x 2 layers x 2 sequences, x3
    head, audio = 4 * 8 * 30 * 4, 2 * 20 * 15
    assert plain == {"model_flops": linear + attention + head + audio, "recompute_flops": 0,
                     "attention_flops": attention}
    recompute = step_flops(**SMALL, checkpointing=True)["recompute_flops"]
    assert recompute == 2 * 1010 * 100 + attention // 3  # one more forward of the layers
    assert step_flops(**SMALL, checkpointing=True)["model_flops"] == plain["model_flops"]  # MFU counts no recompute


def test_mfu_and_peaks() -> None:
    assert mfu(500e12, 2.0, 1000e12) == pytest.approx(0.25)
    assert peak_flops("NVIDIA H200", None) == PEAK_BF16["H200"] and peak_flops("NVIDIA A100-SXM4-40GB", None) == 312e12
    assert peak_flops("Some GPU", None) is None and peak_flops("Some GPU", 100.0) == 100e12


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks a machine without CUDA")
def test_gpu_benchmark_without_cuda_fails_unless_allowed(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "gpu.json"
    with pytest.raises(SystemExit) as exit_info:
        main(["--out", str(out)])
    assert exit_info.value.code == 1 and "no CUDA device" in capsys.readouterr().err
    main(["--out", str(out), "--allow-no-cuda"])  # returns: status 0
    assert "no CUDA device" in capsys.readouterr().err and not out.exists()
