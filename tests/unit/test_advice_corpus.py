"""The parser on hand-labelled free text (tests/unit/advice_corpus.py): nothing flipped or misattributed, and at
least 90% exactly right; refusing is allowed, guessing is not."""

from __future__ import annotations

from mixbuddy_pl.advice.labels import Advice
from mixbuddy_pl.advice.parse import parse
from tests.unit.advice_corpus import CORPUS

STEMS = ["drums", "bass", "other", "vocals"]
WORDS = {"up": "increase", "down": "decrease", "leave": "none"}


def label(text: str) -> tuple | None:
    """A corpus label as the set of changes it asks for ((stem, direction, magnitude, gain)); None = refuse."""
    if text in ("refuse", "fine"):
        return None if text == "refuse" else ()
    changes = []
    for entry in filter(None, (e.strip() for e in text.split(","))):
        stem, word, *rest = entry.split()
        if word == "leave" or text == "fine":
            continue
        gain = float(rest[1]) * (1 if word == "up" else -1) if len(rest) > 1 else None
        changes.append((stem, WORDS[word], rest[0], gain))
    return tuple(sorted(changes))


def changes(advice: Advice) -> tuple:
    """What an answer changes; "leave it" entries and an empty answer both change nothing."""
    return tuple(sorted((c.stem, c.direction, c.magnitude, c.gain_db) for c in advice.changes if c.direction != "none"))


def grade(expected: tuple | None, advice: Advice | None) -> str:
    """exact / refused / wrong (a different set of stems or directions, or a guess where refusing is right) /
    inexact (right stems and directions, other magnitude or amount)."""
    if advice is None:
        return "exact" if expected is None else "refused"
    got = changes(advice)
    if expected is None or {c[:2] for c in got} != {c[:2] for c in expected}:
        return "wrong"
    return "exact" if got == expected else "inexact"


def corpus_grades() -> list[tuple[str, str, str]]:
    return [(text, want, grade(label(want), parse(text, STEMS))) for text, want in CORPUS]


def test_corpus_is_large_and_unique():
    texts = [t for t, _ in CORPUS]
    assert len(texts) >= 150 and len(set(texts)) == len(texts)


def test_nothing_is_flipped_or_misattributed():
    wrong = [(t, w, parse(t, STEMS)) for t, w, g in corpus_grades() if g == "wrong"]
    assert not wrong, "\n".join(map(str, wrong))


def test_at_least_ninety_percent_exact():
    grades = corpus_grades()
    exact = sum(g == "exact" for *_, g in grades) / len(grades)
    misses = [(t, w, g, parse(t, STEMS)) for t, w, g in grades if g != "exact"]
    assert exact >= 0.9, f"{exact:.3f} exact; misses:\n" + "\n".join(map(str, misses))
