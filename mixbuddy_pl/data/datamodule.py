"""MixingDataModule: the splits' datasets, samplers and loaders; log-mel features on the training device."""

from __future__ import annotations

from typing import get_args

import lightning as L
import numpy as np
import torch
from lightning.pytorch.utilities import rank_zero_info
from torch.utils.data import DataLoader

from mixbuddy_pl import audio
from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import Variant
from mixbuddy_pl.backbones.hub import load_processor
from mixbuddy_pl.data.cache import StemCache
from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.dataset import Control, EpochSampler, MixingDataset
from mixbuddy_pl.data.features import LogMel, window_s
from mixbuddy_pl.data.songs import SongSource, StemFolder, SyntheticSongs
from mixbuddy_pl.data.tasks import AnchorInput, make_task
from mixbuddy_pl.errors import ConfigError, DataError
from mixbuddy_pl.paths import cache_root

SHIFT_CHECK_DB = 10.0
"""The common level shift of the shift check (`python -m mixbuddy_pl.controls`: -10 dB and +10 dB)."""
SHIFTS: dict[str, list[str]] = {
    f"level_{sign}{SHIFT_CHECK_DB:g}dB": ["--data.level_offset_db", f"{sign}{SHIFT_CHECK_DB:g}"] for sign in "-+"
}
CONTROLS: dict[Variant, dict[str, list[str]]] = {
    "anchor": {"target_only": ["--data.control", "target_only"], **SHIFTS},
    "differential": {"target_only": ["--data.control", "target_only"], "swapped": ["--data.control", "swapped"],
                     "same": ["--data.control", "same"], **SHIFTS},
    "no_anchor": {"blind": ["--data.control", "blind"], **SHIFTS},
}
"""Per variant, each control's data options for `test` (`python -m mixbuddy_pl.controls` also tests the checkpoint
as configured, first; `ablation collect` reads their predictions back)."""
LEVEL_SHIFTS = tuple(SHIFTS)
"""Controls that shift the common level (their rows' `level_db` differs from the arm's by design)."""
RELABELLED = ("swapped", "same")
"""Controls whose reference answers differ from the as-configured ones (their content keys name other examples):
a study never pairs their items with the arm's."""


