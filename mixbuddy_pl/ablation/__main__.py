"""Ablation studies, as SLURM array jobs or on this machine; both run each task with the `task` subcommand.

  python -m mixbuddy_pl.ablation plan ablations/variants.yaml [--out logs] [--dry-run] [--set slurm.partition=gpu]
  python -m mixbuddy_pl.ablation submit logs/variants      # sbatch logs/variants/array.sbatch
  python -m mixbuddy_pl.ablation run logs/variants [--parallel 2]   # or: here, one GPU each (Ctrl-C, run again)
  python -m mixbuddy_pl.ablation status logs/variants      # finished / failed (log tail) / running / pending
  python -m mixbuddy_pl.ablation collect logs/variants     # results.csv/.md/.png (+ breakdown.csv/.png)
  tensorboard --logdir logs/variants                    # tab "Custom Scalars": each metric across the runs
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from mixbuddy_pl.ablation import slurm
from mixbuddy_pl.ablation.plan import plan, run_line
from mixbuddy_pl.ablation.study import load_study, plan_runs, read_runs
from mixbuddy_pl.errors import exit_on_user_error


def _print_status(study_dir: Path) -> None:
    statuses = slurm.status(study_dir, read_runs(study_dir))
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.state] = counts.get(s.state, 0) + 1
    print(f"{study_dir}: " + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    for s in statuses:
        print(f"  {s.run.index:>4}  {s.run.name:<40} {s.state}" + (f" ({s.detail})" if s.state != "failed" and s.detail
                                                                  else ""))
        if s.state == "failed" and s.detail:
            print("        " + s.detail.replace("\n", "\n        "))


def build_parser() -> argparse.ArgumentParser:
    """The subcommands plan, submit, run, status, collect and task, with their options."""
    p = argparse.ArgumentParser(prog="python -m mixbuddy_pl.ablation", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    plan_p = sub.add_parser("plan", help="write runs.tsv and array.sbatch for a study file")
    plan_p.add_argument("study", help="a study file, e.g. ablations/variants.yaml")
    plan_p.add_argument("--out", default="logs", help="parent of the study folder (default: logs)")
    plan_p.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                        help="override a study value: slurm.partition=gpu, slurm.gpus_per_node=4, seeds=[0,1], "
                             "overrides.trainer.max_epochs=1 (repeatable)")
    plan_p.add_argument("--python", default="python", help="interpreter the tasks run (default: python)")
    plan_p.add_argument("--dry-run", action="store_true", help="print the run list and the script, write nothing")
    plan_p.add_argument("--fitcheck", action="store_true",
                        help="also print each run's GPU memory estimate (python -m mixbuddy_pl.fitcheck)")
    for name, text in (("submit", "sbatch the study's array script"), ("status", "where each run stands")):
        sub.add_parser(name, help=text).add_argument("study_dir", help="e.g. logs/variants")
    collect_p = sub.add_parser("collect", help="results.csv / results.md / results.png with bootstrap CIs")
    collect_p.add_argument("study_dir", help="e.g. logs/variants")
    collect_p.add_argument("--bootstrap", type=int, default=2000, help="bootstrap resamples (default: 2000)")
    collect_p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    run_p = sub.add_parser("run", help="run the study's unfinished tasks on this machine")
    run_p.add_argument("study_dir", help="e.g. logs/variants")
    run_p.add_argument("--parallel", type=int, default=1, help="tasks at once (default 1); one GPU each if any")
    task_p = sub.add_parser("task", help="run one task: fit (resumed) -> test on the best checkpoint "
                                         "(what array.sbatch and `run` call)")
    task_p.add_argument("study_dir")
    task_p.add_argument("index", type=int, help="the run's index in runs.tsv ($SLURM_ARRAY_TASK_ID)")
    task_p.add_argument("--launcher", default="", help="prefix of each step, e.g. srun")
    return p


def main(argv: list[str] | None = None) -> None:
    """Run one subcommand; configuration errors print one line and exit with status 2."""
    args = build_parser().parse_args(argv)
    with exit_on_user_error("mixbuddy_pl.ablation"):
        if args.command == "plan":
            result = plan(args.study, args.out, args.sets, args.python, args.dry_run)
            if args.dry_run:
                print(f"# {result.study_dir}/runs.tsv\n{result.tsv}\n# {result.study_dir}/array.sbatch\n{result.script}")
            else:
                print(f"{len(result.tsv.splitlines()) - 1} runs: {result.study_dir}/runs.tsv, "
                      f"{result.study_dir}/array.sbatch")
            if args.fitcheck:
                for run in plan_runs(load_study(args.study, args.sets), str(result.study_dir)):
                    print(run_line(run.name, run.args))
        elif args.command == "submit":
            print(slurm.submit(Path(args.study_dir)))
        elif args.command == "status":
            _print_status(Path(args.study_dir))
        elif args.command == "collect":
            from mixbuddy_pl.ablation.collect import collect

            study_dir = Path(args.study_dir)
            rows = collect(study_dir, read_runs(study_dir), args.bootstrap, args.seed)
            missing = [r["name"] for r in rows if r["level"] == "run" and r["status"] != "ok"]
            extra = ", breakdown.csv, breakdown.png" if (study_dir / "breakdown.csv").is_file() else ""
            print(f"{study_dir}/results.csv, results.md, results.png{extra}" +
                  (f"; missing or unfinished: {', '.join(missing)}" if missing else ""))
        elif args.command == "run":
            from mixbuddy_pl.ablation.local import run_study

            sys.exit(run_study(Path(args.study_dir), args.parallel))
        else:
            from mixbuddy_pl.ablation.task import run_task

            sys.exit(run_task(Path(args.study_dir), args.index, shlex.split(args.launcher)))


if __name__ == "__main__":
    main()
