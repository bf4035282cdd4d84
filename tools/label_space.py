"""`python -m tools.label_space RUN OUT`: what a checkpoint hears across the whole label space, from its files.

Reads RUN/predictions/test-epoch0.jsonl (the as-configured test) and RUN/controls.json (`python -m
mixbuddy_pl.controls --json`) and writes OUT.json and OUT.md: accuracy per category and per target stem, the
confusion matrix (true category of the target x the category the answer gives it, as `AdviceAccuracy` counts it for
TensorBoard) and the controls beside chance. Everything is scored by `scoring.metrics`, so a reviewer recomputes the
figures from the prediction file alone.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mixbuddy_pl.advice.labels import CATEGORIES
from mixbuddy_pl.scoring.metrics import AdviceAccuracy
from mixbuddy_pl.scoring.records import predicted, read_rows

CONTROL_METRICS = ("direction_acc", "category_acc", "category_acc/no_error", "chance_direction_acc",
                   "chance_category_acc")


def label_space(run: Path) -> dict:
    """Per-category and per-stem accuracy, the confusion matrix and the controls of the checkpoint in `run`."""
    rows = read_rows(run / "predictions" / "test-epoch0.jsonl", need_targets=True)
    stems = sorted({t["stem"] for row in rows for t in row["targets"]})
    metric = AdviceAccuracy(stems=stems)
    metric.update([predicted(row) for row in rows], [row["targets"] for row in rows])
    scores = {k: float(v) for k, v in metric.compute().items()}
    confusion = metric.confusion.int().tolist()
    controls = json.loads((run / "controls.json").read_text())
    return {
        "examples": len(rows), "songs": len({row["song"] for row in rows}),
        "by_category": {c: {"n": sum(confusion[i]), "category_acc": scores.get(f"category_acc/{c}")}
                        for i, c in enumerate(CATEGORIES)},
        "by_stem": {s: {"stem_direction_acc": scores.get(f"stem_direction_acc/{s}")} for s in stems},
        "confusion": {"rows": list(CATEGORIES), "columns": [*CATEGORIES, "unparsed"], "counts": confusion},
        "controls": {name: {m: values.get(m) for m in CONTROL_METRICS}
                     for name, values in controls.items() if isinstance(values, dict) and "direction_acc" in values},
    }


def markdown(result: dict) -> str:
    """The confusion matrix with each category's accuracy, then the controls, as markdown tables."""
    columns = result["confusion"]["columns"]
    lines = ["| true category (n) | " + " | ".join(f"said {c}" for c in columns) + " | category_acc |",
             "|---|" + "---|" * (len(columns) + 1)]
    for category, counts in zip(result["confusion"]["rows"], result["confusion"]["counts"]):
        row = result["by_category"][category]
        lines.append(f"| {category} ({row['n']}) | " + " | ".join(map(str, counts)) + f" | {row['category_acc']:.3f} |")
    lines += ["", "| control | " + " | ".join(CONTROL_METRICS) + " |", "|---|" + "---|" * len(CONTROL_METRICS)]
    for name, values in result["controls"].items():
        lines.append(f"| {name} | " + " | ".join(f"{values[m]:.3f}" for m in CONTROL_METRICS) + " |")
    lines += ["", "| target stem | " + " | ".join(result["by_stem"]) + " |", "|---|" + "---|" * len(result["by_stem"]),
              "| stem_direction_acc | " + " | ".join(f"{v['stem_direction_acc']:.3f}" for v in result["by_stem"].values())
              + " |"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="the run folder (version_N) holding predictions/ and controls.json")
    parser.add_argument("out", type=Path, help="output path without suffix: OUT.json and OUT.md are written")
    args = parser.parse_args(argv)
    result = label_space(args.run)
    args.out.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n")
    args.out.with_suffix(".md").write_text(f"<!-- python -m tools.label_space on {args.run.name}: "
                                           f"{result['examples']} test examples from {result['songs']} songs -->\n\n"
                                           + markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
