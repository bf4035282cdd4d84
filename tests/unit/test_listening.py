"""Listening-study kit: the exported folder (audio, blinding, seeded shuffles) and the analysis numbers."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.audio import loudness_lufs
from mixbuddy_pl.judge import rubric
from mixbuddy_pl.listening import CRITERIA
from mixbuddy_pl.listening import __main__ as study_cli
from mixbuddy_pl.listening import analyze, export
from mixbuddy_pl.scoring import stats
from mixbuddy_pl.scoring.stats import pearson, spearman
from tests.helpers import ROOT, STEMS, WRONG, make_study

SYSTEMS = ("sysalpha", "sysbeta")  # names that occur nowhere else in the page


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, list[str], list[str]]:
    folder = tmp_path_factory.mktemp("study")
    study, configs, specs = make_study(folder)
    return folder, study, configs, specs


# --- export -----------------------------------------------------------------------------------------------------
def test_folder_holds_page_audio_and_key(exported: tuple) -> None:
    folder, study, _, _ = exported
    out = folder / "study"
    assert sorted(p.name for p in out.iterdir()) == ["audio", "index.html", "study.json"]
    assert json.loads((out / "study.json").read_text()) == study
    assert study["systems"] == ["sysalpha", "sysbeta", "reference"] and len(study["scenarios"]) == 4
    for scenario in study["scenarios"]:
        assert [a["label"] for a in scenario["audio"]] == ["Audio 1: drums (anchor)",
                                                         f"Audio 2: {scenario['targets'][0]['stem']}"]
        assert sorted(a["id"] for a in scenario["advice"]) == ["A", "B", "C"]
        assert sorted(a["system"] for a in scenario["advice"]) == ["reference", "sysalpha", "sysbeta"]


def test_audio_is_what_the_model_heard_at_one_safe_gain_per_scenario(exported: tuple) -> None:
    """Every clip is the model's input times its scenario's one shared gain; nothing peaks above 1, and the
    scenarios play at the same loudness unless the peak ceiling held one down."""
    folder, study, configs, _ = exported
    dataset = export.load_datamodule(configs).build("test")
    slots = export.item_slots(dataset)
    loudness = []
    for scenario in study["scenarios"]:
        example = export.locate(dataset, scenario, slots)
        gain, heard = scenario["playback_gain"], []
        for entry, clip in zip(scenario["audio"], example.audios, strict=True):
            audio, rate = sf.read(folder / "study" / entry["file"], dtype="float32")
            assert rate == 16_000 and sf.info(folder / "study" / entry["file"]).subtype == "FLOAT"
            np.testing.assert_allclose(audio, clip * np.float32(gain), rtol=1e-6, atol=1e-7)
            assert np.abs(audio).max() <= 1.0
            heard.append(audio)
        peak = max(np.abs(a).max() for a in heard)
        level = loudness_lufs(np.concatenate(heard), rate)
        assert (peak == pytest.approx(export.PEAK_CEILING, rel=1e-4)
                or level == pytest.approx(export.TARGET_LUFS, abs=0.1))
        loudness.append((level, peak))
    assert any(abs(level - export.TARGET_LUFS) < 0.1 for level, _ in loudness)


def test_playback_gain_keeps_relative_levels_and_peaks() -> None:
    rng = np.random.default_rng(0)
    spiky = 0.001 * rng.standard_normal(16_000).astype(np.float32)
    spiky[100] = 2.97  # a boosted transient, as exported before: quiet overall, but the target gain would clip it
    quiet = 0.001 * rng.standard_normal(16_000).astype(np.float32)
    gain = export.playback_gain([quiet, spiky], 16_000)
    assert np.abs(spiky * gain).max() == pytest.approx(export.PEAK_CEILING, rel=1e-6)
    assert loudness_lufs(np.concatenate([quiet, spiky]) * gain, 16_000) < export.TARGET_LUFS
    soft = [0.001 * rng.standard_normal(16_000).astype(np.float32)] * 2
    assert loudness_lufs(np.concatenate(soft) * export.playback_gain(soft, 16_000), 16_000) == pytest.approx(
        export.TARGET_LUFS, abs=0.05)


def test_page_is_blinded_and_offline(exported: tuple) -> None:
    folder, study, _, _ = exported
    html = (folder / "study" / "index.html").read_text()
    for name in SYSTEMS:
        assert name not in html
    assert '"system"' not in html and '"targets"' not in html and "applied_gain_db" not in html
    assert "http://" not in html and "https://" not in html  # nothing fetched from a network
    data = json.loads(html.split('id="study-data">')[1].split("</script>")[0])
    assert data["study_id"] == study["study_id"]
    assert [a["text"] for a in data["scenarios"][0]["advice"]] == [a["text"] for a in study["scenarios"][0]["advice"]]
    assert WRONG in html and "localStorage" in html


def draw(study: dict) -> list[tuple[tuple, list[str]]]:
    """Each scenario's example key and the systems in on-screen order."""
    return [((sc["song"], sc["start_s"], json.dumps(sc["targets"])), [a["system"] for a in sc["advice"]])
            for sc in study["scenarios"]]


