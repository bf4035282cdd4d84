"""Callbacks that make runs comparable in TensorBoard."""

from __future__ import annotations

import lightning as L
from lightning.fabric.utilities.logger import _convert_params, _flatten_dict, _sanitize_params
from lightning.pytorch.loggers import TensorBoardLogger
from torch.utils.tensorboard.summary import hparams

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
        self._register(trainer)

    def on_test_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if trainer.state.fn == "test":
            self._register(trainer)

    def on_validation_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if trainer.state.fn == "validate":
            self._register(trainer)
