"""MixingDataset (one split's examples, flawed mixes made on the fly from cached stems) and EpochSampler (its order)."""

from __future__ import annotations

import hashlib
from typing import Iterator, Literal

import numpy as np
from torch.utils.data import Dataset, Sampler

from mixbuddy_pl import audio
from mixbuddy_pl.advice.labels import CATEGORIES
from mixbuddy_pl.data.cache import StemCache
from mixbuddy_pl.data.chunks import ChunkIndex
from mixbuddy_pl.data.tasks import Example, Task

Item = tuple[int, str, str]  # (chunk, target, category)
Control = Literal["none", "blind", "target_only", "swapped", "same"]


def _stable_int(text: str) -> int:
    """A process-independent 64-bit integer for a string (Python's `hash` is salted per process)."""
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "little")


class MixingDataset(Dataset):
    """Examples of one split. Index with `(epoch, i)`.

    Training items draw target, category, flaw gain and level from `rng((seed, epoch, i))`. Evaluation items
    enumerate chunk x target x category (classes exactly balanced) and draw everything else from an rng keyed
    by their content, (seed, song, chunk start, target, category): the same clip with the same target and
    category carries the same flaw and level in every variant and every run.

    Every clip of an example gets one common gain: uniform in +-`level_jitter_db` (0: none; training epochs before
    `jitter_from_epoch`: none), plus `level_offset_db`. Relative levels, and so the labels, are unchanged; absolute
    level carries no answer.
    """

    def __init__(self, cache: StemCache, split: str, index: ChunkIndex, task: Task, seed: int,
                 silence_lufs: float, items: list[Item] | None = None, length: int | None = None,
                 level_jitter_db: float = 0.0, level_offset_db: float = 0.0, jitter_from_epoch: int = 0) -> None:
        self.cache, self.split, self.index, self.task, self.seed = cache, split, index, task, seed
        self.silence_lufs, self.items = silence_lufs, items
        self.level_jitter_db, self.level_offset_db = level_jitter_db, level_offset_db
        self.jitter_from_epoch = jitter_from_epoch
        self.length = len(items) if items is not None else int(length or 0)
        self._audible = [index.audible(c, silence_lufs) for c in range(len(index))]  # per chunk, once
        self._targets = [task.targets(a) for a in self._audible]

    def __len__(self) -> int:
        return self.length

    def content_key(self, chunk: int, target: str, category: str) -> tuple[int, ...]:
        """The rng key of an evaluation item: (seed, song, chunk start in samples, target, category)."""
        song = self.index.songs[self.index.song_idx[chunk]]
        return (self.seed, _stable_int(song), int(self.index.start[chunk]), _stable_int(target),
                CATEGORIES.index(category))

    def __getitem__(self, key: tuple[int, int]) -> Example:
        epoch, i = key
        if self.items is not None:
            chunk, target, category = self.items[i]
            draw_key = self.content_key(chunk, target, category)
            rng = np.random.default_rng(draw_key)
        else:
            draw_key = (self.seed, epoch, i)
            rng = np.random.default_rng(draw_key)
            chunk = i % len(self.index)
            targets = self._targets[chunk]
            target = targets[rng.integers(len(targets))]
            categories = self.task.policy.categories
            category = categories[rng.integers(len(categories))]
        scenario = self.task.scenario(target, category, self.audible(chunk), rng)
        example = self.task.example(self.stems(chunk), scenario, rng,
                                    song=self.index.songs[self.index.song_idx[chunk]],
                                    start_s=float(self.index.start[chunk] / self.cache.sample_rate),
                                    sample_rate=self.cache.sample_rate)
        jittered = self.items is not None or epoch >= self.jitter_from_epoch
        return self.level(example, np.random.default_rng((*draw_key, 1)), jittered)  # own stream: same in every variant

    def level(self, example: Example, rng: np.random.Generator, jittered: bool = True) -> Example:
        """Apply the example's common gain (jitter, unless not `jittered`, + offset) to every clip it hears;
        recorded as `level_db`."""
        spread = self.level_jitter_db if jittered else 0.0
        jitter = float(rng.uniform(-spread, spread)) if spread else 0.0
        gain_db = jitter + self.level_offset_db
        if gain_db:
            gain = np.float32(audio.db_to_amplitude(gain_db))
            example.audios = [clip * gain for clip in example.audios]
        example.meta["level_db"] = gain_db
        return example

    def audible(self, chunk: int) -> list[str]:
        """Stems above the silence threshold in `chunk`."""
        return self._audible[chunk]

    def stems(self, chunk: int) -> dict[str, np.ndarray]:
        """Each stem's samples in this chunk (memory-mapped views of the cache; never written)."""
        song = self.cache.song(self.split, self.index.songs[self.index.song_idx[chunk]])
        start, length = int(self.index.start[chunk]), int(self.index.length[chunk])
        return {name: np.asarray(song[k, start:start + length]) for k, name in enumerate(self.index.stem_names)}


class EpochSampler(Sampler[tuple[int, int]]):
    """Yields `(epoch, i)`: a seeded permutation per epoch for training, a fixed order (epoch 0) for evaluation.

    Shards by rank without padding duplicates. Evaluation covers every item once across ranks; training gives
    every rank the same number of items (DDP steps in lockstep), leaving out the epoch's last
    `length % world_size` permuted items, which differ from epoch to epoch.
    """

    def __init__(self, length: int, seed: int, shuffle: bool, rank: int = 0, world_size: int = 1) -> None:
        self.length, self.seed, self.shuffle, self.rank, self.world_size = length, seed, shuffle, rank, world_size
        self.epoch = 0
        self._resume: tuple[int, int] | None = None

    def resume(self, epoch: int, skip: int) -> None:
        """Continue an interrupted run: start at `epoch` and, the first time it is iterated, leave out this rank's
        first `skip` items of it (those the checkpointed run had already trained on)."""
        self.epoch, self._resume = epoch, (epoch, skip)

    def set_epoch(self, epoch: int) -> None:
        """Select the epoch whose order (and examples) the next iteration yields."""
        self.epoch = epoch

    def _order(self) -> np.ndarray:
        if self.shuffle:
            return np.random.default_rng((self.seed, self.epoch)).permutation(self.length)
        return np.arange(self.length)

    def _usable(self) -> int:
        return self.length - self.length % self.world_size if self.shuffle else self.length

    def __iter__(self) -> Iterator[tuple[int, int]]:
        epoch = self.epoch if self.shuffle else 0
        items = [(epoch, int(i)) for i in self._order()[:self._usable()][self.rank::self.world_size]]
        resume, self._resume = self._resume, None
        return iter(items[resume[1]:] if resume and resume[0] == self.epoch else items)

    def __len__(self) -> int:
        return len(range(self.rank, self._usable(), self.world_size))


