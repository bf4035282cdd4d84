"""Record the parser's figures on the corpora: `python -m tests.unit.measure_corpora STAGE`.

Round 1 (`before`, `after`) measured the first corpus and the first held-out corpus (now a tuning set);
round 2 (`round2-before`, `round2-after`) measured those two and the second held-out corpus, measured once per
stage and never tuned on in that round. Round 3 tunes on all three (`round3-after`: first, tuning, tuning2 = round
2's held-out corpus); its held-out corpus, `tests/unit/advice_corpus_heldout3.py` (defining `HELDOUT3`), is written
blind elsewhere and measured once by `heldout3`, which imports it only when that stage is asked for.
Writes one stage of docs/results/parser_corpora.json, leaving the others.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.unit.advice_corpus import CORPUS
from tests.unit.advice_corpus_heldout import HELDOUT
from tests.unit.advice_corpus_heldout2 import HELDOUT2
from tests.unit.advice_grading import summary

RESULT = Path(__file__).resolve().parents[2] / "docs" / "results" / "parser_corpora.json"
Corpora = dict[str, tuple[tuple[str, str], ...]]


def _round1() -> Corpora:
    return {"first": CORPUS, "heldout": HELDOUT}


def _round2() -> Corpora:
    return {"first": CORPUS, "tuning": HELDOUT, "heldout2": HELDOUT2}


def _round3() -> Corpora:
    return {"first": CORPUS, "tuning": HELDOUT, "tuning2": HELDOUT2}


def _heldout3() -> Corpora:
    """Round 3's tuning corpora and its held-out corpus, imported only here (it is measured once)."""
    try:
        heldout3 = importlib.import_module("tests.unit.advice_corpus_heldout3").HELDOUT3
    except (ModuleNotFoundError, AttributeError) as error:
        sys.exit(f"stage 'heldout3': tests/unit/advice_corpus_heldout3.py defining HELDOUT3 is needed ({error}); "
                 "add it to this checkout, then rerun")
    return {**_round3(), "heldout3": heldout3}


STAGES: dict[str, Callable[[], Corpora]] = {
    "before": _round1, "after": _round1, "round2-before": _round2, "round2-after": _round2,
    "round3-after": _round3, "heldout3": _heldout3,
}


def main(stage: str) -> None:
    """Measure the stage's corpora and store them under `stage`, with the commit the parser came from."""
    if stage not in STAGES:
        sys.exit(f"stage {stage!r}: write one of {', '.join(STAGES)}")
    corpora = STAGES[stage]()
    data = json.loads(RESULT.read_text()) if RESULT.exists() else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    data[stage] = {"commit": commit, **{name: summary(corpus) for name, corpus in corpora.items()}}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(data, indent=1) + "\n")
    for name in corpora:
        s = data[stage][name]
        print(f"{stage} {name}: n={s['n']} exact={s['exact']} ({s['exact_share']:.1%}) inexact={s['inexact']} "
              f"refused={s['refused']} wrong={s['wrong']}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
