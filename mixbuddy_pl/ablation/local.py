"""Run a planned study on this machine: each run is `ablation task STUDY INDEX` (the array script's task), one at
a time or `parallel` at once, one GPU set each when there are GPUs.

Task logs go where SLURM puts them (`<study>/slurm/<index>.out`, appended), and a running task leaves
`<study>/local/<index>.pid`, so `ablation status` reads a local study as it reads a SLURM one. Ctrl-C stops every
task cleanly (each runs in its own process group, which gets the SIGINT); running the study again resumes it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from mixbuddy_pl.ablation.study import Run, read_runs, run_dir
from mixbuddy_pl.ablation.task import GRACE_S, INTERRUPTED, finished
from mixbuddy_pl.errors import ConfigError


def pid_file(study_dir: Path, index: int) -> Path:
    """Where the local executor records the pid of the task with this array index."""
    return study_dir / "local" / f"{index}.pid"


def running(study_dir: Path) -> dict[int, int]:
    """Array index -> pid of the tasks a local executor is running now (stale pid files are ignored)."""
    out = {}
    for path in (study_dir / "local").glob("*.pid"):
        try:
            pid = int(path.read_text())
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError, PermissionError):
            continue
        out[int(path.stem)] = pid
    return out


def _devices(run: Run) -> int:
    """The run's `--trainer.devices` (the last one given), 1 if absent or not a number."""
    values = [v for k, v in zip(run.args, run.args[1:]) if k == "--trainer.devices"]
    return int(values[-1]) if values and values[-1].isdigit() else 1


def visible_gpus() -> list[str]:
    """The GPUs this process may use, as CUDA_VISIBLE_DEVICES entries (none on a CPU machine)."""
    import torch

    count = torch.cuda.device_count()
    listed = [g for g in os.environ.get("CUDA_VISIBLE_DEVICES", "").split(",") if g.strip()]
    return listed[:count] if listed else [str(i) for i in range(count)]


@dataclass
class _Active:
    run: Run
    process: subprocess.Popen
    gpus: list[str]
    start: float


def _duration(seconds: float) -> str:
    return f"{int(seconds // 60)}m{int(seconds % 60):02d}s"


def run_study(study_dir: Path, parallel: int = 1, gpus: list[str] | None = None, python: str = sys.executable,
              poll_s: float = 0.5) -> int:
    """Run every unfinished run of the study; 0 when all finished, 1 when some failed, 130 when interrupted."""
    if parallel < 1:
        raise ConfigError(f"--parallel {parallel}: give 1 or more")
    runs = read_runs(study_dir)
    todo = [r for r in runs if not finished(Path(run_dir(study_dir, r.name)), r)]
    gpus = visible_gpus() if gpus is None else gpus
    if gpus and (need := parallel * max(_devices(r) for r in runs)) > len(gpus):
        raise ConfigError(f"--parallel {parallel} needs {need} GPUs (trainer.devices per run x parallel); "
                          f"{len(gpus)} visible: lower --parallel")
    (study_dir / "slurm").mkdir(parents=True, exist_ok=True)
    (study_dir / "local").mkdir(exist_ok=True)
    print(f"{study_dir}: {len(runs) - len(todo)} of {len(runs)} runs finished; running {len(todo)}, {parallel} at a "
          f"time on {'GPUs ' + ','.join(gpus) if gpus else 'the CPU'}", flush=True)
    active: dict[int, _Active] = {}
    failed: list[str] = []
    free = list(gpus)
    # Ctrl-C stops the study even when it was started with SIGINT ignored (a background job of a script inherits
    # that); the tasks, started from here, then get the default disposition too.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        while todo or active:
            while todo and len(active) < parallel:
                run = todo.pop(0)
                mine = [free.pop(0) for _ in range(_devices(run))] if gpus else []
                active[run.index] = _start(study_dir, run, mine, python)
                print(f"[{run.index + 1}/{len(runs)}] {run.name}: started"
                      + (f" on GPU {','.join(mine)}" if mine else ""), flush=True)
            time.sleep(poll_s)
            for index, task in list(active.items()):
                if (status := task.process.poll()) is None:
                    continue
                del active[index]
                free += task.gpus
                pid_file(study_dir, index).unlink(missing_ok=True)
                took = _duration(time.monotonic() - task.start)
                if status == 0:
                    print(f"[{index + 1}/{len(runs)}] {task.run.name}: finished in {took}", flush=True)
                else:
                    failed.append(task.run.name)
                    print(f"[{index + 1}/{len(runs)}] {task.run.name}: FAILED (exit status {status}) after {took}; "
                          f"log: {study_dir}/slurm/{index}.out", flush=True)
    except KeyboardInterrupt:
        _stop(study_dir, active)
        print(f"interrupted: {len(active) + len(todo)} runs unfinished; run the same command again to resume",
              flush=True)
        return INTERRUPTED
    print(f"{study_dir}: " + (f"{len(failed)} failed: {', '.join(failed)}" if failed else "every run finished"),
          flush=True)
    return 1 if failed else 0


def _start(study_dir: Path, run: Run, gpus: list[str], python: str) -> _Active:
    env = dict(os.environ, **({"CUDA_VISIBLE_DEVICES": ",".join(gpus)} if gpus else {}))
    with (study_dir / "slurm" / f"{run.index}.out").open("a") as log:
        process = subprocess.Popen([python, "-m", "mixbuddy_pl.ablation", "task", str(study_dir), str(run.index)],
                                   stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    pid_file(study_dir, run.index).write_text(str(process.pid))
    return _Active(run, process, gpus, time.monotonic())


def _stop(study_dir: Path, active: dict[int, _Active]) -> None:
    """SIGINT every running task's process group (as Ctrl-C would), then wait; SIGKILL what outlives the grace."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not cut the shutdown short
    print(f"stopping {len(active)} running task(s) ...", flush=True)
    for task in active.values():
        _signal_group(task.process, signal.SIGINT)
    deadline = time.monotonic() + GRACE_S + 5
    for index, task in active.items():
        try:
            task.process.wait(max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            _signal_group(task.process, signal.SIGKILL)
            task.process.wait()
        pid_file(study_dir, index).unlink(missing_ok=True)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
