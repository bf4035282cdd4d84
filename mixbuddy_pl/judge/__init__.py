"""LLM-as-a-judge for the advice in prediction JSONL files; the command line is
`python -m mixbuddy_pl.judge {score,compare}`.

rubric.py   the criteria, the judge prompts (scores and pairwise) and strict validation of the replies
backends.py OpenAI-compatible chat endpoints (urllib) and local transformers causal LMs
runner.py   asking with retries, failure records, the on-disk cache, scoring files and pairwise comparisons
report.py   summaries: bootstrap CIs, failure counts, agreement between judges, pairwise win/tie/loss
"""
