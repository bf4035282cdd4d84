"""The advice page (Gradio): upload a song's tracks, check the stem mapping, get advice, A/B the rebalanced mix.

Every handler answers with a message on the page, never a traceback: errors the user can fix (`MixBuddyError`)
say what to do; anything else is logged on the server and reported as an internal error.

Several people at once: every browser tab is a session with its own folders - its work folder (its own copy
of the tracks, the stems) and its output folder inside Gradio's cache (served in place, so nothing is copied
elsewhere), both named by 128 random bits. A session only ever reaches its own folders: their names live in its
server-side state, and every handler checks that the session belongs to the tab asking. Both folders are removed
when the next upload replaces them, when the tab closes (Gradio's unload), or after `idle_s` without a request.
Gradio keeps each upload once per content (two tabs uploading the same file share it), so a handler never
deletes it - that raced with the other tab's handler; the sweep removes Gradio's upload copies `upload_ttl_s`
after they arrived, once every session has its own copy. Heavy events go through Gradio's queue, `concurrency`
at a time, each showing its queue position and progress.
"""

from __future__ import annotations

import functools
import json
import logging
import secrets
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import gradio as gr
from gradio.data_classes import FileData
from gradio.utils import NamedString
import matplotlib
import numpy as np
import soundfile as sf
import yaml

from mixbuddy_pl.audio import SAMPLE_RATE
from mixbuddy_pl.data.dataset import MixingDataset
from mixbuddy_pl.data.session import (EXCLUDE, MAP_FILE, Assignment, StemMap, decode_session, exclude_by_content,
                                      model_stems, regroup)
from mixbuddy_pl.demo import second_pass
from mixbuddy_pl.demo.advise import ModelCard, SongAdvice, SongAdvisor, WindowAdvice, rebalance, relative_loudness
from mixbuddy_pl.demo.uploads import Limits, Track, intake, with_silence
from mixbuddy_pl.errors import MixBuddyError

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402  (after choosing the headless backend)

log = logging.getLogger(__name__)
SONG = "song"
SESSION_PREFIX = "session-"  # the sessions' output folders in Gradio's cache
HEAVY = "heavy"  # the events that decode, listen or mix share one concurrency limit (the queue's `concurrency`)
GAP_S = 0.3  # silence between the clips of "what the model heard"
MAPPING_HEADERS = ["track", "stem", "why", "format"]
WINDOW_HEADERS = ["start (s)", "stem", "advice", "gain (dB)"]
KEPT_BY_USER, LEFT_OUT_BY_USER = "kept by you", "left out by you"


def _path_only(f: FileData) -> NamedString:
    """gr.File's filepath preprocessing without the empty temporary file Gradio leaves in its upload folder for
    every file of every event (it would outlive the upload). Set on the instance: a gr.File subclass would make
    Gradio write a .pyi stub beside this module."""
    return NamedString(f.path)


def _message(kind: str, text: str) -> str:
    return f"**{kind}:** {text}"


def _guarded(status: gr.Markdown) -> Callable:
    """Turn a handler's exceptions into a message in `status` (the handler returns a dict of outputs)."""
    def wrap(handler: Callable) -> Callable:
        @functools.wraps(handler)
        def run(*args, **kwargs):
            try:
                return handler(*args, **kwargs)
            except MixBuddyError as error:
                return {status: _message("Cannot do that", str(error))}
            except Exception as error:  # the page shows no traceback; the server log has it
                log.exception("advice page: %s failed", handler.__name__)
                return {status: _message("Internal error", f"{type(error).__name__}; the details are in the server "
                                                           "log. Try again, or with fewer or shorter tracks.")}
        return run
    return wrap


def _format(track: Track) -> str:
    silent = ", silent" if track.silent else ""
    return f"{track.seconds:.1f} s, {track.sample_rate} Hz, {track.channels} ch{silent}"


def loudness_figure(times: np.ndarray, curves: dict[str, np.ndarray], reference: str | None):
    """Each stem's loudness relative to the reference over time (one line per stem)."""
    figure, axis = plt.subplots(figsize=(8, 3.2), layout="constrained")
    for stem, values in curves.items():
        axis.plot(times, values, marker="o", label=stem)
    axis.axhline(0.0, color="grey", linewidth=0.8)
    axis.set_xlabel("window start (s)")
    axis.set_ylabel(f"LU relative to {reference or 'the mix'}")
    axis.legend(loc="best", fontsize="small")
    plt.close(figure)
    return figure


