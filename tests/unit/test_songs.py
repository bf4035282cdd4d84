"""Tests for the song sources: MUSDB18 (both layouts), StemFolder, SyntheticSongs."""

import logging
import shutil

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl.audio import SAMPLE_RATE, loudness_lufs
from mixbuddy_pl.data.songs import MUSDB18, StemFolder, SyntheticSongs
from mixbuddy_pl.errors import ConfigError, DataError
from tests.helpers import MUSDB_SECONDS, MUSDB_TEST, MUSDB_TRAIN, MUSDB_VALID

STEMS = ("drums", "bass", "other", "vocals")


def _check_stems(stems: dict[str, np.ndarray], names=STEMS, seconds: float | None = None) -> None:
    assert tuple(stems) == tuple(names)
    lengths = {len(x) for x in stems.values()}
    assert len(lengths) == 1
    if seconds is not None:
        assert abs(lengths.pop() - seconds * SAMPLE_RATE) < 0.05 * SAMPLE_RATE
    for x in stems.values():
        assert x.dtype == np.float32 and x.ndim == 1 and np.isfinite(x).all()


@pytest.mark.parametrize("layout", ["hq", "stems"])
def test_musdb_splits_sorting_and_audio(layout: str, musdb_hq_root, musdb_stems_root) -> None:
    root, is_wav = (musdb_hq_root, True) if layout == "hq" else (musdb_stems_root, False)
    src = MUSDB18(str(root), is_wav=is_wav)
    assert src.songs("train") == sorted(set(MUSDB_TRAIN) - set(MUSDB_VALID))
    assert src.songs("val") == sorted(MUSDB_VALID)
    assert src.songs("test") == src.songs("predict") == sorted(MUSDB_TEST)
    stems = src.load("val", "Actions - One Minute Smile")
    _check_stems(stems, seconds=MUSDB_SECONDS)
    assert -40 < loudness_lufs(stems["drums"], SAMPLE_RATE) < -5  # decoded music, not silence or noise
    assert src.cache_key() != MUSDB18(str(root), is_wav=is_wav, stems=("vocals",)).cache_key()


def test_musdb_layouts_decode_the_same_music(musdb_hq_root, musdb_stems_root) -> None:
    hq = MUSDB18(str(musdb_hq_root), is_wav=True).load("test", MUSDB_TEST[0])
    mp4 = MUSDB18(str(musdb_stems_root)).load("test", MUSDB_TEST[0])
    for name in STEMS:
        a, b = hq[name], mp4[name]
        assert abs(loudness_lufs(a, SAMPLE_RATE) - loudness_lufs(b, SAMPLE_RATE)) < 1.0 or not a.any()


def test_musdb_stem_subset_and_env_root(monkeypatch, musdb_hq_root) -> None:
    monkeypatch.setenv("MUSDB_ROOT", str(musdb_hq_root))
    src = MUSDB18(is_wav=True, stems=("vocals", "bass"))
    assert src.songs("train") == sorted(set(MUSDB_TRAIN) - set(MUSDB_VALID))
    _check_stems(src.load("train", src.songs("train")[0]), names=("vocals", "bass"))


def test_musdb_without_root_names_the_field_and_env(monkeypatch) -> None:
    monkeypatch.delenv("MUSDB_ROOT", raising=False)
    with pytest.raises(DataError) as err:
        MUSDB18().songs("train")
    for part in ("data.source.init_args.root", "MUSDB_ROOT", "Zenodo", "is_wav: true", "configs/overlays/tiny.yaml"):
        assert part in str(err.value)


def test_musdb_wrong_root_and_wrong_layout(tmp_path, musdb_hq_root) -> None:
    with pytest.raises(DataError, match=str(tmp_path)) as err:
        MUSDB18(str(tmp_path)).songs("train")
    assert "configs/overlays/tiny.yaml" in str(err.value)
    with pytest.raises(DataError, match="is_wav: true"):  # HQ tree read as .stem.mp4
        MUSDB18(str(musdb_hq_root), is_wav=False).songs("train")
    with pytest.raises(ConfigError, match="stems"):
        MUSDB18(str(musdb_hq_root), stems=("guitar",))


