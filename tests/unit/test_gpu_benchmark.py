"""The prepared GPU benchmark exits cleanly, with a message and no output file, on a machine without CUDA."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).parents[2]


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks a machine without CUDA")
def test_gpu_benchmark_without_cuda_says_so(tmp_path: Path) -> None:
    out = tmp_path / "gpu.json"
    result = subprocess.run([sys.executable, "-m", "benchmarks.gpu_realwidth", "--out", str(out)], cwd=ROOT,
                            env=os.environ.copy(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "no CUDA device" in result.stderr and not out.exists()
