"""One run of a study, start to finish: the single definition of a task.

The SLURM array script (`ablation task STUDY $SLURM_ARRAY_TASK_ID --launcher srun`) and the local executor
(`ablation run STUDY`) both call `run_task`, so a run means the same thing everywhere: `fit` (resumed from the
newest checkpoint; skipped once `fit.done` exists), then `test` on the best checkpoint, or `controls` (the test
as configured and under each control of the variant, `python -m mixbuddy_pl.controls`; skipped once
`controls.json` exists). A task re-run after an
interruption or a pre-emption does only what is unfinished.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from mixbuddy_pl.ablation.study import Run, read_runs, run_dir
from mixbuddy_pl.errors import ConfigError

INTERRUPTED = 130  # exit status of a task stopped by SIGINT (as a shell reports Ctrl-C)
GRACE_S = 60.0  # how long a stopped task waits for its fit/test process to shut down


def finished(folder: Path, run: Run) -> bool:
    """A run is finished when its test predictions exist (with `controls`: its controls.json; for a fit-only run,
    when fit completed)."""
    if "controls" in run.commands:
        return (folder / "controls.json").exists()
    if "test" in run.commands:
        return any((folder / "predictions").glob("test-*.jsonl"))
    return (folder / "fit.done").exists()


def resume_checkpoint(folder: Path) -> Path | None:
    """The newest of `checkpoints/last.ckpt` and Lightning's pre-emption checkpoints `hpc_ckpt_<n>.ckpt`."""
    candidates = [p for p in [folder / "checkpoints" / "last.ckpt", *folder.glob("hpc_ckpt_*.ckpt")] if p.is_file()]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def best_checkpoint(folder: Path) -> Path | None:
    """The best checkpoint that `last.ckpt`'s monitoring ModelCheckpoint state names, else `last.ckpt` itself."""
    last = folder / "checkpoints" / "last.ckpt"
    if not last.is_file():
        return None
    import torch

    state = torch.load(last, map_location="cpu", weights_only=False, mmap=True)
    for key, value in state.get("callbacks", {}).items():
        best = value.get("best_model_path") if key.startswith("ModelCheckpoint") and value.get("monitor") else None
        if best:
            for path in (Path(best), folder / "checkpoints" / Path(best).name):
                if path.is_file():
                    return path
    return last


def find_run(study_dir: Path, index: int) -> Run:
    """The run at this array index of the study's runs.tsv (ConfigError when out of range)."""
    runs = read_runs(study_dir)
    if not 0 <= index < len(runs):
        raise ConfigError(f"{study_dir}/runs.tsv has runs 0..{len(runs) - 1}, not {index}")
    return runs[index]


def _say(text: str) -> None:
    print(f"[{datetime.now().isoformat(timespec='seconds')}] {text}", flush=True)


def _call(args: list[str]) -> int:
    """Run one step; on Ctrl-C (which reaches the step too: same process group) wait for it to shut down."""
    process = subprocess.Popen(args)
    try:
        return process.wait()
    except KeyboardInterrupt:
        try:
            process.wait(GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return INTERRUPTED


def run_task(study_dir: Path, index: int, launcher: Sequence[str] = (), python: str = sys.executable) -> int:
    """Fit (resume, `fit.done`), then test / controls on the best checkpoint; returns the failed step's exit status
    or 0.

    `launcher` prefixes each step (`srun` under SLURM, which starts one process per task of the allocation).
    """
    run = find_run(study_dir, index)
    folder = Path(run_dir(study_dir, run.name))
    _say(f"task {index}: {run.name} on {socket.gethostname().split('.')[0]} "
         f"(restart {os.environ.get('SLURM_RESTART_COUNT', 0)})")
    step = [*launcher, python, "-m", "mixbuddy_pl"]
    if "fit" in run.commands and not (folder / "fit.done").exists():
        resume = resume_checkpoint(folder)
        if status := _call([*step, "fit", *run.args, *(["--ckpt_path", str(resume)] if resume else [])]):
            return _stopped(index, run, "fit", status)
        (folder / "fit.done").touch()
    best = best_checkpoint(folder) if "fit" in run.commands and {"test", "controls"} & set(run.commands) else None
    if "test" in run.commands:
        if status := _call([*step, "test", *run.args, *(["--ckpt_path", str(best)] if best else [])]):
            return _stopped(index, run, "test", status)
    if "controls" in run.commands and not (folder / "controls.json").exists():  # as configured + each control
        controls = [*launcher, python, "-m", "mixbuddy_pl.controls", "--json", str(folder / "controls.json")]
        if status := _call([*controls, *run.args, "--ckpt_path", str(best or folder / "checkpoints" / "last.ckpt")]):
            return _stopped(index, run, "controls", status)
    _say(f"task {index}: {run.name} done")
    return 0


def _stopped(index: int, run: Run, step: str, status: int) -> int:
    _say(f"task {index}: {run.name} {'interrupted' if status == INTERRUPTED else 'failed'} in {step} "
         f"(exit status {status})")
    return status
