"""ablation/slurm.py: where each run of a study stands."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.ablation.slurm import status
from mixbuddy_pl.ablation.study import read_runs


def test_status_on_fake_run_folders(study_file: Path) -> None:
    plan(str(study_file))
    runs = read_runs("logs/toy")
    done = Path(f"logs/toy/{runs[0].name}/version_0/predictions")
    done.mkdir(parents=True)
    (done / "test-epoch0.jsonl").write_text("{}\n")
    Path(f"logs/toy/{runs[1].name}/version_0").mkdir(parents=True)
    Path("logs/toy/slurm/1.out").write_text("line\n" * 30 + "Traceback: boom\n")
    Path("logs/toy/local").mkdir()
    Path("logs/toy/local/3.pid").write_text(str(os.getpid()))  # a local executor's task, alive
    dead = subprocess.Popen(["true"])
    dead.wait()
    Path("logs/toy/local/4.pid").write_text(str(dead.pid))  # left behind by a killed executor: ignored
    states = status(Path("logs/toy"), runs)
    assert [s.state for s in states[:5]] == ["finished", "failed", "not_started", "running", "not_started"]
    assert states[1].detail.endswith("Traceback: boom") and len(states[1].detail.splitlines()) == 15
    assert states[3].detail == f"local, pid {os.getpid()}"
