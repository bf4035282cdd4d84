"""Study files (`ablations/*.yaml`) and the run list they expand to (`runs.tsv`).

A study names base configs, common overrides, a grid of arms (cartesian product over axes) plus an optional
explicit list of arms, and seeds. Every arm runs once per seed; `seed_everything` is the only thing a seed
changes, so every run of a study is tested on the same examples (`data.seed` fixes them).

An axis is either `key: [v1, v2]` (one CLI option; arms are labelled `<last part of key>-<value>`) or
`label: {overrides}`. Overrides are CLI options (`data.anchor: bass`) plus three special keys: `config`
(one or more extra `--config` files), `commands` (default `[fit, test]`; `[test]` for baselines that do
not train; `[fit, controls]`: test the checkpoint as configured and under its variant's controls,
`python -m mixbuddy_pl.controls`) and `seeds` (this arm's seeds instead of the study's).
"""

from __future__ import annotations

import itertools
import json
import shlex
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from mixbuddy_pl.errors import ConfigError

COMMANDS = ("fit", "test", "controls")
SPECIAL = ("config", "commands", "seeds")
TSV_COLUMNS = ("index", "run", "arm", "seed", "commands", "args")


@dataclass
class Slurm:
    """SLURM resources of every task of the study's array job (one task = one run).

    These defaults (one GPU, 8 CPUs, 64 GB, 8 h, at most 6 tasks at once) are the only place they are written: a
    study file's `slurm:` states only what differs, and `--set slurm.<key>=<value>` changes any key at plan time.
    """

    job_name: str | None = None  # default: mixbuddy-<study name>
    partition: str | None = None  # None: the cluster default
    account: str | None = None
    qos: str | None = None
    nodes: int = 1
    gpus_per_node: int = 1  # 0: no GPU line (CPU runs); trainer.devices follows ntasks_per_node
    gpu_type: str | None = None  # e.g. H100 -> --gpus-per-node=H100:1
    ntasks_per_node: int | None = None  # None: gpus_per_node (one task per GPU, as Lightning's DDP under srun wants)
    cpus_per_task: int = 8
    mem: str | None = "64G"
    time: str = "08:00:00"
    max_concurrent: int | None = 6  # --array=0-8%6; None: no limit
    extra: list[str] = field(default_factory=list)  # extra #SBATCH lines, e.g. ["--constraint=gpu-h100"]
    setup: list[str] = field(default_factory=list)  # shell lines before the runs: module load ..., source ...

    @property
    def devices(self) -> int:
        """Trainer devices per node = SLURM tasks per node (default: one per GPU, one without GPUs)."""
        return self.ntasks_per_node or max(self.gpus_per_node, 1)


@dataclass
class Arm:
    """One point of the study: a label and its overrides."""

    name: str
    configs: list[str]
    options: dict[str, Any]
    commands: tuple[str, ...]
    seeds: list[int]


@dataclass
class Run:
    """One task of the array: an arm with one seed, and the full CLI argument list (without the subcommand)."""

    index: int
    name: str
    arm: str
    seed: int
    commands: tuple[str, ...]
    args: list[str]


@dataclass
class Study:
    """A parsed study file."""

    name: str
    configs: list[str] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)
    grid: dict[str, Any] = field(default_factory=dict)
    arms: dict[str, dict[str, Any]] = field(default_factory=dict)
    seeds: list[int] = field(default_factory=lambda: [0])
    commands: list[str] = field(default_factory=lambda: ["fit", "test"])
    slurm: Slurm = field(default_factory=Slurm)


def load_study(path: str | Path, sets: list[str] = ()) -> Study:
    """Read a study file and apply `--set key=value` overrides (`slurm.partition=gpu`, `seeds=[0,1]`,
    `overrides.trainer.max_epochs=1`)."""
    path = Path(path)
    raw = yaml.safe_load(path.read_text()) or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: a study file is a mapping (name, configs, grid, seeds, slurm, ...)")
    raw.setdefault("name", path.stem)
    for item in sets:
        _apply_set(raw, item)
    known = {f.name for f in fields(Study)}
    if unknown := set(raw) - known:
        raise ConfigError(f"{path}: unknown study keys {sorted(unknown)}; use {sorted(known)}")
    slurm_raw = raw.pop("slurm", None) or {}
    slurm_known = {f.name for f in fields(Slurm)}
    if unknown := set(slurm_raw) - slurm_known:
        raise ConfigError(f"{path}: unknown slurm keys {sorted(unknown)}; use {sorted(slurm_known)}")
    study = Study(**raw, slurm=Slurm(**slurm_raw))
    study.configs, study.seeds = _as_list(study.configs), _as_list(study.seeds)
    _check_commands(study.commands, path)
    return study


def _apply_set(raw: dict, item: str) -> None:
    """`section.key=value`: `slurm` and `overrides` take the rest of the key whole; other keys are top-level."""
    key, sep, value = item.partition("=")
    if not sep:
        raise ConfigError(f"--set {item!r}: write key=value, e.g. slurm.partition=gpu")
    section, dot, rest = key.partition(".")
    if dot and section in ("slurm", "overrides"):
        raw.setdefault(section, {})
        raw[section] = {**(raw[section] or {}), rest: yaml.safe_load(value)}
    else:
        raw[key] = yaml.safe_load(value)


