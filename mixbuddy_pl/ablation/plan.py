"""Planning a study: its run list (`runs.tsv`), SLURM array script and TensorBoard layout, and with `--fitcheck`
one GPU-memory line per run (`model/memory.py`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mixbuddy_pl.ablation import slurm
from mixbuddy_pl.ablation.layout import write_layout
from mixbuddy_pl.ablation.study import check_configs, load_study, plan_runs, runs_tsv
from mixbuddy_pl.cli import read_config
from mixbuddy_pl.errors import ConfigError
from mixbuddy_pl.model.memory import run_estimates


@dataclass
class Plan:
    """A planned study: its folder, run list (runs.tsv text) and array script."""

    study_dir: Path
    tsv: str
    script: str


def plan(study_file: str, out: str = "logs", sets: list[str] = (), python: str = "python", dry_run: bool = False,
         check: bool = True) -> Plan:
    """Write `<out>/<study>/runs.tsv` and `array.sbatch` (nothing with `dry_run`); configs must exist if `check`."""
    study = load_study(study_file, sets)
    study_dir = f"{out.rstrip('/')}/{study.name}"
    runs = plan_runs(study, study_dir)
    if check:
        check_configs(runs)
    result = Plan(Path(study_dir), runs_tsv(runs), slurm.sbatch_text(study.name, runs, study.slurm, study_dir,
                                                                      os.getcwd(), python))
    if not dry_run:
        (result.study_dir / "slurm").mkdir(parents=True, exist_ok=True)
        (result.study_dir / "runs.tsv").write_text(result.tsv)
        (result.study_dir / "array.sbatch").write_text(result.script)
        write_layout(result.study_dir)
    return result


def run_line(name: str, args: list[str]) -> str:
    """One line per run for `plan --fitcheck`: its own setting, sequence, activation per example and the largest
    micro-batch per GPU (`python -m mixbuddy_pl.fitcheck` prints the full estimate)."""
    try:
        run, (own,) = run_estimates(read_config(args).as_dict(), only_own=True)
    except ConfigError as error:
        return f"{name:<32} {error}"
    fits = " ".join(f"{gb}:{b}" for gb, b in own.max_batch.items())
    return (f"{name:<32} {own.mode:<12} ckpt={'yes' if own.gradient_checkpointing else 'no':<3} "
            f"seq={own.sequence:<5} act/ex={own.activation_per_example:.2f} GiB  batch={run['batch_size']}  "
            f"max micro-batch {fits}")
