"""The page's second pass with a real checkpoint: B (the advice applied) is advised on like the upload, and every
window of it comes with the model's answer-set distribution (its confidence); the upload's windows, measured
before the user asks, are not measured again."""

from __future__ import annotations

from pathlib import Path

import pytest
import soundfile as sf
import yaml

from mixbuddy_pl.data.session import MAP_FILE, StemMap, read_session
from mixbuddy_pl.demo.advise import SongAdvisor
from mixbuddy_pl.demo.second_pass import SECOND, ask_on
from tests.helpers import DAW_TRACKS, write_session

pytestmark = pytest.mark.slow


def test_second_pass_advises_on_the_rebalanced_mix(tiny_checkpoint: Path, tmp_path: Path) -> None:
    advisor = SongAdvisor(tiny_checkpoint, accelerator="cpu")
    song = tmp_path / "songs" / "song"
    write_session(song, seconds=10.0)
    (song / MAP_FILE).write_text(yaml.safe_dump({name: stem for name, *_, stem in DAW_TRACKS}))
    advisor.prepare(song.parent, tmp_path)  # what the page does on upload, while the user reads the mapping
    measured = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("chunks-*.npz")}
    times = {"windows_s": 1.0}  # the upload's share
    first, _ = advisor.predict(song.parent, "drums", tmp_path, lambda done, total: None, times)
    assert measured and {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("chunks-*.npz")} == measured
    assert times["windows_s"] > 1.0 and times["model_s"] > 0  # the windows found measured, not measured again
    rules = StemMap.from_file(song / MAP_FILE).rules  # the summed stems, as the page's session holds them
    summed, rate = read_session(StemMap(rules).assign(list(rules), advisor.stems), song, advisor.stems)
    second = ask_on(advisor, summed, rate, {"vocals": 6.0}, "drums", tmp_path, lambda done, total: None, "song")
    assert [(w.start_s, w.stem) for w in second.windows] == [(w.start_s, w.stem) for w in first.windows]
    assert all(w.probs is not None and sum(w.probs.values()) == pytest.approx(1.0, abs=1e-4) for w in second.windows)
    b = tmp_path / SECOND / "songs" / "song"
    vocals, _ = sf.read(b / "vocals.wav")
    drums, _ = sf.read(b / "drums.wav")
    assert sorted(p.name for p in b.iterdir()) == sorted(f"{s}.wav" for s in advisor.stems)
    assert abs(vocals).max() > 0 and abs(drums).max() > 0
