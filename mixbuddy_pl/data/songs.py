"""Song sources: named songs made of named stems, loaded as 16 kHz mono float32 arrays."""

from __future__ import annotations

import hashlib
import logging
import os
from abc import ABC, abstractmethod
from functools import cached_property
from pathlib import Path

import numpy as np

from mixbuddy_pl import audio
from mixbuddy_pl.data.session import MAP_FILE, StemMap, decode_session, describe, exclude_by_content, regroup
from mixbuddy_pl.data.synth import STEMS, SYNTH_VERSION, synthesize_song
from mixbuddy_pl.errors import ConfigError, DataError

log = logging.getLogger(__name__)

SPLITS = ("train", "val", "test", "predict")
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg")
MAX_PAD_S = 1.0  # stems shorter than the longest by up to this much are zero-padded
MUSDB_STEMS = ("drums", "bass", "other", "vocals")
_OFFLINE_HINT = "to run offline without it, add `--config configs/overlays/tiny.yaml`"

Raw = tuple[np.ndarray, int, str]  # audio [channels, samples], sample rate, file label


def _ffmpeg_detail(e: Exception) -> str:
    """The error plus the last stderr line of a failed ffmpeg/ffprobe call (it names the file)."""
    stderr = getattr(e, "stderr", None) or b""
    lines = stderr.decode(errors="replace").strip().splitlines()
    return f"{e}: {lines[-1]}" if lines else str(e)


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise ConfigError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}.")


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:10]


def conform_stems(song: str, raw: dict[str, Raw]) -> dict[str, np.ndarray]:
    """Check, downmix, resample to 16 kHz and length-align one song's stems.

    Warns when sample rates differ or a stem is up to MAX_PAD_S short (zero-padded);
    raises DataError naming the song and file on NaN/Inf or a larger length mismatch.
    """
    rates = {sr for _, sr, _ in raw.values()}
    if len(rates) > 1:
        log.warning("song %r: stems have different sample rates %s; resampling all to %d Hz",
                    song, sorted(rates), audio.SAMPLE_RATE)
    out = {}
    for name, (x, sr, label) in raw.items():
        audio.check_finite(x, f"song {song!r}, file {label}")
        out[name] = audio.resample(audio.to_mono(x), sr, audio.SAMPLE_RATE)
    return _align(song, out, {name: label for name, (_, _, label) in raw.items()})


def _align(song: str, stems: dict[str, np.ndarray], labels: dict[str, str]) -> dict[str, np.ndarray]:
    n = max(len(x) for x in stems.values())
    for name, x in stems.items():
        short = n - len(x)
        if short > MAX_PAD_S * audio.SAMPLE_RATE:
            raise DataError(
                f"song {song!r}, file {labels[name]}: {short / audio.SAMPLE_RATE:.2f} s shorter than the "
                f"longest stem (more than {MAX_PAD_S} s); re-export all stems of the song from the same "
                "start to the same end."
            )
        if short:
            log.warning("song %r, file %s: %d samples short; padded with silence", song, labels[name], short)
            stems[name] = np.pad(x, (0, short))
    return {name: np.ascontiguousarray(x, dtype=np.float32) for name, x in stems.items()}


class SongSource(ABC):
    """A set of multitrack songs split into train/val/test/predict."""

    stem_names: tuple[str, ...]

    @abstractmethod
    def songs(self, split: str) -> list[str]:
        """Sorted song names of a split (train, val, test or predict)."""

    @abstractmethod
    def load(self, split: str, name: str) -> dict[str, np.ndarray]:
        """All stems of a song: 16 kHz mono float32, equal length, finite."""

    @abstractmethod
    def cache_key(self) -> str:
        """Stable identity of the source and its settings (names the on-disk cache)."""


