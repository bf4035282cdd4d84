"""Where mixbuddy_pl keeps what it builds once: the tiny model, decoded stems, judge answers."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """`$MIXBUDDY_CACHE`, else `~/.cache/mixbuddy_pl`."""
    return Path(os.environ.get("MIXBUDDY_CACHE") or Path.home() / ".cache" / "mixbuddy_pl").expanduser()
