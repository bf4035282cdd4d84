"""Scale-out and resilience end to end: DDP evaluation equals one process, SIGUSR1 pre-emption resumes exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from mixbuddy_pl.training.callbacks import PREEMPTED_EXIT_CODE
from tests.helpers import ROOT, TINY_ANCHOR

pytestmark = pytest.mark.slow
SMALL = [*TINY_ANCHOR, "--data.batch_size", "2", "--trainer.limit_train_batches", "4",
         "--trainer.limit_val_batches", "0"]
# 1 chunk x 1 target x 5 categories = 5 items: 2 processes get 3 and 2, so 2 and 1 batches of 2 (uneven shards)
EVAL = ["--data.hop_s", "20", "--data.flaws.targets", "[bass]", "--data.eval_batch_size", "2"]


def mixbuddy(*args: str, logs: Path, check: bool = True, **popen) -> subprocess.CompletedProcess | subprocess.Popen:
    """`python -m mixbuddy_pl` on the small tiny setup, logging to `logs/run/version_0`."""
    command = [sys.executable, "-m", "mixbuddy_pl", args[0], *SMALL, *args[1:], "--trainer.logger.init_args.save_dir",
               str(logs), "--trainer.logger.init_args.version", "0"]
    if popen:
        return subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), **popen)
    result = subprocess.run(command, cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True, timeout=600)
    assert not check or result.returncode == 0, result.stderr[-3000:]
    return result


def adapter(checkpoint: Path) -> tuple[int, dict[str, torch.Tensor]]:
    state = torch.load(checkpoint, weights_only=False, map_location="cpu")
    return state["global_step"], state["state_dict"]


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4 optimizer steps without interruption: its last.ckpt is the reference."""
    logs = tmp_path_factory.mktemp("uninterrupted")
    mixbuddy("fit", logs=logs)
    return logs / "run" / "version_0" / "checkpoints" / "last.ckpt"


def test_sigusr1_checkpoint_resumes_exactly(uninterrupted: Path, tmp_path: Path) -> None:
    """SIGUSR1 after the first step: last.ckpt is saved mid-epoch, the run exits 75; resuming it ends with the
    same adapter weights as the uninterrupted run (same items in the same order, same dropout draws)."""
    steps = tmp_path / "steps"
    every_step = json.dumps({"class_path": "lightning.pytorch.callbacks.ModelCheckpoint",
                             "init_args": {"dirpath": str(steps), "every_n_train_steps": 1, "save_top_k": -1}})
    slow = json.dumps({"class_path": "tests.helpers.SlowSteps", "init_args": {"seconds": 1.0}})
    log = tmp_path / "first.log"
    with log.open("w") as out:  # a tiny step takes ~0.1 s: without the pause all 4 could finish before the signal
        run = mixbuddy("fit", f"--trainer.callbacks+={every_step}", f"--trainer.callbacks+={slow}",
                       logs=tmp_path / "first", stdout=out, stderr=out)
    deadline = time.monotonic() + 300
    while not list(steps.glob("*.ckpt")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    run.send_signal(signal.SIGUSR1)
    assert run.wait(timeout=300) == PREEMPTED_EXIT_CODE, log.read_text()[-3000:]
    saved = tmp_path / "first" / "run" / "version_0" / "checkpoints" / "last.ckpt"
    step, _ = adapter(saved)
    assert 1 <= step < 4

    mixbuddy("fit", "--ckpt_path", str(saved), logs=tmp_path / "resumed")
    step, resumed = adapter(tmp_path / "resumed" / "run" / "version_0" / "checkpoints" / "last.ckpt")
    reference_step, reference = adapter(uninterrupted)
    assert step == reference_step == 4
    assert resumed.keys() == reference.keys()
    assert all(torch.equal(resumed[k], reference[k]) for k in reference)


def predictions(logs: Path) -> list[dict]:
    lines = (logs / "run" / "version_0" / "predictions" / "val-epoch0.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.ddp
def test_ddp_validation_equals_one_process(uninterrupted: Path, tmp_path: Path) -> None:
    """2 gloo processes with uneven shards (2 + 1 items): the same metrics and prediction rows as 1 process, each item once."""
    metrics = {}
    for procs in (1, 2):
        ddp = ["--trainer.strategy", "ddp", "--trainer.devices", "2"] if procs == 2 else []
        result = mixbuddy("validate", "--ckpt_path", str(uninterrupted), *EVAL, *ddp, "--trainer.limit_val_batches",
                          "1.0", logs=tmp_path / str(procs))
        metrics[procs] = {line.split("│")[1].strip(): line.split("│")[2].strip()
                          for line in result.stdout.splitlines() if line.count("│") == 3 and "val/" in line}
        rows = predictions(tmp_path / str(procs))
        keys = [(r["song"], r["start_s"], json.dumps(r["targets"], sort_keys=True)) for r in rows]
        assert len(keys) == len(set(keys)) == 3  # 1 chunk x 1 target x the tiny overlay's 3 categories
        metrics[procs]["rows"] = sorted(zip(keys, (r["generated"] for r in rows)))
    # val/loss is weighted by answer tokens, so batching changes it only by float rounding
    assert float(metrics[1]["val/loss"]) == pytest.approx(float(metrics[2]["val/loss"]), rel=1e-4)
    for name in ("val/direction_acc", "val/magnitude_acc", "val/category_acc", "val/parse_rate", "val/rougeL",
                 "val/bleu", "val/chance_direction_acc", "rows"):
        assert metrics[1][name] == metrics[2][name], name