class MixingDataModule(L.LightningDataModule):
    """Flawed mixes synthesized on the fly from multitrack stems, for one task variant.

    Args:
        variant: `anchor` (anchor stem + target), `no_anchor` (flawed mix only) or `differential` (mix A + reference B).
        source: where the songs come from (MUSDB18, StemFolder or the embedded SyntheticSongs).
        flaws: flaw categories, their gain ranges and the stems that may be targets.
        anchor: the anchor stem of the `anchor` variant; None draws one of the audible other stems per example.
        anchor_input: `pair` (anchor, then the target alone) or `rest` (anchor, then the flawed mix without it).
        max_changes: the most stems changed at once in the `differential` variant.
        processor: backbone id or directory whose processor tokenizes (linked from the model).
        chunk_s: window length in seconds, at most the audio encoder's window (30 s for Qwen2-Audio, 5 s for `tiny`).
        hop_s: hop between windows in seconds.
        silence_lufs: a stem quieter than this in a window is never a target or an anchor there.
        batch_size: training batch size.
        eval_batch_size: validation/test/predict batch size (None: the training batch size).
        num_workers: DataLoader worker processes.
        seed: seeds every draw: item i of epoch e uses rng((seed, e, i)).
        cache_dir: where decoded 16 kHz stems are kept (None: $MIXBUDDY_CACHE/stems or ~/.cache/mixbuddy_pl/stems).
        stems: a folder of your own stems (`<song>/<stem>.wav`, or one song folder) to run `predict` on
            (anchor and no_anchor variants: differential needs a reference mix the folder does not have).
        level_jitter_db: one common gain per example, uniform in +-level_jitter_db, applied to every clip it hears
            (anchor and target, A and B, the mix): absolute level then tells little about the answer, relative level
            all of it. Training draws it per (epoch, item); validation/test per item content. 0 turns it off.
            Predict on your own stems (data.stems) leaves their level as it is.
        level_jitter_from_epoch: training epochs before this one hear no jitter (a curriculum: first learn to read
            levels where absolute level tells the answer, then hold the answer when it no longer does;
            docs/variants.md). 0: jitter from the start. Validation and test always use eval_level_jitter_db.
        eval_level_jitter_db: the same for validation, test and predict; None: `SHIFT_CHECK_DB` (10 dB) inside the
            training range (at least 0), so that the +-10 dB level-shift check moves every clip only to levels
            training heard: it tests invariance, not extrapolation beyond the trained levels.
        level_offset_db: a fixed common gain (dB) on every clip on top of everything else: the level-shift check
            (`test --data.level_offset_db -10`): a model of relative level answers the same.
        control: `none`; `blind` (every audio replaced by silence: only the text can inform the answer) or
            `target_only` (the anchor clip silenced, everything else equal: Audio 1 of the anchor variant, the
            reference mix B of the differential variant); differential only: `swapped` (B, then A: scored against
            the reversed answer) or `same` (B twice: the answer is "no changes"). Applies to every split of the
            run; `python -m mixbuddy_pl.controls` runs each variant's controls on one checkpoint.
        blind: shorthand for `control: blind`.
        template: use only phrasing number `template` of the prompt and answer banks (None: a phrasing drawn per
            example). One phrasing makes the task easier for a small model; also an ablation of phrasing variety.
    """

    def __init__(
        self,
        variant: Variant = "differential",
        source: SongSource | None = None,
        flaws: FlawPolicy | None = None,
        anchor: str | None = None,
        anchor_input: AnchorInput = "pair",
        max_changes: int = 1,
        processor: str = "tiny",
        chunk_s: float = 10.0,
        hop_s: float = 10.0,
        silence_lufs: float = -50.0,
        batch_size: int = 8,
        eval_batch_size: int | None = None,
        num_workers: int = 2,
        seed: int = 0,
        cache_dir: str | None = None,
        stems: str | None = None,
        level_jitter_db: float = 30.0,
        level_jitter_from_epoch: int = 0,
        eval_level_jitter_db: float | None = None,
        level_offset_db: float = 0.0,
        control: Control = "none",
        blind: bool = False,
        template: int | None = None,
    ) -> None:
        super().__init__()
        if level_jitter_from_epoch < 0:
            raise ConfigError(f"data.level_jitter_from_epoch = {level_jitter_from_epoch} must be >= 0 (0: jitter from "
                              "the first epoch)")
        if level_jitter_db < 0 or (eval_level_jitter_db or 0) < 0:
            raise ConfigError(f"data.level_jitter_db = {level_jitter_db} and data.eval_level_jitter_db = "
                              f"{eval_level_jitter_db} must be >= 0 (0 turns the jitter off)")
        if control not in get_args(Control):
            raise ConfigError(f"data.control '{control}' is unknown; use one of {', '.join(get_args(Control))}")
        if blind and control not in ("none", "blind"):
            raise ConfigError(f"data.blind true and data.control {control} contradict each other; "
                              "set only data.control")
        control = "blind" if blind else control
        if control == "target_only" and variant == "no_anchor":
            raise ConfigError("data.control target_only silences the anchor (Audio 1 of the anchor variant, the "
                              "reference B of the differential variant); the no_anchor variant has none")
        if control in ("swapped", "same") and variant != "differential":
            raise ConfigError(f"data.control {control} reorders the clips A and B of the differential variant; "
                              f"the {variant} variant has no reference mix: use none, blind or target_only")
        if chunk_s <= 0 or hop_s <= 0:
            raise ConfigError(f"data.chunk_s = {chunk_s} and data.hop_s = {hop_s} must both be positive")
        if batch_size < 1 or (eval_batch_size is not None and eval_batch_size < 1):
            raise ConfigError("data.batch_size and data.eval_batch_size must be at least 1")
        self.source = source or SyntheticSongs()
        self.flaws = flaws or FlawPolicy()
        self.flaws.validate(tuple(self.source.stem_names))
        if anchor is not None and anchor not in self.source.stem_names:
            raise ConfigError(f"data.anchor '{anchor}' is not a stem of the source; use one of {list(self.source.stem_names)}")
        if stems is not None and variant == "differential":
            raise ConfigError("data.stems: the differential variant compares a mix with a reference mix B of the same "
                              "song, which a folder of stems does not give; for advice on your own stems use a model "
                              "trained on the anchor or no_anchor variant")
        self.task = make_task(variant, self.flaws, anchor=anchor, anchor_input=anchor_input, max_changes=max_changes,
                              template=template, order=control if control in ("swapped", "same") else "ab")
        self.variant, self.processor_name, self.seed = variant, processor, seed
        self.chunk_s, self.hop_s, self.silence_lufs = chunk_s, hop_s, silence_lufs
        self.batch_size, self.eval_batch_size = batch_size, eval_batch_size or batch_size
        self.num_workers = num_workers
        self.cache_dir = cache_dir or str(cache_root() / "stems")
        self.stems_dir, self.control = stems, control
        self.level_jitter_db, self.level_offset_db = level_jitter_db, level_offset_db
        self.level_jitter_from_epoch = level_jitter_from_epoch
        if eval_level_jitter_db is None:
            eval_level_jitter_db = max(level_jitter_db - SHIFT_CHECK_DB, 0.0)
        self.eval_level_jitter_db = eval_level_jitter_db
        self.datasets: dict[str, MixingDataset] = {}
        self.processor = None
        self._log_mel: LogMel | None = None
        self._resume: dict[str, int] = {}

    # --- data preparation -------------------------------------------------------------------
    def _cache(self, split: str) -> StemCache:
        source = self.source
        if split == "predict" and self.stems_dir:  # the model's stems; a session export is mapped onto them
            source = StemFolder(self.stems_dir, stems=list(self.source.stem_names))
        return StemCache(source, self.cache_dir, audio.SAMPLE_RATE)

    def prepare_data(self) -> None:
        """Decode and index, once (rank 0 only), the splits the trainer's stage uses (every split without one)."""
        stage = self.trainer.state.fn if self.trainer is not None and self.trainer.state.fn else None
        for split in self._splits(str(stage.value) if stage is not None else None):
            self._cache(split).index(split, self.chunk_s, self.hop_s)

    def _splits(self, stage: str | None = None) -> list[str]:
        """The splits a stage reads (`fit`: train and val; `validate`: val; ...); None: all of them."""
        if stage is None:
            return ["predict"] if self.stems_dir else ["train", "val", "test"]
        if stage == "predict":
            return ["predict"] if self.stems_dir else ["test"]
        return {"fit": ["train", "val"], "validate": ["val"], "test": ["test"]}[stage]

    def build(self, split: str) -> MixingDataset:
        """The dataset of one split (train/val/test/predict), with kept/dropped chunks reported."""
        cache = self._cache(split)
        index = cache.index(split, self.chunk_s, self.hop_s)
        eligible = np.array([bool(self.task.targets(index.audible(c, self.silence_lufs))) for c in range(len(index))])
        index = index.keep(eligible, f"no audible target{' or anchor' if self.variant == 'anchor' else ''} "
                                     f"(threshold {self.silence_lufs:g} LUFS)")
        if len(index) == 0:
            raise DataError(f"Split '{split}': no chunk has an audible target among {self.flaws.targets} "
                            f"(dropped: {index.dropped}). Check data.flaws.targets against the stem names "
                            f"{list(index.stem_names)} or lower data.silence_lufs.")
        categories = ["no_error"] if split == "predict" else list(self.flaws.categories)
        items = None
        if split != "train":
            items = [(c, t, k) for c in range(len(index)) for t in self.task.targets(index.audible(c, self.silence_lufs))
                     for k in categories]
        own_audio = split == "predict" and self.stems_dir is not None  # the user's level is part of the input
        jitter = self.level_jitter_db if split == "train" else self.eval_level_jitter_db
        dataset = MixingDataset(cache, split, index, self.task, self.seed, self.silence_lufs, items,
                                length=len(index) * len(self.flaws.targets),
                                level_jitter_db=0.0 if own_audio else jitter,
                                level_offset_db=self.level_offset_db,
                                jitter_from_epoch=self.level_jitter_from_epoch if split == "train" else 0)
        rank_zero_info("data %s: %d songs, %d chunks kept, dropped %s, %d examples", split, len(index.songs),
                       len(index), index.dropped or "none", len(dataset))
        return dataset

    def setup(self, stage: str) -> None:
        """Load the processor, check the window fits its audio encoder, build the stage's datasets."""
        self.processor = self.processor or load_processor(self.processor_name)
        limit = window_s(self.processor.feature_extractor)
        if self.chunk_s > limit:
            raise ConfigError(f"data.chunk_s = {self.chunk_s:g} s is longer than the {limit:g} s audio window of "
                              f"processor '{self.processor_name}'; use data.chunk_s <= {limit:g}")
        for split in self._splits(stage):
            if split not in self.datasets:
                self.datasets[split] = self.build(split)

    # --- loaders ------------------------------------------------------------------------------
    def _loader(self, split: str, shuffle: bool) -> DataLoader:
        dataset = self.datasets[split]
        rank, world = (self.trainer.global_rank, self.trainer.world_size) if self.trainer else (0, 1)
        sampler = EpochSampler(len(dataset), self.seed, shuffle, rank, world)
        if split == "train" and self._resume:
            sampler.resume(self._resume["epoch"], self._resume["batches"] * self.batch_size)
            self._resume = {}
        return DataLoader(dataset, batch_size=self.batch_size if shuffle else self.eval_batch_size, sampler=sampler,
                          collate_fn=QwenAudioCollator(self.processor, with_prompts=not shuffle),
                          num_workers=self.num_workers, persistent_workers=False)

    def state_dict(self) -> dict[str, int]:
        """Where training stands in its epoch, saved in checkpoints: a resumed run continues with the first batch
        the interrupted one had not trained on, so mid-epoch resume repeats and skips nothing."""
        if self.trainer is None or self.trainer.state.fn != "fit":
            return {}
        done = self.trainer.fit_loop.epoch_loop.batch_progress.current.processed
        return {"epoch": self.trainer.current_epoch, "batches": done}

    def load_state_dict(self, state_dict: dict[str, int]) -> None:
        """Restored before `train_dataloader()` is built; `_loader` applies it once."""
        self._resume = dict(state_dict)

    def train_dataloader(self) -> DataLoader:
        """Training batches in a per-epoch shuffled order (EpochSampler)."""
        return self._loader("train", shuffle=True)

    def val_dataloader(self) -> DataLoader:
        """Validation batches in a fixed order."""
        return self._loader("val", shuffle=False)

    def test_dataloader(self) -> DataLoader:
        """Test batches in a fixed order."""
        return self._loader("test", shuffle=False)

    def predict_dataloader(self) -> DataLoader:
        """Batches of the user's stems (`stems_dir`), or of the test split without one."""
        return self._loader("predict" if self.stems_dir else "test", shuffle=False)

    def transfer_batch_to_device(self, batch: dict, device: torch.device, dataloader_idx: int) -> dict:
        """Move the tensors; labels and metadata (Advice dataclasses, example dicts) stay as they are."""
        return {k: v.to(device, non_blocking=True) if torch.is_tensor(v) else v for k, v in batch.items()}

    def silence(self, waves: torch.Tensor) -> torch.Tensor:
        """The batch's clips as the control hears them: all silent (`blind`), the anchor / reference B silent
        (`target_only`), or unchanged. The controls that change the answer (`swapped`, `same`) act in the task."""
        if self.control == "blind":
            return torch.zeros_like(waves)
        if self.control == "target_only":  # clips are example-major: example e's clip k is row e * n + k
            anchor = 0 if self.variant == "anchor" else 1  # differential: the reference mix B is Audio 2
            waves = waves.clone()
            waves[anchor::self.task.num_audios] = 0.0
        return waves

    def on_after_batch_transfer(self, batch: dict, dataloader_idx: int) -> dict:
        """Whisper log-mel features in batch, on the device the batch now lives on, after the control."""
        waves = self.silence(batch.pop("audio"))
        if self._log_mel is None or self._log_mel.window.device != waves.device:
            self._log_mel = LogMel(self.processor.feature_extractor).to(waves.device)
        batch["input_features"], batch["feature_attention_mask"] = self._log_mel(waves, batch.pop("audio_lengths"))
        return batch
