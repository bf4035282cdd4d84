"""How a parsed answer is graded against a corpus label (shared by the corpus tests and measure_corpora)."""

from __future__ import annotations

from mixbuddy_pl.advice.labels import Advice
from mixbuddy_pl.advice.parse import parse

STEMS = ["drums", "bass", "other", "vocals"]
WORDS = {"up": "increase", "down": "decrease", "leave": "none"}


def label(text: str) -> tuple | None:
    """A corpus label as the set of changes it asks for ((stem, direction, magnitude, gain)); None = refuse."""
    if text in ("refuse", "fine"):
        return None if text == "refuse" else ()
    changes = []
    for entry in filter(None, (e.strip() for e in text.split(","))):
        stem, word, *rest = entry.split()
        if word == "leave":
            continue
        gain = float(rest[1]) * (1 if word == "up" else -1) if len(rest) > 1 else None
        changes.append((stem, WORDS[word], rest[0], gain))
    return tuple(sorted(changes))


def changes(advice: Advice) -> tuple:
    """What an answer changes; "leave it" entries and an empty answer both change nothing."""
    return tuple(sorted((c.stem, c.direction, c.magnitude, c.gain_db) for c in advice.changes if c.direction != "none"))


def refused(advice: object) -> bool:
    """Whether `parse` refused (None before issue 24, a Refusal after)."""
    return advice is None or not isinstance(advice, Advice)


def grade(expected: tuple | None, advice: object) -> str:
    """exact / refused / wrong (a different set of stems or directions, or a guess where refusing is right) /
    inexact (right stems and directions, other magnitude or amount)."""
    if refused(advice):
        return "exact" if expected is None else "refused"
    got = changes(advice)  # type: ignore[arg-type]
    if expected is None or {c[:2] for c in got} != {c[:2] for c in expected}:
        return "wrong"
    return "exact" if got == expected else "inexact"


def corpus_grades(corpus: tuple[tuple[str, str], ...]) -> list[tuple[str, str, str]]:
    """(text, label, grade) for every corpus entry."""
    return [(text, want, grade(label(want), parse(text, STEMS))) for text, want in corpus]


def summary(corpus: tuple[tuple[str, str], ...]) -> dict:
    """Counts of each grade, the exact share, and the non-exact entries with what the parser returned."""
    grades = corpus_grades(corpus)
    counts = {g: sum(x == g for *_, x in grades) for g in ("exact", "inexact", "refused", "wrong")}
    misses = [{"text": t, "label": w, "grade": g, "parsed": str(parse(t, STEMS))} for t, w, g in grades if g != "exact"]
    return {"n": len(grades), **counts, "exact_share": round(counts["exact"] / len(grades), 4), "misses": misses}
