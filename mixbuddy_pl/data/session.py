"""From a DAW session export to the model's stems: track-name rules, and the tracks summed into stems.

A session export holds one file per track with names like `Lead Vox.wav`, `Kick In.wav`, `OH L.wav`,
`Bass DI.wav`, `Synth Pad 2.wav`. `StemMap` assigns every track to a stem (vocals, drums, bass, other) from
its name: first the user's rules (exact names or regular expressions, in order), then the defaults below;
a track that matches nothing goes to `other`. Tracks that are not part of the mix (a click, talkback, a
reference, a rough mix or a bounce of the master) are left out (`EXCLUDE`): by name here, by content in
`mixbuddy_pl.data.detect`; a user rule (`track: exclude`, or `track: <stem>` to keep one) always wins.
`read_session` conforms the kept tracks (any rate, bit depth, channel count or length) and sums them into one
array per stem.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import soundfile as sf
import yaml

from mixbuddy_pl import audio
from mixbuddy_pl.data.detect import MAX_FIT_SAMPLES, content_reasons, envelope
from mixbuddy_pl.errors import ConfigError, DataError

MAP_FILE = "stem_map.yaml"
"""Optional file in a song folder (or its root) with the user's rules: `track name or regex: stem`."""

FALLBACK = "other"
UNMATCHED = "unmatched"
EXCLUDE = "exclude"
"""The `stem` of a track left out of the mix (in a rule, the mapping table and `Assignment.stem`)."""

# Words of track names that are not part of the mix; tried before the stem words ("Drum Print" is a print).
NOT_MIX_WORDS: dict[str, frozenset[str]] = {
    "a click": frozenset("click clk clicktrack metronome metro met".split()),
    "talkback": frozenset("talkback tb talk".split()),
    "a reference": frozenset("reference ref refs".split()),
    "a rough or printed mix": frozenset("rough roughmix mix mixdown print printed prints bounce bounced "
                                        "master mastered".split()),
}

# Default rules, tried in order on the name's lower-cased words (split at spaces, punctuation, digits and
# camelCase): the first rule with a matching word wins. Drums come before bass so "Bass Drum" is a drum.
DEFAULT_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("vocals", frozenset(
        "vox vx voc vocs vocal vocals voice voices vocoder bv bvs bgv bgvs backing backings harmony harmonies harm "
        "harms choir choirs adlib adlibs singer sing sung chorus dbl double doubles lv ld".split())),
    ("drums", frozenset(
        "kick kik kck bd snare snr sn sd tom toms floortom rack hat hats hh hihat oh ohs overhead overheads room "
        "rooms amb cymbal cymbals crash ride drum drums drm kit perc percussion clap claps shaker tamb tambourine "
        "conga congas bongo bongos cowbell rim sidestick trash".split())),
    ("bass", frozenset("bass bs bassline sub subbass 808 upright contrabass".split())),
    ("other", frozenset(
        "gtr gtrs guitar guitars acoustic ac electric keys key keyboard piano pno rhodes wurli organ synth synths "
        "pad pads lead arp pluck strings string str violin viola cello brass horn horns sax trumpet trombone flute "
        "fx sfx riser loop loops bell bells mallet marimba vibes".split())),
)

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words(track: str) -> list[str]:
    """The lower-cased words of a track's file name: `BackingVox_2.wav` -> backing, vox, 2."""
    return [w.lower() for w in _WORD.findall(Path(track).stem)]


@dataclass(frozen=True)
class Assignment:
    """One track's stem (or EXCLUDE) and why: `rule` is the user rule, the matched default word, "unmatched" or
    what its content showed (`mixbuddy_pl.data.detect`)."""

    track: str
    stem: str
    rule: str


