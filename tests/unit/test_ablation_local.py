"""ablation/local.py: the local executor's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.errors import ConfigError


def test_local_executor_needs_a_gpu_per_parallel_run(study_file: Path) -> None:
    from mixbuddy_pl.ablation.local import run_study

    plan(str(study_file))  # trainer.devices 2 per run
    with pytest.raises(ConfigError, match="--parallel 2 needs 4 GPUs"):
        run_study(Path("logs/toy"), parallel=2, gpus=["0", "1", "2"])
    with pytest.raises(ConfigError, match="--parallel 0"):
        run_study(Path("logs/toy"), parallel=0)
