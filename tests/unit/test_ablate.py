"""Ablation studies: plan (run list, overrides, array script), status, checkpoints, and collect's statistics."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch

from mixbuddy_pl.ablation import collect as C
from mixbuddy_pl.ablation.__main__ import main, plan
from mixbuddy_pl.ablation.layout import read_layout
from mixbuddy_pl.ablation.slurm import status
from mixbuddy_pl.ablation.study import expand_arms, load_study, read_runs
from mixbuddy_pl.ablation.task import best_checkpoint, resume_checkpoint, run_task
from mixbuddy_pl.advice.labels import Advice, StemAdvice
from mixbuddy_pl.advice.templates import render
from mixbuddy_pl.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
STUDY = """
name: toy
configs: [base.yaml]
overrides: {trainer.max_epochs: 1}
grid:
  data.anchor: [drums, bass]
  adapter:
    lora: {}
    qlora: {config: q.yaml, model.lora.r: 4}
arms:
  zero: {commands: [test], seeds: [0]}
seeds: [0, 1]
slurm: {gpus_per_node: 2, max_concurrent: 3, partition: gpu, extra: ["--constraint=h100"], setup: ["module load x"]}
"""


@pytest.fixture
def study_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("base.yaml", "q.yaml"):
        (tmp_path / name).write_text("{}\n")
    path = tmp_path / "toy.yaml"
    path.write_text(STUDY)
    return path


# --- plan -----------------------------------------------------------------------------------------------------
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


# --- status and checkpoints -----------------------------------------------------------------------------------
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


def test_local_executor_needs_a_gpu_per_parallel_run(study_file: Path) -> None:
    from mixbuddy_pl.ablation.local import run_study

    plan(str(study_file))  # trainer.devices 2 per run
    with pytest.raises(ConfigError, match="--parallel 2 needs 4 GPUs"):
        run_study(Path("logs/toy"), parallel=2, gpus=["0", "1", "2"])
    with pytest.raises(ConfigError, match="--parallel 0"):
        run_study(Path("logs/toy"), parallel=0)


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


# --- collect --------------------------------------------------------------------------------------------------
def _scores(correct: list[bool], prefix: str = "song", per_song: int = 1) -> C.Scores:
    """Scores of anchor examples right or wrong on every metric, `per_song` examples to a song."""
    names = ("examples", "parsed", "direction_ok")
    states = np.zeros((len(correct), len(names)))
    states[:, 0], states[:, 1], states[:, 2] = 1, 1, correct
    keys = [(f"{prefix}{i // per_song}", float(i), "vocals", "quiet", 1) for i in range(len(correct))]
    return C.Scores(keys, states, names)


def test_confidence_interval_on_known_data() -> None:
    scores = _scores([True] * 70 + [False] * 30)
    value, low, high = C.confidence_intervals(scores, n_boot=4000, seed=1)["direction_acc"]
    assert value == pytest.approx(0.7) and low < 0.7 < high
    assert high - low == pytest.approx(2 * 1.96 * np.sqrt(0.7 * 0.3 / 100), abs=0.03)  # normal approx: 0.18
    again = C.confidence_intervals(scores, n_boot=4000, seed=1)["direction_acc"]
    assert again == (value, low, high)  # seeded: deterministic


def test_song_level_interval_is_wider_when_songs_differ() -> None:
    """10 songs of 10 examples, each song all right or all wrong: the examples are not independent, and the CI
    over songs is as wide as 10 draws, not 100."""
    correct = [song < 7 for song in range(10) for _ in range(10)]
    _, low, high = C.confidence_intervals(_scores(correct, per_song=10), n_boot=4000, seed=1)["direction_acc"]
    _, low_i, high_i = C.confidence_intervals(_scores(correct), n_boot=4000, seed=1)["direction_acc"]
    assert high - low == pytest.approx(2 * 1.96 * np.sqrt(0.7 * 0.3 / 10), abs=0.1)  # ~0.57
    assert high - low > 2.5 * (high_i - low_i)


def test_seeds_are_a_level_of_the_bootstrap() -> None:
    """Two seeds that disagree widen the pooled CI beyond what one seed's examples give."""
    good, bad = _scores([True] * 90 + [False] * 10), _scores([True] * 50 + [False] * 50)
    pooled = C.pool([good, bad])
    value, low, high = C.confidence_intervals(pooled, n_boot=4000, seed=1)["direction_acc"]
    assert value == pytest.approx(0.7) and pooled.cells().sums.shape[:2] == (100, 2)
    assert low < 0.55 and high > 0.85  # seed resampling reaches both seeds' own levels