def test_musdb_missing_and_truncated_stem_files(tmp_path, musdb_hq_root) -> None:
    root = tmp_path / "musdb"
    shutil.copytree(musdb_hq_root, root)
    song = MUSDB_TEST[0]
    (root / "test" / song / "bass.wav").unlink()
    with pytest.raises(DataError, match="bass.wav") as err:
        MUSDB18(str(root), is_wav=True).load("test", song)
    assert song in str(err.value)
    vocals = root / "test" / song / "vocals.wav"
    shutil.copy(musdb_hq_root / "test" / song / "bass.wav", root / "test" / song / "bass.wav")
    vocals.write_bytes(vocals.read_bytes()[:5000])
    with pytest.raises(DataError, match="vocals.wav") as err:
        MUSDB18(str(root), is_wav=True).load("test", song)
    assert song in str(err.value)


def test_musdb_damaged_stem_mp4(tmp_path, musdb_stems_root) -> None:
    root = tmp_path / "musdb"
    shutil.copytree(musdb_stems_root, root)
    song = MUSDB_TEST[0]
    mp4 = root / "test" / f"{song}.stem.mp4"
    mp4.write_bytes(mp4.read_bytes()[:2000])
    with pytest.raises(DataError) as err:
        MUSDB18(str(root)).load("test", song)
    assert song in str(err.value) and ".stem.mp4" in str(err.value)


# --- StemFolder -------------------------------------------------------------------------------


def _tone(seconds: float, sr: int, channels: int = 1, freq: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * sr)) / sr
    x = 0.3 * np.sin(2 * np.pi * freq * t).astype(np.float32)
    return np.stack([x] * channels, axis=1) if channels > 1 else x


def _song(folder, stems: dict[str, np.ndarray], sr: int = SAMPLE_RATE, ext: str = "wav") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, x in stems.items():
        sf.write(folder / f"{name}.{ext}", x, sr)


def test_stemfolder_mixed_rates_channels_and_lengths(tmp_path, caplog) -> None:
    song = tmp_path / "root" / "my song"
    _song(song, {"lead": _tone(2.0, 44_100, channels=2)}, sr=44_100)
    _song(song, {"keys": _tone(1.6, 22_050)}, sr=22_050, ext="flac")
    _song(song, {"kick": np.zeros(2 * SAMPLE_RATE, np.float32)})  # all-silent stems load fine
    src = StemFolder(str(tmp_path / "root"))
    assert src.stem_names == ("keys", "kick", "lead")
    assert src.songs("predict") == ["my song"]
    with caplog.at_level(logging.WARNING):
        stems = src.load("predict", "my song")
    _check_stems(stems, names=("keys", "kick", "lead"), seconds=2.0)
    assert "sample rates" in caplog.text and "padded" in caplog.text and "keys.flac" in caplog.text
    assert not stems["keys"][int(1.65 * SAMPLE_RATE):].any() and not stems["kick"].any()
    assert loudness_lufs(stems["lead"], SAMPLE_RATE) == pytest.approx(
        loudness_lufs(_tone(2.0, SAMPLE_RATE), SAMPLE_RATE), abs=0.2)  # stereo downmix keeps the level


def test_stemfolder_single_song_root(tmp_path) -> None:
    _song(tmp_path / "demo", {"vox": _tone(1.0, 48_000), "gtr": _tone(1.0, 48_000)}, sr=48_000)
    src = StemFolder(str(tmp_path / "demo"))
    assert src.songs("predict") == ["demo"]
    _check_stems(src.load("predict", "demo"), names=("gtr", "vox"), seconds=1.0)


