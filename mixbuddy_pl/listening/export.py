"""Build a self-contained listening-study folder from the prediction JSONL files of several systems.

The folder holds `index.html` (page, style, script and blinded study data inline: it works offline from
`file://`), `audio/*.wav` (16 kHz float: what the model heard, regenerated from the data config, times one
playback gain per scenario) and `study.json`, the key that maps every blinded advice back to its system (keep it
from the raters).

Playback gain: the model hears float audio that may peak above 1 (a boosted stem), which a browser would clip.
All clips of one scenario are scaled by one shared factor (so their relative levels, which the question is
about, are kept): to TARGET_LUFS for the scenario's clips together (every scenario is heard at the same
loudness), lowered where needed so that no clip peaks above PEAK_CEILING. study.json records it per scenario.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import soundfile as sf

from mixbuddy_pl.advice.labels import display_name
from mixbuddy_pl.audio import db_to_amplitude, loudness_lufs
from mixbuddy_pl.cli import data_module, read_config
from mixbuddy_pl.data.datamodule import MixingDataModule
from mixbuddy_pl.data.dataset import MixingDataset
from mixbuddy_pl.data.tasks import Example
from mixbuddy_pl.errors import ConfigError, DataError
from mixbuddy_pl.listening import CRITERIA, SCALE
from mixbuddy_pl.scoring.records import example_key, read_rows

REFERENCE = "reference"
"""The system name of the reference answer when it is included as a hidden system."""
FORMAT = "mixbuddy-study/1"
TARGET_LUFS = -23.0
PEAK_CEILING = 0.99


@dataclass
class System:
    """One system's predictions, by example key (song, start_s, targets)."""

    name: str
    rows: dict[tuple, dict]


def parse_system(spec: str) -> tuple[str, Path]:
    """`NAME=PREDICTIONS.jsonl` -> (name, path)."""
    name, sep, path = spec.partition("=")
    if not sep or not name or not path:
        raise ConfigError(f"--system '{spec}': use NAME=PREDICTIONS.jsonl")
    return name, Path(path)


def load_system(name: str, path: Path) -> System:
    """Read a predictions JSONL; the first row of a repeated example wins."""
    if not path.is_file():
        raise DataError(f"--system {name}: no predictions file '{path}'")
    rows: dict[tuple, dict] = {}
    for row in read_rows(path):
        rows.setdefault(example_key(row), row)
    return System(name, rows)


def load_datamodule(configs: list[str]) -> MixingDataModule:
    """The data module of training config(s), later ones overriding earlier ones, read as training reads them."""
    return data_module(read_config([arg for config in configs for arg in ("--config", config)]))


def differences(example: Example, row: dict) -> list[str]:
    """The fields of the example record (variant, anchor, targets, prompt, ...) whose value in `row` differs.

    The content key is shared by every variant (draws are keyed by content), so the key alone cannot tell an
    anchor prediction from a differential one: the whole record is compared."""
    record = json.loads(json.dumps(example.to_json()))  # as a predictions file stores it
    return [f"{field}: {row[field]!r} in the predictions, {value!r} in the audio config"
            for field, value in record.items() if field in row and row[field] != value]


def locate(dataset: MixingDataset, row: dict, slots: dict[tuple, int]) -> Example:
    """The dataset example a prediction row was made on (found by content key, checked on its whole record)."""
    first = row["targets"][0]
    i = slots.get((row["song"], float(row["start_s"]), first["stem"], first["category"]))
    example = dataset[(0, i)] if i is not None else None
    differ = differences(example, row) if example is not None else ["no example has this key"]
    if differ:
        raise DataError(f"no {dataset.split} example of the audio config matches song {row['song']!r} at "
                        f"{row['start_s']} s ({differ[0]}): give --audio-from the config (and overlays) the "
                        "predictions were made with, and the right --split")
    return example


def item_slots(dataset: MixingDataset) -> dict[tuple, int]:
    """(song, start_s, target stem, category) -> evaluation item index (evaluation splits enumerate items)."""
    index, rate = dataset.index, dataset.cache.sample_rate
    return {(index.songs[index.song_idx[chunk]], float(index.start[chunk] / rate), target, category): i
            for i, (chunk, target, category) in enumerate(dataset.items or [])}


def audio_labels(dataset: MixingDataset, example: Example) -> list[str]:
    """What each audio is, as shown to raters: "Audio 1: drums (anchor)", "Audio 2: vocals", ..."""
    anchor = display_name(example.scenario.anchor or "")
    target = display_name(example.scenario.flaws[0].stem)
    pair = getattr(dataset.task, "anchor_input", "pair") == "pair"
    names = {
        "anchor": [f"{anchor} (anchor)", target if pair else f"the mix without the {anchor}"],
        "no_anchor": ["the full mix"],
        "differential": ["mix A", "mix B (reference)"],
    }[example.variant]
    return [f"Audio {k}: {name}" for k, name in enumerate(names, start=1)]


def choose(systems: list[System], n: int, seed: int) -> list[tuple]:
    """`n` example keys that every system answered, drawn (in drawn order) by `rng(seed)`."""
    shared = [key for key in systems[0].rows if all(key in s.rows for s in systems[1:])]
    if len(shared) < n:
        raise DataError(f"only {len(shared)} examples are answered by every system; ask for --n {len(shared)} or fewer")
    picks = np.random.default_rng(seed).choice(len(shared), size=n, replace=False)
    return [shared[int(i)] for i in picks]