def test_paired_test_detects_real_and_null_differences() -> None:
    rng = np.random.default_rng(0)
    a = _scores(list(rng.random(200) < 0.8))
    b = _scores(list(rng.random(200) < 0.5))
    real = C.paired_test(a, b, ("a", "b"), n_boot=2000)
    diff, low, high, p = real.metrics["direction_acc"]
    assert real.n == 200 and real.songs == 200 and diff > 0.15 and low > 0 and p < 0.01
    flipped = a.states.copy()
    column = a.names.index("direction_ok")
    right, wrong = np.flatnonzero(flipped[:, column] == 1)[0], np.flatnonzero(flipped[:, column] == 0)[0]
    flipped[[right, wrong], column] = flipped[[wrong, right], column]  # same accuracy, two examples swapped
    null = C.paired_test(a, C.Scores(a.keys, flipped, a.names), ("a", "a2"), n_boot=2000)
    assert null.metrics["direction_acc"][0] == 0 and null.metrics["direction_acc"][3] > 0.5
    partial = C.paired_test(a, _scores([True] * 50, prefix="other"), ("a", "c"))
    assert partial.n == 0  # no shared test examples: reported, not compared


def _row(stem: str, category: str, direction: str, magnitude: str, gain: float, said: Advice | None) -> dict:
    target = {"stem": stem, "category": category, "applied_gain_db": -gain, "direction": direction,
              "magnitude": magnitude, "suggested_gain_db": gain}
    ref = Advice((StemAdvice(stem, direction, magnitude, gain),))
    response = render(ref, np.random.default_rng(0), variant="anchor", anchor="drums")
    parsed = None if said is None else {"changes": [vars(c) for c in said.changes]}
    return {"variant": "anchor", "song": "s", "start_s": 0.0, "anchor": "drums", "targets": [target],
            "response": response, "generated": "", "parsed": parsed}


def test_score_rows_uses_the_metric_rules() -> None:
    good = _row("vocals", "quiet", "increase", "moderate", 4.5, Advice((StemAdvice("vocals", "increase", "moderate", 4.0),)))
    bad = _row("vocals", "quiet", "increase", "moderate", 4.5, None)
    scores = C.score_rows([good, bad, good])
    ci = {m: v[0] for m, v in C.confidence_intervals(scores, n_boot=10).items()}
    assert ci["direction_acc"] == pytest.approx(2 / 3) and ci["parse_rate"] == pytest.approx(2 / 3)
    assert ci["gain_mae_db"] == pytest.approx(0.5) and ci["stem_acc"] == pytest.approx(2 / 3)
    assert scores.keys[0] != scores.keys[2]  # the same example twice gets an occurrence number


