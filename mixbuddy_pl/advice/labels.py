"""Gain advice as structured labels: categories, per-stem changes and their display names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


Variant = Literal["anchor", "no_anchor", "differential"]


Category = Literal["no_error", "quiet", "very_quiet", "loud", "very_loud"]


Direction = Literal["increase", "decrease", "none"]


Magnitude = Literal["none", "moderate", "large"]


CATEGORIES: tuple[Category, ...] = ("no_error", "quiet", "very_quiet", "loud", "very_loud")


DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease", "none")


MAGNITUDES: tuple[Magnitude, ...] = ("none", "moderate", "large")


# The advice corrects the flaw: a stem made quiet must be raised.
DIRECTION_OF: dict[Category, Direction] = {
    "no_error": "none", "quiet": "increase", "very_quiet": "increase",
    "loud": "decrease", "very_loud": "decrease",
}


MAGNITUDE_OF: dict[Category, Magnitude] = {
    "no_error": "none", "quiet": "moderate", "very_quiet": "large",
    "loud": "moderate", "very_loud": "large",
}


# One vocabulary (issue 24): the words that state a level and a degree. The parser builds its cues from them and
# the template tests check every response template against them.
STATE_WORDS: dict[Direction, tuple[str, ...]] = {  # a state that the correction in this direction fixes
    "increase": ("quieter", "softer", "lower", "weaker", "quiet", "soft", "low", "weak", "faint", "thin", "distant",
                 "timid", "subdued", "far back", "back"),
    "decrease": ("louder", "higher", "hotter", "stronger", "loud", "hot", "high", "strong", "prominent", "forward",
                 "dominant", "present", "upfront", "up front", "big", "heavy"),
}


DEGREE_WORDS: dict[Magnitude, tuple[str, ...]] = {
    "moderate": ("a bit", "a little", "a touch", "a tad", "a hair", "a notch", "a smidge", "a small", "a couple",
                 "a few", "slightly", "slight", "somewhat", "gently", "gentle", "mildly", "mild", "marginally",
                 "subtle", "subtly", "small", "little", "touch"),
    "large": ("a lot", "a great deal", "lots", "substantially", "heavily", "big", "huge", "massive", "massively",
              "severely", "significantly", "considerably", "dramatically", "drastically", "by far", "much too",
              "way too", "far too", "completely", "barely", "buried", "dominating", "overpowering", "swamping",
              "drowning"),
}


def words_regex(words: tuple[str, ...]) -> str:
    """A non-capturing alternation of `words`, longest first (so "a lot" wins over "a")."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


CATEGORY_OF: dict[tuple[Direction, Magnitude], Category] = {
    (d, m): c for c, d, m in ((c, DIRECTION_OF[c], MAGNITUDE_OF[c]) for c in CATEGORIES)
}


@dataclass(frozen=True)
class StemAdvice:
    """What to do with one stem. `gain_db` is the suggested correction (+ raises), or None if unstated."""

    stem: str
    direction: Direction
    magnitude: Magnitude
    gain_db: float | None = None

    @property
    def category(self) -> Category:
        """The flaw this advice corrects (`increase`+`large` corrects `very_quiet`)."""
        return CATEGORY_OF[(self.direction, self.magnitude)]


@dataclass(frozen=True)
class Advice:
    """A whole answer: one entry per stem it talks about, sorted by stem name.

    An empty `changes` means "the balance is fine, change nothing".
    """

    changes: tuple[StemAdvice, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(sorted(self.changes, key=lambda c: c.stem)))

    def direction_for(self, stem: str) -> Direction:
        """The advised direction for `stem`; `none` when the answer does not mention it."""
        return next((c.direction for c in self.changes if c.stem == stem), "none")


@dataclass(frozen=True)
class Refusal:
    """What `parse` returns when it will not score a text, and why. Falsy, and never "change nothing": metrics
    count it as unparsed (a wrong answer), like an answer without any advice."""

    reason: str

    def __bool__(self) -> bool:
        return False


def display_name(stem: str) -> str:
    """How a stem is named in text: `lead_vocals` -> "lead vocals"."""
    return stem.replace("_", " ")
