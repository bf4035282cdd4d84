"""Where a backbone's files are: `tiny` / `realwidth` (built once, offline), a local directory, or a hub id in the
Hugging Face cache (downloaded once when the hub answers); and its processor. The one module data and model both
read a backbone through (docs/design.md, "Layers")."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from transformers import Qwen2AudioProcessor

from mixbuddy_pl.backbones.tiny import tiny_dir
from mixbuddy_pl.errors import ConfigError

PREPARE_FIX = ("prepare it ahead on a machine that reaches the hub (a login node): `python -m mixbuddy_pl.prepare "
               "--config <the run's configs>`, or set --model.init_args.backbone to a local model directory")
# What a run reads from a hub repository: configs, tokenizer and processor files, weights (not other formats).
MODEL_FILES = ["*.json", "*.txt", "*.model", "*.jinja", "*.safetensors", "*.safetensors.index.json"]
HUB_PROBE_TIMEOUT_S = 5.0


def hub_reachable(timeout_s: float = HUB_PROBE_TIMEOUT_S) -> bool:
    """One request to the hub endpoint, no retries: False when it cannot be reached within `timeout_s`."""
    from huggingface_hub import constants

    try:
        urllib.request.urlopen(urllib.request.Request(constants.ENDPOINT, method="HEAD"), timeout=timeout_s)
    except urllib.error.HTTPError:  # it answered
        return True
    except (urllib.error.URLError, OSError):
        return False
    return True


def cached(name: str) -> str | None:
    """The local directory of backbone `name` if there is one: `tiny`/`realwidth` (built once), a local directory as
    is, a hub id's snapshot in the Hugging Face cache; None for a hub id not downloaded yet. Never asks the hub."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    local = resolve(name)
    if Path(local).is_dir():
        return local
    if name.count("/") != 1 or name.startswith((".", "/", "~")):
        raise ConfigError(f"model.init_args.backbone={name!r} is neither a directory nor a hub id (owner/name)")
    try:
        return snapshot_download(name, allow_patterns=MODEL_FILES, local_files_only=True)
    except LocalEntryNotFoundError:
        return None


def check_downloadable(name: str) -> None:
    """Raise ConfigError (one line naming the fix) when hub id `name` cannot be downloaded now: HF_HUB_OFFLINE is
    set, or the hub does not answer one request within seconds (no retries)."""
    from huggingface_hub import constants

    where = f"model.init_args.backbone={name!r} is not in the Hugging Face cache ({constants.HF_HUB_CACHE})"
    if constants.HF_HUB_OFFLINE:
        raise ConfigError(f"{where} and HF_HUB_OFFLINE is set: {PREPARE_FIX}")
    if not hub_reachable():
        raise ConfigError(f"{where} and the hub ({constants.ENDPOINT}) cannot be reached: {PREPARE_FIX}")


def locate(name: str) -> str:
    """A local directory holding backbone `name` (see `cached`), downloading a hub id into the Hugging Face cache
    first when it is missing and the hub answers; otherwise one ConfigError line, no retries, no traceback."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError

    local = cached(name)
    if local is not None:
        return local
    check_downloadable(name)
    try:
        return snapshot_download(name, allow_patterns=MODEL_FILES)
    except (HfHubHTTPError, OSError) as error:
        first = (str(error).strip() or type(error).__name__).splitlines()[0]
        raise ConfigError(f"model.init_args.backbone={name!r} could not be downloaded ({first}); check the name and "
                          "your access (`hf auth login` for gated models), or use a local model directory") from error


def resolve(name: str) -> str:
    """`tiny` (or `tiny:key=value,...`, `backbones.tiny.settings_of`) / `realwidth` → the cached, locally built model
    directory; anything else (hub id, local dir) as is."""
    if name == "realwidth":
        from mixbuddy_pl.backbones.realwidth import realwidth_dir

        return str(realwidth_dir())
    return str(tiny_dir(name=name)) if name == "tiny" or name.startswith("tiny:") else name


def load_processor(name: str) -> Qwen2AudioProcessor:
    """Processor for `name` ("tiny", a hub id or a local dir), from the local copy `locate` finds."""
    return Qwen2AudioProcessor.from_pretrained(locate(name))
