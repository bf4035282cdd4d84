"""The prediction record: one JSON line per answered example in `<run>/predictions/<stage>-epoch<N>.jsonl`.

A row holds the example (`Example.to_json()`: variant, song, start_s, duration_s, anchor, targets, prompt,
response, and any data meta) plus `generated` (the answer text), `parsed` (`dataclasses.asdict(Advice)` or
null when the parser refused) and `refusal` (its reason, or null). `predict` rows carry song, start_s, anchor, prompt, generated and parsed
only: they have no ground truth.

The *content key* of an example is (song, chunk start, nominal target stem, its category): the same example in
every run whose data draws it, and the pairing unit of paired tests. Its *content* (`example_content`: the
anchor, each target's applied gain, the common level, and the data seed where the row records one) is what a
paired test checks on every pair: two arms that drew a different gain or anchor for the same key did not answer
the same question. Scores come from the row's `targets` and
`parsed` through `metrics.example_states`, never from re-parsing the reference text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from mixbuddy_pl.advice.labels import Advice, StemAdvice
from mixbuddy_pl.errors import DataError
from mixbuddy_pl.scoring.metrics import example_states

Key = tuple[str, float, str | None, str | None]


def example_key(row: dict) -> Key:
    """(song, start_s, target, category) of a row (target and category None for `predict` rows)."""
    first = row["targets"][0] if row.get("targets") else {}
    return row["song"], float(row["start_s"]), first.get("stem"), first.get("category")


def example_content(row: dict) -> tuple:
    """What the example played beyond its key: (anchor, ((stem, category, applied gain) per target), common
    level dB, data seed); a different data seed shows up as different drawn gains even where it is not recorded."""
    targets = tuple((t.get("stem"), t.get("category"), t.get("applied_gain_db")) for t in row.get("targets") or ())
    return row.get("anchor"), targets, row.get("level_db"), row.get("data_seed")


def song_of(key: tuple) -> str:
    """The cluster a key belongs to for song-level statistics."""
    return key[0]


def predicted(row: dict) -> Advice | None:
    """The row's parsed answer (None: unparseable or refused; `refusal` holds the parser's reason)."""
    parsed = row.get("parsed")
    return None if parsed is None else Advice(tuple(StemAdvice(**c) for c in parsed["changes"]))


def score(row: dict) -> dict[str, float]:
    """The row's summable metric states (see `metrics.example_states`)."""
    return example_states(predicted(row), row["targets"])


def read_rows(path: Path, *, need_targets: bool = False) -> list[dict]:
    """The rows of a predictions JSONL; with `need_targets`, rows without ground truth are a clear error."""
    if not path.is_file():
        raise DataError(f"no predictions file '{path}'")
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if need_targets and any("targets" not in row for row in rows):
        raise DataError(f"{path}: rows without `targets` (predict output?); use validation or test predictions, "
                        "which know what was wrong")
    return rows


def write_rows(path: Path, rows: Iterable[dict]) -> None:
    """Rows as JSONL (the folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
