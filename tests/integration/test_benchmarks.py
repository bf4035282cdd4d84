"""Every benchmark in benchmarks/ runs end to end for a few iterations and writes its JSON (no timing asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from tests.helpers import ROOT

SMOKE_ARGS = {  # the fewest iterations each benchmark accepts ({ckpt}: a tiny checkpoint trained by the fixture)
    "data_throughput": ["--n", "8", "--repeats", "1"],
    "demo_latency": ["--ckpt_path", "{ckpt}", "--minutes", "0.1", "--tracks", "12"],  # 12: vocals, drums and bass,
    "demo_load": ["--ckpt_path", "{ckpt}", "--sessions", "2", "--seconds", "5", "--tracks", "6", "--timeout", "120"],
    "gpu_realwidth": ["--layers", "1", "--steps", "1", "--batch", "1", "--allow-no-cuda"],
    "logits_memory": ["--length", "32", "--answer", "4"],
    "train_step": ["--steps", "2", "--repeats", "1", "--new-tokens", "2", "--gemm-size", "256"],
    "variant_features": ["--epochs", "2", "--songs", "8", "--variants", "differential"],
}
NEEDS_CUDA = {"gpu_realwidth"}  # without CUDA it must say so and (with --allow-no-cuda) exit 0, writing nothing


def test_every_benchmark_has_smoke_arguments() -> None:
    assert sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__") == sorted(SMOKE_ARGS)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SMOKE_ARGS))
def test_benchmark_runs(name: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    out = tmp_path / f"{name}.json"
    args = SMOKE_ARGS[name]
    if "{ckpt}" in args:
        args = [str(request.getfixturevalue("tiny_checkpoint")) if a == "{ckpt}" else a for a in args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    run = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", "--out", str(out), *args],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    if name in NEEDS_CUDA and not torch.cuda.is_available():
        assert "no CUDA device" in run.stderr and not out.exists()
    else:
        result = json.loads(out.read_text())
        assert result
        if name == "train_step":
            check_step_profile(result["profile"])
        if name == "demo_latency":  # the two waits a user sees add up to the path, every stage inside one
            assert abs(result["upload_to_table_s"] + result["click_to_advice_s"] - result["wall_s"]) < 1e-6, result
            assert set(result["stages_s"]) == {"copy_s", "probe_s", "decode_s", "mapping_s", "resample_s",
                                               "windows_s", "model_s"}, result
        if name == "demo_load":  # the load test: sessions sharing Gradio's upload cache each get their own answer
            assert result["all_answered"] and not any(s["error"] for s in result["together"]), result
        if name == "variant_features":
            probes = result["variants"]["differential"]
            assert {"log-mel/first_clip", "log-mel/first_minus_second", "encoder/first_minus_second"} <= set(probes)
            assert all(0 <= v <= 1 for k, v in probes.items() if "/" in k or k == "majority"), probes


def check_step_profile(profile: dict) -> None:
    """Every part's FLOPs are counted where they run, and the phase shares add up to the step."""
    phases = profile["phases"]
    for part in ("audio", "language_model", "lm_head_loss"):
        forward, backward = phases["forward"][part], phases["backward"][part]
        assert forward["gflops"] > 0 and backward["gflops"] >= forward["gflops"], (part, forward, backward)
        assert 0 < forward["share_of_peak"] < 2 and 0 < backward["share_of_peak"] < 2, (part, forward, backward)
    counted = sum(p["gflops"] for parts in phases.values() for p in parts.values())
    assert abs(counted - profile["gflops"]) < 1e-6 * profile["gflops"]
    assert abs(sum(p["share_of_step"] for parts in phases.values() for p in parts.values()) - 1) < 1e-6
