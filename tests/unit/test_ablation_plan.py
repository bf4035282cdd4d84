"""`ablation plan` (ablation/plan.py): the run list, the array script, the TensorBoard layout, the shipped studies."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mixbuddy_pl.ablation.__main__ import main
from mixbuddy_pl.ablation.layout import read_layout
from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.ablation.study import expand_arms, load_study, read_runs
from mixbuddy_pl.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


def test_plan_rows_are_grid_times_seeds_plus_explicit_arms(study_file: Path) -> None:
    result = plan(str(study_file))
    runs = read_runs("logs/toy")
    assert len(runs) == 2 * 2 * 2 + 1
    assert [r.index for r in runs] == list(range(9))
    assert runs[0].name == "anchor-drums_lora_seed0" and runs[0].arm == "anchor-drums_lora"
    assert runs[-1].name == "zero_seed0" and runs[-1].commands == ("test",)
    assert result.tsv == Path("logs/toy/runs.tsv").read_text()
    assert Path("logs/toy/slurm").is_dir()


def test_plan_overrides_are_complete_and_ordered(study_file: Path) -> None:
    plan(str(study_file))
    run = next(r for r in read_runs("logs/toy") if r.name == "anchor-bass_qlora_seed1")
    args = run.args
    assert args[:4] == ["--config", "base.yaml", "--config", "q.yaml"]  # configs first: options override them
    pairs = dict(zip(args[4::2], args[5::2]))
    assert pairs["--trainer.max_epochs"] == "1" and pairs["--data.anchor"] == "bass"
    assert pairs["--model.lora.r"] == "4" and pairs["--seed_everything"] == "1"
    assert pairs["--trainer.devices"] == "2" and pairs["--trainer.num_nodes"] == "1"
    assert pairs["--trainer.logger.init_args.save_dir"] == "logs/toy"
    assert pairs["--trainer.logger.init_args.name"] == run.name
    assert pairs["--trainer.logger.init_args.version"] == "0"
    assert pairs["--trainer.default_root_dir"] == f"logs/toy/{run.name}/version_0"


def test_sbatch_text(study_file: Path) -> None:
    script = plan(str(study_file)).script
    for line in ("#SBATCH --array=0-8%3", "#SBATCH --ntasks-per-node=2", "#SBATCH --gpus-per-node=2",
                 "#SBATCH --signal=SIGUSR1@90", "#SBATCH --requeue", "#SBATCH --open-mode=append",
                 "#SBATCH --partition=gpu", "#SBATCH --constraint=h100", "#SBATCH --output=logs/toy/slurm/%a.out",
                 "module load x", "STUDY=logs/toy", "PYTHON=python"):
        assert line in script.splitlines(), line
    assert 'exec "$PYTHON" -m mixbuddy_pl.ablation task "$STUDY" "$SLURM_ARRAY_TASK_ID" --launcher srun' in script
    assert "--account" not in script
    assert subprocess.run(["bash", "-n"], input=script, text=True).returncode == 0


def test_set_overrides_and_cpu_only(study_file: Path) -> None:
    result = plan(str(study_file), sets=["slurm.gpus_per_node=0", "slurm.max_concurrent=null", "seeds=[5]",
                                         "slurm.account=abc", "overrides.trainer.max_epochs=3"], python="py3")
    lines = result.script.splitlines()
    assert "#SBATCH --array=0-4" in lines and "#SBATCH --ntasks-per-node=1" in lines
    assert not any("--gpus-per-node" in line for line in lines)
    assert "#SBATCH --account=abc" in lines and "PYTHON=py3" in lines
    assert "--trainer.max_epochs 3" in result.tsv and "--seed_everything 5" in result.tsv


def test_plan_writes_a_tensorboard_layout_once(study_file: Path) -> None:
    plan(str(study_file))
    plan(str(study_file))  # planned again: the layout is replaced, not added twice
    layout = read_layout(Path("logs/toy"))
    assert list(layout) == ["study: test", "study: validation", "study: training"]
    tags = layout["study: test"]["test/direction_acc"]
    assert tags == ["^test/direction_acc$", "^test/(chance|majority)_direction_acc$"]
    assert {"test/stem_direction_acc", "test/detection_f1", "test/gain_stated_rate"} <= set(layout["study: test"])
    assert layout["study: test"]["test/category_acc by value"][0] == "^test/category_acc/.+$"


def test_dry_run_writes_nothing(study_file: Path, capsys: pytest.CaptureFixture) -> None:
    main(["plan", str(study_file), "--dry-run"])
    assert "#SBATCH --array=0-8%3" in capsys.readouterr().out
    assert not Path("logs").exists()


def test_plan_errors(study_file: Path) -> None:
    with pytest.raises(ConfigError, match="slurm"):
        plan(str(study_file), sets=["slurm.gpus=1"])
    Path("q.yaml").unlink()
    with pytest.raises(ConfigError, match="q.yaml"):
        plan(str(study_file))


def _shipped() -> list[Path]:
    return sorted((REPO / "ablations").glob("*.yaml"))


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: p.stem)
def test_shipped_studies_instantiate(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every arm's first run goes through the real CLI (tiny overlay, CPU) without errors."""
    from mixbuddy_pl.cli import build_cli

    monkeypatch.chdir(REPO)
    missing = [c for arm in expand_arms(load_study(path)) for c in arm.configs if not Path(c).is_file()]
    if missing:
        pytest.skip(f"{path.name} names configs not written yet: {missing}")
    result = plan(str(path), out=str(tmp_path))
    seen = set()
    for run in (r for r in read_runs(result.study_dir) if r.arm not in seen):
        seen.add(run.arm)
        last_config = max(i for i, a in enumerate(run.args) if a == "--config") + 2
        args = run.args[:last_config] + ["--config", "configs/overlays/tiny.yaml"] + run.args[last_config:]
        build_cli(args=args + ["--trainer.accelerator", "cpu"], run=False)
    assert seen == {arm.name for arm in expand_arms(load_study(path))}
    assert len(result.tsv.splitlines()) - 1 == sum(len(a.seeds) for a in expand_arms(load_study(path)))
