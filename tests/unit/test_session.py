"""Session exports with DAW track names -> the model's stems: names, rules, conforming, StemFolder and cache."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from mixbuddy_pl.audio import SAMPLE_RATE, loudness_lufs
from mixbuddy_pl.data.session import MAP_FILE, StemMap, read_session
from mixbuddy_pl.data.songs import StemFolder
from mixbuddy_pl.errors import ConfigError, DataError
from tests.helpers import DAW_TRACKS, tone, write_session

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
