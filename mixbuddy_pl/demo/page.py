"""The advice page (Gradio): upload a song's tracks, check the stem mapping, get advice, A/B the rebalanced mix.

Every handler answers with a message on the page, never a traceback: errors the user can fix (`MixBuddyError`)
say what to do; anything else is logged on the server and reported as an internal error. Each upload gets its
own folder under the page's work folder, removed when the next upload replaces it or the browser tab closes.
"""

from __future__ import annotations

import functools
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Callable

import gradio as gr
from gradio.data_classes import FileData
from gradio.utils import NamedString
import matplotlib
import numpy as np
import soundfile as sf
import yaml

from mixbuddy_pl.data.dataset import MixingDataset
from mixbuddy_pl.data.session import MAP_FILE, StemMap
from mixbuddy_pl.demo import second_pass
from mixbuddy_pl.demo.advise import SongAdvice, SongAdvisor, rebalance, relative_loudness
from mixbuddy_pl.demo.uploads import Limits, Track, intake
from mixbuddy_pl.errors import MixBuddyError

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402  (after choosing the headless backend)

log = logging.getLogger(__name__)
SONG = "song"
UPLOAD_MOVE_S = 5.0
GAP_S = 0.3  # silence between the clips of "what the model heard"
MAPPING_HEADERS = ["track", "stem", "why", "format"]
WINDOW_HEADERS = ["start (s)", "stem", "advice", "gain (dB)"]


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


