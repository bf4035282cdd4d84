"""An offline compute node: with a valid MUSDB root and no model in the cache a run stops in one line naming
`python -m mixbuddy_pl.prepare`, within seconds (offline, or with a hub that cannot be reached); with the model in
the Hugging Face cache (the tiny weights laid out as a hub snapshot) the same hub id loads offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from huggingface_hub import constants

from mixbuddy_pl.backbones.hub import locate, resolve
from mixbuddy_pl.backbones.published import HUB_ID
from mixbuddy_pl.model.advisor import MixingAdvisor
from mixbuddy_pl.prepare import main as prepare_main
from tests.helpers import LORA, ROOT, STEMS

SECONDS = 60  # imports included (10-25 s on a loaded 2-core machine); the retrying download this replaces was
              # still running after 120 s


def hub_cache(folder: Path, model_dir: Path | None) -> Path:
    """A Hugging Face cache folder, holding `model_dir` as the snapshot of HUB_ID when given."""
    if model_dir is not None:
        repo = folder / f"models--{HUB_ID.replace('/', '--')}"
        commit = "0" * 40
        (repo / "refs").mkdir(parents=True)
        (repo / "refs" / "main").write_text(commit)
        shutil.copytree(model_dir, repo / "snapshots" / commit)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_offline(tmp_path: Path, musdb_root: Path, module: str, **env: str) -> tuple[int, str, float]:
    """`python -m module` on the tiny anchor config with the hub id and a MUSDB18-HQ root: status, stderr, seconds."""
    source = {"class_path": "mixbuddy_pl.data.songs.MUSDB18", "init_args": {"root": str(musdb_root), "is_wav": True}}
    fit = ["fit"] if module == "mixbuddy_pl" else []
    logs = ["--trainer.logger.init_args.save_dir", str(tmp_path / "logs")] if fit else []
    command = [sys.executable, "-m", module, *fit, "--config", "configs/anchor.yaml", "--config",
               "configs/overlays/tiny.yaml", "--model.init_args.backbone", HUB_ID, "--data.source", json.dumps(source),
               *logs]
    environment = {**os.environ, "HF_HUB_CACHE": str(hub_cache(tmp_path / "hf", None)), **env}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    return result.returncode, result.stderr, time.perf_counter() - start


@pytest.mark.parametrize(("module", "env", "why"), [
    ("mixbuddy_pl", {"HF_HUB_OFFLINE": "1"}, "HF_HUB_OFFLINE is set"),
    ("mixbuddy_pl", {"HF_ENDPOINT": "http://127.0.0.1:9"}, "cannot be reached"),
    ("mixbuddy_pl.prepare", {"HF_ENDPOINT": "http://127.0.0.1:9"}, "cannot be reached"),
])
def test_no_model_in_the_cache_stops_in_one_line_within_seconds(tmp_path: Path, musdb_hq_root: Path, module: str,
                                                                env: dict, why: str) -> None:
    code, stderr, seconds = run_offline(tmp_path, musdb_hq_root, module, **env)
    errors = [line for line in stderr.splitlines() if "error:" in line]
    assert code == 2 and "Traceback" not in stderr, stderr[-2000:]
    assert len(errors) == 1 and why in errors[0] and "python -m mixbuddy_pl.prepare" in errors[0], stderr[-2000:]
    assert "--model.init_args.backbone" in errors[0] and seconds < SECONDS


def test_a_prepared_cache_loads_the_hub_id_offline(tmp_path: Path, musdb_hq_root: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture) -> None:
    cache = hub_cache(tmp_path / "hf", Path(resolve("tiny")))
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    assert Path(locate(HUB_ID)).parent.parent == cache / "models--Qwen--Qwen2-Audio-7B-Instruct"

    source = {"class_path": "mixbuddy_pl.data.songs.MUSDB18", "init_args": {"root": str(musdb_hq_root), "is_wav": True}}
    prepare_main(["--config", "configs/anchor.yaml", "--model.init_args.backbone", HUB_ID,
                  "--data.source", json.dumps(source)])
    out = capsys.readouterr().out
    assert "data: MUSDB18 found" in out and "ready:" in out

    module = MixingAdvisor(backbone=HUB_ID, random_base=True, dtype="float32", lora=LORA, stems=STEMS)
    module.prepare_data()  # finds it: no download, no hub request
    module.configure_model()
    assert module.processor.tokenizer is not None and module.model is not None
