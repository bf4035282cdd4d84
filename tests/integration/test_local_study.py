"""A 2-run study on this machine: interrupted by Ctrl-C during the second run, resumed, and collected to the
same table as the same study run uninterrupted (2 at a time)."""

from __future__ import annotations

import csv
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.ablation.collect import read_scalars
from mixbuddy_pl.ablation.layout import read_layout
from mixbuddy_pl.ablation.slurm import status
from mixbuddy_pl.ablation.study import read_runs
from tests.helpers import ROOT, TINY_STUDY_HEAD

STUDY = TINY_STUDY_HEAD.format(num_train=1) + """grid:
  audio:
    heard: {}
    blind: {data.blind: true}
slurm: {gpus_per_node: 0}
"""
WAIT_S = 600

pytestmark = pytest.mark.slow


def _plan(tmp_path: Path, name: str) -> Path:
    study_file = tmp_path / f"{name}.yaml"
    study_file.write_text(f"name: {name}" + STUDY)
    return plan(str(study_file), out=str(tmp_path / "logs")).study_dir


def _executor(study_dir: Path, *options: str) -> subprocess.Popen:
    """`ablation run` in its own process group, as a shell starts a foreground job."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    return subprocess.Popen([sys.executable, "-m", "mixbuddy_pl.ablation", "run", str(study_dir), *options],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


def _table(study_dir: Path) -> list[dict]:
    subprocess.run([sys.executable, "-m", "mixbuddy_pl.ablation", "collect", str(study_dir), "--bootstrap", "100"],
                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, capture_output=True)
    with (study_dir / "results.csv").open() as f:
        return [{k: v for k, v in row.items()} for row in csv.DictReader(f)]


def _processes_mentioning(text: str) -> list[int]:
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text in cmdline.read_bytes().decode(errors="replace"):
                pids.append(int(cmdline.parent.name))
        except OSError:
            continue
    return pids


def test_interrupted_study_resumes_to_the_same_table(tmp_path: Path) -> None:
    reference = _executor(_plan(tmp_path, "whole"), "--parallel", "2")
    study_dir = _plan(tmp_path, "interrupted")
    first, second = read_runs(study_dir)
    executor = _executor(study_dir)
    second_dir = study_dir / second.name / "version_0"
    _wait_until(lambda: second_dir.is_dir() or executor.poll() is not None, "the second run to start training")
    assert executor.poll() is None, executor.communicate()[0]
    os.killpg(executor.pid, signal.SIGINT)  # Ctrl-C in the terminal: the executor's group only
    out, _ = executor.communicate(timeout=WAIT_S)
    assert executor.returncode == 130, out
    assert f"{first.name}: finished" in out and "interrupted: 1 runs unfinished" in out
    assert not _processes_mentioning(str(study_dir)), "a task outlived the executor"
    assert [s.state for s in status(study_dir, [first, second])] == ["finished", "failed"]
    assert not (second_dir / "fit.done").exists() and not list((study_dir / "local").glob("*.pid"))

    resumed = _executor(study_dir)
    out, _ = resumed.communicate(timeout=WAIT_S)
    assert resumed.returncode == 0, out
    assert "1 of 2 runs finished; running 1" in out and f"{second.name}: finished" in out
    assert f"{first.name}: started" not in out  # a finished run is not run again
    assert [s.state for s in status(study_dir, [first, second])] == ["finished", "finished"]
    log = (study_dir / "slurm" / f"{second.index}.out").read_text()
    assert "interrupted" in log and log.rstrip().endswith(f"{second.name} done")

    scalars = read_scalars(study_dir / second.name / "version_0")
    charts = read_layout(study_dir)["study: test"]
    for chart, (main, reference_levels) in charts.items():  # each chart of the layout finds the runs' scalars
        assert any(re.match(main, f"test/{tag}") for tag in scalars), chart
    assert any(re.match(charts["test/direction_acc"][1], f"test/{tag}") for tag in scalars)

    out, _ = reference.communicate(timeout=WAIT_S)
    assert reference.returncode == 0, out
    assert _table(study_dir) == _table(tmp_path / "logs" / "whole")
