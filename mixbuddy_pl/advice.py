"""Gain advice: the structured labels, the prompt/response template banks, render and parse."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

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


def display_name(stem: str) -> str:
    """How a stem is named in text: `lead_vocals` -> "lead vocals"."""
    return stem.replace("_", " ")


# --------------------------------------------------------------------------- template banks
# Slots: {stem} "the vocals", {is} is/are, {sits} sits/sit, {pokes} pokes/poke, {it} it/them,
# {it_is} "it is"/"they are", {ref} the variant's reference phrase, {db} "8 dB".
# A "[...]" segment holds the dB amount and is dropped when the advice gives no number.

PROMPTS: dict[Variant, tuple[str, ...]] = {
    "anchor": (
        "Using the {anchor} in Audio 1 as the reference, is the level of the {target} in Audio 2 right?",
        "Audio 1 is the {anchor} on its own. Relative to it, how does the {target} level in Audio 2 sit?",
        "Take the {anchor} (Audio 1) as your anchor. Is the level of the {target} in Audio 2 too high, too low, or "
        "about right?",
        "Listen to the {anchor} in Audio 1, then to Audio 2. Should the {target} come up, go down, or stay put?",
        "With the {anchor} from Audio 1 as the level reference, what fader move, if any, does the {target} "
        "in Audio 2 need?",
        "Against the {anchor} in Audio 1, is the {target} in Audio 2 balanced? Suggest a gain change in dB if not.",
        "Audio 1: {anchor}. Audio 2: {target}. How should I set the {target} relative to the {anchor}?",
        "Compare Audio 2 with the {anchor} in Audio 1: is the {target} sitting at the right level?",
    ),
    "no_anchor": (
        "How is the balance of this mix? Is any of the {stems} too loud or too quiet?",
        "Listen to this mix. Which of the {stems}, if any, needs a gain change, and by how much?",
        "Is this mix balanced? Check the levels of the {stems}.",
        "As a mixing engineer, would you move any fader here? The stems are {stems}.",
        "Check the level of each part ({stems}) in this mix. Is anything too loud or buried?",
        "Does anything in this mix poke out or get lost? Consider the {stems}.",
        "Give me gain-balancing advice for this mix ({stems}).",
        "Are the {stems} sitting at the right levels in this mix? Suggest any changes in dB.",
    ),
    "differential": (
        "Audio 1 is mix A and Audio 2 is mix B. What gain changes turn mix A into mix B?",
        "Mix A (Audio 1) is off; mix B (Audio 2) is the reference. Which stems should I raise or lower in mix A, "
        "and by how much?",
        "Compare mix A in Audio 1 with the reference mix B in Audio 2. What fader moves make A sound like B?",
        "Here are two mixes: A (Audio 1) and the reference B (Audio 2). List the level changes A needs to match B.",
        "How do the levels in mix A (Audio 1) differ from mix B (Audio 2)? Tell me what to change in A.",
        "Audio 1: mix A. Audio 2: reference mix B. Which of the {stems} need a gain change in A to match B?",
        "Treat Audio 2 (mix B) as the target balance. What should change in Audio 1 (mix A)?",
        "What would you adjust in mix A (Audio 1), and by how many dB, to get the balance of mix B (Audio 2)?",
    ),
}

REFERENCES: dict[Variant, tuple[str, ...]] = {
    "anchor": ("against the {anchor}", "relative to the {anchor}", "compared with the {anchor}",
               "next to the {anchor}"),
    "no_anchor": ("in the mix", "in this mix", "in the overall mix", "in the full mix"),
    "differential": ("in mix A compared with mix B", "in mix A relative to mix B", "in mix A versus mix B",
                     "in mix A, judged against mix B"),
}

RESPONSES: dict[Category, tuple[str, ...]] = {
    "no_error": (
        "{stem} {sits} well {ref}; leave {it} as {it_is}.",
        "{stem} {is} already at the right level {ref}; no change needed.",
        "{stem} {is} balanced nicely {ref}. Leave {it} alone.",
        "The level of {stem} {ref} is spot on; don't touch {it}.",
        "{stem} {sits} just right {ref}; keep the fader where it is.",
        "Nothing to fix: {stem} {sits} nicely {ref}.",
        "{stem} {is} fine {ref}; leave the fader alone.",
        "{stem} {is} in good balance {ref}, so keep {it} as {it_is}.",
    ),
    "quiet": (
        "{stem} {is} a bit too quiet {ref}; bring {it} up[ about {db}].",
        "{stem} {sits} slightly too low {ref}. Raise {it}[ by {db}].",
        "{stem} {is} a touch too quiet {ref}, so nudge the fader up[ around {db}].",
        "{stem} should sit a little more forward {ref}; push {it} up[ by about {db}].",
        "{stem} {is} too quiet {ref}: ride the fader up[ roughly {db}].",
        "{stem} {is} slightly under-level {ref}; give {it} a small boost[ of {db}].",
        "{stem} {is} a little too soft {ref} and should be a bit louder[; raise {it} {db}].",
        "{stem} {is} slightly too far back {ref}. Bring up the fader a little[, about {db}].",
    ),
    "very_quiet": (
        "{stem} {is} much too quiet {ref}; bring {it} up[ about {db}].",
        "{stem} {is} buried {ref}. Raise {it} a lot[, around {db}].",
        "{stem} {is} way too low {ref}; push the fader up[ by {db}].",
        "{stem} {is} far too quiet {ref}, practically lost; boost {it}[ {db}].",
        "{stem} {is} completely buried {ref} and masked by everything else; ride {it} up hard[, roughly {db}].",
        "{stem} {is} drowning {ref}; give {it} a big lift[ of about {db}].",
        "{stem} {is} barely audible {ref}. Bring up the fader a lot[, about {db}].",
        "{stem} {is} much too quiet {ref} and should be a lot louder[; raise {it} {db}].",
    ),
    "loud": (
        "{stem} {is} a bit too loud {ref}; pull {it} down[ {db}].",
        "{stem} {is} slightly too hot {ref}. Bring the fader down[ about {db}].",
        "{stem} {pokes} out a little {ref}; ease {it} back[ by {db}].",
        "{stem} {is} too loud {ref}, so lower {it}[ around {db}].",
        "{stem} {is} a touch too prominent {ref} and should be a bit quieter[; cut {db}].",
        "{stem} {sits} slightly too far forward {ref}. Tuck {it} back[ by about {db}].",
        "{stem} {is} slightly masking everything else {ref}; trim {it} down[ {db}].",
        "{stem} {is} a little too strong {ref}: ride the fader down[ roughly {db}].",
    ),
    "very_loud": (
        "{stem} {is} much too loud {ref}; pull {it} down[ about {db}].",
        "{stem} {is} way too hot {ref} and masking everything else. Cut {it} a lot[, around {db}].",
        "{stem} {is} far too loud {ref}; bring the fader down hard[ by {db}].",
        "{stem} {is} dominating everything {ref}; lower {it} substantially[, {db}].",
        "{stem} {pokes} out way too much {ref} and should be a lot quieter[; drop {it} {db}].",
        "{stem} {is} overpowering everything {ref}. Pull {it} down a lot[, roughly {db}].",
        "{stem} {is} massively too loud {ref}; attenuate {it} heavily[ by about {db}].",
        "{stem} {is} swamping everything else {ref}; give {it} a big cut[ of {db}].",
    ),
}

NO_CHANGE: tuple[str, ...] = (
    "The balance {ref} is already right; nothing to change.",
    "Everything sits well {ref}. Leave the faders as they are.",
    "No changes needed: the levels {ref} are already balanced.",
    "The mix is well balanced {ref}; I wouldn't touch any fader.",
    "Nothing to fix {ref}. Every part is at the right level.",
    "The levels {ref} are spot on; leave everything as it is.",
    "All the parts sit well together {ref}, so no gain changes are needed.",
    "This is already balanced {ref}; nothing needs to change.",
)

CONNECTORS: tuple[str, ...] = ("Also, ", "On top of that, ", "Then ", "And ")

_OPTIONAL = re.compile(r"\[([^\]]*)\]")


def _pick(bank: Sequence[str], rng: np.random.Generator, template: int | None) -> tuple[int, str]:
    """The forced or an rng-drawn (index, template) from `bank`."""
    index = int(rng.integers(len(bank))) if template is None else template % len(bank)
    return index, bank[index]


def _grammar(stem: str) -> dict[str, str]:
    """Agreement slots for `stem` (plural when the name's last word ends in a single s: drums, lead vocals)."""
    name = display_name(stem)
    plural = name.endswith("s") and not name.endswith("ss")
    return {
        "stem": f"the {name}", "is": "are" if plural else "is", "sits": "sit" if plural else "sits",
        "pokes": "poke" if plural else "pokes", "it": "them" if plural else "it",
        "it_is": "they are" if plural else "it is",
    }


def _format_db(gain_db: float) -> str:
    """The unsigned amount as written in answers: 8.0 -> "8 dB"."""
    return f"{abs(gain_db):g} dB"


def _sentence(text: str) -> str:
    """`text` with its first letter capitalised."""
    return text[0].upper() + text[1:]


def render_prompt(variant: Variant, rng: np.random.Generator, *, anchor: str | None = None,
                  target: str | None = None, stems: Sequence[str] = (), template: int | None = None) -> str:
    """The user's question for `variant`, in a phrasing drawn by `rng` (or forced by `template`)."""
    if variant == "anchor" and (anchor is None or target is None):
        raise ValueError("the anchor variant's prompt needs both `anchor` and `target`")
    names = [display_name(s) for s in stems]
    listed = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else (names[0] if names else "parts")
    _, text = _pick(PROMPTS[variant], rng, template)
    return text.format(anchor=display_name(anchor or ""), target=display_name(target or ""), stems=listed)


def _reference(variant: Variant, index: int, anchor: str | None) -> str:
    """The variant's reference phrase ("against the drums", "in the mix", "in mix A compared with mix B")."""
    if variant == "anchor" and anchor is None:
        raise ValueError("the anchor variant's response needs `anchor`")
    refs = REFERENCES[variant]
    return refs[index % len(refs)].format(anchor=display_name(anchor or ""))


def _render_change(change: StemAdvice, rng: np.random.Generator, variant: Variant, anchor: str | None,
                   template: int | None) -> str:
    """The advice about one stem; a "leave it" answer never states a number."""
    index, text = _pick(RESPONSES[change.category], rng, template)
    keep = change.gain_db is not None and change.direction != "none"
    text = _OPTIONAL.sub(lambda m: m.group(1) if keep else "", text)
    db = _format_db(change.gain_db) if keep else ""
    return text.format(ref=_reference(variant, index, anchor), db=db, **_grammar(change.stem))


def render(advice: Advice, rng: np.random.Generator, *, variant: Variant, anchor: str | None = None,
           template: int | None = None) -> str:
    """The reference answer for `advice`: one sentence per stem, or a "nothing to change" phrasing."""
    if not advice.changes:
        index, text = _pick(NO_CHANGE, rng, template)
        return text.format(ref=_reference(variant, index, anchor))
    parts = []
    for i, change in enumerate(advice.changes):
        text = _render_change(change, rng, variant, anchor, template)
        parts.append(_sentence(text) if i == 0 else _pick(CONNECTORS, rng, None)[1] + text)
    return " ".join(parts)


def template_corpus() -> Iterator[str]:
    """Every prompt and response template rendered for a few stems, anchors and numbers, plus digits and names."""
    rng = np.random.default_rng(0)
    stems = ("drums", "bass", "other", "vocals", "lead_vocals", "kick")
    yield from "0123456789"
    yield from stems
    yield from (display_name(s) for s in stems)
    for variant in PROMPTS:
        for t in range(len(PROMPTS[variant])):
            for anchor, target in (("drums", "vocals"), ("vocals", "bass"), ("kick", "lead_vocals")):
                yield render_prompt(variant, rng, anchor=anchor, target=target, stems=stems[:4], template=t)
        for t in range(len(NO_CHANGE)):
            yield render(Advice(), rng, variant=variant, anchor="drums", template=t)
        for category in CATEGORIES:
            sign = 1.0 if DIRECTION_OF[category] == "increase" else -1.0
            for t in range(len(RESPONSES[category])):
                for stem, gain in (("vocals", 3.0), ("bass", 4.5), ("drums", 8.0), ("lead_vocals", 11.5),
                                   ("other", None)):
                    change = StemAdvice(stem, DIRECTION_OF[category], MAGNITUDE_OF[category],
                                        None if gain is None else sign * gain)
                    anchor = "bass" if stem == "drums" else "drums"
                    yield render(Advice((change,)), rng, variant=variant, anchor=anchor, template=t)


# --------------------------------------------------------------------------- parsing
# Cue patterns run in order on a lower-cased clause whose stem mentions are masked as "STEM"; each match is
# consumed, so "too loud" is never re-read as a bare "loud" and "is louder than" never as the advice "louder".
_S = r"(?:is|are|was|were|'s|'re|sounds?|seems?)"
_CUES: tuple[tuple[Direction | None, str], ...] = (
    (None, r"\b(?:not|n't|never|nor)\s+(?:\w+\s+)?too\s+\w+"),
    ("increase", r"\btoo\s+(?:quiet|soft|low|weak|faint|far back|distant|thin|timid|subdued)\b"),
    ("increase", r"\bnot\s+(?:loud|present|audible|prominent|forward|high)\s+enough\b"),
    ("decrease", r"\btoo\s+(?:loud|hot|high|prominent|strong|far forward|forward|upfront|up front|much|dominant|"
                 r"present|big|heavy)\b"),
    ("increase", r"\b(?:be|get|make|sound|sit)\s+(?:\w+\s+){0,3}?(?:louder|higher|stronger)\b"),
    ("decrease", r"\b(?:be|get|make|sound|sit)\s+(?:\w+\s+){0,3}?(?:quieter|softer|lower|weaker)\b"),
    ("increase", rf"\b{_S}\s+(?:\w+\s+){{0,2}}?(?:quieter|softer|lower|weaker|quiet|soft|low)\b"),
    ("decrease", rf"\b{_S}\s+(?:\w+\s+){{0,2}}?(?:louder|higher|hotter|stronger|loud|hot)\b"),
    ("increase", r"\b(?:quieter|softer|lower|weaker) than\b"),
    ("decrease", r"\b(?:louder|higher|hotter|stronger) than\b"),
    ("decrease", r"\b(?:drown(?:s|ing)? out|bur(?:y|ies|ying)|masking|swamping|dominat\w*|overpower\w*|"
                 r"(?:pokes?|poking|sticks?|sticking|jumps?|jumping) out|over-?level|in your face)\b"),
    ("increase", r"\b(?:buried|drowned|drowning|swamped|lost|hidden|masked|barely audible|hard to hear|"
                 r"under-?level|tucked away)\b"),
    ("increase", r"\b(?:bring|turn|push|nudge|crank|ride|move|fade|pull|take|knock|dial|put|bump|inch|ease|trim|"
                 r"fader|gain|level|volume)\w*(?:\s+(?!up\b|down\b)[\w']+){0,4}?\s+up\b"),
    ("decrease", r"\b(?:bring|turn|push|nudge|crank|ride|move|fade|pull|take|knock|dial|put|bump|inch|ease|trim|"
                 r"fader|gain|level|volume)\w*(?:\s+(?!up\b|down\b)[\w']+){0,4}?\s+down\b"),
    ("decrease", r"\b(?:pull|ease|back|dial|tuck|take|push|sit|set|knock)\w*(?:\s+(?!back\b)[\w']+){0,3}?\s+"
                 r"(?:back|off)\b|\bfurther back\b"),
    ("increase", r"\b(?:rais\w*|boost\w*|lift\w*|increas\w*|louder|higher|more (?:level|gain|volume)|"
                 r"(?:more|further) forward)\b"),
    ("decrease", r"\b(?:cut\w*|lower(?:ing)?|reduc\w*|attenuat\w*|tame|taming|trim\w*|drop\w*|decreas\w*|quieter|"
                 r"softer|less (?:level|gain|volume))\b"),
    ("none", r"\bleave (?:it|them|stem|the fader)\s+(?:alone|as (?:it|they) (?:is|are)|untouched|"
             r"where (?:it|they) (?:is|are))"),
    ("none", r"\bsits?\s+(?:\w+\s+)?(?:well|nicely|right|perfectly)\b|\b(?:spot on|just right|right level)\b"),
    ("none", rf"\b{_S}\s+(?:already\s+)?(?:fine|right|perfect|good)\b|\b(?:balanced nicely|nicely balanced|"
             r"well balanced|in (?:good )?balance)\b"),
    ("none", r"\b(?:don't|do not) touch (?:it|them|stem)\b|\bno (?:gain |level )?change\b"),
    ("none", r"\bkeep (?:it|them|stem|the fader) (?:as (?:it|they) (?:is|are)|where (?:it|they) (?:is|are))"),
)
_CUE_RES = tuple((d, re.compile(p)) for d, p in _CUES)
_LARGE = re.compile(
    r"\b(?:(?:much|way|far|massively|seriously|badly|hugely|completely|totally)\s+too|buried|burying|drowned|"
    r"drowning|swamp\w*|barely audible|lost|a lot|lots|substantially|heavily|hard|big|huge|massive\w*|"
    r"dominat\w*|overpower\w*|severely|significantly|considerably|dramatically)\b")
_MODERATE = re.compile(
    r"\b(?:a bit|a little|slightly|a touch|a tad|somewhat|a notch|a hair|a small|a few|gently|mildly|"
    r"marginally|too)\b")
_GLOBAL_FINE = re.compile(
    r"\bnothing (?:needs? to |to )?(?:be )?(?:change|fix|adjust)|"
    r"\bno (?:gain |level |fader )?(?:changes?|adjustments?) (?:are |is )?(?:needed|necessary|required)|"
    r"\b(?:is|sounds|looks) (?:already )?(?:well|nicely) balanced|\balready balanced|\beverything sits well|"
    r"\bleave (?:everything|the mix|it all|the faders|all the faders|every fader) (?:as|alone|where)|"
    r"\bbalance\b.{0,40}?\b(?:is|sounds|looks) (?:already )?(?:right|fine|good|spot on)|"
    r"\bmix a (?:already )?matches mix b|\b(?:the two|both) mixes (?:already )?match|"
    r"\b(?:wouldn't|would not|don't|do not) (?:touch|move|change) (?:a|any) (?:single )?fader")
_REFERENCE_BEFORE = re.compile(
    r"\b(?:against|relative to|compared (?:with|to)|next to|versus|vs|than|under(?:neath)?|beneath|below|above|"
    r"behind|over|on top of|alongside|beside|around|glues? to|using|taking|masking|burying|drowning out|"
    r"overpowering|swamping|dominating)\s+(?:(?:the|your|those|these)\s+)?$")
_REFERENCE_AFTER = re.compile(r"^\W*(?:(?:\(audio \d\)|in audio \d)\s*)?as (?:the|a|your) (?:level )?"
                              r"(?:reference|anchor)")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + ")"
_RANGE = re.compile(rf"{_NUM}\s*(?:-|–|to)\s*{_NUM}\s*(?:db|decibels?)\b")
_NUMBER = re.compile(rf"{_NUM}\s*(?:db|decibels?)\b")
_CLAUSE_SPLIT = re.compile(r"[!?;\n]+|\.(?!\d)")


@dataclass
class _Evidence:
    """What the clauses about one stem said."""

    directions: set[str]
    large: bool = False
    moderate: bool = False
    gain: float | None = None

    def advice(self, stem: str) -> StemAdvice | None:
        """The stem's advice, or None when the clauses contradict each other or give no direction."""
        if len(self.directions) != 1:
            return None
        direction = next(iter(self.directions))
        if direction == "none":
            return StemAdvice(stem, "none", "none")
        if self.large or self.moderate:
            magnitude: Magnitude = "large" if self.large else "moderate"
        else:
            magnitude = "large" if self.gain is not None and self.gain > 6 else "moderate"
        gain = None if self.gain is None else (1 if direction == "increase" else -1) * round(self.gain * 2) / 2
        return StemAdvice(stem, direction, magnitude, gain)


def _stem_regex(stems: Sequence[str]) -> tuple[re.Pattern[str], list[str]]:
    """One regex matching any stem name (spaces/underscores alike, plural 's' optional); group i -> stems[i]."""
    forms = []
    for i, stem in enumerate(stems):
        words = display_name(stem).lower().split()
        body = r"[\s_-]+".join(map(re.escape, words))
        if body.endswith("s") and not body.endswith("ss"):
            body += "?"
        forms.append((len(body), f"(?P<s{i}>{body})"))
    alternation = "|".join(f for _, f in sorted(forms, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternation})(?!\w)"), list(stems)


def _number(clause: str) -> float | None:
    """The first dB amount in `clause` (a range gives its midpoint), unsigned."""
    def value(token: str) -> float:
        return float(_NUMBER_WORDS.get(token, token))
    if m := _RANGE.search(clause):
        return (value(m.group(1)) + value(m.group(2))) / 2
    if m := _NUMBER.search(clause):
        return value(m.group(1))
    return None


def _directions(masked: str) -> set[str]:
    """The direction cues in a masked clause; each match is consumed before the next pattern runs."""
    found = set()
    for direction, regex in _CUE_RES:
        if regex.search(masked) and direction is not None:
            found.add(direction)
        masked = regex.sub(lambda m: " " * len(m.group(0)), masked)
    return found


def _targets(clause: str, stem_re: re.Pattern[str], stems: list[str]) -> tuple[list[str], str]:
    """Stems the clause is about (references like "against the drums" excluded), and the clause with mentions masked."""
    targets = []
    for m in stem_re.finditer(clause):
        stem = stems[int(m.lastgroup[1:])]
        is_reference = _REFERENCE_BEFORE.search(clause[:m.start()]) or _REFERENCE_AFTER.match(clause[m.end():])
        if not is_reference and stem not in targets:
            targets.append(stem)
    return targets, stem_re.sub("stem", clause)


def _normalise(text: str) -> str:
    """Lower case, plain apostrophes and dashes, and no full stop in "vs." (it would split the clause)."""
    text = text.lower().replace("’", "'").replace("−", "-").replace("—", ", ").replace("–", "-")
    return re.sub(r"\bvs\.", "vs", text)


def parse(text: str, stems: Sequence[str]) -> Advice | None:
    """Recover the Advice in `text`, or None when it is contradictory or has no recognisable advice.

    Clauses without a stem of their own ("Raise them 8 dB.") apply to the last stem named. A stem named only as a
    reference ("against the drums") is not a change. "Leave it" entries are dropped when another stem changes.
    """
    stem_re, names = _stem_regex(stems)
    evidence: dict[str, _Evidence] = {}
    fine, last = False, []
    for clause in _CLAUSE_SPLIT.split(_normalise(text)):
        fine = fine or bool(_GLOBAL_FINE.search(clause))
        targets, masked = _targets(clause, stem_re, names)
        last = targets or last
        directions = _directions(masked)
        gain = _number(clause)
        if not directions and gain is None:
            continue
        for stem in last:
            e = evidence.setdefault(stem, _Evidence(set()))
            e.directions |= directions
            e.large = e.large or bool(_LARGE.search(masked))
            e.moderate = e.moderate or bool(_MODERATE.search(_LARGE.sub(" ", masked)))
            e.gain = e.gain if e.gain is not None else gain
    advice = [e.advice(stem) for stem, e in evidence.items() if e.directions]
    if any(a is None for a in advice):
        return None
    changes = [a for a in advice if a.direction != "none"]
    if changes:
        return None if fine else Advice(tuple(changes))
    if advice:
        return Advice(tuple(advice))
    return Advice() if fine else None