def model_markdown(card: ModelCard) -> str:
    """What the loaded checkpoint can do, for the top of the page; stems it never asks about are greyed out."""
    def stem(name: str) -> str:
        if name in card.advised:
            return f'<b class="stem-advised">{name}</b>'
        role = "the anchor: heard, never advised on" if name in card.anchors else "never advised on"
        return f'<span class="stem-never" style="opacity:0.45">{name} ({role})</span>'

    question = {"anchor": "each stem's level against an anchor stem",
                "no_anchor": "the level of each stem within the whole mix"}.get(card.variant, card.variant)
    anchors = f" Anchor: {', '.join(card.anchors)}." if card.anchors else ""
    return (f"**The loaded model** ({card.variant} variant, backbone {card.backbone}) judges {question}.{anchors}  \n"
            f"Stems: {', '.join(stem(s) for s in card.stems)}.  \n"
            f"Trained on {card.trained_on}; advice on music far from that is not to be trusted.")


def mapping_rows(assignments: list[Assignment], tracks: dict[str, Track]) -> list[list]:
    """The mapping table: track, stem (or `exclude`), why, format."""
    return [[a.track, a.stem, a.rule, _format(tracks[a.track])] for a in assignments]


def window_rows(windows: list[WindowAdvice]) -> list[list]:
    """The per-window advice table (one row per question, WINDOW_HEADERS)."""
    return [[w.start_s, w.stem, w.text, w.gain_db] for w in windows]


def timing_line(times: dict[str, float]) -> str:
    """Seconds per stage, e.g. `copy 0.2 s, probe 0.0 s, ...`."""
    return ", ".join(f"{k.removesuffix('_s')} {v:.1f} s" for k, v in times.items())


@dataclass
class Session:
    """One upload of one browser tab: its folders, its tracks, what was found in them, and what the model heard."""

    work: Path  # tracks, the stems (at the tracks' rate and as the model hears them), the model's cache
    out: Path  # what the page serves: inside Gradio's cache folder, so served in place
    owner: str  # the Gradio session (tab) that uploaded it
    tracks: dict[str, Track] = field(default_factory=dict)
    summed_as: list[Assignment] = field(default_factory=list)  # the mapping the stems on disk are summed by
    rate: int = 0
    times: dict[str, float] = field(default_factory=dict)
    heard: MixingDataset | None = None
    advice: SongAdvice | None = None  # the last advice, until its A/B mixes are made
    advice_times: dict[str, float] = field(default_factory=dict)  # its seconds per stage
    seen: float = field(default_factory=time.monotonic)

    @property
    def song(self) -> Path:
        return self.work / "tracks"

    @property
    def model_dir(self) -> Path:
        """The song folder the model reads: one 16 kHz file per stem."""
        return self.work / "songs" / SONG

    def new_stem(self, stem: str, shape: tuple[int, int]) -> np.ndarray:
        """A zeroed float32 stem at the tracks' rate, memory-mapped from `stems/<stem>.npy` (the tracks are summed
        straight into it: no copy in memory, no separate save)."""
        (self.work / "stems").mkdir(exist_ok=True)
        return np.lib.format.open_memmap(self.work / "stems" / f"{stem}.npy", "w+", np.float32, shape)

    def summed(self, stems: tuple[str, ...]) -> dict[str, np.ndarray]:
        """The stems at the tracks' rate, [2, samples] each, memory-mapped (writes go to disk)."""
        return {s: np.load(self.work / "stems" / f"{s}.npy", mmap_mode="r+") for s in stems}

    def store(self, summed: dict[str, np.ndarray], changed, workers: int) -> None:
        """Write the `changed` stems as the model hears them (mono, 16 kHz)."""
        self.model_dir.mkdir(parents=True, exist_ok=True)
        for stem, x in model_stems({s: summed[s] for s in changed}, self.rate, workers).items():
            sf.write(self.model_dir / f"{stem}.wav", x, SAMPLE_RATE, subtype="FLOAT")


