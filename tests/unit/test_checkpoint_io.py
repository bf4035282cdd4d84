"""training/checkpoint_io.py: a checkpoint write is atomic (a killed writer leaves the previous file whole) and a
full disk is one clear error that keeps the previous checkpoint."""

from __future__ import annotations

import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from mixbuddy_pl.errors import MixBuddyError
from mixbuddy_pl.training.checkpoint_io import SafeCheckpointIO
from tests.helpers import ROOT


def test_checkpoint_on_a_full_disk_keeps_the_previous_one(tmp_path: Path) -> None:
    """A real ENOSPC from a 1 MiB tmpfs (needs mount rights; skipped otherwise)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN)")
    try:
        io = SafeCheckpointIO()
        io.save_checkpoint({"step": 1}, disk / "last.ckpt")
        with pytest.raises(MixBuddyError, match=r"could not write checkpoint .*last.ckpt \(\d+\.\d MiB free there\)"):
            io.save_checkpoint({"weights": torch.zeros(1 << 20)}, disk / "last.ckpt")
        assert torch.load(disk / "last.ckpt")["step"] == 1
        assert [p.name for p in disk.iterdir()] == ["last.ckpt"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# A fresh interpreter, not a fork: a forked child of a process that has run OpenMP regions can hang in libgomp.
# `Gate` is pickled last in the checkpoint: it says the save is under way, then waits to be killed.
WRITER = """
import sys
import torch
from mixbuddy_pl.training.checkpoint_io import SafeCheckpointIO

class Gate:
    def __reduce__(self):
        print("saving", flush=True)
        sys.stdin.readline()  # never answered
        return int, ()

SafeCheckpointIO().save_checkpoint({"w": torch.zeros(1 << 20), "gate": Gate()}, sys.argv[1])
"""


def test_checkpoint_write_is_atomic_when_killed(tmp_path: Path) -> None:
    """A writer SIGKILLed mid-save leaves the previous `last.ckpt` whole; the next save sweeps its temp file."""
    path = tmp_path / "last.ckpt"
    SafeCheckpointIO().save_checkpoint({"step": 1}, path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        ready, _, _ = select.select([writer.stdout], [], [], 120)
        assert ready and writer.stdout.readline() == "saving\n"  # inside torch.save, its temp file open
        writer.send_signal(signal.SIGKILL)
        assert writer.wait(60) == -signal.SIGKILL
    finally:
        writer.kill()
        writer.wait()
    assert torch.load(path)["step"] == 1
    assert list(tmp_path.glob(".last.ckpt.*.tmp"))  # the killed writer's partial file
    SafeCheckpointIO().save_checkpoint({"step": 2}, path)
    assert torch.load(path)["step"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["last.ckpt"]
