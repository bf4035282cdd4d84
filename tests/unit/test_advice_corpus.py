"""The parser on hand-labelled free text (tests/unit/advice_corpus.py): nothing flipped or misattributed, and at
least 90% exactly right; refusing is allowed, guessing is not. (The held-out corpus is measured, not tested: see
tests/unit/measure_corpora.py.)"""

from __future__ import annotations

from mixbuddy_pl.advice.parse import parse
from tests.unit.advice_corpus import CORPUS
from tests.unit.advice_grading import STEMS, corpus_grades


def test_corpus_is_large_and_unique():
    texts = [t for t, _ in CORPUS]
    assert len(texts) >= 150 and len(set(texts)) == len(texts)


def test_nothing_is_flipped_or_misattributed():
    wrong = [(t, w, parse(t, STEMS)) for t, w, g in corpus_grades(CORPUS) if g == "wrong"]
    assert not wrong, "\n".join(map(str, wrong))


def test_at_least_ninety_percent_exact():
    grades = corpus_grades(CORPUS)
    exact = sum(g == "exact" for *_, g in grades) / len(grades)
    misses = [(t, w, g, parse(t, STEMS)) for t, w, g in grades if g != "exact"]
    assert exact >= 0.9, f"{exact:.3f} exact; misses:\n" + "\n".join(map(str, misses))