def test_stemfolder_cache_sees_added_and_reexported_songs(tmp_path) -> None:
    """A song added to the folder later, or a stem exported again, is decoded again: never skipped, never stale."""
    from mixbuddy_pl.data.cache import StemCache

    def cached(split: str = "predict") -> tuple[list[str], StemCache]:
        cache = StemCache(StemFolder(str(tmp_path / "root")), tmp_path / "cache")
        return cache.prepare(split), cache

    _song(tmp_path / "root" / "a", {"x": _tone(0.5, SAMPLE_RATE)})
    first, _ = cached()
    _song(tmp_path / "root" / "b", {"x": _tone(0.5, SAMPLE_RATE)})
    second, _ = cached()
    assert (first, second) == (["a"], ["a", "b"])
    sf.write(tmp_path / "root" / "b" / "x.wav", np.zeros(SAMPLE_RATE // 2, np.float32), SAMPLE_RATE)
    songs, cache = cached()
    assert songs == ["a", "b"] and not cache.song("predict", "b").any()  # the new, silent export


def test_stemfolder_split_folders(tmp_path) -> None:
    for split, name in (("train", "b"), ("train", "a"), ("val", "c"), ("test", "d")):
        _song(tmp_path / split / name, {"x": _tone(0.5, SAMPLE_RATE)})
    src = StemFolder(str(tmp_path))
    assert (src.songs("train"), src.songs("val"), src.songs("test"), src.songs("predict")) == (
        ["a", "b"], ["c"], ["d"], ["d"])


def test_stemfolder_hash_split_is_deterministic_and_disjoint(tmp_path) -> None:
    names = [f"song{i:02d}" for i in range(40)]
    for name in names:
        _song(tmp_path / name, {"x": np.zeros(100, np.float32)})
    src = StemFolder(str(tmp_path), val_fraction=0.25, test_fraction=0.25)
    splits = [src.songs(s) for s in ("train", "val", "test")]
    assert sorted(sum(splits, [])) == names == src.songs("predict")
    assert all(5 <= len(s) <= 35 for s in splits)
    assert splits == [StemFolder(str(tmp_path), val_fraction=0.25, test_fraction=0.25).songs(s)
                      for s in ("train", "val", "test")]
    assert StemFolder(str(tmp_path)).songs("train") == names


def test_stemfolder_bad_inputs_name_song_and_file(tmp_path) -> None:
    root = tmp_path / "root"
    _song(root / "a", {"bass": _tone(3.0, SAMPLE_RATE), "vox": _tone(3.0, SAMPLE_RATE)})
    _song(root / "b_missing", {"bass": _tone(3.0, SAMPLE_RATE)})
    nan = _tone(3.0, SAMPLE_RATE)
    nan[1000:1010] = np.nan
    _song(root / "c_nan", {"bass": _tone(3.0, SAMPLE_RATE)})
    sf.write(root / "c_nan" / "vox.wav", nan, SAMPLE_RATE, subtype="FLOAT")
    _song(root / "d_short", {"bass": _tone(3.0, SAMPLE_RATE), "vox": _tone(1.5, SAMPLE_RATE)})
    _song(root / "e_trunc", {"bass": _tone(3.0, SAMPLE_RATE), "vox": _tone(3.0, SAMPLE_RATE)})
    trunc = root / "e_trunc" / "vox.wav"
    trunc.write_bytes(trunc.read_bytes()[:3000])
    src = StemFolder(str(root))
    assert src.stem_names == ("bass", "vox")
    _check_stems(src.load("predict", "a"), names=("bass", "vox"), seconds=3.0)
    for song, fragment in (("b_missing", "vox.wav"), ("c_nan", "NaN"), ("d_short", "shorter"),
                           ("e_trunc", "truncated")):
        with pytest.raises(DataError, match=fragment) as err:
            src.load("predict", song)
        assert song in str(err.value) and "vox" in str(err.value)


def test_stemfolder_empty_or_missing_root(tmp_path) -> None:
    with pytest.raises(DataError, match="does not exist"):
        StemFolder(str(tmp_path / "nope")).songs("train")
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    with pytest.raises(DataError, match="holds no songs"):
        StemFolder(str(tmp_path / "empty")).songs("train")
    with pytest.raises(ConfigError):
        StemFolder(str(tmp_path), val_fraction=0.7, test_fraction=0.5)


# --- SyntheticSongs ---------------------------------------------------------------------------


def test_synthetic_splits_are_disjoint_and_reproducible() -> None:
    src = SyntheticSongs(num_train=3, num_val=2, num_test=1, duration_s=2.0)
    train, val, test = (src.songs(s) for s in ("train", "val", "test"))
    assert train == ["synth-0000", "synth-0001", "synth-0002"] and len(val) == 2 and test == src.songs("predict")
    assert not set(train) & set(val) and not set(val) & set(test)
    assert SyntheticSongs(num_train=5, num_val=2).songs("val") == val  # val does not move with num_train
    a = src.load("val", val[0])
    _check_stems(a, seconds=2.0)
    assert all(np.array_equal(a[k], src.load("val", val[0])[k]) for k in STEMS)
    assert not np.array_equal(a["bass"], src.load("val", val[1])["bass"])
    assert not np.array_equal(a["bass"], SyntheticSongs(duration_s=2.0, seed=1).load("val", val[0])["bass"])
    assert src.cache_key() != SyntheticSongs(duration_s=2.0, seed=1).cache_key()
    with pytest.raises(DataError, match="synth-0001"):
        src.load("test", "synth-0001")
    with pytest.raises(ConfigError):
        src.songs("dev")
