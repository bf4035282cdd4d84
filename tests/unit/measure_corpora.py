"""Record the parser's figures on the corpora: `python -m tests.unit.measure_corpora STAGE`.

Round 1 (`before`, `after`) measured the first corpus and the first held-out corpus (now a tuning set);
round 2 (`round2-before`, `round2-after`) measures those two and the second held-out corpus, which is measured
once per stage and never tuned on. Writes one stage of docs/results/parser_corpora.json, leaving the others.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.unit.advice_corpus import CORPUS
from tests.unit.advice_corpus_heldout import HELDOUT
from tests.unit.advice_corpus_heldout2 import HELDOUT2
from tests.unit.advice_grading import summary

RESULT = Path(__file__).resolve().parents[2] / "docs" / "results" / "parser_corpora.json"
ROUND1 = {"first": CORPUS, "heldout": HELDOUT}
ROUND2 = {"first": CORPUS, "tuning": HELDOUT, "heldout2": HELDOUT2}
STAGES = {"before": ROUND1, "after": ROUND1, "round2-before": ROUND2, "round2-after": ROUND2}


def main(stage: str) -> None:
    """Measure the stage's corpora and store them under `stage`, with the commit the parser came from."""
    if stage not in STAGES:
        sys.exit(f"stage {stage!r}: write one of {', '.join(STAGES)}")
    data = json.loads(RESULT.read_text()) if RESULT.exists() else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    data[stage] = {"commit": commit, **{name: summary(corpus) for name, corpus in STAGES[stage].items()}}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(data, indent=1) + "\n")
    for name in STAGES[stage]:
        s = data[stage][name]
        print(f"{stage} {name}: n={s['n']} exact={s['exact']} ({s['exact_share']:.1%}) inexact={s['inexact']} "
              f"refused={s['refused']} wrong={s['wrong']}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
