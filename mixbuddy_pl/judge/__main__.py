"""LLM-as-a-judge for prediction JSONL files: five 1-7 rubric scores per answer, or pairwise preferences.

  python -m mixbuddy_pl.judge score logs/.../predictions/test-epoch0.jsonl --model Qwen/Qwen2.5-72B-Instruct \\
      --base-url http://localhost:8000/v1                   # any OpenAI-compatible chat endpoint
  python -m mixbuddy_pl.judge score PRED.jsonl --backend transformers --model DIR   # a local causal LM (or `tiny`)
  python -m mixbuddy_pl.judge score PRED.jsonl --judge big=openai:MODEL --judge small=openai:llama3.1:8b
  python -m mixbuddy_pl.judge score PRED.jsonl --judges judges.yaml   # a YAML list of {name, backend, model,
                                                                      #   base_url, api_key_env}
  python -m mixbuddy_pl.judge compare A.jsonl B.jsonl --out judge-a-vs-b/

Scores go to `<run>/judge/<stage>.scores.jsonl` (one record per judge and example, failures included) and
`<run>/judge/<stage>.summary.json` (means with 95% bootstrap CIs, failure counts, agreement between judges),
which `python -m mixbuddy_pl.ablation collect` adds to its tables. `compare` asks every judge in both orders
and writes `pairwise.jsonl` and `pairwise.summary.json` under --out. Environment: MIXBUDDY_JUDGE_BASE_URL,
MIXBUDDY_JUDGE_MODEL, MIXBUDDY_JUDGE_API_KEY. Answers are cached under --cache-dir (default
`$MIXBUDDY_CACHE/judge`), so a rerun asks again only what timed out or failed to connect.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import yaml

from mixbuddy_pl.errors import ConfigError, exit_on_user_error
from mixbuddy_pl.judge.backends import make_backend
from mixbuddy_pl.judge.report import OVERALL, output_dir, pairwise_summary, score_summary, summary_path
from mixbuddy_pl.judge.runner import Cache, Judge, compare, match, score
from mixbuddy_pl.paths import cache_root
from mixbuddy_pl.scoring.records import read_rows
from mixbuddy_pl.scoring.stats import fmt_ci

SPEC_KEYS = {"name", "backend", "model", "base_url", "api_key_env"}


def build_parser() -> argparse.ArgumentParser:
    """`score` (rubric scores per answer) and `compare` (pairwise preferences), with the same judge options."""
    env = os.environ.get
    judges = argparse.ArgumentParser(add_help=False)
    judges.add_argument("--judge", action="append", default=[], metavar="NAME=BACKEND:MODEL",
                        help="a judge (repeatable), e.g. big=openai:Qwen/Qwen2.5-72B-Instruct or "
                             "tiny=transformers:tiny")
    judges.add_argument("--judges", type=Path, metavar="YAML", help="a YAML list of judges (name, backend, model, "
                                                                    "optional base_url and api_key_env)")
    judges.add_argument("--backend", default="openai", choices=("openai", "transformers"), help="the single judge's")
    judges.add_argument("--model", default=env("MIXBUDDY_JUDGE_MODEL"), help="the single judge's model")
    judges.add_argument("--base-url", default=env("MIXBUDDY_JUDGE_BASE_URL"),
                        help="OpenAI-compatible base URL (…/v1)")
    judges.add_argument("--attempts", type=int, default=3, help="tries for a valid JSON reply (default: 3)")
    judges.add_argument("--timeout", type=float, default=120.0, help="seconds per HTTP request (default: 120)")
    judges.add_argument("--max-tokens", type=int, default=1024, help="reply length limit (default: 1024)")
    judges.add_argument("--temperature", type=float, default=0.0, help="sampling temperature (default: 0)")
    judges.add_argument("--workers", type=int, default=4, help="requests in flight (default: 4)")
    judges.add_argument("--no-reference", action="store_true", help="do not show the judge the reference answer")
    judges.add_argument("--cache-dir", type=Path, help="answer cache (default: $MIXBUDDY_CACHE/judge)")
    judges.add_argument("--bootstrap", type=int, default=2000, help="bootstrap resamples (default: 2000)")
    judges.add_argument("--seed", type=int, default=0, help="bootstrap seed (default: 0)")
    p = argparse.ArgumentParser(prog="python -m mixbuddy_pl.judge", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = p.add_subparsers(dest="command", required=True)
    score_cmd = commands.add_parser("score", parents=[judges], help="five 1-7 rubric scores per answer")
    score_cmd.add_argument("predictions", nargs="+", type=Path, help="prediction JSONL files to score")
    score_cmd.add_argument("--out", type=Path, help="output folder (default: <run>/judge/)")
    compare_cmd = commands.add_parser("compare", parents=[judges], help="pairwise preferences between two systems")
    compare_cmd.add_argument("pairwise", nargs=2, type=Path, metavar=("A", "B"), help="the two systems' predictions")
    compare_cmd.add_argument("--out", type=Path, required=True,
                             help="folder for pairwise.jsonl and pairwise.summary.json")
    return p


def _specs(args: argparse.Namespace) -> list[dict]:
    """Judge specs from --judges, --judge, or else the single --backend/--model judge."""
    specs = list(yaml.safe_load(args.judges.read_text()) or []) if args.judges else []
    for text in args.judge:
        name, _, rest = text.partition("=")
        backend, _, model = rest.partition(":")
        if not (name and backend and model):
            raise ConfigError(f"--judge {text!r}: expected NAME=BACKEND:MODEL, e.g. big=openai:gpt-4o-mini")
        specs.append({"name": name, "backend": backend, "model": model})
    if not specs:
        if not args.model:
            raise ConfigError("no judge: give --model (or MIXBUDDY_JUDGE_MODEL), --judge or --judges")
        specs = [{"name": Path(args.model).name, "backend": args.backend, "model": args.model}]
    for spec in specs:
        if not isinstance(spec, dict) or not {"name", "backend", "model"} <= set(spec) <= SPEC_KEYS:
            raise ConfigError(f"judge {spec!r}: needs name, backend and model (optional: base_url, api_key_env)")
    names = [s["name"] for s in specs]
    if len(set(names)) != len(names):
        raise ConfigError(f"judge names must be unique: {names}")
    return specs


def judges(args: argparse.Namespace) -> list[Judge]:
    """The panel of judges the arguments describe."""
    if args.attempts < 1:
        raise ConfigError(f"--attempts must be at least 1, not {args.attempts}")
    return [Judge(spec["name"], make_backend(
        spec["backend"], str(spec["model"]), base_url=spec.get("base_url") or args.base_url,
        api_key=os.environ.get(spec.get("api_key_env", "MIXBUDDY_JUDGE_API_KEY")), timeout_s=args.timeout,
        max_tokens=args.max_tokens, temperature=args.temperature), args.attempts) for spec in _specs(args)]


def _write(records_path: Path, summary_file: Path, records: list[dict], summary: dict) -> None:
    records_path.parent.mkdir(parents=True, exist_ok=True)
    records_path.write_text("".join(json.dumps(r) + "\n" for r in records))
    summary_file.write_text(json.dumps(summary, indent=2) + "\n")


def _fmt(stats: dict) -> str:
    """mean [CI] (n examples, n songs)."""
    return f"{fmt_ci(stats['mean'], stats['low'], stats['high'], 2)} ({stats['n']} examples, {stats['n_clusters']} songs)"


def score_files(args: argparse.Namespace, panel: list[Judge], cache: Cache) -> None:
    """Score every answer of each predictions file; write records and summary per file."""
    if args.out and len(args.predictions) > 1:
        raise ConfigError("--out takes one predictions file; without it, results go to each run's judge/ folder")
    for path in args.predictions:
        rows = read_rows(path, need_targets=True)
        records = score(rows, panel, cache, not args.no_reference, args.workers)
        summary = score_summary(records, {j.name: j.backend.id for j in panel}, len(rows), args.bootstrap, args.seed)
        folder = args.out or output_dir(path)
        records_path = folder / f"{path.stem}.scores.jsonl"
        _write(records_path, folder / summary_path(path).name, records, summary)
        print(f"{path}: {records_path}, {summary_path(path).name}")
        for name, info in summary["judges"].items():
            print(f"  {name}: {info['scored']}/{len(rows)} scored, overall {_fmt(info['criteria'][OVERALL])}, "
                  f"failures {info['failures'] or 'none'}, {info['cached']} from cache")


def compare_files(args: argparse.Namespace, panel: list[Judge], cache: Cache) -> None:
    """Pairwise preferences on the examples both files share, in both orders; write records and summary."""
    rows_a, rows_b = (read_rows(p, need_targets=True) for p in args.pairwise)
    pairs = match(rows_a, rows_b)
    records = compare(pairs, panel, cache, not args.no_reference, args.workers)
    unmatched = {"a": len(rows_a) - len(pairs), "b": len(rows_b) - len(pairs)}
    summary = pairwise_summary(records, {j.name: j.backend.id for j in panel}, len(pairs), unmatched)
    _write(args.out / "pairwise.jsonl", args.out / "pairwise.summary.json", records, summary)
    print(f"{len(pairs)} shared examples ({unmatched} unmatched): {args.out / 'pairwise.jsonl'}")
    for name, info in summary["judges"].items():
        print(f"  {name}: A wins {info['a_wins']}, ties {info['ties']}, B wins {info['b_wins']}; position "
              f"consistency {info['position_consistency']}, failed pairs {info['failed_pairs']}")


def main(argv: list[str] | None = None) -> None:
    """Run `score` or `compare`; configuration errors print one line and exit with status 2."""
    args = build_parser().parse_args(argv)
    with exit_on_user_error("mixbuddy_pl.judge"):
        cache = Cache(args.cache_dir or cache_root() / "judge")
        (compare_files if args.command == "compare" else score_files)(args, judges(args), cache)


if __name__ == "__main__":
    main()