def test_draw_and_shuffle_are_seeded(exported: tuple, tmp_path: Path) -> None:
    folder, study, configs, specs = exported
    systems = [export.load_system(*export.parse_system(s)) for s in specs]
    dataset = export.load_datamodule(configs).build("test")
    again, _ = export.build(systems, dataset, 4, 0, include_reference=True)
    assert again == study
    other, _ = export.build(systems, dataset, 4, 1, include_reference=True)
    assert draw(other) != draw(study)
    assert len({tuple(order) for _, order in draw(study)}) > 1  # the order differs between scenarios


def test_mismatched_audio_config_is_reported(exported: tuple, tmp_path: Path,
                                             capsys: pytest.CaptureFixture) -> None:
    folder, _, configs, specs = exported
    args = ["export", *[a for s in specs for a in ("--system", s)],
            "--audio-from", str(ROOT / "configs/differential.yaml"),
            *[a for c in configs[1:] for a in ("--config", c)], "--n", "2", "--out", str(tmp_path / "x")]
    with pytest.raises(SystemExit) as exit_info:
        study_cli.main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err  # draws are keyed by content: the variant, not the key, tells them apart
    assert "no test example of the audio config matches" in err
    assert "variant: 'anchor' in the predictions, 'differential' in the audio config" in err


@pytest.mark.parametrize(("variant", "anchor_input", "labels"), [
    ("anchor", "pair", ["Audio 1: drums (anchor)", "Audio 2: lead vocals"]),
    ("anchor", "rest", ["Audio 1: drums (anchor)", "Audio 2: the mix without the drums"]),
    ("no_anchor", None, ["Audio 1: the full mix"]),
    ("differential", None, ["Audio 1: mix A", "Audio 2: mix B (reference)"]),
])
def test_audio_labels(variant: str, anchor_input: str | None, labels: list[str]) -> None:
    flaw = SimpleNamespace(stem="lead_vocals")
    example = SimpleNamespace(variant=variant, scenario=SimpleNamespace(anchor="drums", flaws=(flaw,)))
    task = SimpleNamespace(anchor_input=anchor_input) if anchor_input else SimpleNamespace()
    assert export.audio_labels(SimpleNamespace(task=task), example) == labels


