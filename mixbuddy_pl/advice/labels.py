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
    "increase": ("quieter", "softer", "lower", "weaker", "quiet", "soft", "low", "weak", "faint", "distant",
                 "timid", "subdued", "light", "shy", "underwhelming", "far back", "back"),
    "decrease": ("louder", "higher", "hotter", "stronger", "loud", "hot", "high", "strong", "prominent", "forward",
                 "dominant", "present", "upfront", "up front", "big", "heavy", "proud"),
}


DEGREE_WORDS: dict[Magnitude, tuple[str, ...]] = {
    "moderate": ("a bit", "a little", "a touch", "a tad", "a hair", "a notch", "a smidge", "a smidgen", "a small",
                 "a couple", "a few", "slightly", "slight", "somewhat", "gently", "gentle", "mildly", "mild",
                 "marginally", "subtle", "subtly", "small", "little", "touch", "smidgen"),
    "large": ("a lot", "a great deal", "lots", "substantially", "heavily", "big", "huge", "massive", "massively",
              "severely", "significantly", "considerably", "dramatically", "drastically", "by far", "much too",
              "way too", "far too", "completely", "barely", "buried", "dominating", "overpowering", "swamping",
              "drowning"),
}


# Names a stem goes by (regex forms; a synonym counts only when no stem is itself named by it): instruments and
# common studio abbreviations (vox, vx, BVs, kik, snr, gtr, 808, sub, low end, ...).
STEM_WORDS: dict[str, tuple[str, ...]] = {
    "vocals": ("lead vocals?", "lead vox", "ld vox", "lead vx", "vocal tracks?", "vocal harmon(?:y|ies)", "vox", "vx",
               "voices?", "singers?", "choirs?", "singing", "lead singer", "vocalists?", "lead", "top ?line", "bvs?",
               "bgvs?", "backing vocals?", "backing singers?", "backing vox", "harmon(?:y|ies)", "lyrics", "ad-?libs?",
               "rappers?", "rap vocals?", "rap"),
    "drums": ("drum kit", "drum bus", "drum stem", "drms?", "kit", "kick drum", "bass drum", "kick", "kik", "snare",
              "snr", "hi-?hats?", "hats", "toms", "floor toms?", "rack toms?", "cymbals", "crash(?: cymbal)?",
              "overheads?", "percussion", "perc", "beat", "shakers?", "tambourines?", "tamb", "claps?", "handclaps?",
              "congas?", "bongos?", "cowbells?", "rimshots?", "cajons?", "tablas?", "darbukas?", "djembes?",
              "timpani"),
    "bass": ("bass guitar", "bass ?line", "sub bass", "bass synth", "synth ?bass", "808s?", "subs?", "low end",
             "bottom end"),
    "other": ("synths?", "synthesi[sz]ers?", "syn", "guitars?", "gtrs?", "lead guitars?", "lead synths?", "keys",
              "keyboards?", "pianos?", "pads?", "strings", "string section", "horns?", "horn section", "brass",
              "brass section", "sax(?:ophones?|es)?", "trumpets?", "trombones?", "violins?", "violas?", "cellos?",
              "fiddles?", "woodwinds?", "flutes?", "clarinets?", "banjos?", "mandolins?", "ukuleles?", "accordions?",
              "harps?", "rhodes", "wurli(?:tzer)?", "clavinet", "mellotron", "organs?", "orchestra", "ouds?",
              "baglamas?", "sitars?", "kotos?", "erhus?", "bouzoukis?", "other "
              "instruments?", "other stem", "other track"),
}


# Words of tone, EQ, space and dynamics: a clause that uses them is not about level, so one that also names a stem
# or a level word is refused rather than read as a fader move ("boost the bass around 80 Hz", "the snare is too
# bright").
TONE_WORDS: tuple[str, ...] = (
    "hz", "khz", "eq", "eqs", "eq'd", "equali[sz]\\w*", "bright", "brighter", "brightness", "dark", "darker", "dull",
    "muddy", "mud", "muddier", "harsh", "harshness", "boomy", "boom", "boxy", "tinny", "nasal", "honky", "shrill",
    "piercing", "sibilan\\w*", "de-?ess\\w*", "air", "airy", "crisp", "crispy", "warm", "warmer", "warmth", "fizzy",
    "high end", "top end", "highs", "lows", "mids", "low mids", "upper mids", "low-?mid\\w*", "high-?mid\\w*",
    "mid-?range", "treble", "high-?pass",
    "low-?pass", "shelf", "filter\\w*", "resonan\\w*", "frequenc\\w*", "reverb\\w*", "delay", "echo", "pan",
    "pann\\w*", "stereo", "width", "wider", "channels?",
    "(?:left|right) (?:side|speaker|ear)", "narrow\\w*", "compress\\w*", "compression", "limit\\w*", "sidechain\\w*",
    "saturat\\w*", "distort\\w*", "transients?", "attack", "sustain",
    # EQ moves named by their filter ("high-shelf them down", "a low-cut on the bass") and timbre words
    "(?:high|low|hi|lo)-?shel\\w*", "shelv\\w*", "(?:high|low|hi|lo)-?cut\\w*", "hpf", "lpf", "roll-?off",
    "thin", "thinner", "splashy", "sizzl\\w*", "brittle", "glassy", "hollow", "metallic", "tubby", "flabby", "woolly",
    "wooly", "clanky",
    "clicky", "trashy", "papery", "scooped",
)


# Whole answers that change nothing (regex forms), beyond the "the balance is fine" forms the parser reads from its
# cues; they count only in a sentence that names no stem.
NO_CHANGE_PHRASES: tuple[str, ...] = (
    "leave it", "leave it as is", "leave it alone", "(?:zero|no) (?:changes?|moves?|notes|edits?|tweaks?|adjustments?)",
    "nothing to touch", "nothing to change", "nothing to fix", "nothing to do",
    "nothing to adjust", "nothing needs adjusting", "nothing needs changing", "nothing needs fixing",
    "nothing needs touching", "doesn't need anything", "does not need anything", "needs nothing",
    "good to go", "ready to go", "ready to print", "print it as is", "ship it", "keep everything as is",
    "(?:keep|leave) (?:everything|it all|it|all|the mix) (?:as (?:it|they) (?:is|are)|as is|the same|unchanged|"
    "untouched)",
    "change nothing", "don't change anything", "nothing to make",
    "all good", "all fine", "at the right level",
    "at the right levels", "sits where it should", "sit where they should", "this is perfect", "it's perfect",
    "perfect as is", "no need (?:to )?change (?:anything|nothing)", "nothing needs to (?:move|change|be changed)",
    "(?:the )?(?:levels|faders|stems|balance|everything|it all) (?:are|is|sits?) (?:exactly |right )?where (?:they|it) "
    "should be", "keep (?:all |every |the )?(?:faders?|levels?) where (?:they|it) (?:are|is)",
    "(?:it|this|that|everything|the mix)(?:'s| is) (?:already |well |nicely |perfectly )?balanced",
)


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


def category_advice(stem: str | None, category: Category) -> Advice:
    """The answer that says `category` about `stem` (no number), or "nothing to change" when `stem` is None."""
    if stem is None:
        return Advice()
    return Advice((StemAdvice(stem, DIRECTION_OF[category], MAGNITUDE_OF[category]),))


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
