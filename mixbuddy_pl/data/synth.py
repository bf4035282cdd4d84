"""Procedural multitrack songs: drums, bass, other (chords) and vocals, from a seed.

Every random choice comes from `numpy.random.default_rng` seeded with the song's seed, so a
seed always gives the same song. Oscillators read single-cycle wavetables (additive, band-limited by construction),
which keeps a 40 s song well under a second to render.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mixbuddy_pl.audio import db_to_amplitude, loudness_lufs

STEMS = ("drums", "bass", "other", "vocals")
STEM_LOUDNESS = {"vocals": (-18.0, 2.0), "drums": (-19.0, 2.0), "bass": (-21.0, 2.0), "other": (-22.0, 2.0)}
"""Reference balance: (mean, std) of each stem's integrated loudness in LUFS."""
SYNTH_VERSION = 2
"""Bump when the generator's output changes: it is part of SyntheticSongs' cache key."""
PEAK_CEILING = 0.89  # -1 dBFS: the summed mix is scaled down to this peak when it exceeds it
SHORT_SONG_BARS = 12
"""A song of fewer bars is an excerpt (a verse): vocals from the first bar to the last, no intro, no outro bar."""

_TABLE = 2048
_PROGRESSIONS = ((0, 4, 5, 3), (0, 5, 3, 4), (5, 3, 0, 4), (0, 3, 4, 3), (1, 4, 0, 0), (0, 0, 3, 4))
_MAJOR = (0, 2, 4, 5, 7, 9, 11)
_MINOR = (0, 2, 3, 5, 7, 8, 10)
_VOWELS = ((800, 1200, 2500), (400, 2000, 2600), (300, 2300, 3000), (500, 900, 2400), (350, 800, 2300))
_KICKS = ((0, 8), (0, 6, 8), (0, 8, 10), (0, 3, 8, 11), (0, 4, 8, 12))


@dataclass(frozen=True)
class _Song:
    """The musical skeleton shared by all stems."""

    sr: int
    n: int
    beat: int  # samples per beat (4 beats a bar, 16 steps a bar)
    key: int  # MIDI note of the tonic in the bass register
    scale: tuple[int, ...]
    chords: list[list[int]]  # per bar: scale degrees of the triad
    active: dict[str, np.ndarray]  # per stem: bool per bar


def _hz(midi: float | np.ndarray) -> float | np.ndarray:
    return 440.0 * 2.0 ** ((np.asarray(midi) - 69.0) / 12.0)


def _note(song: _Song, degree: int) -> int:
    """MIDI note of a scale degree (any integer; wraps into octaves) above the key."""
    octave, step = divmod(degree, 7)
    return song.key + 12 * octave + song.scale[step]


def _table(amps: np.ndarray) -> np.ndarray:
    """One cycle of sum_k amps[k] * sin(2 pi (k+1) t)."""
    t = np.arange(_TABLE) / _TABLE
    k = np.arange(1, len(amps) + 1)[:, None]
    return (np.asarray(amps)[None, :] @ np.sin(2 * np.pi * k * t)).ravel()


def _osc(table: np.ndarray, f0: float | np.ndarray, n: int, sr: int) -> np.ndarray:
    """Read a wavetable at a fixed or per-sample frequency."""
    phase = np.cumsum(f0) / sr if np.ndim(f0) else np.arange(n) * (f0 / sr)
    return table[((phase % 1.0) * _TABLE).astype(np.int64)]


def _env(n: int, sr: int, attack: float, release: float, decay: float | None = None) -> np.ndarray:
    """Attack/release envelope, optionally with an exponential decay (time constant in s)."""
    t = np.arange(n) / sr
    env = np.minimum(1.0, t / max(attack, 1e-4)) * np.minimum(1.0, (n / sr - t) / max(release, 1e-4))
    return env * np.exp(-t / decay) if decay else env


def _add(buf: np.ndarray, start: int, x: np.ndarray) -> None:
    """Mix `x` into `buf` at `start`, truncated at the end."""
    end = min(len(buf), start + len(x))
    if end > start:
        buf[start:end] += x[: end - start]


def _bar_on(song: _Song, stem: str, sample: int) -> bool:
    bar = sample // (4 * song.beat)
    return bar < len(song.active[stem]) and bool(song.active[stem][bar])