class MUSDB18(SongSource):
    """MUSDB18 (`.stem.mp4`, decoded with ffmpeg) or MUSDB18-HQ (wav folders), read with `musdb`.

    Splits are the official ones: train = train subset minus the 14 validation tracks,
    val = those 14, test (and predict) = the test subset.

    Args:
        root: dataset folder holding train/ and test/; defaults to the MUSDB_ROOT environment variable.
        is_wav: true for the MUSDB18-HQ layout (one folder of wav files per track).
        stems: the stems to load, a subset of drums, bass, other, vocals.
    """

    def __init__(self, root: str | None = None, is_wav: bool = False, stems: tuple[str, ...] = MUSDB_STEMS):
        unknown = sorted(set(stems) - set(MUSDB_STEMS))
        if unknown:
            raise ConfigError(f"data.source.init_args.stems: unknown MUSDB18 stems {unknown}; use {MUSDB_STEMS}.")
        self.root = root
        self.is_wav = is_wav
        self.stem_names = tuple(stems)
        self._dbs: dict[str, object] = {}

    @cached_property
    def _root(self) -> Path:
        root = self.root or os.environ.get("MUSDB_ROOT")
        dataset = "MUSDB18-HQ (wav)" if self.is_wav else "MUSDB18 (.stem.mp4)"
        fix = (f"download MUSDB18 or MUSDB18-HQ from Zenodo (the HQ wav layout needs `is_wav: true`); "
               f"{_OFFLINE_HINT}.")
        if not root:
            raise DataError(f"no MUSDB18 root: set data.source.init_args.root or the MUSDB_ROOT environment "
                            f"variable to the folder holding train/ and test/; {fix}")
        path = Path(root).expanduser()
        if not all((path / sub).is_dir() for sub in ("train", "test")):
            raise DataError(f"MUSDB18 root {path} (from data.source.init_args.root or MUSDB_ROOT) has no "
                            f"train/ and test/ folders; point it at the extracted {dataset} dataset: {fix}")
        return path

    def _db(self, split: str):
        _check_split(split)
        if split not in self._dbs:
            import musdb

            kwargs = {"subsets": "test"} if split in ("test", "predict") else {
                "subsets": "train", "split": "train" if split == "train" else "valid"}
            try:
                db = musdb.DB(root=str(self._root), is_wav=self.is_wav, **kwargs)
            except Exception as e:  # musdb probes every track with ffprobe; ffmpeg-python raises its own Error
                raise DataError(
                    f"MUSDB18 root {self._root}: cannot probe the tracks of split {split!r} ({_ffmpeg_detail(e)}); "
                    "re-download the damaged track, and check that ffmpeg/ffprobe are installed."
                ) from e
            if split == "train" and not db.tracks:
                self._no_tracks()
            self._dbs[split] = db
        return self._dbs[split]

    def _no_tracks(self) -> None:
        found = "track folders" if self.is_wav else ".stem.mp4 files"
        raise DataError(
            f"MUSDB18 root {self._root} (from data.source.init_args.root or MUSDB_ROOT) has no {found} in "
            f"train/; MUSDB18 (.stem.mp4) needs `is_wav: false`, MUSDB18-HQ (wav folders) needs `is_wav: true` "
            f"(both are on Zenodo); {_OFFLINE_HINT}."
        )

    def songs(self, split: str) -> list[str]:
        """The split's track names, sorted."""
        return sorted(track.name for track in self._db(split).tracks)

    def load(self, split: str, name: str) -> dict[str, np.ndarray]:
        """The track's stems as 16 kHz mono float32 arrays, by stem name."""
        db = self._db(split)
        track = next((t for t in db.tracks if t.name == name), None)
        if track is None:
            raise DataError(f"MUSDB18 has no track {name!r} in split {split!r}; pick one of songs({split!r}).")
        raw = self._read_wav(track) if self.is_wav else self._read_stems(track, db.setup["stem_ids"])
        return conform_stems(name, raw)

    def _read_wav(self, track) -> dict[str, Raw]:
        raw = {}
        for stem in self.stem_names:
            source = track.sources.get(stem)  # sources are the stems; targets are mixes of them
            if source is None:
                path = Path(track.path).with_name(f"{stem}.wav")
                raise DataError(f"song {track.name!r}: stem file {path} is missing; re-extract the track "
                                "from MUSDB18-HQ.")
            x, sr = audio.read_audio(source.path)
            raw[stem] = (x, sr, source.path)
        return raw

    def _read_stems(self, track, stem_ids: dict[str, int]) -> dict[str, Raw]:
        try:
            streams = track.stems  # [mixture + 4 stems, samples, channels]
        except Exception as e:  # stempeg/ffmpeg raise assorted errors on damaged files
            raise DataError(f"song {track.name!r}: cannot decode {track.path} ({_ffmpeg_detail(e)}); re-download the "
                            "track, and check that ffmpeg is installed.") from e
        if streams.ndim != 3 or streams.shape[0] <= max(stem_ids[s] for s in self.stem_names):
            raise DataError(f"song {track.name!r}: {track.path} does not hold the 5 MUSDB18 streams; "
                            "re-download the track.")
        return {s: (streams[stem_ids[s]].T.astype(np.float32), int(track.rate), track.path)
                for s in self.stem_names}

    def cache_key(self) -> str:
        """Names the stem cache: layout, stems and the resolved root."""
        layout = "hq" if self.is_wav else "stems"
        return f"musdb18-{layout}-{'+'.join(self.stem_names)}-{_digest(self._root.resolve())}"


