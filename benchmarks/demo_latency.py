"""Upload-to-advice time of the advice page for a 3-minute, 16-track, 48 kHz / 24-bit session export, per stage.

    python -m benchmarks.demo_latency --ckpt_path logs/quickstart/version_0/checkpoints/last.ckpt \
        [--out benchmarks/results/demo_latency.json] [--minutes 3] [--tracks 16]

Runs the page's own handlers (`Page.load`, `Page.advise`) without the browser on a generated export with DAW
track names, a click and a rough-mix bounce among them. Stages: copy (the session's own link or copy of each
upload), probe (headers), decode (every track read once at its own rate and summed into the stems, with the
sketch the content checks use), mapping (names, click and bounce detection, moving the tracks found), resample
(the 4 summed stems, not the 16 tracks, to mono 16 kHz, in 5 s blocks, and saved), windows (the datamodule's
cache and windows' loudness, at upload), model (`Trainer.predict`). Then, after the advice is shown (`Page.mix`,
the page's next event): mix (the A/B mixes at the tracks' rate and the loudness plot), reported as
`after_advice_s`, not in the path.
The page does everything up to the windows on upload (`upload_to_table_s`: the user then reads the mapping table)
and the rest when asked (`click_to_advice_s`: the mapping applied, the windows found in the cache, the model).
The baseline is the model's own time in the same run: `ratio_to_model` = upload to advice / model (the page's
target: <= 1.3), `click_ratio_to_model` = the wait after "Get advice" / model, `stage_ratio_to_model` per stage.
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

from mixbuddy_pl.data.session import EXCLUDE
from mixbuddy_pl.demo.advise import SongAdvisor
from mixbuddy_pl.demo.page import Page
from mixbuddy_pl.demo.uploads import Limits

TRACKS = ("Lead Vox", "BV Hi", "Lead Vox Dbl", "01 Kick In", "Kick Out", "Snare Top", "OH L", "OH R", "Room",
          "Bass DI", "Bass Amp", "Gtr L", "Gtr R", "Keys", "Synth Pad 2", "Piano", "Perc", "Strings")
CLICK, BOUNCE = "Audio 17", "Song_v3 rough"


def write_export(folder: Path, minutes: float, tracks: int, rate: int = 48_000, bpm: float = 112.0) -> list[Path]:
    """`tracks` 24-bit mono files named like a DAW export: `tracks - 2` instruments (noise through different
    decays at -30 to -21 dBFS), a click at `bpm` and a bounce (the instruments at gains of their own)."""
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    n = int(minutes * 60 * rate)
    t = np.arange(n) / rate
    beat = 60 / bpm
    bounce = np.zeros(n, np.float32)
    for k in range(tracks - 2):
        x = (0.03 * (1 + k % 3) * rng.standard_normal(n)).astype(np.float32)
        if k % 4 == 3:  # drum-like: decaying hits on the beat
            x *= np.exp(-(t % beat) / 0.08).astype(np.float32)
        x = np.clip(x, -1, 1)
        sf.write(folder / f"{TRACKS[k % len(TRACKS)]}{'' if k < len(TRACKS) else f' {k}'}.wav", x, rate,
                 subtype="PCM_24")
        bounce += sf.read(folder / f"{TRACKS[k % len(TRACKS)]}{'' if k < len(TRACKS) else f' {k}'}.wav",
                          dtype="float32")[0] * np.float32(0.5 + 0.05 * k)
    since = t % beat
    click = (0.5 * np.sin(2 * np.pi * 1500 * since) * np.exp(-since / 0.003)).astype(np.float32)
    sf.write(folder / f"{CLICK}.wav", click, rate, subtype="PCM_24")
    sf.write(folder / f"{BOUNCE}.wav", np.clip(bounce, -1, 1), rate, subtype="PCM_24")
    return sorted(folder.iterdir())


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt_path", required=True)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--tracks", type=int, default=16)
    parser.add_argument("--decode_workers", type=int, default=2)
    parser.add_argument("--out", default="benchmarks/results/demo_latency.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        uploads = write_export(work / "export", args.minutes, args.tracks)
        page = Page(SongAdvisor(args.ckpt_path, accelerator="cpu"), Limits(max_bytes=4 << 30), work, work / "gradio",
                    decode_workers=args.decode_workers)
        page.build()
        start = time.perf_counter()
        _, rows, _, session = page.load([str(p) for p in uploads], None)
        loaded = time.perf_counter()
        results = page.advise(rows, page.advisor.default_anchor, session, lambda *a, **k: None)
        end = time.perf_counter()
        mixed = page.mix(session)
        advice = json.loads((page.sessions[session].out / "advice.json").read_text())
        times = advice["seconds"]
    total = sum(times.values())
    result = {
        "benchmark": "demo_latency", "minutes": args.minutes, "tracks": args.tracks, "rate": 48_000,
        "left_out": sorted(r[0] for r in rows if r[1] == EXCLUDE), "questions": len(advice["windows"]),
        "stages_s": times, "upload_to_advice_s": total, "wall_s": end - start,
        "upload_to_table_s": loaded - start, "click_to_advice_s": end - loaded,
        "after_advice_s": advice["after_advice_seconds"],
        "ratio_to_model": total / times["model_s"], "click_ratio_to_model": (end - loaded) / times["model_s"],
        "stage_ratio_to_model": {k: v / times["model_s"] for k, v in times.items()},
        "song_advice": advice["song_advice"],
        "cpus": os.cpu_count(), "torch_threads": __import__("torch").get_num_threads(), "machine": platform.machine(),
    }
    assert results and mixed  # the page answered, then made the A/B mixes
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
