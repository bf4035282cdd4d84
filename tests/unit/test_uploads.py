"""The advice page's intake of uploads: limits, zip safety, clear messages, nothing left behind on refusal."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl.demo.uploads import Limits, intake, with_silence
from mixbuddy_pl.errors import DataError


def _wav(path: Path, seconds: float = 0.5, level: float = 0.1, rate: int = 8_000) -> Path:
    sf.write(path, level * np.sin(np.arange(int(seconds * rate)) / 5.0), rate)
    return path


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_files_and_zips_land_flat_in_the_song_folder(tmp_path: Path) -> None:
    vox = _wav(tmp_path / "Lead Vox.wav")
    packed = _zip(tmp_path / "drums.zip", {"Drums/Kick In.wav": _wav(tmp_path / "k.wav").read_bytes(),
                                          "__MACOSX/Drums/._Kick In.wav": b"x", "Drums/": b""})
    quiet = _wav(tmp_path / "Room.wav", level=0.0)
    times = {}
    tracks = intake([vox, packed, quiet], tmp_path / "song", Limits(), times)
    assert [t.name for t in tracks] == ["Kick In.wav", "Lead Vox.wav", "Room.wav"]
    assert set(times) == {"copy_s", "probe_s"}
    tracks = with_silence(tracks, {"Kick In.wav": 0.1, "Lead Vox.wav": 0.1, "Room.wav": 0.0})
    assert [t.silent for t in tracks] == [False, False, True]
    assert sorted(p.name for p in (tmp_path / "song").iterdir()) == ["Kick In.wav", "Lead Vox.wav", "Room.wav"]
    data = vox.read_bytes()
    vox.unlink()  # the upload goes (another tab's handler, the sweep): the song keeps its own
    _wav(vox, level=0.5)  # a new upload at the same path changes nothing either
    assert (tmp_path / "song" / "Lead Vox.wav").read_bytes() == data


def test_the_byte_cap_holds_for_linked_files(tmp_path: Path) -> None:
    tracks = [_wav(tmp_path / f"{k}.wav", seconds=2.0) for k in range(3)]  # 32 KiB each
    with pytest.raises(DataError, match="larger than the 0 MiB"):
        intake(tracks, tmp_path / "song", Limits(max_bytes=80_000))
    assert not (tmp_path / "song").exists()


@pytest.mark.parametrize("case, message", [
    ("notes.txt", "notes.txt: not an audio track"),
    ("fake.wav", "fake.wav: not an audio file we can read"),
    ("escape.zip", "'../evil.wav' points outside the zip's folder"),
    ("absolute.zip", "'/tmp/evil.wav' points outside"),
    ("bomb.zip", "larger than the 1 MiB"),
    ("mixed.zip", "'readme.pdf' is not an audio track"),
    ("long.wav", "longer than the 0.05 min"),
    ("empty.wav", "the track is empty"),
    ("many", "3 tracks is more than the 2"),
    ("twice", "two tracks are named 'Kick In.wav'"),
])
def test_refusals_say_why_and_leave_nothing(tmp_path: Path, case: str, message: str) -> None:
    up = tmp_path / "up"
    up.mkdir()
    kick = _wav(up / "Kick In.wav").read_bytes()
    files = {
        "notes.txt": lambda: [up / "notes.txt"],
        "fake.wav": lambda: [up / "fake.wav"],
        "escape.zip": lambda: [_zip(up / "e.zip", {"ok.wav": kick, "../evil.wav": kick})],
        "absolute.zip": lambda: [_zip(up / "a.zip", {"/tmp/evil.wav": kick})],
        "bomb.zip": lambda: [_zip(up / "b.zip", {"Kick In.wav": bytes(2**20 + 1)})],
        "mixed.zip": lambda: [_zip(up / "m.zip", {"ok.wav": kick, "readme.pdf": b"%PDF"})],
        "long.wav": lambda: [_wav(up / "long.wav", seconds=4.0)],
        "empty.wav": lambda: [_wav(up / "empty.wav", seconds=0.0)],
        "many": lambda: [_wav(up / f"t{k}.wav") for k in range(3)],
        "twice": lambda: [up / "Kick In.wav", _zip(up / "t.zip", {"x/Kick In.wav": kick})],
    }
    (up / "notes.txt").write_text("mix notes")
    (up / "fake.wav").write_text("not really a wav")
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(".", r"\.")):
        intake(files[case](), tmp_path / "song", Limits(max_bytes=2**20, max_tracks=2, max_seconds=3.0))
    assert not (tmp_path / "song").exists() and not (tmp_path / "evil.wav").exists()


def test_a_zip_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "liar.zip", {"Kick In.wav": bytes(2**20 + 1)})
    data = bytearray(path.read_bytes())
    real = (2**20 + 1).to_bytes(4, "little")
    data = data.replace(real, (10).to_bytes(4, "little"))  # headers now claim 10 bytes
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="'Kick In.wav' is damaged"):
        intake([path], tmp_path / "song", Limits(max_bytes=2**20))
    assert not (tmp_path / "song").exists()


def test_a_song_of_silent_tracks_is_refused_when_decoded(tmp_path: Path) -> None:
    tracks = intake([_wav(tmp_path / "Room.wav", level=0.0)], tmp_path / "song", Limits())
    with pytest.raises(DataError, match="every uploaded track is silent"):
        with_silence(tracks, {"Room.wav": 1e-6})


def test_an_upload_gone_before_its_turn_says_to_upload_again(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="Lead Vox.wav: the upload waited too long and is gone; upload the tracks"):
        intake([tmp_path / "Lead Vox.wav"], tmp_path / "song", Limits())
    assert not (tmp_path / "song").exists()
