"""Upload-to-advice time of the advice page for a 3-minute, 16-track session export, step by step.

    python -m benchmarks.demo_latency --ckpt_path logs/quickstart/version_0/checkpoints/last.ckpt \
        [--out benchmarks/results/demo_latency.json] [--minutes 3] [--tracks 16]

Runs the page's own steps without the browser (intake of the uploaded files, prediction through
`Trainer.predict`, loudness curves, rebalanced mix) on a generated session with DAW track names; the baseline is
decoding and summing the tracks alone (`read_session`), so `ratio_to_decode` says what the model adds.
Everything but the JSON result is written under a temp dir.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

from mixbuddy_pl.data.session import StemMap, read_session
from mixbuddy_pl.demo.advise import SongAdvisor, rebalance, relative_loudness
from mixbuddy_pl.demo.uploads import Limits, intake

TRACKS = ("Lead Vox", "BV 1", "BV 2", "Kick In", "Kick Out", "Snare Top", "Snare Bottom", "OH L", "OH R", "Room",
          "Bass DI", "Bass Amp", "Gtr L", "Gtr R", "Keys", "Synth Pad 2", "Piano", "Perc", "Strings", "FX")


def write_session(folder: Path, minutes: float, tracks: int, rate: int = 44_100) -> list[Path]:
    """`tracks` 24-bit mono tracks of noise at different levels (-30 to -21 dBFS RMS), named like a DAW export."""
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    paths = []
    for k in range(tracks):
        x = (0.03 * (1 + k % 3) * rng.standard_normal(int(minutes * 60 * rate))).astype(np.float32)
        path = folder / f"{TRACKS[k % len(TRACKS)]}{'' if k < len(TRACKS) else f' {k}'}.wav"
        sf.write(path, np.clip(x, -1, 1), rate, subtype="PCM_24")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt_path", required=True)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--tracks", type=int, default=16)
    parser.add_argument("--out", default="benchmarks/results/demo_latency.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        uploads = write_session(work / "export", args.minutes, args.tracks)
        advisor = SongAdvisor(args.ckpt_path, accelerator="cpu")
        times = {}
        start = time.perf_counter()
        tracks = intake(uploads, work / "songs" / "song", Limits())
        times["intake_s"] = time.perf_counter() - start
        assignments = StemMap().assign([t.name for t in tracks], advisor.stems)
        start = time.perf_counter()
        read_session(assignments, work / "songs" / "song", advisor.stems)
        times["decode_baseline_s"] = time.perf_counter() - start
        start = time.perf_counter()
        advice, dataset = advisor.predict(work / "songs", advisor.default_anchor, work, lambda done, total: None)
        times["predict_s"] = time.perf_counter() - start
        start = time.perf_counter()
        relative_loudness(dataset, advice.anchor)
        rebalance(assignments, work / "songs" / "song", advisor.stems, advice.gains_db)
        times["plot_and_rebalance_s"] = time.perf_counter() - start
    total = times["intake_s"] + times["predict_s"] + times["plot_and_rebalance_s"]
    result = {
        "benchmark": "demo_latency", "minutes": args.minutes, "tracks": args.tracks,
        "questions": len(advice.windows), "upload_to_advice_s": total, **times,
        "ratio_to_decode": total / times["decode_baseline_s"],
        "cpus": os.cpu_count(), "torch_threads": __import__("torch").get_num_threads(), "machine": platform.machine(),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