class StemFolder(SongSource):
    """Songs as folders of stem files: `<root>/<song>/<stem>.wav` (or .flac/.ogg), any rate, mono or stereo.

    With `<root>/{train,val,test}/<song>/` the subfolders are the splits (predict = test).
    Otherwise every song is in predict, and train/val/test are a fixed hash-of-name split.
    A root that holds audio files directly is one song.
    A song folder whose files are not all named after stems is a DAW session export (`Lead Vox.wav`,
    `Kick In.wav`, ...): its tracks are mapped to the stems by name (`session.StemMap`) and summed.

    Args:
        root: folder of song folders, of train/val/test folders of song folders, or one song folder.
        stems: stem names (file names without extension); default: those of the first song.
        val_fraction: share of songs in val when root has no split folders.
        test_fraction: share of songs in test when root has no split folders.
        stem_map: for session exports, `track name or regex: stem` (or `exclude`) rules tried before the defaults; a
            `stem_map.yaml` in the song folder (or root) with such lines adds its rules first.
    """

    def __init__(self, root: str, stems: list[str] | None = None, val_fraction: float = 0.0,
                 test_fraction: float = 0.0, stem_map: dict[str, str] | None = None):
        if not (0.0 <= val_fraction and 0.0 <= test_fraction and val_fraction + test_fraction <= 1.0):
            raise ConfigError("data.source.init_args.val_fraction/test_fraction must be >= 0 and sum to <= 1; "
                              f"got {val_fraction} and {test_fraction}.")
        self.root = Path(root).expanduser()
        self.stems = list(stems) if stems else None
        self.val_fraction = val_fraction
        self.test_fraction = test_fraction
        self.stem_map = dict(stem_map or {})

    @cached_property
    def _index(self) -> dict[str, dict[str, Path]]:
        """split -> song name -> song folder."""
        if not self.root.is_dir():
            raise DataError(f"stem folder root {self.root} does not exist; set data.source.init_args.root to "
                            "a folder of song folders holding one audio file per stem.")
        if any(self.root.joinpath(s).is_dir() for s in ("train", "val", "test")):
            index = {s: _song_dirs(self.root / s) for s in ("train", "val", "test")}
            index["predict"] = index["test"]
        else:
            songs = {self.root.name: self.root} if _audio_files(self.root) else _song_dirs(self.root)
            index = {s: {} for s in ("train", "val", "test")}
            for name, path in songs.items():
                index[self._hash_split(name)][name] = path
            index["predict"] = songs
        if not any(index.values()):
            raise DataError(f"stem folder root {self.root} holds no songs: expected <root>/<song>/<stem>.wav "
                            f"(or {', '.join(AUDIO_SUFFIXES)}); check data.source.init_args.root.")
        return index

    def _hash_split(self, name: str) -> str:
        u = int(_digest(name), 16) / 16**10
        return "val" if u < self.val_fraction else "test" if u < self.val_fraction + self.test_fraction else "train"

    @cached_property
    def stem_names(self) -> tuple[str, ...]:
        """The configured stems, or the audio file names of the first song folder."""
        if self.stems:
            return tuple(self.stems)
        first = min((p for songs in self._index.values() for p in songs.values()), key=lambda p: (p.name, str(p)))
        return tuple(sorted(_audio_files(first)))

    def songs(self, split: str) -> list[str]:
        """The split's song folder names, sorted."""
        _check_split(split)
        return sorted(self._index[split])

    def load(self, split: str, name: str) -> dict[str, np.ndarray]:
        """The song's stems (mapped names), resampled to 16 kHz mono float32."""
        _check_split(split)
        folder = self._index[split].get(name)
        if folder is None:
            raise DataError(f"stem folder {self.root} has no song {name!r} in split {split!r}.")
        files = _audio_files(folder)
        if not set(files) <= set(self.stem_names):
            return conform_stems(name, self._read_session(name, folder, sorted(p.name for p in files.values())))
        raw = {}
        for stem in self.stem_names:
            if stem not in files:
                raise DataError(f"song {name!r}: stem file {folder / stem}.wav (or {', '.join(AUDIO_SUFFIXES)}) "
                                f"is missing; add it (a silent file is fine) or set data.source.init_args.stems.")
            x, sr = audio.read_audio(files[stem])
            raw[stem] = (x, sr, str(files[stem]))
        return conform_stems(name, raw)

    def mapping(self, folder: Path) -> StemMap:
        """The track-name rules of a song folder: its own stem_map.yaml, the root's, then `stem_map`."""
        rules: dict[str, str] = {}
        for path in dict.fromkeys((folder / MAP_FILE, self.root / MAP_FILE)):
            if path.is_file():
                rules.update({k: v for k, v in StemMap.from_file(path).rules.items() if k not in rules})
        rules.update({k: v for k, v in self.stem_map.items() if k not in rules})
        return StemMap(rules)

    def _read_session(self, song: str, folder: Path, tracks: list[str]) -> dict[str, Raw]:
        """The tracks mapped by name and summed per stem, then the clicks and bounces their content shows taken out."""
        by_name = self.mapping(folder).assign(tracks, self.stem_names)
        stems, rate, sketches = decode_session(by_name, folder, self.stem_names)
        assignments = exclude_by_content(by_name, sketches)
        regroup(stems, folder, by_name, assignments, rate)
        log.warning("song %r: session tracks mapped to stems (correct with %s lines `track name or regex: stem` "
                    "or `track: exclude`):\n%s", song, folder / MAP_FILE, describe(assignments, self.stem_names))
        return {stem: (x, rate, f"{folder}/[{stem} tracks]") for stem, x in stems.items()}

    def cache_key(self) -> str:
        """Names the stem cache: root, stems, split fractions, every stem map and every audio file's path, size and
        modification time, so a song added, removed or re-exported later is decoded again, never skipped or stale."""
        stems = self.stem_names  # first: a missing or empty root is reported here
        maps = sorted(p.read_text() for p in self.root.rglob(MAP_FILE))
        settings = (self.root.resolve(), stems, self.val_fraction, self.test_fraction, self.stem_map, maps,
                    self._file_stamps())
        return f"stemfolder-{self.root.name}-{_digest(*settings)}"

    def _file_stamps(self) -> list[tuple[str, int, int]]:
        """(path under the root, size, modification time) of every audio file of every indexed song folder."""
        stamps = []
        for folder in sorted({p for songs in self._index.values() for p in songs.values()}):
            for path in _audio_files(folder).values():
                stat = path.stat()
                stamps.append((str(path.relative_to(self.root)), stat.st_size, stat.st_mtime_ns))
        return stamps


