"""`ablation collect` (ablation/collect.py, references.py, breakdown.py): tables, missing runs, controls and
reference levels, breakdowns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from mixbuddy_pl.ablation import scores as S
from mixbuddy_pl.ablation.__main__ import main
from mixbuddy_pl.ablation.plan import plan
from mixbuddy_pl.ablation.study import load_study, read_runs
from mixbuddy_pl.advice.labels import Advice, StemAdvice
from mixbuddy_pl.scoring.records import candidate_advice
from tests.helpers import prediction_row, records_calibration


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
        rows = [{**prediction_row(*examples[0], said), "start_s": float(i)} for i in range(20)]
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
        rows = [{**prediction_row("vocals", "quiet", "increase", "moderate", 4.5, vocals), "start_s": float(i)}
                for i in range(10)]
        rows += [{**prediction_row("bass", "loud", "decrease", "moderate", -4.5, bass_said), "start_s": float(i)}
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
    rows = [{**prediction_row("vocals", "quiet", "increase", "moderate", 4.5, said), "song": f"s{i}", "anchor": anchor}
            for i in range(10) for anchor in ("drums", "bass")]
    rows += [{**prediction_row("bass", "no_error", "none", "none", 0.0, said), "song": f"s{i}"} for i in range(10)]
    parts = {(r["dimension"], r["value"], r["metric"]): r for r in breakdown({"a": S.score_rows(rows)}, n_boot=50)}
    assert not any(d == "stem" for d, _, _ in parts)  # one flawed stem; the no_error bass is by category only
    assert {v for d, v, _ in parts if d == "anchor"} == {"drums", "bass"}
    bass, drums = parts["anchor", "bass", "category_acc"], parts["anchor", "drums", "category_acc"]
    assert (bass["examples"], bass["songs"], drums["examples"], drums["songs"]) == (10, 10, 20, 10)
    assert bass["estimate"] == 1.0 and bass["low"] == bass["high"] == 1.0  # 10 songs: a (degenerate) CI
    assert parts["category", "no_error", "category_acc"]["estimate"] == 0.0  # changed something on a balanced mix
    assert parts["anchor", "drums", "direction_acc"]["estimate"] == 0.5  # 6 right, 6 false alarms on no_error


def _likelihood_rows(songs: int, seed: int) -> list[dict]:
    """Anchor test rows whose answer is the argmax of a random distribution over the answer set, with its
    `likelihood` record as the test step writes it (probabilities keyed `<stem>:<category>`)."""
    rng = np.random.default_rng(seed)
    categories = ("no_error", "quiet", "very_quiet", "loud", "very_loud")
    rows = []
    for i in range(songs * 4):
        probs = rng.dirichlet(np.full(len(categories), 0.6) + 3 * np.eye(len(categories))[1] * (i % 2))
        best = categories[int(probs.argmax())]
        said = candidate_advice(f"vocals:{best}")
        row = {**prediction_row("vocals", "quiet", "increase", "moderate", 4.5, said), "song": f"s{i // 4:02d}",
               "start_s": float(i % 4)}
        right = np.array([c == "quiet" for c in categories], dtype=float)
        row["likelihood"] = {"stem": "vocals", "category": best, "confidence": float(probs.max()),
                             "correct": best == "quiet", "brier": float(((probs - right) ** 2).sum()),
                             "probs": {f"vocals:{c}": float(p) for c, p in zip(categories, probs)}}
        rows.append(row)
    return rows


def test_collected_tables_carry_likelihood_accuracy_and_ece_with_song_cis(study_file: Path) -> None:
    Path("toy.yaml").write_text("name: toy\nconfigs: [base.yaml]\ngrid: {data.anchor: [drums]}\nseeds: [0]\n")
    plan("toy.yaml")
    study_dir = Path("logs/toy")
    rows = _likelihood_rows(songs=12, seed=0)
    _fake_run(study_dir, "anchor-drums_seed0", rows, 0.5)
    main(["collect", str(study_dir), "--bootstrap", "200"])
    with (study_dir / "results.csv").open() as f:
        arm = next(r for r in csv.DictReader(f) if r["level"] == "arm")
    ece, low, high = (float(arm[f"lik/ece{s}"]) for s in ("", "_lo", "_hi"))
    expected = records_calibration(rows)  # the records' own correct / Brier, torchmetrics' ECE
    assert ece == pytest.approx(expected["ece"], abs=1e-9) and 0 <= low < ece < high
    assert float(arm["lik/brier"]) == pytest.approx(expected["brier"])
    right = np.mean([r["likelihood"]["category"] == "quiet" for r in rows])
    assert float(arm["lik/category_acc"]) == pytest.approx(right) == float(arm["category_acc"])
    header = next(line for line in (study_dir / "results.md").read_text().splitlines() if line.startswith("| name"))
    assert "| lik/ece |" in header and "| lik/direction_acc |" in header
