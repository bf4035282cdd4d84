"""A real one-node SLURM cluster runs a tiny 3-run study as an array job; every run tests, `collect` compares."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mixbuddy_pl.ablation.__main__ import main, plan
from mixbuddy_pl.ablation.collect import read_scalars
from mixbuddy_pl.ablation.slurm import status
from mixbuddy_pl.ablation.study import read_runs
from tests.integration.slurm_cluster import SlurmCluster, missing_binaries

REPO = Path(__file__).resolve().parents[2]
WAIT_S = 300
STUDY = """
name: slurm_smoke
configs: [configs/anchor.yaml, configs/overlays/tiny.yaml]
overrides:
  trainer.max_epochs: 1
  trainer.limit_train_batches: 2
  trainer.limit_val_batches: 1
  trainer.limit_test_batches: 1
  trainer.enable_model_summary: false
  data.num_workers: 0
  data.source.init_args.num_train: 2
  data.source.init_args.num_val: 1
  data.source.init_args.num_test: 1
  data.source.init_args.duration_s: 20
arms:
  pair: {data.anchor_input: pair, seeds: [0, 1]}
  rest: {data.anchor_input: rest, seeds: [0]}
slurm: {gpus_per_node: 0, cpus_per_task: 1, mem: null, time: "00:10:00", max_concurrent: 2}
"""

pytestmark = [pytest.mark.slurm, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> SlurmCluster:
    if missing := missing_binaries():
        pytest.skip(f"SLURM/munge not installed (missing {missing}); apt-get install slurmctld slurmd slurm-client munge")
    if os.geteuid() != 0:
        pytest.skip("the test cluster runs its daemons as root (SlurmUser=root); run as root, as CI does")
    slurm = SlurmCluster(tmp_path_factory.mktemp("slurm"))
    request.addfinalizer(slurm.stop)
    slurm.start()
    return slurm


def _wait(job: str, env: dict[str, str]) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        queue = subprocess.run(["squeue", "-h", "-j", job], capture_output=True, text=True, env=env)
        if queue.returncode == 0 and not queue.stdout.strip():
            return
        time.sleep(2)
    pytest.fail(f"array job {job} still queued or running after {WAIT_S} s")


def test_study_runs_as_an_array_job(cluster: SlurmCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(REPO)  # the jobs run where the study is planned: configs and the package resolve from here
    for key, value in cluster.env().items():
        monkeypatch.setenv(key, value)
    study_file = tmp_path / "slurm_smoke.yaml"
    study_file.write_text(STUDY)
    cache = tmp_path / "cache"  # one cache per task: concurrent tasks never build the same files
    setup = f"slurm.setup=[export MIXBUDDY_CACHE={cache}/$SLURM_ARRAY_TASK_ID]"
    result = plan(str(study_file), out=str(tmp_path / "logs"), sets=[setup], python=sys.executable)
    study_dir = result.study_dir
    assert "#SBATCH --array=0-2%2" in result.script and "--gpus-per-node" not in result.script

    main(["submit", str(study_dir)])
    job = capsys.readouterr().out.strip()
    assert job.isdigit()
    _wait(job, cluster.env())

    runs = read_runs(study_dir)
    states = status(study_dir, runs)
    logs = "\n".join(f"--- {s.run.name}: {s.state}\n{s.detail}" for s in states)
    assert [s.state for s in states] == ["finished"] * 3, logs
    for run in runs:
        folder = study_dir / run.name / "version_0"
        assert (folder / "checkpoints" / "last.ckpt").is_file() and (folder / "fit.done").is_file()
        assert list(folder.glob("events.out.tfevents.*")) and (folder / "predictions" / "test-epoch0.jsonl").is_file()
        assert {"direction_acc", "parse_rate", "rougeL"} <= set(read_scalars(folder))
        assert f"{run.name} done" in (study_dir / "slurm" / f"{run.index}.out").read_text()

    main(["collect", str(study_dir), "--bootstrap", "200"])
    with (study_dir / "results.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows if r["level"] == "run"] == [r.name for r in runs]
    assert all(r["status"] == "ok" for r in rows)
    assert {r["name"] for r in rows if r["level"] == "arm"} == {"pair", "rest"}
    assert (study_dir / "results.md").is_file() and (study_dir / "results.png").is_file()
