"""`python -m mixbuddy_pl.demo --ckpt_path RUN/checkpoints/last.ckpt`: the advice page on a trained checkpoint.

Binds to 127.0.0.1 unless `--host` says otherwise. Uploads and results live in a work folder of their own
(a fresh temporary one by default), removed when the page stops. Uploads and advice go through Gradio's
queue, `--concurrency` at a time (peak memory: the model plus that many uploads of at most `--max_tracks`
tracks of `--max_minutes`); each tab's files go when the tab closes or after `--idle_minutes`, and Gradio's
shared copy of an upload after `--upload_minutes`.
"""

from __future__ import annotations

import argparse
import atexit
import ctypes
import os
import shutil
import tempfile
from pathlib import Path

from mixbuddy_pl.errors import exit_on_user_error


def build_parser() -> argparse.ArgumentParser:
    """Checkpoint, config, address and upload limits."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt_path", required=True, help="checkpoint of an anchor or no_anchor run")
    parser.add_argument("--config", help="the run's config.yaml (default: <run>/config.yaml beside checkpoints/)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (0.0.0.0 serves every interface)")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--accelerator", default="auto", help="Lightning accelerator for the model")
    parser.add_argument("--max_upload_mb", type=float, default=1024, help="cap on one song's bytes (unzipped)")
    parser.add_argument("--max_tracks", type=int, default=64)
    parser.add_argument("--max_minutes", type=float, default=10, help="longest track the page accepts")
    parser.add_argument("--workdir", help="folder for uploads and results (default: a new temporary folder)")
    parser.add_argument("--concurrency", type=int, default=1, help="uploads and advice computed at once")
    parser.add_argument("--max_queue", type=int, default=32, help="requests waiting beyond that (more are refused)")
    parser.add_argument("--idle_minutes", type=float, default=30, help="a tab's files are removed after this idle")
    parser.add_argument("--decode_workers", type=int, default=2, help="tracks of one upload decoded at once")
    parser.add_argument("--upload_minutes", type=float, default=10,
                        help="Gradio's copy of an upload is removed after this (each tab keeps its own copy)")
    return parser


def return_freed_memory(threshold: int = 1 << 20) -> bool:
    """glibc: every allocation of `threshold` bytes or more gets a mapping of its own, given back to the system
    when freed. Without it the threshold grows with the large audio arrays each request frees, later ones come
    from the heap and stay resident: the load test's peak with 4 sessions, one at a time, was 1.85 GiB instead of
    1.44. False where there is no glibc."""
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(-3, threshold))  # -3: M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        return False


def main(argv: list[str] | None = None) -> None:
    """Serve the advice page until interrupted; its work folder is removed on exit."""
    args = build_parser().parse_args(argv)
    return_freed_memory()
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="mixbuddy-demo-"))
    workdir.mkdir(parents=True, exist_ok=True)
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    uploads = workdir / "gradio"
    os.environ["GRADIO_TEMP_DIR"] = str(uploads)  # Gradio keeps uploads and served files here
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    with exit_on_user_error("mixbuddy_pl.demo"):
        from mixbuddy_pl.demo.advise import SongAdvisor
        from mixbuddy_pl.demo.page import Page
        from mixbuddy_pl.demo.uploads import Limits

        limits = Limits(int(args.max_upload_mb * 2**20), args.max_tracks, args.max_minutes * 60)
        page = Page(SongAdvisor(args.ckpt_path, args.config, args.accelerator), limits, workdir, uploads,
                    idle_s=args.idle_minutes * 60, decode_workers=args.decode_workers,
                    upload_ttl_s=args.upload_minutes * 60).build()
    page.queue(default_concurrency_limit=args.concurrency, max_size=args.max_queue).launch(
        server_name=args.host, server_port=args.port, max_file_size=limits.max_bytes, show_error=False,
        ssr_mode=False, footer_links=[])


if __name__ == "__main__":
    main()
