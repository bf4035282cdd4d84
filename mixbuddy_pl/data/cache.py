"""Decode every song once to 16 kHz mono arrays on disk, then index fixed windows with per-stem loudness."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO, Callable

import numpy as np
import torch
from rich.progress import Progress

from mixbuddy_pl import audio
from mixbuddy_pl.data.chunks import ChunkIndex
from mixbuddy_pl.data.songs import SongSource
from mixbuddy_pl.errors import DataError

CACHE_VERSION = 1


def _atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file and rename, so a killed process never leaves half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            write(f)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class StemCache:
    """Songs of a source decoded once to `<root>/<source key>/<split>/` and memory-mapped afterwards."""

    def __init__(self, source: SongSource, root: str | Path, sample_rate: int = audio.SAMPLE_RATE) -> None:
        self.source = source
        self.sample_rate = sample_rate
        key = hashlib.sha1(f"{source.cache_key()}|{sample_rate}|v{CACHE_VERSION}".encode()).hexdigest()[:12]
        self.dir = Path(root).expanduser() / f"{type(source).__name__.lower()}-{key}"
        self._arrays: dict[tuple[str, str], np.ndarray] = {}

    def _split_dir(self, split: str) -> Path:
        return self.dir / split

    def _song_path(self, split: str, song: str) -> Path:
        return self._split_dir(split) / (song.replace(os.sep, "_") + ".npy")

    def prepare(self, split: str) -> list[str]:
        """Decode the split's songs that are not cached yet (with a progress bar); return the song names."""
        manifest = self._split_dir(split) / "songs.json"
        if manifest.exists():
            return json.loads(manifest.read_text())["songs"]
        songs = self.source.songs(split)
        if not songs:
            raise DataError(f"The {type(self.source).__name__} source has no songs in split '{split}'. "
                            "Check the data root and split settings of data.source.")
        self._split_dir(split).mkdir(parents=True, exist_ok=True)
        with Progress(transient=True) as progress:
            task = progress.add_task(f"Caching {split} songs at {self.sample_rate} Hz", total=len(songs))
            for song in songs:
                path = self._song_path(split, song)
                if not path.exists():
                    stems = self.source.load(split, song)
                    array = np.stack([stems[s] for s in self.source.stem_names]).astype(np.float32)
                    _atomic_write(path, lambda f: np.save(f, array))
                progress.advance(task)
        body = {"songs": songs, "stems": list(self.source.stem_names), "sample_rate": self.sample_rate}
        _atomic_write(manifest, lambda f: f.write(json.dumps(body, indent=1).encode()))
        return songs

    def song(self, split: str, song: str) -> np.ndarray:
        """[stems, samples] float32, memory-mapped (opened once per process)."""
        key = (split, song)
        if key not in self._arrays:
            self._arrays[key] = np.load(self._song_path(split, song), mmap_mode="r")
        return self._arrays[key]

    def release(self) -> None:
        """Close the memory maps (their pages leave the process); `song` opens them again when asked."""
        self._arrays.clear()

    def __getstate__(self) -> dict:  # workers re-open their own memory maps
        return {**self.__dict__, "_arrays": {}}

    def index(self, split: str, chunk_s: float, hop_s: float) -> ChunkIndex:
        """Every window of every song in `split`, with per-stem loudness; computed once and cached."""
        songs = self.prepare(split)
        path = self._split_dir(split) / f"chunks-{chunk_s:g}s-hop{hop_s:g}s.npz"
        if not path.exists():
            _atomic_write(path, lambda f: np.savez(f, **self._measure(split, songs, chunk_s, hop_s)))
        with np.load(path) as data:
            return ChunkIndex(songs, tuple(self.source.stem_names), data["song_idx"], data["start"],
                              data["length"], data["lufs"])

    def _measure(self, split: str, songs: list[str], chunk_s: float, hop_s: float) -> dict[str, np.ndarray]:
        """Every window's per-stem loudness, the windows measured `torch.get_num_threads()` at a time (the
        K-weighting filters run outside the GIL)."""
        window, hop = round(chunk_s * self.sample_rate), round(hop_s * self.sample_rate)
        rows: list[tuple[int, int, int, list[float]]] = []

        def loudness(clip: np.ndarray) -> list[float]:
            return [audio.loudness_lufs(s, self.sample_rate) for s in clip]

        with Progress(transient=True) as progress, ThreadPoolExecutor(torch.get_num_threads()) as pool:
            task = progress.add_task(f"Measuring {split} chunk loudness", total=len(songs))
            for i, song in enumerate(songs):
                array = self.song(split, song)
                n = array.shape[1]
                starts = range(0, n - window + 1, hop) if n >= window else [0]
                clips = [array[:, start:start + window] for start in starts]
                for start, clip, lufs in zip(starts, clips, pool.map(loudness, clips)):
                    rows.append((i, start, clip.shape[1], lufs))
                progress.advance(task)
        if not rows:
            raise DataError(f"No audio in split '{split}' of {type(self.source).__name__}: every song is empty.")
        song_idx, start, length, lufs = zip(*rows)
        return {"song_idx": np.array(song_idx), "start": np.array(start), "length": np.array(length),
                "lufs": np.array(lufs, dtype=np.float32)}
