"""The closed loop in the page: ask the model again on B, the mix with the song's advice applied.

The stems of the upload, summed as the rebalanced mix sums them (`session.read_session`), each scaled by its
advised gain, are written as one file per stem (`<stem>.wav`, silent ones included: a stem folder the data reads
without a stem map) and advised on exactly as the upload was (`advise.SongAdvisor.predict`). The page shows the
new song advice with its confidence, and per stem the first pass moved whether the model now leaves it alone: the
question `closed_loop` asks on the test split, here on the user's song.
"""

from __future__ import annotations

import json
from pathlib import Path

import gradio as gr
import numpy as np
import soundfile as sf

from mixbuddy_pl import audio
from mixbuddy_pl.demo.advise import Report, SongAdvice, SongAdvisor
from mixbuddy_pl.errors import MixBuddyError

SECOND = "second_pass"
"""The work folder's sub-folder of the second pass (its song folder, cache and predictions)."""


def write_rebalanced(summed: dict[str, np.ndarray], rate: int, gains_db: dict[str, float], song: Path) -> Path:
    """Each stem ({stem: [2, samples]}) times its gain as `<song>/<stem>.wav` (32-bit float); returns `song`."""
    song.mkdir(parents=True, exist_ok=True)
    for stem, x in summed.items():
        gained = x * np.float32(audio.db_to_amplitude(gains_db.get(stem, 0.0)))
        sf.write(song / f"{stem}.wav", gained.T, rate, subtype="FLOAT")
    return song


def verdict(first: dict[str, float], second: SongAdvice) -> list[str]:
    """Per stem the first pass moved: whether the second pass leaves it alone (the advice fixed it) or not."""
    out = []
    for stem, gain in first.items():
        if gain == 0:
            continue
        again = second.gains_db.get(stem)
        if again == 0:
            out.append(f"{stem}: balanced now (the model leaves it alone on B)")
        elif stem in second.withheld_db:
            out.append(f"{stem}: the model is not sure on B")
        elif again is None:
            out.append(f"{stem}: no readable advice on B")
        else:
            out.append(f"{stem}: still off by the model's ear ({again:+g} dB more on B)")
    return out


def ask_on(advisor: SongAdvisor, summed: dict[str, np.ndarray], rate: int, gains_db: dict[str, float],
           anchor: str | None, workdir: Path, report: Report, name: str = "song") -> SongAdvice:
    """The advice on B made of the summed stems ({stem: [2, samples]} at `rate`) with `gains_db` applied."""
    again = write_rebalanced(summed, rate, gains_db, workdir / SECOND / "songs" / name)
    return advisor.predict(again.parent, anchor, workdir / SECOND, report)[0]


def markdown(first: dict[str, float], second: SongAdvice | None) -> str:
    """The second pass on the page: the new song advice (with confidence) and the verdict per moved stem (`second`
    None: the first pass moved nothing, so there was nothing to ask)."""
    if second is None or not any(first.values()):
        return "The first pass changed nothing, so B is the original mix: there is nothing to check."
    return ("**Second pass, on B (the advice applied):**\n" + "\n".join(f"- {line}" for line in second.lines())
            + "\n\n" + "\n".join(f"- {line}" for line in verdict(first, second)))


def attach(page, work, guard, concurrency_id: str) -> None:
    """The page's "Ask again on B" button and its answer (placed where this is called, inside `page.build`, after
    the A/B players): `page` the demo Page (its advisor, status, song advice and B player), `work` the upload's
    folder state, `guard` its error wrapper, `concurrency_id` the limit it shares with the page's heavy events.
    New advice clears the answer."""

    with gr.Row():
        button = gr.Button("Ask again on B (the advice applied)", elem_id="ask-again")
        answer = gr.Markdown(elem_id="second-pass")

    @guard
    def run(current: str | None, request: gr.Request, progress=gr.Progress()) -> dict:
        session = page.session(current, request.session_hash or "")  # this tab's upload, or a message
        if not (session.out / "advice.json").is_file():
            raise MixBuddyError("get advice first: the second pass listens to the mix with that advice applied.")
        first = json.loads((session.out / "advice.json").read_text())
        gains, second = first["song_gains_db"], None
        if any(gains.values()):  # B differs from A: ask the model on it
            second = ask_on(page.advisor, session.summed(page.advisor.stems), session.rate, gains, first["anchor"],
                            session.work, lambda done, total: progress((done, total), desc="Listening to B"))
        return {page.status: "Second pass done: the model's advice on B is below the A/B players.",
                answer: markdown(gains, second)}

    button.click(run, inputs=[work], outputs=[page.status, answer], concurrency_id=concurrency_id)
    for fresh in (page.song_advice, page.rebalanced):  # new advice: the last second pass no longer applies
        fresh.change(lambda: "", outputs=answer)