def _as_list(value: Any) -> list:
    return [] if value is None else list(value) if isinstance(value, (list, tuple)) else [value]


def _check_commands(commands: list[str], where: Any) -> None:
    if not commands or set(commands) - set(COMMANDS):
        raise ConfigError(f"{where}: commands must be a non-empty subset of {list(COMMANDS)}, got {commands}")


def expand_arms(study: Study) -> list[Arm]:
    """The grid's cartesian product, then the explicit arms; a study with neither has one arm, `base`."""
    axes = [_axis(key, values) for key, values in study.grid.items()]
    points = [dict(zip(study.grid, combo)) for combo in itertools.product(*axes)] if axes else []
    arms = [_arm("_".join(label for label, _ in point.values()),
                 _merge([options for _, options in point.values()]), study) for point in points]
    arms += [_arm(name, dict(options or {}), study) for name, options in study.arms.items()]
    if not arms:
        arms = [_arm("base", {}, study)]
    names = [a.name for a in arms]
    if len(set(names)) != len(names):
        raise ConfigError(f"study '{study.name}': arm names repeat: {names}")
    return arms


def _axis(key: str, values: Any) -> list[tuple[str, dict]]:
    """(label, overrides) of each value of one grid axis."""
    if isinstance(values, dict):
        return [(str(label), dict(options or {})) for label, options in values.items()]
    if isinstance(values, list) and values:
        short = key.rsplit(".", 1)[-1]
        return [(f"{short}-{_cli_value(v)}", {key: v}) for v in values]
    raise ConfigError(f"grid axis '{key}': give a non-empty list of values or a mapping label -> overrides")


def _merge(parts: list[dict]) -> dict:
    """Merge the overrides of several axes; `config` entries accumulate in axis order."""
    merged: dict[str, Any] = {}
    for part in parts:
        for key, value in part.items():
            merged[key] = _as_list(merged.get(key)) + _as_list(value) if key == "config" else value
    return merged


def _arm(name: str, options: dict, study: Study) -> Arm:
    commands = tuple(options.pop("commands", study.commands))
    _check_commands(list(commands), f"arm '{name}'")
    seeds = _as_list(options.pop("seeds", study.seeds))
    configs = study.configs + _as_list(options.pop("config", None))
    return Arm(name, configs, {**study.overrides, **options}, commands, seeds)


def plan_runs(study: Study, study_dir: str) -> list[Run]:
    """Every arm × seed, with the CLI arguments that log it under `<study_dir>/<run>/version_0`."""
    runs = []
    for arm in expand_arms(study):
        for seed in arm.seeds:
            name = f"{arm.name}_seed{seed}"
            args = [a for config in arm.configs for a in ("--config", config)]
            for key, value in {**arm.options, "seed_everything": seed}.items():
                args += [f"--{key}", _cli_value(value)]
            args += _placement_args(study.slurm, study_dir, name)
            runs.append(Run(len(runs), name, arm.name, seed, arm.commands, args))
    return runs


def _placement_args(slurm: Slurm, study_dir: str, name: str) -> list[str]:
    """Devices matching the SLURM tasks, and a fixed log folder so resume and test find the same run."""
    return ["--trainer.devices", str(slurm.devices), "--trainer.num_nodes", str(slurm.nodes),
            "--trainer.logger.init_args.save_dir", study_dir, "--trainer.logger.init_args.name", name,
            "--trainer.logger.init_args.version", "0", "--trainer.default_root_dir", run_dir(study_dir, name)]


def run_dir(study_dir: str | Path, name: str) -> str:
    """Where a run logs: `<study_dir>/<run>/version_0`."""
    return f"{study_dir}/{name}/version_0"


def _cli_value(value: Any) -> str:
    """A YAML value as jsonargparse reads it from the command line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return str(value)


def check_configs(runs: list[Run]) -> None:
    """Every `--config` file must exist (relative to the folder the jobs run in)."""
    missing = sorted({a for r in runs for k, a in zip(r.args, r.args[1:]) if k == "--config" and not Path(a).is_file()})
    if missing:
        raise ConfigError(f"config files not found (paths are relative to where you plan and submit): {missing}")


def runs_tsv(runs: list[Run]) -> str:
    """runs.tsv: index, run, arm, seed, commands (comma-separated), args (shell-quoted); no quoting of fields,
    so `awk -F'\\t'` in the array script reads it."""
    rows = [TSV_COLUMNS] + [(str(r.index), r.name, r.arm, str(r.seed), ",".join(r.commands), shlex.join(r.args))
                            for r in runs]
    for row in rows:
        if any(c in cell for cell in row for c in "\t\n"):
            raise ConfigError(f"run values may not contain tabs or newlines: {row}")
    return "".join("\t".join(row) + "\n" for row in rows)


def read_runs(study_dir: str | Path) -> list[Run]:
    """The runs of a planned study."""
    path = Path(study_dir) / "runs.tsv"
    if not path.is_file():
        raise ConfigError(f"{path} not found: plan the study first (python -m mixbuddy_pl.ablation plan STUDY.yaml)")
    lines = path.read_text().splitlines()[1:]
    runs = []
    for line in lines:
        index, name, arm, seed, commands, args = line.split("\t")
        runs.append(Run(int(index), name, arm, int(seed), tuple(commands.split(",")), shlex.split(args)))
    return runs
