"""Same-checkpoint controls: does a trained model answer from what it must hear, or from a shortcut?

    python -m mixbuddy_pl.controls --ckpt_path RUN/checkpoints/last.ckpt --config ... [any test options]

Tests the checkpoint as configured and under its variant's controls (`data.variant`), and prints direction,
stem+direction and category accuracy, `no_error` recall, chance and majority side by side, with what a model
that has the skill must do under each control (`SKILLED`):

- anchor: the anchor silenced (`data.control target_only`); both clips -10/+10 dB (`data.level_offset_db`).
- differential: the reference B silenced (`target_only`); A and B swapped (`swapped`, scored against the reversed
  answer); B twice (`same`, the answer is "no changes"); both mixes -10/+10 dB.
- no_anchor: every audio silenced (`blind`); the whole mix -10/+10 dB; stem+direction (the variant must find the
  flawed stem itself) next to its chance.

Test levels are drawn 10 dB inside the training range (`data.eval_level_jitter_db`), so both shifts stay within
levels the model was trained on. Then the closed loop (`closed_loop`): the model's advice followed and asked
again, beside a perfect advisor and the relative loudness rule. The as-configured test logs as `test` does (its
logger); each other control's predictions go to `<run>/controls/<control>/predictions/test-epoch0.jsonl`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from lightning.pytorch.cli import LightningCLI

from mixbuddy_pl import closed_loop
from mixbuddy_pl.cli import build_cli
from mixbuddy_pl.data.datamodule import CONTROLS, SHIFTS
from mixbuddy_pl.errors import exit_on_user_error

SKILLED: dict[str, str] = {
    "as_configured": "direction well above chance and majority",
    "target_only": "direction near chance: without the anchor / reference the comparison is impossible",
    "swapped": "direction within 0.05 of as_configured, scored against the reversed answers",
    "same": "category_acc/no_error near 1: A = B means no changes",
    "blind": "direction and stem+direction near chance: only the text is left",
    **{name: "direction within 0.05 of as_configured: relative level is unchanged" for name in SHIFTS},
}
"""What a model that has the skill does under each control (printed beside its row)."""
METRICS = ("direction_acc", "stem_direction_acc", "category_acc", "category_acc/no_error", "chance_direction_acc",
           "majority_direction_acc", "chance_stem_direction_acc", "chance_category_acc",
           "lik/direction_acc", "lik/category_acc", "lik/ece")
"""The columns of the table and the JSON, each logged by `test` as `test/<metric>`: the generated answers'
accuracy, chance and majority, and the answer-set likelihood's accuracy and ECE (models only; nan otherwise)."""


def control_scores(args: list[str], ckpt_path: str | Path) -> dict[str, dict[str, float]]:
    """Test metrics of the checkpoint under every control; `args` are CLI options without the subcommand."""
    run = Path(ckpt_path).resolve().parent.parent
    cli = build_cli(args, run=False)
    scores = {"as_configured": _test(cli, ckpt_path)}
    for name, extra in CONTROLS[cli.datamodule.variant].items():
        extra = [*extra, "--trainer.logger", "false", "--trainer.default_root_dir", str(run / "controls" / name)]
        scores[name] = _test(build_cli([*args, *extra], run=False), ckpt_path)
    return scores


def _test(cli: LightningCLI, ckpt_path: str | Path) -> dict[str, float]:
    """The METRICS of one `test` of the checkpoint with the CLI's model and data."""
    (result,) = cli.trainer.test(cli.model, datamodule=cli.datamodule, ckpt_path=str(ckpt_path), verbose=False)
    return {m: float(result.get(f"test/{m}", float("nan"))) for m in METRICS}


def table(scores: dict[str, dict[str, float]]) -> str:
    """A plain-text table: one row per control, with what a skilled model does under it."""
    widths = {m: max(len(m), 5) + 2 for m in METRICS}
    head = f"{'control':<15}" + "".join(f"{m:>{widths[m]}}" for m in METRICS) + "  a model with the skill"
    rows = [f"{name:<15}" + "".join(f"{values[m]:>{widths[m]}.3f}" for m in METRICS) + f"  {SKILLED.get(name, '')}"
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