def _structure(rng: np.random.Generator, n_bars: int) -> dict[str, np.ndarray]:
    """Which stems play in which bar: an intro without vocals (not in an excerpt), maybe a breakdown without drums."""
    active = {s: np.ones(n_bars, dtype=bool) for s in STEMS}
    intro = int(rng.integers(2, 5))
    if n_bars >= SHORT_SONG_BARS:
        active["vocals"][:intro] = False
        active["vocals"][-1] = False
    active["drums"][: int(rng.integers(0, 2))] = False
    active["bass"][: int(rng.integers(0, 2))] = False
    if rng.random() < 0.6 and n_bars >= intro + 8:
        start = int(rng.integers(intro + 3, n_bars - 4))
        active["drums"][start : start + 2] = False
        active["bass"][start : start + 2] &= rng.random() < 0.5
    return active


def _skeleton(rng: np.random.Generator, duration_s: float, sr: int) -> _Song:
    bpm = float(rng.uniform(80, 150))
    beat = int(round(60.0 / bpm * sr))
    n = int(round(duration_s * sr))
    n_bars = -(-n // (4 * beat))
    prog = _PROGRESSIONS[rng.integers(len(_PROGRESSIONS))]
    return _Song(
        sr=sr,
        n=n,
        beat=beat,
        key=36 + int(rng.integers(0, 12)),
        scale=_MAJOR if rng.random() < 0.5 else _MINOR,
        chords=[[prog[b % len(prog)] + i for i in (0, 2, 4)] for b in range(n_bars)],
        active=_structure(rng, n_bars),
    )


def _drums(song: _Song, rng: np.random.Generator) -> np.ndarray:
    sr, out = song.sr, np.zeros(song.n)
    t = np.arange(int(0.4 * sr)) / sr
    sweep = 45.0 + float(rng.uniform(50, 110)) * np.exp(-t / 0.03)
    kick = np.sin(2 * np.pi * np.cumsum(sweep) / sr) * np.exp(-t / float(rng.uniform(0.08, 0.2)))
    ts = t[: int(0.25 * sr)]
    snare = (0.7 * rng.standard_normal(len(ts)) + 0.5 * np.sin(2 * np.pi * 185 * ts)) * np.exp(-ts / 0.06)
    th = t[: int(0.12 * sr)]
    hat = np.diff(rng.standard_normal(len(th) + 1)) * 0.25 * np.exp(-th / float(rng.uniform(0.01, 0.04)))
    kicks = _KICKS[rng.integers(len(_KICKS))]
    snares = (4, 12) if rng.random() < 0.75 else (8,)
    hats = range(0, 16, 2) if rng.random() < 0.6 else range(16)
    step = song.beat // 4
    for bar_start in range(0, song.n, 4 * song.beat):
        if not _bar_on(song, "drums", bar_start):
            continue
        for steps, hit, vel in ((kicks, kick, 1.0), (snares, snare, 0.8), (hats, hat, 0.5)):
            for s in steps:
                _add(out, bar_start + s * step, vel * float(rng.uniform(0.8, 1.0)) * hit)
    return out


def _bass(song: _Song, rng: np.random.Generator) -> np.ndarray:
    k = np.arange(1, 13)
    amps = [1.0 / k, np.where(k % 2 == 1, 1.0 / k, 0.0), np.r_[1.0, 0.3, 0.1, np.zeros(9)]]
    table = _table(amps[rng.integers(len(amps))])
    decay = float(rng.uniform(0.15, 0.4)) if rng.random() < 0.5 else None
    hits = (0,) if rng.random() < 0.25 else (0, 2) if rng.random() < 0.5 else (0, 1, 2, 3)
    length = 4 * song.beat // len(hits)
    out = np.zeros(song.n)
    for bar, chord in enumerate(song.chords):
        start = bar * 4 * song.beat
        if not _bar_on(song, "bass", start):
            continue
        for i, _ in enumerate(hits):
            note = _note(song, chord[0] if i % 2 == 0 or rng.random() < 0.5 else chord[2])
            env = _env(length, song.sr, 0.005, 0.02, decay)
            _add(out, start + i * length, env * _osc(table, _hz(note), length, song.sr))
    return out


def _other(song: _Song, rng: np.random.Generator) -> np.ndarray:
    kind = ("pad", "organ", "pluck")[rng.integers(3)]
    k = np.arange(1, 9)
    amps = {"pad": 1.0 / k**2, "organ": np.array([1, 0.8, 0.6, 0.5, 0, 0.3, 0, 0.2]), "pluck": 1.0 / k}[kind]
    table = _table(amps)
    bar_len, out = 4 * song.beat, np.zeros(song.n)
    for bar, chord in enumerate(song.chords):
        start = bar * bar_len
        notes = [_note(song, d) + 12 for d in chord]
        if kind == "pluck":
            for i in range(8):
                seg = song.beat // 2
                env = _env(seg, song.sr, 0.003, 0.01, 0.12)
                _add(out, start + i * seg, env * _osc(table, _hz(notes[i % 3] + 12), seg, song.sr))
            continue
        env = _env(bar_len, song.sr, 0.3 if kind == "pad" else 0.01, 0.05)
        for m in notes:
            detune = (1.0, 1.003) if kind == "pad" else (1.0,)
            for d in detune:
                _add(out, start, env * _osc(table, _hz(m) * d, bar_len, song.sr) / len(detune))
    return out


def _sung_note(song: _Song, rng: np.random.Generator, midi: int, n: int) -> np.ndarray:
    """A sung-like note: scoop into pitch, delayed vibrato, harmonics shaped by a vowel's formants."""
    sr, f0 = song.sr, float(_hz(midi))
    t = np.arange(n) / sr
    vib = float(rng.uniform(0.15, 0.4)) * np.sin(2 * np.pi * float(rng.uniform(5.0, 6.5)) * t)
    semis = -np.exp(-t / 0.04) + vib * np.clip((t - 0.15) / 0.2, 0.0, 1.0)
    k = np.arange(1, int(min(7000.0 / f0, 40)) + 1)
    formants = _VOWELS[rng.integers(len(_VOWELS))]
    shape = 0.05 + sum(np.exp(-0.5 * ((k * f0 - f) / (60.0 + 0.06 * f)) ** 2) for f in formants)
    table = _table(shape / k**0.5)
    return _env(n, sr, 0.04, 0.08) * _osc(table, f0 * 2.0 ** (semis / 12.0), n, sr)


def _vocals(song: _Song, rng: np.random.Generator) -> np.ndarray:
    lift = 24 if rng.random() < 0.5 else 12
    bar_len, out = 4 * song.beat, np.zeros(song.n)
    degree = song.chords[0][0] + 7
    for bar, chord in enumerate(song.chords):
        start = bar * bar_len
        if not _bar_on(song, "vocals", start) or (bar % 2 == 1 and rng.random() < 0.3):
            continue
        pos, phrase_end = 0, bar_len if bar % 2 == 0 else int(bar_len * float(rng.uniform(0.5, 0.8)))
        while pos < phrase_end:
            n = min(int(song.beat * float(rng.choice([0.5, 1.0, 1.0, 2.0]))), phrase_end - pos)
            on_beat = pos % song.beat == 0
            degree = chord[rng.integers(3)] + 7 if on_beat and rng.random() < 0.5 else degree + int(rng.integers(-2, 3))
            degree = int(np.clip(degree, 4, 14))
            if n > song.sr // 20 and rng.random() > 0.1:
                _add(out, start + pos, _sung_note(song, rng, _note(song, degree) + lift - 12, n))
            pos += n
    return out


def reference_levels(seed: int) -> dict[str, float]:
    """The song's reference balance: each stem's target loudness (LUFS) before peak limiting."""
    rng = np.random.default_rng((seed, len(STEMS)))
    return {
        name: mean + std * float(np.clip(rng.standard_normal(), -2.0, 2.0))
        for name, (mean, std) in STEM_LOUDNESS.items()
    }


def _balance(stems: dict[str, np.ndarray], targets: dict[str, float], sr: int) -> dict[str, np.ndarray]:
    """Set each stem to its target loudness, then scale all down if the mix peaks over the ceiling."""
    out = {}
    for name, x in stems.items():
        level = loudness_lufs(x.astype(np.float32), sr)
        # rounding keeps the song bit-identical even if the float loudness differs in its last bits
        out[name] = x * db_to_amplitude(round(targets[name] - level, 4)) if np.isfinite(level) else x
    peak = float(np.max(np.abs(sum(out.values()))))
    scale = min(1.0, PEAK_CEILING / peak) if peak > 0 else 1.0
    return {name: (x * scale).astype(np.float32) for name, x in out.items()}


def synthesize_song(seed: int, duration_s: float = 40.0, sample_rate: int = 16000) -> dict[str, np.ndarray]:
    """Mono float32 stems `drums`, `bass`, `other`, `vocals` of one procedural song.

    Args:
        seed: the song's identity; the same seed always gives the same samples.
        duration_s: length in seconds.
        sample_rate: output rate in Hz.
    """
    rng = np.random.default_rng(seed)
    song = _skeleton(rng, duration_s, sample_rate)
    render = {"drums": _drums, "bass": _bass, "other": _other, "vocals": _vocals}
    stems = {name: render[name](song, np.random.default_rng((seed, i))) for i, name in enumerate(STEMS)}
    return _balance(stems, reference_levels(seed), sample_rate)