class Page:
    """The page's state on the server: the advisor, the limits, and the work folder of every live upload."""

    def __init__(self, advisor: SongAdvisor, limits: Limits, workdir: Path, upload_dir: Path) -> None:
        self.advisor, self.limits, self.workdir, self.upload_dir = advisor, limits, workdir, upload_dir
        self.heard: dict[str, MixingDataset] = {}

    def discard(self, work: str | None) -> None:
        """Remove one upload's folder (and what the model heard from it)."""
        if work:
            self.heard.pop(work, None)
            shutil.rmtree(work, ignore_errors=True)

    def _drop_uploads(self, files: list[str]) -> None:
        """Delete Gradio's copies of the uploaded files (only those inside its upload folder)."""
        for name in files:
            path = Path(name).resolve()
            if self.upload_dir.resolve() not in path.parents:
                continue
            deadline = time.monotonic() + UPLOAD_MOVE_S  # Gradio moves a fresh upload in place after answering
            while not path.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            shutil.rmtree(path.parent, ignore_errors=True)

    def load(self, files: list[str] | None, previous: str | None) -> tuple[str, list, str | None]:
        """Copy and check the upload; the mapping table of its tracks."""
        self.discard(previous)
        if not files:
            return "", [], None
        work = Path(tempfile.mkdtemp(prefix="upload-", dir=self.workdir))
        try:
            tracks = intake(files, work / "songs" / SONG, self.limits)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        finally:
            self._drop_uploads(files)
        by_name = {t.name: t for t in tracks}
        table = [[a.track, a.stem, a.rule, _format(by_name[a.track])]
                 for a in StemMap().assign(list(by_name), self.advisor.stems)]
        silent = [t.name for t in tracks if t.silent]
        note = f" Silent, so they change nothing: {', '.join(silent)}." if silent else ""
        status = (f"{len(tracks)} tracks, mapped to the model's stems below. Correct the **stem** column if a track "
                  f"is in the wrong place, pick the anchor, then press **Get advice**.{note}")
        return status, table, str(work)

    def advise(self, table, anchor: str | None, work: str | None, progress: gr.Progress) -> dict:
        """Advice per window and for the song, the loudness plot, the A/B mixes and the downloads."""
        if not work or not Path(work).is_dir():
            raise _user("upload the tracks of a song first.")
        folder = Path(work) / "songs" / SONG
        rows = [list(r) for r in (table.values.tolist() if hasattr(table, "values") else table or [])]
        rules = {}
        for row in rows:
            track, stem = str(row[0]), str(row[1]).strip()
            if stem not in self.advisor.stems:
                raise _user(f"track {track!r}: stem {stem!r} is not one the model knows; use one of "
                            f"{', '.join(self.advisor.stems)}.")
            rules[track] = stem
        anchor = anchor if self.advisor.variant == "anchor" else None
        silent = {row[0] for row in rows if str(row[3]).endswith("silent")}
        if anchor is not None and not any(s == anchor and t not in silent for t, s in rules.items()):
            raise _user(f"no audible track is mapped to the anchor, {anchor}; map a track to {anchor} in the table "
                        "or pick another anchor.")
        (folder / MAP_FILE).write_text(yaml.safe_dump(rules, sort_keys=False))
        progress(0.0, desc="Reading the tracks")
        advice, dataset = self.advisor.predict(folder.parent, anchor, Path(work),
                                               lambda done, total: progress((done, total), desc="Listening"))
        self.heard[work] = dataset
        progress(1.0, desc="Rebalancing")
        return self._results(advice, dataset, StemMap(rules).assign(list(rules), self.advisor.stems), folder, work)

    def _results(self, advice: SongAdvice, dataset: MixingDataset, assignments, folder: Path, work: str) -> dict:
        out = Path(work) / "out"
        out.mkdir(exist_ok=True)
        original, rebalanced, rate = rebalance(assignments, folder, self.advisor.stems, advice.gains_db)
        sf.write(out / "original.wav", original, rate, subtype="PCM_16")
        sf.write(out / "rebalanced.wav", rebalanced, rate, subtype="PCM_16")
        (out / "advice.json").write_text(json.dumps(
            {**advice.to_json(), "mapping": {a.track: a.stem for a in assignments}}, indent=1))
        windows = [[w.start_s, w.stem, w.text, w.gain_db] for w in advice.windows]
        (out / "advice.txt").write_text("Song:\n" + "\n".join(advice.lines()) + "\n\nWindows:\n" + "".join(
            f"{w.start_s:g} s, {w.stem}: {w.text}\n" for w in advice.windows))
        times, curves = relative_loudness(dataset, advice.anchor)
        choices = [(f"{w.start_s:g} s - {w.stem}", i) for i, w in enumerate(advice.windows)]
        return {
            self.status: "Advice ready. Play the original and the rebalanced mix (the song advice applied) to compare.",
            self.song_advice: "\n".join(f"- {line}" for line in advice.lines()),
            self.windows: windows,
            self.plot: loudness_figure(times, curves, advice.anchor),
            self.heard_pick: gr.Dropdown(choices=choices, value=0 if choices else None),
            self.heard_audio: self.model_input(0, work),
            self.original: str(out / "original.wav"),
            self.rebalanced: str(out / "rebalanced.wav"),
            self.downloads: [str(out / n) for n in ("advice.txt", "advice.json", "rebalanced.wav")],
        }

    def model_input(self, item: int | None, work: str | None) -> tuple[int, np.ndarray] | None:
        """The audios of one window's question, exactly as the model heard them, one after the other."""
        dataset = self.heard.get(work or "")
        if dataset is None or item is None or not 0 <= int(item) < len(dataset):
            return None
        audios = dataset[(0, int(item))].audios
        gap = np.zeros(int(GAP_S * dataset.cache.sample_rate), dtype=np.float32)
        clip = np.concatenate([part for a in audios for part in (a, gap)][:-1])
        return dataset.cache.sample_rate, np.clip(clip, -1.0, 1.0)

    def build(self) -> gr.Blocks:
        """The Gradio page."""
        advisor = self.advisor
        with gr.Blocks(title="mixbuddy: gain-balancing advice", analytics_enabled=False,
                       delete_cache=(600, 3600)) as page:
            work = gr.State(None, delete_callback=self.discard, time_to_live=6 * 3600)
            gr.Markdown("# Gain-balancing advice on your multitrack\nUpload the tracks of one song (wav, flac, ogg, "
                        "or a zip of them), exactly as your DAW exported them. "
                        f"Up to {self.limits.max_tracks} tracks, {self.limits.max_bytes / 2**20:.0f} MiB and "
                        f"{self.limits.max_seconds / 60:g} minutes.")
            files = gr.File(label="Tracks or a zip", file_count="multiple", type="filepath", elem_id="upload")
            files._process_single_file = _path_only
            self.status = gr.Markdown(elem_id="status")
            mapping = gr.Dataframe(headers=MAPPING_HEADERS, interactive=True, type="array", label="Stem mapping "
                                   f"(stems: {', '.join(advisor.stems)})", elem_id="mapping")
            with gr.Row():
                anchor = gr.Dropdown(choices=list(advisor.stems), value=advisor.default_anchor, label="Anchor "
                                     "(the stem the others are judged against)", visible=advisor.variant == "anchor",
                                     elem_id="anchor")
                go = gr.Button("Get advice", variant="primary", elem_id="advise")
            self.song_advice = gr.Markdown(elem_id="song-advice")
            self.plot = gr.Plot(label="Loudness relative to the anchor, per window", elem_id="plot")
            self.windows = gr.Dataframe(headers=WINDOW_HEADERS, label="Advice per window", interactive=False,
                                        elem_id="windows")
            with gr.Row():
                self.original = gr.Audio(label="A: original mix", type="filepath", elem_id="original")
                self.rebalanced = gr.Audio(label="B: rebalanced (advice applied)", type="filepath",
                                           elem_id="rebalanced")
            second_pass.attach(self, work, _guarded(self.status), SONG)  # ask the model again on B
            with gr.Row():
                self.heard_pick = gr.Dropdown(label="What the model heard (window - stem)", choices=[],
                                              elem_id="heard-pick")
                self.heard_audio = gr.Audio(label="The question's audios, one after the other", type="numpy",
                                            elem_id="heard")
            self.downloads = gr.File(label="Downloads: advice (text, JSON) and the rebalanced mix",
                                     file_count="multiple", elem_id="downloads")

            guard = _guarded(self.status)
            files.upload(guard(lambda f, w: dict(zip((self.status, mapping, work), self.load(f, w)))),
                         inputs=[files, work], outputs=[self.status, mapping, work])
            outputs = [self.status, self.song_advice, self.windows, self.plot, self.heard_pick, self.heard_audio,
                       self.original, self.rebalanced, self.downloads]

            @guard
            def advise(table, chosen, current, progress=gr.Progress()):
                return self.advise(table, chosen, current, progress)

            go.click(advise, inputs=[mapping, anchor, work], outputs=outputs)
            self.heard_pick.change(self.model_input, inputs=[self.heard_pick, work], outputs=self.heard_audio)
        return page


def _user(text: str) -> MixBuddyError:
    return MixBuddyError(text)
