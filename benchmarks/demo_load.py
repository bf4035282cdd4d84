"""Several people at once on the advice page: N sessions upload an export and ask for advice at the same time.

    python -m benchmarks.demo_load --ckpt_path logs/quickstart/version_0/checkpoints/last.ckpt \
        [--sessions 4] [--concurrency 1] [--seconds 30] [--out benchmarks/results/demo_load.json]

Starts the page (`python -m mixbuddy_pl.demo`) on loopback, then `--sessions` gradio_client sessions, each in
its own thread: upload a generated export (DAW names, a click, a bounce; the same audio for every session, so
Gradio's content-addressed upload cache is shared), then ask for advice. Reports each session's latency (upload,
advice), the queue positions and progress it was shown, whether every session got its own answer (its own
tracks in the table and in advice.json), the server's output folders (one per live session), and the server's
peak memory (VmHWM): with the model loaded, after one session alone (the baseline, on the same server), and
after all of them. Memory is bounded by configuration: `--concurrency` uploads or advice requests are worked on
at once, so the peak should stay within `before + concurrency x (one session's rise)` (`within_bound`).
Bounded in time: every request times out after `--timeout` seconds. Linux (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.demo_latency import write_export


BOUND_SLACK = 1.25  # allocator noise: a second session may land its arrays in fresh pages


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _session(url: str, export: Path, timeout: float, result: dict) -> None:
    """One person: upload the export, ask for advice, then the A/B mixes (the page's next event after the advice);
    latencies, queue ranks seen and what came back."""
    from gradio_client import Client, handle_file

    client = Client(url, verbose=False)
    files = [handle_file(str(p)) for p in sorted(export.iterdir())]
    ranks, progress = set(), False
    for step, call in (("upload", lambda: client.submit(files, api_name="/load")),
                       ("advice", lambda: client.submit(result["upload_outputs"][1], api_name="/advise")),
                       ("mix", lambda: client.submit(result["upload_outputs"][1], api_name="/mix"))):
        start = time.perf_counter()
        job = call()
        while not job.done():
            status = job.status()
            if status.rank is not None:
                ranks.add(int(status.rank))
            progress = progress or bool(status.progress_data)
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{step} took more than {timeout} s")
            time.sleep(0.05)
        outputs = job.result()
        result[f"{step}_s"] = time.perf_counter() - start
        result[f"{step}_outputs"] = outputs
    result["queue_ranks_seen"], result["progress_seen"] = sorted(ranks), progress


def _guarded(url: str, export: Path, timeout: float, result: dict) -> None:
    try:
        _session(url, export, timeout, result)
    except Exception as error:  # reported in the JSON: a failed session is a result of the load test
        result["error"] = f"{type(error).__name__}: {error}"


def _run(url: str, exports: list[Path], timeout: float) -> list[dict]:
    results = [{} for _ in exports]
    threads = [threading.Thread(target=_guarded, args=(url, e, timeout, r)) for e, r in zip(exports, results)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout * 3)
    return results


def _summary(result: dict, tracks: str) -> dict:
    """Latencies, queue ranks, and whether the answer is this session's own."""
    upload, advice, mix = result.get("upload_outputs"), result.get("advice_outputs"), result.get("mix_outputs")
    mapping = json.dumps(upload[1] if upload else None)
    advice_json = next((Path(d) for d in (mix[-1] if mix else []) if str(d).endswith("advice.json")), None)
    answered = json.loads(advice_json.read_text())["mapping"] if advice_json else {}
    return {"upload_s": result.get("upload_s"), "advice_s": result.get("advice_s"), "mix_s": result.get("mix_s"),
            "queue_ranks_seen": result.get("queue_ranks_seen"), "progress_seen": result.get("progress_seen"),
            "own_tracks": tracks in mapping and tracks in answered,
            "advice_ready": bool(advice) and "Advice found" in str(advice[0]) and "Advice ready" in str(mix and mix[0]),
            "mixed": bool(mix) and any(str(d).endswith("rebalanced.wav") for d in (mix[-1] or [])),
            "error": result.get("error")}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt_path", required=True)
    parser.add_argument("--sessions", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each session's export")
    parser.add_argument("--tracks", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--out", default="benchmarks/results/demo_load.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        exports = []
        for k in range(args.sessions):  # each person's export has its own first track name
            exports.append(work / f"export{k}")
            write_export(exports[-1], args.seconds / 60, args.tracks)
            (exports[-1] / "Lead Vox.wav").rename(exports[-1] / f"Lead Vox take{k}.wav")
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mixbuddy_pl.demo", "--ckpt_path", args.ckpt_path, "--port", str(port),
             "--workdir", str(work / "server"), "--accelerator", "cpu", "--concurrency", str(args.concurrency)],
            stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "w"))
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + 180
            while time.time() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.5)
            before_mb = _peak_mb(server.pid)  # the model loaded, no session yet
            alone = _summary(_run(url, exports[:1], args.timeout)[0], "Lead Vox take0.wav")
            idle_mb = _peak_mb(server.pid)
            results = _run(url, exports, args.timeout)
            peak_mb = _peak_mb(server.pid)
            output_folders = len(list((work / "server" / "gradio").glob("session-*")))
            log_tail = (work / "server.log").read_text()[-3000:]
        finally:
            server.terminate()
            server.wait(timeout=30)
    sessions = [_summary(r, f"Lead Vox take{k}.wav") for k, r in enumerate(results)]
    result = {
        "benchmark": "demo_load", "sessions": args.sessions, "concurrency": args.concurrency,
        "export_seconds": args.seconds, "tracks": args.tracks, "alone": alone, "together": sessions,
        "all_answered": all(s["advice_ready"] and s["own_tracks"] and s["mixed"] for s in sessions),
        "server_output_folders": output_folders,  # one per session still live (a client that is done may close)
        "max_advice_s": max((s["advice_s"] or float("inf")) for s in sessions),
        "ratio_max_to_alone": max((s["advice_s"] or float("inf")) for s in sessions) / alone["advice_s"],
        "peak_mb_before": before_mb, "peak_mb_after_one": idle_mb, "peak_mb": peak_mb,
        "peak_bound_mb": before_mb + args.concurrency * (idle_mb - before_mb) * BOUND_SLACK,
        "within_bound": peak_mb <= before_mb + args.concurrency * (idle_mb - before_mb) * BOUND_SLACK,
        "rise_vs_one_session": (peak_mb - before_mb) / max(idle_mb - before_mb, 1e-9),
        "cpus": os.cpu_count(),
        "server_log_tail": None if all(s["error"] is None for s in [alone, *sessions]) else log_tail,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
