"""`python -m mixbuddy_pl.examples`: the real configs with the tiny overlay, end to end, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from mixbuddy_pl import examples

ROOT = Path(__file__).resolve().parents[2]
SHORT_SONGS = "data:\n  source:\n    init_args:\n      num_val: 1\n      duration_s: 20.0\n"
TARGET_KEYS = {"stem", "category", "applied_gain_db", "direction", "magnitude", "suggested_gain_db"}


def test_writes_what_the_model_hears(tmp_path: Path, mixbuddy_cache: Path) -> None:
    overlay = tmp_path / "short.yaml"
    overlay.write_text(SHORT_SONGS)
    out = tmp_path / "examples"
    args = ["--config", "configs/differential.yaml", "--config", "configs/overlays/tiny.yaml", "--config", str(overlay),
            "--split", "val", "--n", "3", "--out", str(out)]
    done = subprocess.run([sys.executable, "-m", "mixbuddy_pl.examples", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "MIXBUDDY_CACHE": str(tmp_path / "cache")}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "val: 1 songs, 4 chunks kept, dropped: none, 24 examples" in done.stdout  # the overlay's 3 categories
    assert "'no_error': 8, 'very_quiet': 8, 'very_loud': 8" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["0000", "0001", "0002"]
    for n, folder in enumerate(sorted(out.iterdir())):
        record = json.loads((folder / "example.json").read_text())
        assert record["variant"] == "differential" and record["index"] == n
        assert record["song"] == "synth-100000" and record["duration_s"] == 5.0
        assert {"start_s", "anchor", "prompt", "response"} <= set(record)
        assert record["targets"] and all(set(t) == TARGET_KEYS for t in record["targets"])
        a, sr_a = sf.read(folder / "audio_1.wav", dtype="float32")
        b, sr_b = sf.read(folder / "audio_2.wav", dtype="float32")
        assert sr_a == sr_b == 16_000 and len(a) == len(b) == 80_000
        assert sf.info(folder / "audio_1.wav").subtype == "FLOAT"
        if record["targets"][0]["category"] == "no_error":
            np.testing.assert_array_equal(a, b)  # nothing changed: A is the reference
        else:
            assert not np.array_equal(a, b)


def test_data_errors_print_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    args = ["--data.source", "mixbuddy_pl.data.songs.StemFolder", "--data.source.root", str(tmp_path / "none"),
            "--data.cache_dir", str(tmp_path / "cache"), "--out", str(tmp_path / "out")]
    with pytest.raises(SystemExit) as exit_info:
        examples.main(args)
    assert exit_info.value.code == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("mixbuddy_pl.examples: error:") and "\n" not in error