# --- analyze ----------------------------------------------------------------------------------------------------
KRIPPENDORFF_2011 = [  # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 coders x 12 units
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def fake_study(scenarios: int, systems: list[str]) -> dict:
    """A study.json without audio: scenario k is a `quiet` vocals flaw; system advice rotates A, B, ..."""
    target = {"stem": "vocals", "category": "quiet", "applied_gain_db": -4.0, "direction": "increase",
              "magnitude": "moderate", "suggested_gain_db": 4.0}
    out = []
    for k in range(scenarios):
        advice = [{"id": chr(ord("A") + (j + k) % len(systems)), "system": s, "text": "", "parsed": None}
                  for j, s in enumerate(systems)]
        out.append({"id": f"s{k + 1:02d}", "variant": "anchor", "song": "song", "start_s": 10.0 * k,
                    "duration_s": 10.0, "anchor": "drums", "targets": [target], "prompt": "?",
                    "response": "The vocals are a bit too quiet against the drums; bring them up about 4 dB.",
                    "audio": [], "advice": advice})
    return {"study_id": "abc", "criteria": CRITERIA, "systems": systems, "scenarios": out}


def rows_for(study: dict, scores: dict[tuple[str, str, str], dict[str, float]]) -> list[dict]:
    """Page-format rating rows from (rater, scenario, system) -> criterion -> score."""
    blinded = {(s["id"], a["system"]): a["id"] for s in study["scenarios"] for a in s["advice"]}
    return [{"rater": rater, "study_id": study["study_id"], "scenario": scenario, "advice": blinded[scenario, system],
             "criterion": c, "score": v, "comment": ""}
            for (rater, scenario, system), by_c in scores.items() for c, v in by_c.items()]


def write_json(folder: Path, name: str, doc: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(doc))
    return folder / name


def test_alpha_on_krippendorffs_textbook_example(tmp_path: Path) -> None:
    study = fake_study(6, ["x", "y"])  # 12 units: 6 scenarios x 2 systems
    units = [(s["id"], system) for s in study["scenarios"] for system in ("x", "y")]
    scores = {(f"coder{r}", *units[u]): {"effectiveness": v}
              for r, row in enumerate(KRIPPENDORFF_2011) for u, v in enumerate(row) if v is not None}
    write_json(tmp_path / "study", "study.json", study)
    ratings = write_json(tmp_path, "r.json", {"ratings": rows_for(study, scores)})
    result = analyze.analyze([ratings], tmp_path / "study", n_boot=50)
    alpha = result["agreement"]["effectiveness"]
    assert alpha["units"] == 12
    assert alpha["interval"] == pytest.approx(0.849, abs=5e-4)
    assert alpha["ordinal"] == pytest.approx(0.815, abs=5e-4)


def test_means_agreement_and_unblinding(tmp_path: Path) -> None:
    study = fake_study(3, ["good", "bad"])
    scores = {}
    for k, s in enumerate(study["scenarios"]):
        scores[("ann", s["id"], "good")] = {c: 6 + (k == 0) for c in CRITERIA}      # 7, 6, 6
        scores[("ann", s["id"], "bad")] = {c: 2 for c in CRITERIA}
        scores[("ben", s["id"], "good")] = {c: 6 for c in CRITERIA}
        scores[("ben", s["id"], "bad")] = {c: 1 + k for c in CRITERIA}              # 1, 2, 3
    write_json(tmp_path / "study", "study.json", study)
    rows = rows_for(study, scores)
    rows[0]["comment"] = "clear and right"
    first = write_json(tmp_path, "ann.json", {"ratings": [r for r in rows if r["rater"] == "ann"]})
    second = write_json(tmp_path, "ben.json", {"ratings": [r for r in rows if r["rater"] == "ben"]})
    result = analyze.analyze([first, second], tmp_path / "study", out=tmp_path / "out", n_boot=200)
    good, bad = result["systems"]["good"], result["systems"]["bad"]
    assert good["effectiveness"]["mean"] == pytest.approx((6.5 + 6 + 6) / 3)
    assert bad["overall"]["mean"] == pytest.approx((1.5 + 2 + 2.5) / 3)
    assert good["overall"]["n"] == 3 and good["overall"]["low"] is None  # 3 scenarios: too few for a CI
    assert result["raters"] == ["ann", "ben"] and result["ratings"] == 2 * 3 * 2 * len(CRITERIA)
    assert result["agreement"]["effectiveness"]["units"] == 6
    assert result["agreement"]["effectiveness"]["interval"] > 0.7  # good vs bad dominates
    assert result["comments"][0]["comment"] == "clear and right"
    unblinded = (tmp_path / "out" / "ratings_unblinded.csv").read_text().splitlines()
    assert unblinded[0] == "rater,scenario,system,advice,criterion,score,comment" and len(unblinded) == 1 + 60
    assert (tmp_path / "out" / "analysis.md").read_text().startswith("# Listening study `abc`")
    json.loads((tmp_path / "out" / "analysis.json").read_text(), parse_constant=lambda c: pytest.fail(c))


def judge_record(scenario: dict, index: int, score: int | None) -> dict:
    """A `mixbuddy_pl.judge` scores record (None: a failed judgement)."""
    example = {"judge": "j1", "index": index, "song": scenario["song"], "start_s": scenario["start_s"],
               "targets": scenario["targets"], "attempts": 1, "outputs": ["..."], "cached": False}
    if score is None:
        return {**example, "ok": False, "reason": "invalid", "detail": "no JSON"}
    scores = {c: score for c in CRITERIA} | {"helpfulness": score + 1}
    return {**example, "ok": True, "scores": scores, "rationales": {c: "..." for c in CRITERIA}}


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_correlations_with_metrics_and_judge(tmp_path: Path) -> None:
    study = fake_study(8, ["sys"])
    texts = ["The vocals are a bit too quiet against the drums; bring them up about 4 dB.",
             "The vocals are much too quiet against the drums; bring them up about 10 dB.",
             "The vocals are a bit too loud against the drums; bring them down about 4 dB.",
             "The vocals sit well against the drums; leave them as they are."]
    human, judge = [7, 5, 2, 3, 6, 4, 1, 2], [6, 5, 1, 4, 7, 3, 2, None]
    for k, s in enumerate(study["scenarios"]):
        text = texts[k % 4]
        s["advice"][0].update(text=text, parsed=asdict(parse(text, STEMS)))
    write_json(tmp_path / "study", "study.json", study)
    scores = {("ann", s["id"], "sys"): {"effectiveness": human[k]} for k, s in enumerate(study["scenarios"])}
    ratings = write_json(tmp_path, "r.json", {"ratings": rows_for(study, scores)})
    judged = write_jsonl(tmp_path / "test-epoch0.scores.jsonl",
                         [judge_record(s, k, judge[k]) for k, s in enumerate(study["scenarios"])])
    generic = write_jsonl(tmp_path / "other.jsonl", [{"song": s["song"], "start_s": s["start_s"], "system": "sys",
                                                      "quality": -human[k]} for k, s in enumerate(study["scenarios"])])
    result = analyze.analyze([ratings], tmp_path / "study", [f"sys={judged}", generic], n_boot=500)
    found = {(c["human"], c["metric"]): c for c in result["correlations"]}
    direction = [1, 1, 0, 0] * 2  # increase is right; decrease and "leave it" are wrong
    got = found["effectiveness", "direction_acc"]
    assert got["n"] == 8
    assert got["pearson"][0] == pytest.approx(pearson(human, direction))
    assert got["spearman"][0] == pytest.approx(spearman(human, direction))
    assert math.isnan(got["pearson"][1])  # 8 scenarios: fewer than stats.MIN_CLUSTERS, no CI
    for criterion in ("effectiveness", "helpfulness", "overall"):  # the failed judgement is left out
        j = found["effectiveness", f"judge:j1:{criterion}"]
        assert j["n"] == 7 and j["spearman"][0] == pytest.approx(spearman(human[:7], judge[:7]))
    assert found["effectiveness", "judge:other:quality"]["pearson"][0] == pytest.approx(-1)
    assert not any("index" in m or "attempts" in m for _, m in found)
    assert found["effectiveness", "rougeL"]["pearson"][0] > 0  # the exact reference text scores 1
    assert {"magnitude_acc", "category_acc", "stem_acc", "bleu"} <= {m for _, m in found}
    assert math.isnan(found["effectiveness", "parse_rate"]["pearson"][0])  # every answer parses: no variance


def test_criteria_are_the_judge_rubrics() -> None:
    assert list(CRITERIA) == list(rubric.CRITERIA)


def test_bootstrap_rows_match_the_point_estimates() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=20), rng.integers(0, 4, 20).astype(float)  # ties in y
    assert stats._pearson_rows(x[None], y[None])[0] == pytest.approx(pearson(x, y))
    ranks = stats._rank_rows(np.stack([x, y]))
    assert stats._pearson_rows(ranks[:1], ranks[1:])[0] == pytest.approx(spearman(x, y))