@dataclass
class StemMap:
    """Track name -> stem. `rules` (user corrections, tried first, in order): an exact track name (with or without
    extension, any case) or a case-insensitive regular expression searched in the name, mapped to a stem or to
    `exclude` (leave the track out)."""

    rules: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for pattern, stem in self.rules.items():
            if not isinstance(stem, str) or not stem:
                raise ConfigError(f"stem map rule {pattern!r}: the stem must be a name such as vocals, drums, bass "
                                  f"or other; got {stem!r}.")

    @classmethod
    def from_file(cls, path: str | Path) -> "StemMap":
        """Rules from a YAML file of `track name or regex: stem` lines."""
        try:
            rules = yaml.safe_load(Path(path).read_text()) or {}
        except (OSError, yaml.YAMLError) as e:
            raise ConfigError(f"{path}: cannot read the stem map ({e}); write one `track name or regex: stem` "
                              "per line.") from e
        if not isinstance(rules, dict):
            raise ConfigError(f"{path}: the stem map must be `track name or regex: stem` lines, got {type(rules)}.")
        return cls({str(k): v for k, v in rules.items()})

    def assign_one(self, track: str, stems: tuple[str, ...], leave_out: bool = True) -> Assignment:
        """The stem of one track among `stems` (unmatched tracks go to `other`, or the last stem); with
        `leave_out`, a name that says it is not part of the mix gives EXCLUDE."""
        name = Path(track).name
        for pattern, stem in self.rules.items():
            if pattern.lower() in (name.lower(), Path(name).stem.lower()) or _search(pattern, name):
                if stem not in stems and stem != EXCLUDE:
                    raise ConfigError(f"stem map rule {pattern!r} -> {stem!r}: the model knows the stems "
                                      f"{list(stems)}; map the track to one of them or to {EXCLUDE!r}.")
                return Assignment(name, stem, f"rule {pattern!r}")
        found = words(name)
        for what, vocabulary in NOT_MIX_WORDS.items() if leave_out else ():
            hit = next((w for w in found if w in vocabulary), None)
            if hit is not None:
                return Assignment(name, EXCLUDE, f"word {hit!r}: {what}, not part of the mix")
        for stem, vocabulary in DEFAULT_WORDS:
            hit = next((w for w in found if w in vocabulary), None)
            if hit is not None and stem in stems:
                return Assignment(name, stem, f"word {hit!r}")
        return Assignment(name, FALLBACK if FALLBACK in stems else stems[-1], UNMATCHED)

    def assign(self, tracks: list[str], stems: tuple[str, ...]) -> list[Assignment]:
        """Every track's assignment, in the order given."""
        return [self.assign_one(t, stems) for t in tracks]


def _search(pattern: str, name: str) -> bool:
    try:
        return re.search(pattern, name, flags=re.IGNORECASE) is not None
    except re.error:
        return False


def describe(assignments: list[Assignment], stems: tuple[str, ...]) -> str:
    """One line per stem: `vocals <- Lead Vox.wav, BV 1.wav` (stems without a track say so)."""
    lines = []
    for stem in stems:
        tracks = [a.track for a in assignments if a.stem == stem]
        lines.append(f"{stem} <- {', '.join(tracks) if tracks else '(no track: silence)'}")
    lines += [f"left out: {a.track} ({a.rule})" for a in assignments if a.stem == EXCLUDE]
    return "\n".join(lines)


def _info(path: Path) -> sf._SoundFileInfo:
    try:
        return sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError) as e:
        raise DataError(f"{path.name}: not a readable audio file ({e}); export it as wav, flac or ogg.") from e


@dataclass(frozen=True)
class Sketch:
    """What the content checks (`detect`) need of one track: its peak, its envelope (peak of every millisecond)
    and its mono signal at the session's rate, every `step`-th sample."""

    peak: float
    envelope: np.ndarray
    sampled: np.ndarray


