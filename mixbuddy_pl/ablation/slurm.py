"""The study's SLURM array script (each task: `ablation task`), submission, and where each run stands."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mixbuddy_pl.ablation.local import running
from mixbuddy_pl.ablation.study import Run, Slurm, run_dir
from mixbuddy_pl.ablation.task import finished
from mixbuddy_pl.errors import ConfigError

ACTIVE = {"PENDING": "pending", "CONFIGURING": "running", "RUNNING": "running", "COMPLETING": "running",
          "REQUEUED": "pending", "REQUEUE_FED": "pending", "REQUEUE_HOLD": "pending", "RESIZING": "running",
          "SUSPENDED": "running", "PREEMPTED": "pending"}
FAILED = {"FAILED", "TIMEOUT", "CANCELLED", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE"}

TASK = r"""set -euo pipefail
# srun (SLURM >= 22.05) no longer inherits --cpus-per-task from sbatch
[[ -n "${SLURM_CPUS_PER_TASK:-}" ]] && export SRUN_CPUS_PER_TASK=$SLURM_CPUS_PER_TASK
# the task: fit (resumed; skipped once fit.done exists) -> test on the best checkpoint, each step under srun
exec "$PYTHON" -m mixbuddy_pl.ablation task "$STUDY" "$SLURM_ARRAY_TASK_ID" --launcher srun
"""


def sbatch_text(name: str, runs: list[Run], slurm: Slurm, study_dir: str, workdir: str, python: str) -> str:
    """The array job: task i runs row i of runs.tsv (fit with resume, then test on its best checkpoint)."""
    if not runs:
        raise ConfigError(f"study '{name}' has no runs")
    array = f"0-{len(runs) - 1}" + (f"%{slurm.max_concurrent}" if slurm.max_concurrent else "")
    options = [f"--job-name={slurm.job_name or 'mixbuddy-' + name}", f"--array={array}", f"--nodes={slurm.nodes}",
               f"--ntasks-per-node={slurm.devices}", f"--cpus-per-task={slurm.cpus_per_task}",
               f"--time={slurm.time}"]
    if slurm.gpus_per_node:
        options.append(f"--gpus-per-node={slurm.gpu_type + ':' if slurm.gpu_type else ''}{slurm.gpus_per_node}")
    options += [f"--{key}={value}" for key, value in
                (("mem", slurm.mem), ("partition", slurm.partition), ("account", slurm.account), ("qos", slurm.qos))
                if value]
    options += ["--signal=SIGUSR1@90", "--requeue", "--open-mode=append", f"--chdir={workdir}",
                f"--output={study_dir}/slurm/%a.out"]
    options += list(slurm.extra)
    lines = ["#!/bin/bash", f"# Study '{name}': {len(runs)} runs, listed in {study_dir}/runs.tsv.",
             "# Written by `python -m mixbuddy_pl.ablation plan`; submit with `python -m mixbuddy_pl.ablation submit`."]
    lines += [f"#SBATCH {option}" for option in options]
    lines += ["", *slurm.setup, f"STUDY={shlex.quote(study_dir)}", f"PYTHON={shlex.quote(python)}", TASK]
    return "\n".join(lines)


def submit(study_dir: Path) -> str:
    """`sbatch` the study's array script; returns the job id and appends it to `jobs.txt`."""
    script = study_dir / "array.sbatch"
    if not script.is_file():
        raise ConfigError(f"{script} not found: plan the study first (python -m mixbuddy_pl.ablation plan STUDY.yaml)")
    if shutil.which("sbatch") is None:
        raise ConfigError("sbatch not found: submit from a SLURM login node")
    (study_dir / "slurm").mkdir(exist_ok=True)
    out = subprocess.run(["sbatch", "--parsable", str(script)], capture_output=True, text=True)
    if out.returncode != 0:
        raise ConfigError(f"sbatch failed: {out.stderr.strip()}")
    job = out.stdout.strip().split(";")[0]
    with (study_dir / "jobs.txt").open("a") as f:
        f.write(job + "\n")
    return job


@dataclass
class RunStatus:
    """Where one run stands: finished, failed, running, pending or not_started; failed ones carry their log tail."""

    run: Run
    state: str
    detail: str = ""


def status(study_dir: Path, runs: list[Run], tail: int = 15) -> list[RunStatus]:
    """Each run's state from its folder (test predictions mean finished), from a local executor's pid files and
    from SLURM (squeue, then sacct)."""
    jobs = _job_ids(study_dir)
    queue = {**_sacct_states(jobs), **_squeue_states(jobs)}
    local = running(study_dir)
    out = []
    for run in runs:
        log = study_dir / "slurm" / f"{run.index}.out"
        slurm_state = queue.get(run.index, "")
        if finished(Path(run_dir(study_dir, run.name)), run):
            out.append(RunStatus(run, "finished"))
        elif run.index in local:
            out.append(RunStatus(run, "running", f"local, pid {local[run.index]}"))
        elif slurm_state in ACTIVE:
            out.append(RunStatus(run, ACTIVE[slurm_state], slurm_state))
        elif slurm_state in FAILED or log.is_file():
            out.append(RunStatus(run, "failed", _tail(log, tail) or slurm_state))
        else:
            out.append(RunStatus(run, "not_started", slurm_state))
    return out


def _job_ids(study_dir: Path) -> list[str]:
    path = study_dir / "jobs.txt"
    return path.read_text().split() if path.is_file() else []


def _squeue_states(jobs: list[str]) -> dict[int, str]:
    """Array index -> state of the tasks still in the queue (`-r` lists pending tasks one per line)."""
    if not jobs or shutil.which("squeue") is None:
        return {}
    out = subprocess.run(["squeue", "-h", "-r", "-j", ",".join(jobs), "-o", "%i|%T"], capture_output=True, text=True)
    return _index_states(out.stdout) if out.returncode == 0 else {}


def _sacct_states(jobs: list[str]) -> dict[int, str]:
    """Array index -> final state, where accounting is enabled (later jobs win)."""
    if not jobs or shutil.which("sacct") is None:
        return {}
    out = subprocess.run(["sacct", "-n", "-P", "-X", "-j", ",".join(jobs), "-o", "JobID,State"],
                         capture_output=True, text=True)
    return _index_states(out.stdout) if out.returncode == 0 else {}


def _index_states(text: str) -> dict[int, str]:
    """Parse `JOB_INDEX|STATE` lines; ranges of pending tasks (`12_[3-5]`) are skipped."""
    states = {}
    for line in text.splitlines():
        job, _, state = line.partition("|")
        index = job.rpartition("_")[2]
        if index.isdigit():
            states[int(index)] = state.split()[0] if state else ""
    return states


def _tail(path: Path, lines: int) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.is_file() else ""
