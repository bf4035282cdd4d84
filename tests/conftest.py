"""Shared session fixtures: tiny MUSDB18 trees (HQ wav and .stem.mp4) built from synthetic songs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl.data.synth import synthesize_song
from tests.helpers import MUSDB_RATE, MUSDB_SECONDS, MUSDB_STREAMS, MUSDB_TEST, MUSDB_TRAIN

def _musdb_streams(seed: int) -> dict[str, np.ndarray]:
    """Stereo [samples, 2] stems plus their mixture at 44.1 kHz, as MUSDB18 stores them."""
    stems = synthesize_song(seed, MUSDB_SECONDS, MUSDB_RATE)
    stereo = {name: np.stack([x, 0.8 * x], axis=1) for name, x in stems.items()}
    stereo["mixture"] = sum(stereo.values())
    return {name: stereo[name] for name in MUSDB_STREAMS}


def _musdb_tracks() -> list[tuple[str, str, int]]:
    """(subset, track name, seed) of every fixture track."""
    names = [("train", n) for n in MUSDB_TRAIN] + [("test", n) for n in MUSDB_TEST]
    return [(subset, name, seed) for seed, (subset, name) in enumerate(names)]


@pytest.fixture(scope="session")
def musdb_hq_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MUSDB18-HQ layout: <root>/<subset>/<track>/{mixture,drums,bass,other,vocals}.wav."""
    root = tmp_path_factory.mktemp("musdb18hq")
    for subset, name, seed in _musdb_tracks():
        folder = root / subset / name
        folder.mkdir(parents=True)
        for stream, x in _musdb_streams(seed).items():
            sf.write(folder / f"{stream}.wav", x, MUSDB_RATE, subtype="PCM_16")
    return root


@pytest.fixture(scope="session")
def musdb_stems_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MUSDB18 layout: <root>/<subset>/<track>.stem.mp4 with 5 AAC streams in musdb's order."""
    root = tmp_path_factory.mktemp("musdb18")
    work = tmp_path_factory.mktemp("musdb18_wavs")
    for subset, name, seed in _musdb_tracks():
        (root / subset).mkdir(exist_ok=True)
        inputs, maps = [], []
        for i, (stream, x) in enumerate(_musdb_streams(seed).items()):
            wav = work / f"{seed}-{stream}.wav"
            sf.write(wav, x, MUSDB_RATE, subtype="PCM_16")
            inputs += ["-i", str(wav)]
            maps += ["-map", f"{i}:a"]
        out = root / subset / f"{name}.stem.mp4"
        codec = ["-c:a", "aac", "-b:a", "128k"]
        subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", *inputs, *maps, *codec, str(out)], check=True)
    return root


@pytest.fixture(scope="session", autouse=True)
def mixbuddy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test shares one tiny model and stem cache under tmp, never the user's ~/.cache."""
    root = tmp_path_factory.mktemp("mixbuddy-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIXBUDDY_CACHE", str(root))
        yield root
