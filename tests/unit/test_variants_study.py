"""The variants study's plumbing: a `[fit, controls]` run tests its checkpoint under its controls, collect puts each
control in the table as `<arm>/<control>` paired with its own arm, and says which metric is comparable where."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import torch
import yaml

from mixbuddy_pl.ablation.__main__ import main
from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.ablation.study import load_study, read_runs
from mixbuddy_pl.ablation.task import finished, run_task

REPO = Path(__file__).resolve().parents[2]
STUDY = "name: toy\ngrid: {variant: {anchor: {config: a.yaml}, differential: {config: d.yaml}}}\n" \
        "commands: [fit, controls]\nseeds: [0]\n"


@pytest.fixture
def study_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("a.yaml", "d.yaml"):
        (tmp_path / name).write_text("{}\n")
    Path("toy.yaml").write_text(STUDY)
    plan("toy.yaml")
    return Path("logs/toy")


def test_the_shipped_variants_study_runs_every_variant_under_its_controls() -> None:
    study = load_study(str(REPO / "ablations/tiny_variants.yaml"))
    assert study.commands == ["fit", "controls"]
    assert set(study.grid["variant"]) == {"anchor", "no_anchor", "differential"}


def test_a_controls_run_tests_the_checkpoint_under_its_controls_once(study_dir: Path,
                                                                      capfd: pytest.CaptureFixture) -> None:
    run = read_runs(study_dir)[0]
    folder = study_dir / run.name / "version_0"
    (folder / "checkpoints").mkdir(parents=True)
    torch.save({}, folder / "checkpoints" / "last.ckpt")
    (folder / "fit.done").touch()
    assert run_task(study_dir, 0, launcher=["echo"]) == 0
    (line,) = [x for x in capfd.readouterr().out.splitlines() if " -m mixbuddy_pl" in x]
    assert " -m mixbuddy_pl.controls --json " in line and line.endswith(f"--ckpt_path {folder}/checkpoints/last.ckpt")
    assert not finished(folder, run)  # echo wrote no controls.json
    (folder / "controls.json").write_text("{}")
    assert finished(folder, run)
    assert run_task(study_dir, 0, launcher=["echo"]) == 0
    assert " -m mixbuddy_pl" not in capfd.readouterr().out  # done: nothing runs again


def _rows(direction: str, said: str | None, variant: str = "differential") -> list[dict]:
    target = {"stem": "vocals", "category": "very_quiet" if direction == "increase" else "very_loud",
              "applied_gain_db": -8.0, "direction": direction, "magnitude": "large", "suggested_gain_db": 8.0}
    parsed = None if said is None else {"changes": [{"stem": "vocals", "direction": said, "magnitude": "large",
                                                     "gain_db": 8.0}]}
    anchor = "drums" if variant == "anchor" else None
    return [{"variant": variant, "song": f"s{i % 4}", "start_s": float(i), "anchor": anchor,
             "targets": [target], "response": "", "generated": "", "parsed": parsed} for i in range(16)]


def _write(folder: Path, rows: list[dict]) -> None:
    (folder / "predictions").mkdir(parents=True, exist_ok=True)
    (folder / "predictions" / "test-epoch0.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_collect_lists_each_control_next_to_its_arm_and_the_comparable_metrics(study_dir: Path) -> None:
    from torch.utils.tensorboard import SummaryWriter

    for run, variant in zip(read_runs(study_dir), ("anchor", "differential")):
        folder = study_dir / run.name / "version_0"
        _write(folder, _rows("increase", "increase", variant))  # same items; only the anchor arm names an anchor
        (folder / "config.yaml").write_text(yaml.safe_dump({"data": {"variant": variant}}))
        with SummaryWriter(str(folder)) as writer:
            writer.add_scalar("test/direction_acc", 1.0, 0)
        _write(folder / "controls" / "target_only", _rows("increase", "decrease", variant))  # wrong when silenced
        _write(folder / "controls" / "swapped", _rows("decrease", "decrease", variant))  # other items: never paired
    main(["collect", str(study_dir), "--bootstrap", "100"])
    with (study_dir / "results.csv").open() as f:
        arms = {r["name"]: r for r in csv.DictReader(f) if r["level"] == "arm"}
    assert float(arms["differential"]["direction_acc"]) == 1.0
    assert float(arms["differential/target_only"]["direction_acc"]) == 0.0
    assert arms["differential/target_only"]["songs"] == "4"
    assert float(arms["differential/swapped"]["direction_acc"]) == 1.0
    with (study_dir / "paired.csv").open() as f:
        pairs = {(r["a"], r["b"]) for r in csv.DictReader(f)}
    assert pairs == {("anchor", "differential"), ("anchor", "anchor/target_only"),
                     ("differential", "differential/target_only")}  # no control-vs-other-arm comparisons
    text = (study_dir / "results.md").read_text()
    assert "## Comparable across variants" in text and "| stem_direction_acc | no_anchor and differential" in text
