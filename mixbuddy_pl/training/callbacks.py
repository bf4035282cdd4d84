"""Trainer callbacks: per-step seeds, the SIGUSR1 pre-emption checkpoint, hyperparameters next to the metrics."""

from __future__ import annotations

import os
import signal
from typing import Any

import lightning as L
import numpy as np
import torch
from lightning.fabric.plugins.environments import SLURMEnvironment
from lightning.fabric.utilities.logger import _convert_params, _flatten_dict, _sanitize_params
from lightning.pytorch.loggers import TensorBoardLogger
from torch.utils.tensorboard.summary import hparams

PREEMPTED_EXIT_CODE = 75  # EX_TEMPFAIL: try again (resume from the saved checkpoint)


class Preempted(Exception):
    """Raised after the pre-emption checkpoint is saved, so that no later hook (epoch-end checkpoints) overwrites
    it with a state that claims the epoch finished."""


class StepSeed(L.Callback):
    """Reseeds torch before every training batch from (seed, epoch, batch, rank), so dropout draws do not depend
    on what ran before: a run resumed mid-epoch trains exactly like an uninterrupted one."""

    def on_train_batch_start(self, trainer: L.Trainer, pl_module: L.LightningModule, batch: Any,
                             batch_idx: int) -> None:
        """Seed torch from (seed, epoch, batch, rank)."""
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
        """Install the SIGUSR1 handler, unless Lightning's SLURM auto-requeue handles the signal."""
        environment = getattr(trainer.strategy, "cluster_environment", None)
        if isinstance(environment, SLURMEnvironment) and environment.auto_requeue:
            return
        self._previous = signal.signal(signal.SIGUSR1, self._handler)
        self.installed = True

    def on_train_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """Restore the previous SIGUSR1 handler."""
        if self.installed:  # a handler set outside Python reads as None: restore the default then
            signal.signal(signal.SIGUSR1, signal.SIG_DFL if self._previous is None else self._previous)
            self.installed = False

    def on_train_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: Any, batch: Any,
                           batch_idx: int) -> None:
        """After a signal, on every rank: save last.ckpt at this step, then stop with Preempted."""
        if not self.installed or not trainer.strategy.reduce_boolean_decision(self.requested, all=False):
            return
        folder = trainer.checkpoint_callback.dirpath if trainer.checkpoint_callback else None
        folder = folder or os.path.join(trainer.log_dir or trainer.default_root_dir, "checkpoints")
        path = os.path.join(folder, "last.ckpt")
        trainer.save_checkpoint(path)
        raise Preempted(f"pre-empted by SIGUSR1 at step {trainer.global_step}: saved {path}; "
                        f"continue with --ckpt_path {path}")


COMPARED_METRICS = tuple(f"{stage}/{name}" for stage in ("val", "test") for name in (
    "loss", "stem_direction_acc", "direction_acc", "direction_f1", "detection_f1", "category_acc",
    "category_acc/no_error", "magnitude_acc", "stem_acc", "gain_mae_db", "gain_stated_rate", "parse_rate", "rougeL",
    "bleu"))


class HParamsWithMetrics(L.Callback):
    """Registers the run's hyperparameters with the advice metrics, so TensorBoard's HParams view lines runs
    up against their `val/*` and `test/*` scalars (no placeholder values are written into the curves)."""

    def _register(self, trainer: L.Trainer) -> None:
        if not trainer.is_global_zero:
            return
        params = dict(trainer.lightning_module.hparams)
        if trainer.datamodule is not None:
            params.update({f"data.{k}": v for k, v in trainer.datamodule.hparams.items()})
        params = _sanitize_params(_flatten_dict(_convert_params(params)))
        for logger in trainer.loggers:
            if isinstance(logger, TensorBoardLogger):
                writer = logger.experiment._get_file_writer()
                for summary in hparams(params, {name: 0.0 for name in COMPARED_METRICS}):
                    writer.add_summary(summary)

    def on_fit_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """Register the hyperparameters before training."""
        self._register(trainer)

    def on_test_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """Register the hyperparameters for a `test` run."""
        if trainer.state.fn == "test":
            self._register(trainer)

    def on_validation_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """Register the hyperparameters for a `validate` run."""
        if trainer.state.fn == "validate":
            self._register(trainer)
