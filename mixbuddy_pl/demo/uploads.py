"""Uploaded tracks (files or zips) -> one song folder, with every limit checked before anything is decoded.

Only the uploaded files are read. Zip entries that would land outside the song folder (`../`, absolute paths)
are refused, and the bytes written are counted while extracting, so a zip that expands beyond the cap stops
with a message whatever its headers claim.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import soundfile as sf

from mixbuddy_pl.data.songs import AUDIO_SUFFIXES
from mixbuddy_pl.errors import DataError

SILENT_PEAK = 10 ** (-90 / 20)  # a track that never exceeds -90 dBFS is silent
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What one song may be: total bytes (uploads and unzipped alike), number of tracks, duration."""

    max_bytes: int = 1 << 30
    max_tracks: int = 64
    max_seconds: float = 600.0


@dataclass(frozen=True)
class Track:
    """One uploaded audio file: duration, rate, channels (its header) and, once decoded, whether it is silent."""

    name: str
    seconds: float
    sample_rate: int
    channels: int
    silent: bool = False


def _safe_name(name: str) -> str:
    """The file name part of an upload (no folders), or DataError for a name that is empty or hidden."""
    base = PurePosixPath(name.replace("\\", "/")).name
    if not base or base.startswith("."):
        raise DataError(f"{name!r} is not a usable track name; rename the file.")
    return base


def _copy(src, dest: Path, budget: list[int], label: str, limits: Limits) -> None:
    """Stream `src` into `dest`, refusing as soon as the song's byte budget is spent."""
    with open(dest, "xb") as out:
        while block := src.read(_CHUNK):
            budget[0] -= len(block)
            if budget[0] < 0:
                raise DataError(f"{label}: the upload is larger than the {limits.max_bytes / 2**20:.0f} MiB a song may "
                                "have (unzipped); upload fewer or shorter tracks, or compressed files (flac/ogg).")
            out.write(block)


def _own(upload: Path, dest: Path, budget: list[int], limits: Limits) -> None:
    """Give the song its own `dest` for an uploaded file: a hard link when both are on one file system (no bytes
    copied; the upload's later removal or replacement leaves `dest` as it is), else a streamed copy."""
    try:
        size = upload.stat().st_size
    except FileNotFoundError as e:  # the page's sweep removed the server's copy while the upload waited
        raise DataError(f"{upload.name}: the upload waited too long and is gone; upload the tracks again.") from e
    if size > budget[0]:
        raise DataError(f"{upload.name}: the upload is larger than the {limits.max_bytes / 2**20:.0f} MiB a song may "
                        "have (unzipped); upload fewer or shorter tracks, or compressed files (flac/ogg).")
    try:
        os.link(upload, dest)
        budget[0] -= size
    except OSError:  # another file system, or links not allowed: copy
        with open(upload, "rb") as src:
            _copy(src, dest, budget, upload.name, limits)


def _unzip(path: Path, song: Path, budget: list[int], limits: Limits) -> None:
    """Extract the audio entries of a zip flat into `song`, refusing entries that escape their folder."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise DataError(f"{path.name}: not a readable zip file ({e}); zip the tracks again.") from e
    with archive:
        for info in archive.infolist():
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            if info.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
                raise DataError(f"{path.name}: entry {info.filename!r} points outside the zip's folder; "
                                "nothing was extracted - zip the tracks again from their folder.")
        for info in archive.infolist():
            name = PurePosixPath(info.filename).name
            if info.is_dir() or "__MACOSX" in info.filename or name.startswith("."):
                continue
            if Path(name).suffix.lower() not in AUDIO_SUFFIXES:
                raise DataError(f"{path.name}: {info.filename!r} is not an audio track (wav, flac or ogg); "
                                "leave it out of the zip.")
            try:
                with archive.open(info) as src:
                    _copy(src, _free(song, name, path.name), budget, f"{path.name}: {info.filename}", limits)
            except (zipfile.BadZipFile, zlib.error, EOFError) as e:
                raise DataError(f"{path.name}: entry {info.filename!r} is damaged ({e}); zip the tracks again.") from e


def _free(song: Path, name: str, label: str) -> Path:
    dest = song / _safe_name(name)
    if dest.exists():
        raise DataError(f"{label}: two tracks are named {dest.name!r}; rename one of them.")
    return dest


def _probe(path: Path, limits: Limits) -> Track:
    """The track's header, checked: readable audio, not empty, not too long."""
    try:
        info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError) as e:
        raise DataError(f"{path.name}: not an audio file we can read; upload wav, flac or ogg tracks.") from e
    if info.frames == 0:
        raise DataError(f"{path.name}: the track is empty (no samples); re-export it or leave it out.")
    seconds = info.frames / info.samplerate
    if seconds > limits.max_seconds:
        raise DataError(f"{path.name}: {seconds / 60:.1f} min is longer than the {limits.max_seconds / 60:g} min this "
                        "page can hold in memory; upload a shorter excerpt.")
    return Track(path.name, seconds, info.samplerate, info.channels)


def intake(uploads: list[str | Path], song: Path, limits: Limits, times: dict[str, float] | None = None) -> list[Track]:
    """Give `song` its own copy of the uploads (audio files linked or copied, zips extracted), flat, and probe
    every track's header; `times` gets `copy_s` and `probe_s`.

    Raises DataError with a message for the page on anything it refuses; `song` is then removed.
    """
    times = {} if times is None else times
    if not uploads:
        raise DataError("no files uploaded; drop the tracks of one song (wav, flac, ogg) or a zip of them.")
    song.mkdir(parents=True)
    try:
        start = time.perf_counter()
        budget = [limits.max_bytes]
        for upload in map(Path, uploads):
            if upload.suffix.lower() == ".zip":
                _unzip(upload, song, budget, limits)
            elif upload.suffix.lower() in AUDIO_SUFFIXES:
                _own(upload, _free(song, upload.name, upload.name), budget, limits)
            else:
                raise DataError(f"{upload.name}: not an audio track; upload wav, flac or ogg files (or a zip of them).")
        times["copy_s"] = time.perf_counter() - start
        start = time.perf_counter()
        paths = sorted(song.iterdir())
        if not paths:
            raise DataError("the upload holds no audio tracks; add wav, flac or ogg files.")
        if len(paths) > limits.max_tracks:
            raise DataError(f"{len(paths)} tracks is more than the {limits.max_tracks} this page takes; bounce related "
                            "tracks together (e.g. all drum mics into one) and upload again.")
        tracks = [_probe(p, limits) for p in paths]
        times["probe_s"] = time.perf_counter() - start
        return tracks
    except BaseException:
        shutil.rmtree(song, ignore_errors=True)
        raise


def with_silence(tracks: list[Track], peaks: dict[str, float]) -> list[Track]:
    """The tracks with their silence known from their decoded peaks; DataError when every track is silent."""
    tracks = [replace(t, silent=peaks[t.name] < SILENT_PEAK) for t in tracks]
    if all(t.silent for t in tracks):
        raise DataError("every uploaded track is silent; export the tracks with their audio.")
    return tracks
