"""Checkpoint writes that cannot leave half a file: atomic rename in the same folder, clear errors on failure."""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from typing import Any

import torch
from fsspec.implementations.local import LocalFileSystem
from lightning.fabric.utilities.cloud_io import get_filesystem
from lightning.pytorch.plugins.io import TorchCheckpointIO

from mixbuddy_pl.errors import MixBuddyError


class AtomicCheckpointIO(TorchCheckpointIO):
    """Writes each local checkpoint to a temporary file in its own folder, then renames it into place.

    Lightning's `_atomic_save` stages local files in the system temp dir, and moving across file systems
    copies into the destination, so a killed job could leave half a `last.ckpt`. A rename within one folder is
    atomic; a temporary file left by a killed writer is removed by the next successful save of the same name.
    Remote (fsspec) paths keep Lightning's behaviour.
    """

    def save_checkpoint(self, checkpoint: dict[str, Any], path: Any, storage_options: Any | None = None) -> None:
        """Write to a temporary file beside `path`, fsync, rename into place; remote paths as Lightning does."""
        if not isinstance(get_filesystem(path), LocalFileSystem):
            return super().save_checkpoint(checkpoint, path, storage_options)
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as f:
                torch.save(checkpoint, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
            for stale in glob.glob(os.path.join(folder, glob.escape(f".{os.path.basename(path)}.") + "*.tmp")):
                os.unlink(stale)  # left behind by a process killed mid-save
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


class CheckpointWriteError(MixBuddyError):
    """A checkpoint could not be written (disk full, folder gone or read-only)."""


class SafeCheckpointIO(AtomicCheckpointIO):
    """Atomic checkpoint writes (temp file + rename in the same folder) whose OS errors become one clear message;
    the previous checkpoint at that path stays intact."""

    def save_checkpoint(self, checkpoint: dict[str, Any], path: Any, storage_options: Any | None = None) -> None:
        """Save atomically; an OS error becomes a CheckpointWriteError with the free space and the fix."""
        try:
            super().save_checkpoint(checkpoint, path, storage_options)
        except (OSError, RuntimeError) as error:  # torch.save reports a failed write (ENOSPC) as RuntimeError
            folder = os.path.dirname(os.path.abspath(path))
            free = shutil.disk_usage(folder).free / 2**20 if os.path.isdir(folder) else 0.0
            raise CheckpointWriteError(f"could not write checkpoint {path} ({free:.1f} MiB free there): {error}; "
                                       "free space or point trainer.logger.init_args.save_dir elsewhere "
                                       "(earlier checkpoints are intact)") from error
