"""Arguments shared by the integration tests' small CLI runs: the anchor variant on the tiny overlay."""

import time
from pathlib import Path

import lightning as L

ROOT = Path(__file__).parents[2]
TINY_ANCHOR = [
    "--config", "configs/anchor.yaml", "--config", "configs/overlays/tiny.yaml",
    "--data.source.init_args.num_train", "2", "--data.source.init_args.num_val", "1",
    "--data.source.init_args.num_test", "1", "--data.source.init_args.duration_s", "20",
    "--data.num_workers", "0", "--trainer.max_epochs", "1",
]


class SlowSteps(L.Callback):
    """Sleeps after every training batch, so a signal sent from outside lands mid-run however fast a step is."""

    def __init__(self, seconds: float = 1.0) -> None:
        self.seconds = seconds

    def on_train_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, *args) -> None:
        time.sleep(self.seconds)
