"""Record the parser's figures on both corpora: `python -m tests.unit.measure_corpora before|after`.

Writes one stage of docs/results/parser_corpora.json and leaves the other stage as it was; the held-out corpus
is measured once per stage and never tuned on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.unit.advice_corpus import CORPUS
from tests.unit.advice_corpus_heldout import HELDOUT
from tests.unit.advice_grading import summary

RESULT = Path(__file__).resolve().parents[2] / "docs" / "results" / "parser_corpora.json"


def main(stage: str) -> None:
    """Measure both corpora and store them under `stage`, with the commit the parser came from."""
    if stage not in ("before", "after"):
        sys.exit(f"stage {stage!r}: write `before` or `after`")
    data = json.loads(RESULT.read_text()) if RESULT.exists() else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    data[stage] = {"commit": commit, "first": summary(CORPUS), "heldout": summary(HELDOUT)}
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(data, indent=1) + "\n")
    for name in ("first", "heldout"):
        s = data[stage][name]
        print(f"{stage} {name}: n={s['n']} exact={s['exact']} inexact={s['inexact']} refused={s['refused']} "
              f"wrong={s['wrong']}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