@dataclass(frozen=True)
class Layout:
    """A session's common rate (the highest track rate unless given), length in samples at that rate (the
    longest track's) and the step that keeps about MAX_FIT_SAMPLES samples of it for the bounce fit."""

    rate: int
    length: int
    step: int

    @classmethod
    def of(cls, paths: list[Path], sample_rate: int | None = None) -> "Layout":
        if not paths:
            raise DataError("no audio tracks to map; add wav, flac or ogg files.")
        infos = [_info(p) for p in paths]
        rate = sample_rate or max(i.samplerate for i in infos)
        length = max(int(np.ceil(i.frames * rate / i.samplerate)) for i in infos)
        return cls(rate, length, max(1, length // MAX_FIT_SAMPLES))


def _conformed(path: Path, layout: Layout) -> np.ndarray:
    """One track at the session's rate, [1 or 2 channels, samples] (more channels averaged to one)."""
    x, sr = audio.read_audio(path)
    audio.check_finite(x, f"track {path.name}")
    if x.shape[0] > 2:
        x = audio.to_mono(x)[None]
    return audio.resample(x, sr, layout.rate)[:, :layout.length]


def _sketch(x: np.ndarray, layout: Layout) -> Sketch:
    env = envelope(x, layout.rate)
    return Sketch(float(env.max(initial=0.0)), env, audio.to_mono(x[:, ::layout.step]))


def decode_session(assignments: list[Assignment], folder: Path, stems: tuple[str, ...], sample_rate: int | None = None,
                   workers: int = 1, buffer: Callable[[str, tuple[int, int]], np.ndarray] | None = None
                   ) -> tuple[dict[str, np.ndarray], int, dict[str, Sketch]]:
    """Decode every track once (`workers` at a time): each stem's kept tracks summed, {stem: [2, samples]
    float32} at the session's rate, that rate, and every track's Sketch (excluded tracks too).

    Mono tracks go to both channels, more than 2 channels are averaged to mono first; every track is resampled
    to the common rate and zero-padded to the longest (DAW exports often end at the last region). A stem without
    tracks is silence. `buffer(stem, shape)` gives each stem's zeroed float32 array to sum into (default: one in
    memory; the page gives a memory-mapped file, so the sums are on disk without a copy). Raises DataError naming
    the file when a track is unreadable or not finite.
    """
    layout = Layout.of([folder / a.track for a in assignments], sample_rate)
    buffer = buffer or (lambda stem, shape: np.zeros(shape, dtype=np.float32))
    out = {stem: buffer(stem, (2, layout.length)) for stem in stems}
    sketches = {}

    def one(a: Assignment) -> tuple[np.ndarray | None, Sketch]:
        x = _conformed(folder / a.track, layout)
        return (x if a.stem != EXCLUDE else None), _sketch(x, layout)

    with ThreadPoolExecutor(max(1, workers)) as pool:
        for a, (x, sketch) in zip(assignments, pool.map(one, assignments)):
            sketches[a.track] = sketch
            if x is not None:
                out[a.stem][:, :x.shape[1]] += x  # a mono track broadcasts to both sides
    return out, layout.rate, sketches


def read_session(assignments: list[Assignment], folder: Path, stems: tuple[str, ...],
                 sample_rate: int | None = None, workers: int = 1) -> tuple[dict[str, np.ndarray], int]:
    """Each stem's kept tracks summed at the session's rate, and that rate (see `decode_session`)."""
    summed, rate, _ = decode_session(assignments, folder, stems, sample_rate, workers)
    return summed, rate


def regroup(summed: dict[str, np.ndarray], folder: Path, before: list[Assignment], after: list[Assignment],
            rate: int, workers: int = 1) -> set[str]:
    """Move the tracks whose stem changed (or that were left out or brought back) between the sums of
    `decode_session`, in place, reading only them; the stems that changed."""
    old = {a.track: a.stem for a in before}
    moved = [a for a in after if old[a.track] != a.stem]
    if not moved:
        return set()
    layout = Layout.of([folder / a.track for a in before], rate)
    with ThreadPoolExecutor(max(1, workers)) as pool:
        for a, x in zip(moved, pool.map(lambda a: _conformed(folder / a.track, layout), moved)):
            if old[a.track] != EXCLUDE:
                summed[old[a.track]][:, :x.shape[1]] -= x
            if a.stem != EXCLUDE:
                summed[a.stem][:, :x.shape[1]] += x
    return ({old[a.track] for a in moved} | {a.stem for a in moved}) - {EXCLUDE}


def exclude_by_content(assignments: list[Assignment], sketches: dict[str, Sketch]) -> list[Assignment]:
    """Leave out the bounces among the tracks no rule has decided, and the clicks among those no name has
    (`detect`); `sketches`: every track's."""
    candidates = [a.track for a in assignments if a.stem != EXCLUDE and not a.rule.startswith("rule ")]
    unnamed = [a.track for a in assignments if a.rule == UNMATCHED]
    mix = [a.track for a in assignments if a.stem != EXCLUDE]
    reasons = content_reasons({t: sketches[t].envelope for t in mix}, {t: sketches[t].sampled for t in mix},
                              candidates, unnamed) if mix else {}
    return [Assignment(a.track, EXCLUDE, reasons[a.track]) if a.track in reasons else a for a in assignments]


def model_stems(summed: dict[str, np.ndarray], rate: int, workers: int = 1) -> dict[str, np.ndarray]:
    """The summed stems as the model hears them: mono at 16 kHz (`workers` stems at a time)."""
    def one(x: np.ndarray) -> np.ndarray:
        return audio.resample(audio.to_mono(x), rate, audio.SAMPLE_RATE)

    with ThreadPoolExecutor(max(1, workers)) as pool:
        return dict(zip(summed, pool.map(one, summed.values())))