def _audio_files(folder: Path) -> dict[str, Path]:
    """stem name -> file, for the audio files directly in `folder`."""
    return {p.stem: p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES}


def _song_dirs(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {p.name: p for p in sorted(folder.iterdir()) if p.is_dir() and _audio_files(p)}


class SyntheticSongs(SongSource):
    """Procedural songs (see `synth.py`): the offline default. Splits use disjoint seed ranges.

    Args:
        num_train: number of training songs.
        num_val: number of validation songs.
        num_test: number of test (and predict) songs.
        duration_s: length of every song in seconds.
        seed: selects a different family of songs.
    """

    stem_names = STEMS
    _OFFSETS = {"train": 0, "val": 100_000, "test": 200_000}

    def __init__(self, num_train: int = 16, num_val: int = 4, num_test: int = 4, duration_s: float = 40.0,
                 seed: int = 0):
        counts = {"train": num_train, "val": num_val, "test": num_test}
        if not all(0 <= n < 100_000 for n in counts.values()) or duration_s <= 0:
            raise ConfigError(f"SyntheticSongs: song counts must be in [0, 100000) and duration_s > 0; "
                              f"got {counts}, duration_s={duration_s}.")
        self.counts = counts
        self.duration_s = duration_s
        self.seed = seed

    def songs(self, split: str) -> list[str]:
        """The split's song names (`synth-NNNN`; predict reads the test songs)."""
        _check_split(split)
        split = "test" if split == "predict" else split
        offset = self._OFFSETS[split]
        return [f"synth-{offset + i:04d}" for i in range(self.counts[split])]

    def load(self, split: str, name: str) -> dict[str, np.ndarray]:
        """Synthesize the named song (deterministic in seed and index)."""
        if name not in self.songs(split):
            raise DataError(f"SyntheticSongs has no song {name!r} in split {split!r}.")
        index = int(name.removeprefix("synth-"))
        return synthesize_song(self.seed * 1_000_000 + index, self.duration_s, audio.SAMPLE_RATE)

    def cache_key(self) -> str:
        """Every setting that changes a split's songs: the cached song lists must not outlive a new count."""
        counts = "-".join(f"{split}{n}" for split, n in self.counts.items())
        return f"synthetic-v{SYNTH_VERSION}-seed{self.seed}-{self.duration_s:g}s-{counts}"
