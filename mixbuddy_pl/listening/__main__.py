"""`python -m mixbuddy_pl.listening {export,analyze}`: build a listening-study folder, analyze its ratings."""

from __future__ import annotations

import argparse
from pathlib import Path

from mixbuddy_pl.errors import exit_on_user_error
from mixbuddy_pl.listening import analyze, export


def build_parser() -> argparse.ArgumentParser:
    """The subcommands export and analyze, with their options."""
    parser = argparse.ArgumentParser(prog="python -m mixbuddy_pl.listening", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("export", help="blinded rating page + audio + study.json from prediction files")
    ex.add_argument("--system", action="append", default=[], metavar="NAME=PREDICTIONS.jsonl", required=True,
                    help="a system's predictions (repeat for each system)")
    ex.add_argument("--audio-from", required=True, metavar="CONFIG",
                    help="the training config the predictions were made with (its `data:` regenerates the audio)")
    ex.add_argument("--config", action="append", default=[], help="overlay config(s) on top of --audio-from")
    ex.add_argument("--split", default="test", choices=["val", "test"], help="split the predictions are of")
    ex.add_argument("--n", type=int, default=12, help="number of scenarios")
    ex.add_argument("--seed", type=int, default=0, help="seeds the scenario draw and the per-scenario shuffles")
    ex.add_argument("--include-reference", action="store_true",
                    help=f"add the reference answer as a hidden system '{export.REFERENCE}'")
    ex.add_argument("--out", type=Path, required=True, help="study folder to write")

    an = commands.add_parser("analyze", help="system means, agreement and metric correlations from ratings")
    an.add_argument("ratings", nargs="+", type=Path, help="ratings files downloaded from the study page (JSON/CSV)")
    an.add_argument("--study", type=Path, required=True, help="the folder `study export` wrote")
    an.add_argument("--judge-scores", action="append", default=[], metavar="[SYSTEM=]FILE.jsonl",
                    help="per-example judge scores: `mixbuddy_pl.judge`'s <run>/judge/<stage>.scores.jsonl with the "
                         "run's SYSTEM=, or rows keyed by song, start_s, system[, targets]; repeatable")
    an.add_argument("--out", type=Path, default=None, help="output folder (default: the study folder)")
    an.add_argument("--n-boot", type=int, default=2000, help="bootstrap resamples")
    an.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    return parser


def run(argv: list[str] | None = None) -> None:
    """Run one subcommand and print where its outputs went."""
    cfg = build_parser().parse_args(argv)
    if cfg.command == "export":
        study = export.export(cfg.system, [cfg.audio_from, *cfg.config], cfg.out, cfg.n, cfg.seed, cfg.split,
                              cfg.include_reference)
        print(f"wrote {len(study['scenarios'])} scenarios x {len(study['systems'])} systems to {cfg.out} "
              f"(study {study['study_id']}); open {cfg.out / 'index.html'}; keep study.json from the raters")
    else:
        result = analyze.analyze(cfg.ratings, cfg.study, cfg.judge_scores, cfg.out, cfg.n_boot, cfg.seed)
        out = cfg.out or cfg.study
        print(f"{len(result['raters'])} raters, {result['ratings']} ratings: wrote {out / 'analysis.md'} and "
              f"{out / 'analysis.json'}")


def main(argv: list[str] | None = None) -> None:
    """Run; data and configuration errors print one line and exit with status 2."""
    with exit_on_user_error("mixbuddy_pl.listening"):
        run(argv)


if __name__ == "__main__":
    main()