def test_correlation_intervals_resample_scenarios() -> None:
    """Two systems rated on each of 10 scenarios: items of one scenario move together, so the CI resamples 10
    scenarios (a draw of items could split a scenario's pair)."""
    rng = np.random.default_rng(0)
    scenarios = [s for s in range(10) for _ in range(2)]
    x = np.repeat(rng.normal(size=10), 2) + 0.1 * rng.normal(size=20)
    y = x + 0.5 * rng.normal(size=20)
    r, _ = stats.bootstrap_correlations(x, y, scenarios, 300, 0)
    r_items, _ = stats.bootstrap_correlations(x, y, list(range(20)), 300, 0)
    assert np.isfinite(r).all() and np.nanstd(r) > np.nanstd(r_items) * 0.9
    few = stats.bootstrap_correlations(x, y, [s % 4 for s in range(20)], 20, 0)[0]  # 4 scenarios: too few for a CI
    assert np.isnan(few).all()


def test_ratings_of_another_study_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    study = fake_study(1, ["sys"])
    write_json(tmp_path / "study", "study.json", study)
    rows = rows_for(study, {("ann", "s01", "sys"): {"effectiveness": 5}})
    rows[0]["study_id"] = "other"
    ratings = write_json(tmp_path, "r.json", {"ratings": rows})
    with pytest.raises(SystemExit):
        study_cli.main(["analyze", str(ratings), "--study", str(tmp_path / "study")])
    assert "ratings of study other, but --study is abc" in capsys.readouterr().err