class Page:
    """The page's state on the server: the advisor, the limits and every live session.

    Args:
        advisor: the loaded checkpoint.
        limits: what one upload may be.
        workdir: where sessions' work folders go.
        upload_dir: Gradio's upload and cache folder (sessions' output folders go there).
        idle_s: a session untouched this long is removed.
        decode_workers: tracks of one upload decoded at once.
        upload_ttl_s: Gradio's copy of an upload is removed this long after it arrived (the session has its own).
    """

    def __init__(self, advisor: SongAdvisor, limits: Limits, workdir: Path, upload_dir: Path, idle_s: float = 1800.0,
                 decode_workers: int = 2, upload_ttl_s: float = 600.0) -> None:
        self.advisor, self.limits, self.workdir, self.upload_dir = advisor, limits, workdir, upload_dir
        self.idle_s, self.decode_workers, self.upload_ttl_s = idle_s, decode_workers, upload_ttl_s
        self.sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    # --- sessions ----------------------------------------------------------------------------------------------
    def session(self, work: str | None, owner: str) -> Session:
        """The live session named by a tab's state and uploaded by that tab (`owner`), touched; MixBuddyError
        when there is none."""
        with self._lock:
            session = self.sessions.get(work or "")
        if session is None or session.owner != owner:
            raise _user("upload the tracks of a song first (an upload is removed after "
                        f"{self.idle_s / 60:g} minutes without use).")
        session.seen = time.monotonic()
        return session

    def discard(self, work: str | None) -> None:
        """Remove one session's folders and what the model heard from it."""
        with self._lock:
            session = self.sessions.pop(work or "", None)
        if session is not None:
            shutil.rmtree(session.work, ignore_errors=True)
            shutil.rmtree(session.out, ignore_errors=True)

    def close(self, owner: str) -> None:
        """The tab `owner` closed: remove its sessions."""
        for work in [w for w, s in list(self.sessions.items()) if s.owner == owner]:
            self.discard(work)

    def sweep(self) -> list[str]:
        """Remove the sessions idle for longer than `idle_s` (their names are returned) and Gradio's upload
        copies older than `upload_ttl_s`."""
        now = time.monotonic()
        idle = [w for w, s in list(self.sessions.items()) if now - s.seen > self.idle_s]
        for work in idle:
            self.discard(work)
        for folder in stale_uploads(self.upload_dir, self.upload_ttl_s):
            shutil.rmtree(folder, ignore_errors=True)
        return idle

    def _sweep_forever(self) -> None:
        while True:
            time.sleep(max(1.0, min(60.0, self.idle_s / 4, self.upload_ttl_s / 4)))
            self.sweep()

    # --- handlers ----------------------------------------------------------------------------------------------
    def load(self, files: list[str] | None, previous: str | None, owner: str = "") -> tuple[str, list, list, str | None]:
        """Copy, check and decode the upload; find the tracks that are not the mix. Returns the status, the
        mapping table, the tracks in the mix (for the checkboxes) and the session's name."""
        self.discard(previous)
        if not files:
            return "", [], [], None
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        session = Session(_own_folder(self.workdir, "upload-"), _own_folder(self.upload_dir, SESSION_PREFIX), owner)
        try:
            tracks = intake(files, session.song, self.limits, session.times)
            start = time.perf_counter()
            by_name = StemMap().assign([t.name for t in tracks], self.advisor.stems)
            summed, session.rate, sketches = decode_session(by_name, session.song, self.advisor.stems,
                                                            workers=self.decode_workers, buffer=session.new_stem)
            tracks = with_silence(tracks, {name: k.peak for name, k in sketches.items()})
            session.times["decode_s"] = time.perf_counter() - start
            start = time.perf_counter()
            session.tracks = {t.name: t for t in tracks}
            found = exclude_by_content(by_name, sketches)
            regroup(summed, session.song, by_name, found, session.rate, self.decode_workers)
            session.summed_as = found
            session.times["mapping_s"] = time.perf_counter() - start
            start = time.perf_counter()
            session.store(summed, self.advisor.stems, self.decode_workers)
            del summed  # the memory maps' pages go back to the page cache
            session.times["resample_s"] = time.perf_counter() - start
            start = time.perf_counter()  # while the user reads the table: the windows, for the mapping shown
            self.advisor.prepare(session.model_dir.parent, session.work / "model")
            session.times["windows_s"] = time.perf_counter() - start
        except BaseException:
            shutil.rmtree(session.work, ignore_errors=True)
            shutil.rmtree(session.out, ignore_errors=True)
            raise
        with self._lock:
            self.sessions[str(session.work)] = session
        left_out = [a.track for a in found if a.stem == EXCLUDE]
        silent = [t.name for t in tracks if t.silent]
        note = f" Silent, so they change nothing: {', '.join(silent)}." if silent else ""
        out = (f" Left out as not part of the mix: {', '.join(left_out)} (see **why**; tick a track below to keep "
               "it).") if left_out else ""
        status = (f"{len(tracks)} tracks, mapped to the model's stems below.{out} Correct the **stem** column if a "
                  f"track is in the wrong place (`{EXCLUDE}` leaves it out), pick the anchor, then press "
                  f"**Get advice**.{note}")
        kept = [a.track for a in found if a.stem != EXCLUDE]
        return status, mapping_rows(found, session.tracks), kept, str(session.work)

    def choose(self, kept: list[str] | None, table, work: str | None, owner: str = "") -> list[list]:
        """The table after the user ticked (kept) or unticked (left out) tracks: a track left out shows
        `exclude`; one brought back gets its stem by name again."""
        self.session(work, owner)  # a live upload of this tab
        kept = set(kept or [])
        rows = []
        for row in _rows(table):
            track, stem, why = str(row[0]), str(row[1]).strip(), str(row[2])
            if track not in kept and stem != EXCLUDE:
                stem, why = EXCLUDE, LEFT_OUT_BY_USER
            elif track in kept and stem == EXCLUDE:
                stem, why = StemMap().assign_one(track, self.advisor.stems, leave_out=False).stem, KEPT_BY_USER
            rows.append([track, stem, why, row[3]])
        return rows

    def advise(self, table, anchor: str | None, work: str | None, progress: Callable, owner: str = "") -> dict:
        """Advice per window and for the song, and its downloads (text, JSON); the A/B mixes and the loudness plot
        follow (`mix`, the next event), so they do not delay the answer."""
        session = self.session(work, owner)
        session.advice = None
        rows = _rows(table)
        rules = {}
        for row in rows:
            track, stem = str(row[0]), str(row[1]).strip()
            if track not in session.tracks:
                raise _user(f"track {track!r} is not one of this upload's; upload the song again.")
            if stem not in self.advisor.stems and stem != EXCLUDE:
                raise _user(f"track {track!r}: stem {stem!r} is not one the model knows; use one of "
                            f"{', '.join(self.advisor.stems)}, or {EXCLUDE} to leave it out.")
            rules[track] = stem
        anchor = anchor if self.advisor.variant == "anchor" else None
        if anchor is not None and not any(s == anchor and not session.tracks[t].silent for t, s in rules.items()):
            raise _user(f"no audible track is mapped to the anchor, {anchor}; map a track to {anchor} in the table "
                        "or pick another anchor.")
        times = dict(session.times)  # the upload's stages (copy, probe, decode, mapping, resample, windows)
        progress(0.0, desc="Summing the tracks into stems")
        start = time.perf_counter()
        assignments = StemMap(rules).assign(list(rules), self.advisor.stems)
        summed = session.summed(self.advisor.stems)
        changed = regroup(summed, session.song, session.summed_as, assignments, session.rate, self.decode_workers)
        session.summed_as = assignments
        session.store(summed, changed, self.decode_workers)
        (session.work / MAP_FILE).write_text(yaml.safe_dump(rules, sort_keys=False))  # the user's final mapping
        times["mapping_s"] += time.perf_counter() - start
        advice, dataset = self.advisor.predict(session.model_dir.parent, anchor, session.work / "model",
                                               lambda done, total: progress((done, total), desc="Listening"), times)
        session.heard, session.advice, session.advice_times = dataset, advice, times
        del summed  # the A/B mixes are made after the advice is shown (`mix`), from the stems on disk
        return self._results(advice, session, times)

    def mix(self, work: str | None, owner: str = "") -> dict:
        """After the advice is shown: the original and the rebalanced mix at the tracks' rate (A/B), the loudness
        plot, and the downloads with both mixes. Nothing when the last advice failed."""
        session = self.session(work, owner)
        advice, dataset = session.advice, session.heard
        if advice is None or dataset is None:
            return {}
        start = time.perf_counter()
        out = session.out
        original, rebalanced = rebalance(session.summed(self.advisor.stems), advice.gains_db)
        sf.write(out / "original.wav", original, session.rate, subtype="PCM_16")
        sf.write(out / "rebalanced.wav", rebalanced, session.rate, subtype="PCM_16")
        del original, rebalanced
        times_, curves = relative_loudness(dataset, advice.anchor)
        figure = loudness_figure(times_, curves, advice.anchor)
        session.advice = None
        dataset.cache.release()  # an idle session holds no audio in memory
        times = session.advice_times
        mix_s = time.perf_counter() - start
        (out / "advice.json").write_text(json.dumps(  # written last: its change says this advice is complete
            {**advice.to_json(), "mapping": {a.track: a.stem for a in session.summed_as},
             "left_out": {a.track: a.rule for a in session.summed_as if a.stem == EXCLUDE}, "seconds": times,
             "after_advice_seconds": {"mix_s": mix_s}}, indent=1))
        total = sum(times.values())
        times = {**times, "mix_s": mix_s}
        return {
            self.status: (f"Advice ready in {total:.1f} s ({timing_line(times)}; then the A/B mixes). Play the "
                          "original and the rebalanced mix (the song advice applied) to compare."),
            self.plot: figure,
            self.original: str(out / "original.wav"),
            self.rebalanced: str(out / "rebalanced.wav"),
            self.downloads: [str(out / n) for n in ("advice.txt", "advice.json", "original.wav", "rebalanced.wav")],
        }

    def _results(self, advice: SongAdvice, session: Session, times: dict[str, float]) -> dict:
        out = session.out
        (out / "advice.txt").write_text("Song:\n" + "\n".join(advice.lines()) + "\n\nWindows:\n" + "".join(
            f"{w.start_s:g} s, {w.stem}: {w.text}\n" for w in advice.windows))
        choices = [(f"{w.start_s:g} s - {w.stem}", i) for i, w in enumerate(advice.windows)]
        total = sum(times.values())
        return {
            self.status: f"Advice found in {total:.1f} s ({timing_line(times)}); mixing A and B ...",
            self.song_advice: "\n".join(f"- {line}" for line in advice.lines()),
            self.windows: window_rows(advice.windows),
            self.plot: None,
            self.heard_pick: gr.Dropdown(choices=choices, value=0 if choices else None),
            self.heard_audio: self.model_input(0, str(session.work), session.owner),
            self.original: None,  # until `mix` has made this advice's A/B
            self.rebalanced: None,
            self.downloads: [str(out / "advice.txt")],  # advice.json and the mixes follow (`mix`)
        }

    def model_input(self, item: int | None, work: str | None, owner: str = "") -> str | None:
        """The audios of one window's question, exactly as the model heard them, one after the other (a file in
        the session's output folder)."""
        session = self.sessions.get(work or "")
        dataset = session.heard if session and session.owner == owner else None
        if dataset is None or item is None or not 0 <= int(item) < len(dataset):
            return None
        audios = dataset[(0, int(item))].audios
        gap = np.zeros(int(GAP_S * dataset.cache.sample_rate), dtype=np.float32)
        clip = np.concatenate([part for a in audios for part in (a, gap)][:-1])
        path = session.out / f"heard-{int(item)}.wav"
        sf.write(path, np.clip(clip, -1.0, 1.0), dataset.cache.sample_rate, subtype="PCM_16")
        return str(path)

    def build(self) -> gr.Blocks:
        """The Gradio page; starts the idle sweeper."""
        advisor = self.advisor
        threading.Thread(target=self._sweep_forever, daemon=True, name="mixbuddy-idle-sweep").start()
        with gr.Blocks(title="mixbuddy: gain-balancing advice", analytics_enabled=False) as page:
            work = gr.State(None, delete_callback=self.discard, time_to_live=self.idle_s)
            gr.Markdown("# Gain-balancing advice on your multitrack\nUpload the tracks of one song (wav, flac, ogg, "
                        "or a zip of them), exactly as your DAW exported them. "
                        f"Up to {self.limits.max_tracks} tracks, {self.limits.max_bytes / 2**20:.0f} MiB and "
                        f"{self.limits.max_seconds / 60:g} minutes.")
            gr.Markdown(model_markdown(advisor.card), elem_id="model")
            files = gr.File(label="Tracks or a zip", file_count="multiple", type="filepath", elem_id="upload")
            files._process_single_file = _path_only
            self.status = gr.Markdown(elem_id="status")
            kept = gr.CheckboxGroup(label="Tracks in the mix (untick one to leave it out, tick one to keep it)",
                                    choices=[], elem_id="kept")
            mapping = gr.Dataframe(headers=MAPPING_HEADERS, interactive=True, type="array", label="Stem mapping "
                                   f"(stems: {', '.join(advisor.stems)}, or {EXCLUDE})", elem_id="mapping")
            with gr.Row():
                anchor = gr.Dropdown(choices=list(advisor.card.anchors), value=advisor.default_anchor,
                                     label="Anchor (the stem the others are judged against)",
                                     visible=advisor.variant == "anchor", elem_id="anchor")
                go = gr.Button("Get advice", variant="primary", elem_id="advise")
            self.song_advice = gr.Markdown(elem_id="song-advice")
            self.plot = gr.Plot(label="Loudness relative to the anchor, per window", elem_id="plot")
            self.windows = gr.Dataframe(headers=WINDOW_HEADERS, label="Advice per window", interactive=False,
                                        elem_id="windows")
            with gr.Row():
                self.original = gr.Audio(label="A: original mix (the tracks kept)", type="filepath", elem_id="original")
                self.rebalanced = gr.Audio(label="B: rebalanced (advice applied)", type="filepath",
                                           elem_id="rebalanced")
            second_pass.attach(self, work, _guarded(self.status), HEAVY)  # ask the model again on B
            with gr.Row():
                self.heard_pick = gr.Dropdown(label="What the model heard (window - stem)", choices=[],
                                              elem_id="heard-pick")
                self.heard_audio = gr.Audio(label="The question's audios, one after the other", type="filepath",
                                            elem_id="heard")
            self.downloads = gr.File(label="Downloads: advice (text, JSON), the original and the rebalanced mix",
                                     file_count="multiple", elem_id="downloads")

            guard = _guarded(self.status)

            @guard
            def load(f, w, request: gr.Request):
                status, rows, tracks, session = self.load(f, w, request.session_hash or "")
                return {self.status: status, mapping: rows, kept: gr.CheckboxGroup(choices=[r[0] for r in rows],
                                                                                   value=tracks), work: session}

            files.upload(load, inputs=[files, work], outputs=[self.status, mapping, kept, work], concurrency_id=HEAVY)
            @guard
            def choose(k, t, w, request: gr.Request):
                return {mapping: self.choose(k, t, w, request.session_hash or "")}

            kept.input(choose, inputs=[kept, mapping, work], outputs=[self.status, mapping], queue=False)
            outputs = [self.status, self.song_advice, self.windows, self.plot, self.heard_pick, self.heard_audio,
                       self.original, self.rebalanced, self.downloads]

            @guard
            def advise(table, chosen, current, request: gr.Request, progress=gr.Progress()):
                return self.advise(table, chosen, current, progress, request.session_hash or "")

            @guard
            def mix(w, request: gr.Request):
                return self.mix(w, request.session_hash or "")

            go.click(advise, inputs=[mapping, anchor, work], outputs=outputs, show_progress="full",
                     concurrency_id=HEAVY).then(
                mix, inputs=[work], outputs=[self.status, self.plot, self.original, self.rebalanced, self.downloads],
                concurrency_id=HEAVY)
            def heard(item, w, request: gr.Request):
                return self.model_input(item, w, request.session_hash or "")

            self.heard_pick.change(heard, inputs=[self.heard_pick, work], outputs=self.heard_audio)

            def closed(request: gr.Request) -> None:
                self.close(request.session_hash or "")

            page.unload(closed)
        return page


def _own_folder(parent: Path, prefix: str) -> Path:
    """A new folder in `parent` named `prefix` + 128 random bits (no other session can guess it)."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = parent / f"{prefix}{secrets.token_hex(16)}"
    folder.mkdir()
    return folder


def stale_uploads(upload_dir: Path, ttl_s: float) -> list[Path]:
    """Gradio's upload folders (one per uploaded content, not the sessions' output folders) whose newest file
    arrived more than `ttl_s` ago."""
    now = time.time()
    if not upload_dir.is_dir():
        return []
    folders = [d for d in upload_dir.iterdir() if d.is_dir() and not d.name.startswith(SESSION_PREFIX)]
    return [d for d in folders if now - max((f.stat().st_ctime for f in d.rglob("*")), default=0.0) > ttl_s]


def _rows(table) -> list[list]:
    return [list(r) for r in (table.values.tolist() if hasattr(table, "values") else table or [])]


def _user(text: str) -> MixBuddyError:
    return MixBuddyError(text)