def blinded_advice(systems: list[System], key: tuple, seed: int, position: int,
                   include_reference: bool) -> list[dict]:
    """The scenario's advice, one per system, shuffled by `rng((seed, position))` and labelled A, B, ..."""
    entries = [{"system": s.name, "text": s.rows[key]["generated"], "parsed": s.rows[key].get("parsed")}
               for s in systems]
    if include_reference:
        entries.append({"system": REFERENCE, "text": systems[0].rows[key]["response"], "parsed": None})
    order = np.random.default_rng((seed, position)).permutation(len(entries))
    return [{"id": chr(ord("A") + slot), **entries[int(i)]} for slot, i in enumerate(order)]


def playback_gain(clips: list[np.ndarray], sample_rate: int) -> float:
    """The one factor for all clips of a scenario: to TARGET_LUFS (their loudness together), capped so that no
    clip peaks above PEAK_CEILING; 1 for silence."""
    peak = max(float(np.max(np.abs(c))) if c.size else 0.0 for c in clips)
    if peak == 0.0:
        return 1.0
    lufs = loudness_lufs(np.concatenate(clips, axis=-1), sample_rate)
    gain = db_to_amplitude(TARGET_LUFS - lufs) if np.isfinite(lufs) else 1.0
    return float(min(gain, PEAK_CEILING / peak))


def scenario_record(dataset: MixingDataset, example: Example, number: int, advice: list[dict]) -> dict:
    """One scenario of study.json: the example (no audio), its audio files and labels, and the blinded advice."""
    sid = f"s{number:02d}"
    audio = [{"file": f"audio/{sid}_{k}.wav", "label": label}
             for k, label in enumerate(audio_labels(dataset, example), start=1)]
    gain = playback_gain(example.audios, dataset.cache.sample_rate)
    return {"id": sid, **example.to_json(), "audio": audio, "playback_gain": gain, "advice": advice}


def page_data(study: dict) -> dict:
    """What the page needs: prompts, audio and advice text, with no system name, target or reference answer."""
    scenarios = [{"id": s["id"], "prompt": s["prompt"], "audio": s["audio"],
                  "advice": [{"id": a["id"], "text": a["text"]} for a in s["advice"]]} for s in study["scenarios"]]
    return {"study_id": study["study_id"], "criteria": study["criteria"], "scale": study["scale"],
            "scenarios": scenarios}


def render_page(data: dict) -> str:
    """index.html: the template with the style, the script and the study data inline."""
    files = resources.files("mixbuddy_pl.listening")
    text = json.dumps(data, indent=1).replace("</", "<\\/")
    return (files.joinpath("page.html").read_text()
            .replace("/*PAGE_CSS*/", files.joinpath("page.css").read_text())
            .replace("/*PAGE_JS*/", files.joinpath("page.js").read_text())
            .replace("/*STUDY_DATA*/", text))


def build(systems: list[System], dataset: MixingDataset, n: int, seed: int,
          include_reference: bool) -> tuple[dict, list[list[np.ndarray]]]:
    """study.json's content and the audios of every scenario."""
    slots = item_slots(dataset)
    scenarios, audios = [], []
    for position, key in enumerate(choose(systems, n, seed)):
        example = locate(dataset, systems[0].rows[key], slots)
        advice = blinded_advice(systems, key, seed, position, include_reference)
        scenarios.append(scenario_record(dataset, example, position + 1, advice))
        audios.append(example.audios)
    study = {"format": FORMAT, "seed": seed, "split": dataset.split, "sample_rate": dataset.cache.sample_rate,
             "criteria": CRITERIA, "scale": list(SCALE),
             "systems": [s.name for s in systems] + ([REFERENCE] if include_reference else []),
             "scenarios": scenarios}
    study["study_id"] = hashlib.sha256(json.dumps(study, sort_keys=True).encode()).hexdigest()[:12]
    return study, audios


def write(study: dict, audios: list[list[np.ndarray]], out: Path) -> None:
    """index.html, audio/*.wav and study.json under `out`."""
    (out / "audio").mkdir(parents=True, exist_ok=True)
    for scenario, clips in zip(study["scenarios"], audios):
        for entry, clip in zip(scenario["audio"], clips):
            sf.write(out / entry["file"], clip * np.float32(scenario["playback_gain"]), study["sample_rate"],
                     subtype="FLOAT")
    (out / "study.json").write_text(json.dumps(study, indent=1))
    (out / "index.html").write_text(render_page(page_data(study)))


def export(system_specs: list[str], configs: list[str], out: Path, n: int = 12, seed: int = 0, split: str = "test",
           include_reference: bool = False) -> dict:
    """Build the study folder; returns study.json's content."""
    if not system_specs:
        raise ConfigError("give at least one --system NAME=PREDICTIONS.jsonl")
    systems = [load_system(*parse_system(spec)) for spec in system_specs]
    names = [s.name for s in systems] + ([REFERENCE] if include_reference else [])
    if len(set(names)) != len(names):
        raise ConfigError(f"system names must be unique (and not '{REFERENCE}' with --include-reference): {names}")
    dataset = load_datamodule(configs).build(split)
    study, audios = build(systems, dataset, n, seed, include_reference)
    write(study, audios, out)
    return study
