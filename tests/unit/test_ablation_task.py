"""ablation/task.py: one run of a study: which checkpoint it resumes from and tests, a finished fit skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.ablation.study import read_runs
from mixbuddy_pl.ablation.task import best_checkpoint, resume_checkpoint, run_task
from mixbuddy_pl.errors import ConfigError


def test_checkpoint_choice(tmp_path: Path) -> None:
    folder = tmp_path / "run" / "version_0"
    assert resume_checkpoint(folder) is None and best_checkpoint(folder) is None
    (folder / "checkpoints").mkdir(parents=True)
    best = folder / "checkpoints" / "epoch1.ckpt"
    best.write_bytes(b"x")
    torch.save({"callbacks": {  # as Lightning stores them: the `last.ckpt` writer names itself as its best
        "ModelCheckpoint{'monitor': None}": {"monitor": None, "best_model_path": "checkpoints/last.ckpt"},
        "ModelCheckpoint{'monitor': 'val/direction_acc'}": {"monitor": "val/direction_acc",
                                                           "best_model_path": "elsewhere/checkpoints/epoch1.ckpt"}}},
        folder / "checkpoints" / "last.ckpt")
    assert best_checkpoint(folder) == best  # found next to last.ckpt when the stored path is stale
    assert resume_checkpoint(folder) == folder / "checkpoints" / "last.ckpt"
    hpc = folder / "hpc_ckpt_1.ckpt"
    hpc.write_bytes(b"x")
    os.utime(hpc, (2e9, 2e9))
    assert resume_checkpoint(folder) == hpc  # a pre-emption checkpoint newer than last.ckpt wins


def test_task_resumes_skips_a_done_fit_and_tests_the_best(study_file: Path, capfd: pytest.CaptureFixture) -> None:
    """`echo` as the launcher prints each step instead of running it: the decisions are the real ones."""
    plan(str(study_file))
    study_dir = Path("logs/toy")
    runs = read_runs(study_dir)
    folder = study_dir / runs[0].name / "version_0"
    (folder / "checkpoints").mkdir(parents=True)
    (folder / "checkpoints" / "epoch3.ckpt").write_bytes(b"x")
    torch.save({"callbacks": {"ModelCheckpoint{}": {"monitor": "val/direction_acc",
                                                    "best_model_path": str(folder / "checkpoints" / "epoch3.ckpt")}}},
               folder / "checkpoints" / "last.ckpt")

    def steps(index: int) -> list[str]:
        assert run_task(study_dir, index, launcher=["echo"]) == 0
        return [line for line in capfd.readouterr().out.splitlines() if " -m mixbuddy_pl " in line]

    fit, test = steps(0)
    assert " fit " in fit and fit.endswith(f"--ckpt_path {folder}/checkpoints/last.ckpt")  # resumed
    assert " test " in test and test.endswith(f"--ckpt_path {folder}/checkpoints/epoch3.ckpt")  # best
    assert (folder / "fit.done").is_file()
    (again,) = steps(0)  # fit.done: only the test runs again
    assert " test " in again
    zero = next(r for r in runs if r.name == "zero_seed0")
    (only,) = steps(zero.index)
    assert " test " in only and "--ckpt_path" not in only  # a test-only run tests the configured model
    with pytest.raises(ConfigError, match="0..8"):
        run_task(study_dir, 9)
