"""Scoring: per-example metric states and their sums (`metrics`), prediction records (`records`), song-level statistics
(`stats`: bootstrap CIs, paired tests, agreement). The rules are in docs/design.md, section "Scoring"."""
