"""Arguments shared by the integration tests' small CLI runs: the anchor variant on the tiny overlay."""

from pathlib import Path

ROOT = Path(__file__).parents[2]
TINY_ANCHOR = [
    "--config", "configs/anchor.yaml", "--config", "configs/local/tiny.yaml",
    "--data.source.init_args.num_train", "2", "--data.source.init_args.num_val", "1",
    "--data.source.init_args.num_test", "1", "--data.source.init_args.duration_s", "20",
    "--data.num_workers", "0", "--trainer.max_epochs", "1",
]
