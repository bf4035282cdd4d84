"""The prepared GPU benchmark exits cleanly, with a message and no output file, on a machine without CUDA."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import torch

from benchmarks.gpu_realwidth import main


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks a machine without CUDA")
def test_gpu_benchmark_without_cuda_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "gpu.json"
    monkeypatch.setattr(sys, "argv", ["gpu_realwidth", "--out", str(out)])
    main()
    assert "no CUDA device" in capsys.readouterr().err and not out.exists()
