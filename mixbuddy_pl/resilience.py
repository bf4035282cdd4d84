"""Runs that survive pre-emption and fail early: SIGUSR1 checkpoints, per-step seeds, safe checkpoint writes,
and configuration checks that run before any model weights load."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any

import lightning as L
import numpy as np
import torch
from lightning.fabric.plugins.environments import SLURMEnvironment

from mixbuddy_pl.errors import ConfigError, MixBuddyError
from mixbuddy_pl.modules.advisor import AtomicCheckpointIO


PREEMPTED_EXIT_CODE = 75  # EX_TEMPFAIL: try again (resume from the saved checkpoint)


class Preempted(Exception):
    """Raised after the pre-emption checkpoint is saved, so that no later hook (epoch-end checkpoints) overwrites
    it with a state that claims the epoch finished."""


class CheckpointWriteError(MixBuddyError):
    """A checkpoint could not be written (disk full, folder gone or read-only)."""


class SafeCheckpointIO(AtomicCheckpointIO):
    """Atomic checkpoint writes (temp file + rename in the same folder) whose OS errors become one clear message;
    the previous checkpoint at that path stays intact."""

    def save_checkpoint(self, checkpoint: dict[str, Any], path: Any, storage_options: Any | None = None) -> None:
        try:
            super().save_checkpoint(checkpoint, path, storage_options)
        except (OSError, RuntimeError) as error:  # torch.save reports a failed write (ENOSPC) as RuntimeError
            folder = os.path.dirname(os.path.abspath(path))
            free = shutil.disk_usage(folder).free / 2**20 if os.path.isdir(folder) else 0.0
            raise CheckpointWriteError(f"could not write checkpoint {path} ({free:.1f} MiB free there): {error}; "
                                       "free space or point trainer.logger.init_args.save_dir elsewhere "
                                       "(earlier checkpoints are intact)") from error


class StepSeed(L.Callback):
    """Reseeds torch before every training batch from (seed, epoch, batch, rank), so dropout draws do not depend
    on what ran before: a run resumed mid-epoch trains exactly like an uninterrupted one."""

    def on_train_batch_start(self, trainer: L.Trainer, pl_module: L.LightningModule, batch: Any,
                             batch_idx: int) -> None:
        seed = int(os.environ.get("PL_GLOBAL_SEED", 0))
        entropy = [seed, trainer.current_epoch, batch_idx, trainer.global_rank]
        torch.manual_seed(int(np.random.SeedSequence(entropy).generate_state(1, np.uint64)[0] >> 1))


class PreemptionCheckpoint(L.Callback):
    """On SIGUSR1 (what SLURM sends before the time limit), save `last.ckpt` after the current batch and stop
    (the CLI exits with PREEMPTED_EXIT_CODE).

    Resume with `--ckpt_path <run>/checkpoints/last.ckpt`. The signal may reach any rank (usually rank 0 only);
    ranks agree after every batch. Under SLURM with auto-requeue, Lightning's own SIGUSR1 handler is left alone.
    """

    def __init__(self) -> None:
        self.requested = self.installed = False
        self._previous: Any = signal.SIG_DFL

    def _handler(self, signum: int, frame: Any) -> None:
        self.requested = True

    def on_train_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        environment = getattr(trainer.strategy, "cluster_environment", None)
        if isinstance(environment, SLURMEnvironment) and environment.auto_requeue:
            return
        self._previous = signal.signal(signal.SIGUSR1, self._handler)
        self.installed = True

    def on_train_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if self.installed:  # a handler set outside Python reads as None: restore the default then
            signal.signal(signal.SIGUSR1, signal.SIG_DFL if self._previous is None else self._previous)
            self.installed = False

    def on_train_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: Any, batch: Any,
                           batch_idx: int) -> None:
        if not self.installed or not trainer.strategy.reduce_boolean_decision(self.requested, all=False):
            return
        folder = trainer.checkpoint_callback.dirpath if trainer.checkpoint_callback else None
        folder = folder or os.path.join(trainer.log_dir or trainer.default_root_dir, "checkpoints")
        path = os.path.join(folder, "last.ckpt")
        trainer.save_checkpoint(path)
        raise Preempted(f"pre-empted by SIGUSR1 at step {trainer.global_step}: saved {path}; "
                        f"continue with --ckpt_path {path}")


def check_writable(folder: str | Path, field: str) -> None:
    """Raise ConfigError unless files can be created in `folder` (made if missing)."""
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ConfigError(f"{field} = {str(folder)!r} is not writable ({error.strerror or error}); "
                          "choose a folder you can write to") from error


def check_model(advisor: Any) -> None:
    """A MixingAdvisor's QLoRA backend and LoRA target pattern, checked on an empty (meta-device) model built
    from the backbone's config: nothing is loaded."""
    from mixbuddy_pl.modules.backbone import check_target, empty_model, lora_target, quantization_config, resolve

    if advisor.hparams.quantization:
        quantization_config(torch.float32)
    lora = advisor.lora
    if lora is None:
        return
    from transformers import AutoConfig

    from mixbuddy_pl.modules.published import HUB_ID, published_config

    backbone = advisor.hparams.backbone
    try:  # no hub request here: the shipped config for the published model, else a local or cached one
        config = published_config() if backbone == HUB_ID else AutoConfig.from_pretrained(resolve(backbone),
                                                                                          local_files_only=True)
    except OSError:  # not downloaded yet: the real load fetches it (or says why it cannot)
        return
    check_target(empty_model(config), lora_target(lora))  # for_random_base adds fully trained modules, never LoRA targets