def _fake_run(study_dir: Path, name: str, rows: list[dict], value: float) -> None:
    from torch.utils.tensorboard import SummaryWriter

    folder = study_dir / name / "version_0"
    (folder / "predictions").mkdir(parents=True)
    (folder / "predictions" / "test-epoch0.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with SummaryWriter(str(folder)) as writer:
        for tag in ("test/direction_acc", "test/rougeL", "test/bleu", "test/loss"):
            writer.add_scalar(tag, value, 0)


def test_collect_writes_tables_and_lists_missing_runs(study_file: Path) -> None:
    Path("toy.yaml").write_text("name: toy\nconfigs: [base.yaml]\ngrid: {data.anchor: [drums, bass]}\nseeds: [0, 1]\n")
    plan("toy.yaml")
    study_dir = Path("logs/toy")
    right = Advice((StemAdvice("vocals", "increase", "moderate", 4.5),))
    wrong = Advice((StemAdvice("vocals", "decrease", "moderate", -4.5),))
    examples = [("vocals", "quiet", "increase", "moderate", 4.5)]
    for name, said in (("anchor-drums_seed0", right), ("anchor-drums_seed1", right), ("anchor-bass_seed0", wrong)):
        rows = [{**_row(*examples[0], said), "start_s": float(i)} for i in range(20)]
        _fake_run(study_dir, name, rows, 1.0 if said is right else 0.0)
    main(["collect", str(study_dir), "--bootstrap", "200"])
    with (study_dir / "results.csv").open() as f:
        rows = list(csv.DictReader(f))
    runs = [r for r in rows if r["level"] == "run"]
    assert [r["name"] for r in runs] == [r.name for r in read_runs(study_dir)]
    missing = {r["name"] for r in runs if r["status"] != "ok"}
    assert missing == {"anchor-bass_seed1"}
    arms = {r["name"]: r for r in rows if r["level"] == "arm"}
    assert float(arms["anchor-drums"]["direction_acc"]) == 1.0 and arms["anchor-drums"]["examples"] == "20"
    assert arms["anchor-drums"]["songs"] == "1"  # every example is from song "s": the CI rests on one song
    assert float(arms["anchor-bass"]["direction_acc"]) == 0.0 and arms["anchor-bass"]["runs"] == "1"
    text = (study_dir / "results.md").read_text()
    assert "anchor-bass_seed1" in text.split("Missing or unfinished runs")[1]
    assert "| anchor-drums | anchor-bass | 20 | 1 |" in text
    assert (study_dir / "results.png").stat().st_size > 0 and (study_dir / "paired.csv").is_file()


def test_controls_are_recognized_from_overrides(tmp_path: Path) -> None:
    from mixbuddy_pl.ablation.references import control_label
    from mixbuddy_pl.ablation.study import plan_runs

    path = tmp_path / "c.yaml"
    path.write_text("""
configs: [configs/anchor.yaml]
arms:
  heard: {}
  deaf: {data.blind: true}
  silenced: {data.control: target_only}
  plain: {data.control: none, data.level_offset_db: 0}
  louder: {data.level_offset_db: 10}
  loud: {config: configs/loudness_baseline.yaml, commands: [test]}
""")
    runs = plan_runs(load_study(path), "logs/c")
    labels = {r.arm: control_label(r) for r in runs}
    assert labels == {"heard": None, "deaf": "blind", "silenced": "target_only", "plain": None,
                      "louder": "level +10 dB", "loud": "loudness_baseline"}


def test_collect_draws_references_and_breaks_down_by_stem(study_file: Path) -> None:
    from mixbuddy_pl.ablation.breakdown import breakdown
    from torch.utils.tensorboard import SummaryWriter

    Path("two.yaml").write_text("name: two\nconfigs: [base.yaml]\narms: {heard: {}, deaf: {data.blind: true}}\n")
    plan("two.yaml")
    study_dir = Path("logs/two")
    vocals = Advice((StemAdvice("vocals", "increase", "moderate", 4.5),))
    bass_wrong = Advice((StemAdvice("bass", "increase", "moderate", 4.5),))
    for name, bass_said in (("heard_seed0", bass_wrong), ("deaf_seed0", None)):
        rows = [{**_row("vocals", "quiet", "increase", "moderate", 4.5, vocals), "start_s": float(i)}
                for i in range(10)]
        rows += [{**_row("bass", "loud", "decrease", "moderate", -4.5, bass_said), "start_s": float(i)}
                 for i in range(10)]
        _fake_run(study_dir, name, rows, 0.5)
        with SummaryWriter(str(study_dir / name / "version_0")) as writer:
            writer.add_scalar("test/chance_direction_acc", 0.25, 0)
    main(["collect", str(study_dir), "--bootstrap", "100"])
    text = (study_dir / "results.md").read_text()
    assert "| deaf | blind | 0.250 / – |" in text and "| heard | – | 0.250 / – |" in text
    assert "### By stem" in text and "### By category" in text
    assert "By anchor" not in text  # every example has the same anchor
    assert "| heard | bass | 1 | 10 | " + " | ".join(["0.000 (n too small)"] * 3) + " |" in text  # one song: no CI
    with (study_dir / "breakdown.csv").open() as f:
        parts = {(r["arm"], r["dimension"], r["value"], r["metric"]): r for r in csv.DictReader(f)}
    assert float(parts["heard", "stem", "vocals", "direction_acc"]["estimate"]) == 1.0
    assert float(parts["heard", "stem", "bass", "direction_acc"]["estimate"]) == 0.0  # said increase for a cut
    assert float(parts["deaf", "stem", "bass", "parse_rate"]["estimate"]) == 0.0
    assert parts["heard", "category", "loud", "category_acc"]["examples"] == "10"
    assert parts["heard", "stem", "bass", "category_acc"]["songs"] == "1"
    with (study_dir / "results.csv").open() as f:  # the stem subset is what stem_direction_acc/<stem> is over
        heard = next(r for r in csv.DictReader(f) if r["name"] == "heard")
    assert heard["stem_direction_acc/vocals"] == parts["heard", "stem", "vocals", "stem_direction_acc"]["estimate"]
    assert (study_dir / "breakdown.png").stat().st_size > 0 and (study_dir / "results.png").stat().st_size > 0
    assert breakdown({}) == []


def test_breakdown_by_anchor_and_no_error_outside_the_stem_breakdown() -> None:
    from mixbuddy_pl.ablation.breakdown import breakdown

    said = Advice((StemAdvice("vocals", "increase", "moderate", 4.5),))
    rows = [{**_row("vocals", "quiet", "increase", "moderate", 4.5, said), "song": f"s{i}", "anchor": anchor}
            for i in range(10) for anchor in ("drums", "bass")]
    rows += [{**_row("bass", "no_error", "none", "none", 0.0, said), "song": f"s{i}"} for i in range(10)]
    parts = {(r["dimension"], r["value"], r["metric"]): r for r in breakdown({"a": C.score_rows(rows)}, n_boot=50)}
    assert not any(d == "stem" for d, _, _ in parts)  # one flawed stem; the no_error bass is by category only
    assert {v for d, v, _ in parts if d == "anchor"} == {"drums", "bass"}
    bass, drums = parts["anchor", "bass", "category_acc"], parts["anchor", "drums", "category_acc"]
    assert (bass["examples"], bass["songs"], drums["examples"], drums["songs"]) == (10, 10, 20, 10)
    assert bass["estimate"] == 1.0 and bass["low"] == bass["high"] == 1.0  # 10 songs: a (degenerate) CI
    assert parts["category", "no_error", "category_acc"]["estimate"] == 0.0  # changed something on a balanced mix
    assert parts["anchor", "drums", "direction_acc"]["estimate"] == 0.5  # 6 right, 6 false alarms on no_error
