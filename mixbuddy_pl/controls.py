"""Same-checkpoint controls: does a trained model answer from the anchor and relative level, or from a shortcut?

    python -m mixbuddy_pl.controls --ckpt_path RUN/checkpoints/last.ckpt --config ... [any test options]

Tests the checkpoint as configured, with the anchor silenced (`data.control target_only`) and with both clips
shifted by -10 and +10 dB (`data.level_offset_db`), and prints direction/category accuracy, `no_error` recall
and chance side by side. A model of relative level drops to near chance without the anchor and moves little
under a common level shift; a result that survives silencing the anchor or shifting the level is a shortcut.
Test levels are drawn 10 dB inside the training range (`data.eval_level_jitter_db`), so both shifts stay within
levels the model was trained on. Then the closed loop (`closed_loop`): the model's advice followed and asked
again, beside a perfect advisor and the relative loudness rule. The as-configured test logs as `test` does (its
logger); each other control's predictions go to `<run>/controls/<control>/predictions/test-epoch0.jsonl`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mixbuddy_pl import closed_loop
from mixbuddy_pl.cli import build_cli
from mixbuddy_pl.data.datamodule import SHIFT_CHECK_DB
from mixbuddy_pl.errors import exit_on_user_error

CONTROLS: dict[str, list[str]] = {
    "as_configured": [],
    "target_only": ["--data.control", "target_only"],
    f"level_-{SHIFT_CHECK_DB:g}dB": ["--data.level_offset_db", f"{-SHIFT_CHECK_DB:g}"],
    f"level_+{SHIFT_CHECK_DB:g}dB": ["--data.level_offset_db", f"{SHIFT_CHECK_DB:g}"],
}
METRICS = ("direction_acc", "category_acc", "category_acc/no_error", "chance_direction_acc", "chance_category_acc",
           "lik/direction_acc", "lik/category_acc", "lik/ece")
"""Generated answers' accuracy, chance, and the answer-set likelihood's accuracy and ECE (models only)."""


def control_scores(args: list[str], ckpt_path: str | Path) -> dict[str, dict[str, float]]:
    """Test metrics of the checkpoint under every control; `args` are CLI options without the subcommand."""
    run = Path(ckpt_path).resolve().parent.parent
    scores = {}
    for name, extra in CONTROLS.items():
        if extra:
            extra = [*extra, "--trainer.logger", "false", "--trainer.default_root_dir", str(run / "controls" / name)]
        cli = build_cli([*args, *extra], run=False)
        (result,) = cli.trainer.test(cli.model, datamodule=cli.datamodule, ckpt_path=str(ckpt_path), verbose=False)
        scores[name] = {m: float(result.get(f"test/{m}", float("nan"))) for m in METRICS}
    return scores


def table(scores: dict[str, dict[str, float]]) -> str:
    """A plain-text table: one row per control."""
    head = f"{'control':<15}" + "".join(f"{m:>{len(m) + 2}}" for m in METRICS)
    rows = [f"{name:<15}" + "".join(f"{values[m]:>{len(m) + 2}.3f}" for m in METRICS)
            for name, values in scores.items()]
    return "\n".join([head, *rows])


def build_parser() -> argparse.ArgumentParser:
    """`--ckpt_path` and `--json`; every other argument goes to the test CLI (`--config ...`, `--data.* ...`)."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.controls", description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt_path", required=True, help="the checkpoint to test")
    parser.add_argument("--json", help="also write the scores to this JSON file")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Test the checkpoint under each control and print the table; errors print one line and exit with status 2."""
    known, rest = build_parser().parse_known_args(argv)
    with exit_on_user_error("mixbuddy_pl.controls"):
        scores = control_scores(rest, known.ckpt_path)
        loop = closed_loop.loop_scores(rest, known.ckpt_path)
    print(table(scores))
    print(closed_loop.table(loop))
    if known.json:
        Path(known.json).write_text(json.dumps({**scores, "closed_loop": loop}, indent=1) + "\n")


if __name__ == "__main__":
    main()
