"""Record the parser's figures on the corpora: `python -m tests.unit.measure_corpora STAGE`.

Round 1 (`before`, `after`) measured the first corpus and the first held-out corpus (now a tuning set);
round 2 (`round2-before`, `round2-after`) measured those two and the second held-out corpus, measured once per
stage and never tuned on in that round. Round 3 tunes on all three (`round3-after`: first, tuning, tuning2 = round
2's held-out corpus); its held-out corpus, `tests/unit/advice_corpus_heldout3.py` (defining `HELDOUT3`), is written
blind elsewhere and measured once by `heldout3`, which imports it only when that stage is asked for.
Round 4 tunes on all four (`round4-after`: round 3's held-out corpus becomes `tuning3`); its held-out corpus,
`tests/unit/advice_corpus_heldout4.py` (defining `HELDOUT4`), written blind, is measured once on the round-3 parser
(`round4-before`) and once after round 4 (`heldout4`). Round 5 likewise: `tuning4`, then `heldout5` measured by
`round5-before` and `heldout5`. Round 6 (closed-vocabulary acceptance) tunes on all six (`round6-after`: round 5's
held-out corpus becomes `tuning5`); its blind corpus, `tests/unit/advice_corpus_heldout6.py` (defining `HELDOUT6`), is
measured once on the round-5 parser (`round6-before`) and once after round 6 (`heldout6`). Round 7 (split phrasal
verbs, structural stress set) tunes on all seven (`round7-after`: round 6's blind corpus becomes `tuning6`); its blind
corpus, `tests/unit/advice_corpus_heldout7.py` (defining `HELDOUT7`), is measured on the round-6 parser
(`round7-before`) and after round 7 (`heldout7`). Round 7b (hand-written structures) came after that measurement;
a further blind corpus, `tests/unit/advice_corpus_heldout8.py` (defining `HELDOUT8`), is measured once on the shipped
round-7b parser (`heldout8`). Round 8 tunes on all nine (`round8-after`: heldout7 and heldout8 become `tuning7` and
`tuning8`); its blind corpus, `tests/unit/advice_corpus_heldout9.py` (defining `HELDOUT9`), is measured once on the
round-7d parser (`round8-before`) and once after round 8 (`heldout9`); round 8b fixes four classes read off its flips
(`round8b-after`, heldout9 as `tuning9`). Round 9 tunes on all ten (`round9-after`); its blind corpus,
`tests/unit/advice_corpus_heldout10.py` (defining `HELDOUT10`), is measured once on the round-8b parser
(`round9-before`) and once after round 9 (`heldout10`). Round 10 tunes on all eleven (`round10-after`, heldout10 as
`tuning10`); its blind corpus, `tests/unit/advice_corpus_heldout11.py` (defining `HELDOUT11`), is measured once on the
round-9 parser (`round10-before`) and once after round 10 (`heldout11`).
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


def _held_out(round_: int) -> tuple[tuple[str, str], ...]:
    """Round N's held-out corpus, imported only when a stage measures it (it is measured once per stage)."""
    module, name = f"tests.unit.advice_corpus_heldout{round_}", f"HELDOUT{round_}"
    try:
        return getattr(importlib.import_module(module), name)
    except (ModuleNotFoundError, AttributeError) as error:
        sys.exit(f"{module.replace('.', '/')}.py defining {name} is needed ({error}); add it to this checkout, "
                 "then rerun")


def _heldout3() -> Corpora:
    return {**_round3(), "heldout3": _held_out(3)}


def _round4() -> Corpora:
    return {**_round3(), "tuning3": _held_out(3)}


def _heldout4() -> Corpora:
    return {**_round4(), "heldout4": _held_out(4)}


def _round5() -> Corpora:
    return {**_round4(), "tuning4": _held_out(4)}


def _heldout5() -> Corpora:
    return {**_round5(), "heldout5": _held_out(5)}


def _round6() -> Corpora:
    return {**_round5(), "tuning5": _held_out(5)}


def _heldout6() -> Corpora:
    return {**_round6(), "heldout6": _held_out(6)}


def _round7() -> Corpora:
    return {**_round6(), "tuning6": _held_out(6)}


def _heldout7() -> Corpora:
    return {**_round7(), "heldout7": _held_out(7)}


def _heldout8() -> Corpora:
    return {**_round7(), "heldout8": _held_out(8)}


def _round8() -> Corpora:
    return {**_round7(), "tuning7": _held_out(7), "tuning8": _held_out(8)}


def _heldout9() -> Corpora:
    return {**_round8(), "heldout9": _held_out(9)}


def _round8b() -> Corpora:
    return {**_round8(), "tuning9": _held_out(9)}


def _heldout10() -> Corpora:
    return {**_round8b(), "heldout10": _held_out(10)}


def _round10() -> Corpora:
    return {**_round8b(), "tuning10": _held_out(10)}


def _heldout11() -> Corpora:
    return {**_round10(), "heldout11": _held_out(11)}


STAGES: dict[str, Callable[[], Corpora]] = {
    "before": _round1, "after": _round1, "round2-before": _round2, "round2-after": _round2,
    "round3-after": _round3, "heldout3": _heldout3,
    "round4-after": _round4, "round4-before": _heldout4, "heldout4": _heldout4,
    "round5-after": _round5, "round5-before": _heldout5, "heldout5": _heldout5,
    "round6-after": _round6, "round6-before": _heldout6, "heldout6": _heldout6,
    "round7-after": _round7, "round7-before": _heldout7, "heldout7": _heldout7, "heldout8": _heldout8,
    "round8-after": _round8, "round8-before": _heldout9, "heldout9": _heldout9, "round8b-after": _round8b,
    "round9-after": _round8b, "round9-before": _heldout10, "heldout10": _heldout10,
    "round10-after": _round10, "round10-before": _heldout11, "heldout11": _heldout11,
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
