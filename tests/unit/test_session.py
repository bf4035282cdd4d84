"""Session exports with DAW track names -> the model's stems: names, rules, conforming, StemFolder and cache."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl.audio import SAMPLE_RATE, loudness_lufs
from mixbuddy_pl.data.detect import click_reason, content_reasons, envelope
from mixbuddy_pl.data.session import (EXCLUDE, MAP_FILE, Assignment, StemMap, decode_session, exclude_by_content,
                                      model_stems, read_session, regroup)
from mixbuddy_pl.data.songs import StemFolder
from mixbuddy_pl.errors import ConfigError, DataError
from tests.helpers import DAW_TRACKS, hits, tone, write_export, write_session

STEMS = ("vocals", "drums", "bass", "other")

@pytest.mark.parametrize("name, stem", [(t[0], t[5]) for t in DAW_TRACKS] + [
    ("Bass Drum.wav", "drums"), ("BackingVox_2.wav", "vocals"), ("HH.wav", "drums"), ("Synth Bass.wav", "bass"),
    ("Lead Gtr.wav", "other"), ("Vox Dbl.wav", "vocals"), ("Tom 1.wav", "drums"), ("808.wav", "bass")])
def test_default_names(name: str, stem: str) -> None:
    assert StemMap().assign_one(name, STEMS).stem == stem


def test_rules_come_first_and_name_the_reason() -> None:
    rules = StemMap({"Room.wav": "other", "^gtr": "vocals", "Odd (take 2)": "bass"})
    assert rules.assign_one("Room.wav", STEMS).stem == "other"  # exact name, with extension
    assert rules.assign_one("GTR double.wav", STEMS).stem == "vocals"  # regex, any case
    assert rules.assign_one("Odd (take 2).wav", STEMS).stem == "bass"  # exact name, not a valid-looking regex
    assert rules.assign_one("Kick In.wav", STEMS).rule == "word 'kick'"
    assert rules.assign_one("Audio 7.wav", STEMS).rule == "unmatched"
    with pytest.raises(ConfigError, match="'Room.wav' -> 'guitars'.*vocals"):
        StemMap({"Room.wav": "guitars"}).assign_one("Room.wav", STEMS)


def test_read_session_conforms_and_sums(tmp_path: Path) -> None:
    names = write_session(tmp_path / "song")
    stems, rate = read_session(StemMap().assign(names, STEMS), tmp_path / "song", STEMS)
    assert rate == 48_000 and set(stems) == set(STEMS)
    assert all(x.shape == (2, 48_000) and x.dtype == np.float32 for x in stems.values())
    short, _ = read_session(StemMap().assign(["BV 1.wav", "Room.wav"], STEMS), tmp_path / "song", STEMS)
    assert short["drums"].shape == (2, int(0.8 * rate))  # the longest track sets the length
    assert short["drums"][:, :int(0.49 * rate)].all(axis=0).mean() > 0.99  # the 0.5 s room track, then silence
    assert not short["drums"][:, int(0.51 * rate):].any()
    lead = tone(1.0, 48_000, 1, 220.0)
    alone, _ = read_session(StemMap().assign(names[:1], STEMS), tmp_path / "song", STEMS, sample_rate=48_000)
    assert np.allclose(alone["vocals"][0, :len(lead)], lead, atol=2e-3)  # resampled 44.1 -> 48 kHz, mono -> both
    assert not alone["drums"].any()  # a stem without tracks is silence
    assert loudness_lufs(stems["drums"][0], rate) > loudness_lufs(alone["vocals"][0], rate) + 3  # 4 tracks summed


def test_unreadable_track_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "Lead Vox.wav").write_text("not audio")
    with pytest.raises(DataError, match="Lead Vox.wav"):
        read_session(StemMap().assign(["Lead Vox.wav"], STEMS), tmp_path, STEMS)


def test_stemfolder_maps_a_session_export(tmp_path: Path, caplog) -> None:
    write_session(tmp_path / "My Song", seconds=2.0)
    source = StemFolder(str(tmp_path), stems=list(STEMS))
    with caplog.at_level(logging.WARNING):
        stems = source.load("predict", "My Song")
    assert "vocals <- BV 1.wav, Lead Vox.wav" in caplog.text and MAP_FILE in caplog.text
    assert set(stems) == set(STEMS) and all(len(x) == 2 * SAMPLE_RATE for x in stems.values())
    before = source.cache_key()
    (tmp_path / "My Song" / MAP_FILE).write_text("Room: other\n")  # a correction
    corrected = StemFolder(str(tmp_path), stems=list(STEMS))
    assert corrected.cache_key() != before  # a corrected mapping never reads the old cache
    with caplog.at_level(logging.WARNING):
        fixed = corrected.load("predict", "My Song")
    assert "other <- Audio 7_03.wav, Gtr.ogg, Keys.wav, Piano.wav, Room.wav" in caplog.text
    assert loudness_lufs(fixed["drums"], SAMPLE_RATE) < loudness_lufs(stems["drums"], SAMPLE_RATE)


def test_predict_on_a_session_export_uses_the_models_stems(tmp_path: Path) -> None:
    from mixbuddy_pl.data.datamodule import MixingDataModule

    write_session(tmp_path / "songs" / "My Song", seconds=6.0)
    data = MixingDataModule(variant="anchor", anchor="drums", stems=str(tmp_path / "songs"), chunk_s=5.0, hop_s=5.0,
                            cache_dir=str(tmp_path / "cache"))
    data.prepare_data()
    dataset = data.build("predict")
    assert dataset.index.stem_names == data.source.stem_names  # the model's stems, not the track names
    assert {target for _, target, _ in dataset.items} == {"vocals", "bass"}  # every target but the anchor


@pytest.mark.parametrize("name, reason", [
    ("Click.wav", "word 'click'"), ("metronome 2.wav", "word 'metronome'"), ("TB.wav", "word 'tb'"),
    ("Ref - Song A.wav", "word 'ref'"), ("Rough Mix 3.wav", "word 'rough'"), ("DrumPrint.wav", "word 'print'"),
    ("Master Bounce.wav", "word 'master'")])
def test_tracks_named_as_not_mix_are_left_out(name: str, reason: str) -> None:
    assigned = StemMap().assign_one(name, STEMS)
    assert assigned.stem == EXCLUDE and assigned.rule.startswith(reason) and "not part of the mix" in assigned.rule


def test_a_rule_excludes_or_keeps_any_track(tmp_path: Path) -> None:
    (tmp_path / MAP_FILE).write_text("Lead Vox: exclude\nClick: other\n")
    rules = StemMap.from_file(tmp_path / MAP_FILE)
    assert rules.assign_one("Lead Vox.wav", STEMS) == Assignment("Lead Vox.wav", EXCLUDE, "rule 'Lead Vox'")
    assert rules.assign_one("Click.wav", STEMS).stem == "other"  # the user keeps it


def _sketches(folder: Path, names: list[str]) -> dict:
    return decode_session(StemMap().assign(names, STEMS), folder, STEMS)[2]


@pytest.mark.parametrize("bpm", [61.0, 97.0, 174.0])
def test_content_finds_the_click_and_the_bounce_whatever_their_names(tmp_path: Path, bpm: float) -> None:
    kept, _ = write_export(tmp_path, seconds=8.0, click="Audio 17.wav", bounce="Song_v3_final.wav", bpm=bpm)
    names = sorted(p.name for p in tmp_path.iterdir())
    found = {a.track: a for a in exclude_by_content(StemMap().assign(names, STEMS), _sketches(tmp_path, names))}
    assert "a click" in found["Audio 17.wav"].rule and found["Audio 17.wav"].stem == EXCLUDE
    assert f"every {60 / bpm:.2f} s" in found["Audio 17.wav"].rule
    assert "a bounce" in found["Song_v3_final.wav"].rule and found["Song_v3_final.wav"].stem == EXCLUDE
    assert all(found[n].stem != EXCLUDE for n in kept)  # the kick (periodic, 80 ms hits) stays


def test_a_drum_named_track_of_short_even_hits_stays(tmp_path: Path) -> None:
    sf.write(tmp_path / "Hat.wav", hits(8.0, SAMPLE_RATE, 0.25, 0.004, 6000.0), SAMPLE_RATE)
    sf.write(tmp_path / "Audio 3.wav", tone(8.0, SAMPLE_RATE, 1, 220), SAMPLE_RATE)
    sketches = _sketches(tmp_path, ["Hat.wav", "Audio 3.wav"])
    assigned = exclude_by_content(StemMap().assign(list(sketches), STEMS), sketches)
    assert [a.stem for a in assigned] == ["drums", "other"]
    assert "a click" in click_reason(sketches["Hat.wav"].envelope)  # by content alone it would be one


def test_a_bounce_holding_the_click_and_two_prints_are_all_found() -> None:
    rate, rng = 16_000, np.random.default_rng(0)
    tracks = {f"t{k}": rng.standard_normal(rate * 4).astype(np.float32) * (k + 1) for k in range(5)}
    tracks["click"] = hits(4.0, rate, 0.5, 0.003, 1500.0)
    mix = sum(g * x for g, x in zip([0.5, 1.2, 0.8, 2.0, 1.0, 0.3], tracks.values()))
    tracks |= {"mixA": mix, "mixB": 0.5 * mix, "dup": tracks["t0"].copy()}
    reasons = content_reasons({k: envelope(x, rate) for k, x in tracks.items()}, tracks, list(tracks))
    assert set(reasons) == {"click", "mixA", "mixB"}  # an exact duplicate of one track is no bounce
    assert "residual" in reasons["mixA"] and "a click" in reasons["click"]


def test_excluded_tracks_are_not_summed_but_set_the_length(tmp_path: Path) -> None:
    kept, mix = write_export(tmp_path / "song", seconds=6.0)
    names = sorted(p.name for p in (tmp_path / "song").iterdir())
    by_name = StemMap().assign(names, STEMS)
    full, rate, sketches = decode_session(by_name, tmp_path / "song", STEMS, workers=2)
    assignments = exclude_by_content(by_name, sketches)
    assert regroup(full, tmp_path / "song", by_name, assignments, rate) == {"other"}  # both extras were `other`
    assert sketches["Lead Vox.wav"].peak == pytest.approx(0.1 * 10 ** (-9 / 20), rel=1e-3)
    original = sum(full.values())
    assert rate == 48_000 and original.shape == mix.shape
    residual = 10 * np.log10(max(((original - mix) ** 2).sum(), 1e-30) / (mix ** 2).sum())
    assert residual < -40  # the sum of the kept tracks, no click, no bounce
    again, _ = read_session(assignments, tmp_path / "song", STEMS)
    assert all(np.allclose(full[s], again[s], atol=1e-6) for s in STEMS)  # taking tracks out = never adding them
    heard = model_stems(full, rate, workers=2)
    assert all(x.shape == (6 * SAMPLE_RATE,) for x in heard.values()) and heard["vocals"].any()


def test_predict_on_a_folder_leaves_out_the_click_and_the_bounce(tmp_path: Path, caplog) -> None:
    write_export(tmp_path / "songs" / "Export", seconds=6.0)
    with caplog.at_level(logging.WARNING):
        stems = StemFolder(str(tmp_path / "songs"), stems=list(STEMS)).load("predict", "Export")
    assert "left out: Audio 17.wav (content: a click" in caplog.text
    assert "left out: Song_v3_final.wav (content: the sum of 4 other tracks" in caplog.text
    assert "other <- Keys.wav" in caplog.text
    assert loudness_lufs(stems["other"], SAMPLE_RATE) < -20  # only the keys, not the bounce's whole mix
