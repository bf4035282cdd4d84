"""Every benchmark in benchmarks/ runs end to end for a few iterations and writes its JSON (no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

SMOKE_ARGS = {  # the fewest iterations each benchmark accepts
    "data_throughput": ["--n", "8", "--repeats", "1"],
    "train_step": ["--steps", "2", "--repeats", "1", "--new-tokens", "2"],
}


def test_every_benchmark_has_smoke_arguments() -> None:
    assert sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__") == sorted(SMOKE_ARGS)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SMOKE_ARGS))
def test_benchmark_runs(name: str, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    run = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", "--out", str(out), *SMOKE_ARGS[name]],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(out.read_text())
