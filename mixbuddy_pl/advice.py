"""Gain advice: the structured labels, the prompt/response template banks, render and parse."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from mixbuddy_pl.datamodules.flaws import FlawPolicy

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
# The parser reads free text (templates, zero-shot models, LLM judges, people) or refuses (None). Steps:
# 1. sentences split at . ! ? ; and new lines; each sentence into *segments* at commas and conjunctions (and,
#    but, while, whereas, though, so, then, without, except, ...). A piece that names a stem of its own and has a
#    direction cue of its own starts a new segment, and so does a piece naming a stem that is more than a list
#    ("so the vocals can breathe"); list pieces ("and the bass by 3 dB") and pieces without a stem join the
#    segment before, and a stem list before one predicate stays together ("the drums and the bass are too
#    loud"). "Raise the drums and the bass" is one segment, "bring the drums up and the vocals down" two.
# 2. stem mentions (names, plurals, synonyms: vocal/voice/singer, kick/snare/hats/kit, bass guitar/bassline,
#    synths/guitars/keys/piano; a synonym only counts when no stem is itself named by it) are *targets*, unless
#    they are *references*: the object of a comparison or of a masking verb ("than / against / relative to /
#    masked by / drowned out by / overpowering / over / behind X", "X as the reference") is never changed.
#    Adjacent mentions are one ("synth pads", "kick drum"). A segment without a target of its own talks about
#    the targets named last ("The vocals are buried. Raise them 6 dB."). Two targets joined by "or", or
#    "each other", refuse: which one?
# 3. direction cues run in order on the segment with stems masked as "stem"; each match is consumed, so
#    "too loud" is never re-read as a bare "loud". An action or "too ..." cue preceded by a negation within four
#    words ("I wouldn't lower", "no need to boost", "not too loud", "don't touch") means "leave it"; a negated
#    state ("shouldn't be this loud") says nothing; "loud enough" means "leave it", "not loud enough" "raise
#    it"; "can't hear" and "doesn't cut through" mean "raise it". States ("the vocals sound louder", "sit lower",
#    "overpower X") describe the flaw and are turned into the correction ("overpowered by X" makes the subject
#    the victim); advice ("should sound louder", "make them lower") is not. A signed amount after a stem
#    ("vocals +3 dB") gives the direction only when no word does.
# 4. magnitude: a stated dB amount decides it through the flaw policy's boundary (`FlawPolicy.
#    magnitude_of_correction`: the number is trusted over words that contradict it); an amount within half a
#    rounding step of the boundary, or no amount, leaves it to degree words ("a bit / slightly" vs "much too /
#    a lot"), then to strong states ("buried", "dominating"); hedges ("hard to say", "maybe", "I think") are
#    not degree words. Moderate and large degree words together, without an amount, refuse.
# 5. refusal (None): a stem told to move both ways, or to move and to stay; "the balance is right" next to a
#    change (unless qualified: "overall / mostly / but / except"); text without any recognisable advice.
_NEG = (r"(?:not|no|never|nor|hardly|without|cannot|(?:don|doesn|didn|isn|aren|wasn|weren|won|wouldn|shouldn|can|"
        r"couldn|needn|mustn|haven|hasn|ain)'?t)")
_BE = r"(?:is|are|was|were|'s|'re|been|being|seems?|sounds?|feels?|sits?|sitting|comes? across|looks?|gets?)"
_ADVISE = (r"(?:should|must|could|would|might|needs?(?: to)?|has to|have to|ought to|wants? to|to|make|makes|let|"
           r"get)")
_QUIET = r"(?:quieter|softer|lower|weaker|quiet|soft|low|weak|faint|thin|distant|timid|subdued|far back|back)"
_LOUD = r"(?:louder|higher|hotter|stronger|loud|hot|high|strong|prominent|forward|dominant|present|upfront|up front|big|heavy)"
_DEGREE = r"(?:a bit|a little|a touch|a tad|slightly|somewhat|much|way|far|too|very|quite|rather|really)"
_UP_VERB = (r"(?:bring|brought|turn|push|nudge|crank|ride|move|fade|pull|take|knock|dial|put|bump|inch|ease|trim|jack|notch|tick|"
            r"kick|edge|creep|come|go|fader|gain|level|volume|it|them|stem)")
# (pattern, direction, direction when negated); "none" = leave it, None = the cue is dropped.
_CUES: tuple[tuple[str, Direction | None, Direction | None], ...] = (
    (rf"\b{_NEG}\s+(?:\w+\s+){{0,2}}?(?:touch\w*|chang\w*|mov\w*|adjust\w*|alter\w*|mess\w* with)\b", "none", "none"),
    (r"\b(?:leave|keep|hold)\s+(?:it|them|stem|the fader|things|that)\s+(?:\w+\s+)?(?:alone|as (?:it|they) (?:is|are)|"
     r"untouched|where (?:it|they) (?:is|are)|unchanged|there|put)\b|\bstays? (?:put|where|as)\b|"
     r"\bleave (?:it|them|stem)\s*$", "none", None),
    (r"\b(?:loud|audible|present|prominent|forward|high|hot|strong|up) enough\b(?! to)", "none", "increase"),
    (r"stem\s*[:=]\s*(?:fine|ok|okay|good|balanced|right|perfect|leave|unchanged|no change)\b", "none", None),
    (rf"stem\s*[:=]\s*(?:{_DEGREE}\s+)*{_QUIET}\b", "increase", None),
    (rf"stem\s*[:=]\s*(?:{_DEGREE}\s+)*{_LOUD}\b", "decrease", None),
    (rf"\b(?:appears?|seems?|looks?|sounds?|happens?) to be\s+(?:\w+\s+){{0,2}}?{_QUIET}\b", "increase", None),
    (rf"\b(?:appears?|seems?|looks?|sounds?|happens?) to be\s+(?:\w+\s+){{0,2}}?{_LOUD}\b", "decrease", None),
    (r"\b(?:quiet|soft|low|back|down|tucked) enough\b(?! to)", "none", "decrease"),
    (r"\b(?:much|way|far|a (?:bit|little|touch|tad)|slightly|somewhat|just|massively|a lot|really|rather)?\s*too\s+"
     r"(?:quiet|soft|low|weak|faint|far back|distant|thin|timid|subdued|buried|recessed|masked|hidden|tucked)\b",
     "increase", "none"),
    (r"\btoo\s+(?:loud|hot|high|prominent|strong|far forward|forward|upfront|up front|much|dominant|present|big|heavy|"
     r"bright|aggressive|in your face)\b", "decrease", "none"),
    (r"\b(?:barely|hardly|not|can't|cannot|can not|couldn't)\s+(?:\w+\s+)?(?:audible|hear|heard|be heard|make out)\b|"
     r"\bhard to (?:hear|make out)\b|\binaudible\b", "increase", "increase"),
    (r"\b(?:overpowered|dominated|overwhelmed|smothered|covered(?: up)?|eaten(?: up)?|stepped on|masked|buried|"
     r"drowned(?: out)?|swamped|swallowed(?: up)?|obscured|hidden)\s+by\b", "increase", None),
    (rf"\b{_ADVISE}\s+(?:stem\s+|it\s+|them\s+)?(?:\w+\s+){{0,4}}?(?:louder|higher|stronger|more forward|more present|"
     r"more prominent|forward|up front|(?:come|go|sit|be) up)\b", "increase", "none"),
    (rf"\b{_ADVISE}\s+(?:stem\s+|it\s+|them\s+)?(?:\w+\s+){{0,4}}?(?:quieter|softer|lower|weaker|further back|"
     r"less prominent|less present|(?:come|go|sit|be) down|back)\b", "decrease", "none"),
    (rf"\b{_BE}\s+(?:\w+\s+){{0,4}}?(?:quieter|softer|lower|weaker|quiet|soft|low|weak|faint|thin|distant|"
     r"timid|subdued|recessed|further back|far back|too far back|back)\b", "increase", None),
    (rf"\b{_BE}\s+(?:\w+\s+){{0,4}}?(?:louder|higher|hotter|stronger|loud|hot|prominent|dominant|upfront|up front|"
     r"forward|in your face|over-?level)\b", "decrease", None),
    (r"\b(?:quieter|softer|lower|weaker) than\b", "increase", "none"),
    (r"\b(?:louder|higher|hotter|stronger) than\b", "decrease", "none"),
    (r"\b(?:drown(?:s|ing)?(?: out)? (?:the |your |all the )?stem|drown(?:s|ing)? out|bur(?:y|ies|ying)|mask(?:s|ing)?|swamp(?:s|ing)?|dominat(?:e|es|ing)|overpower(?:s|ing)?|"
     r"overwhelm(?:s|ing)?|swallow(?:s|ing)?|smother(?:s|ing)?|"
     r"(?:pokes?|poking|sticks?|sticking|jumps?|jumping|stands?|standing) out|over-?level\w*|in your face|"
     r"eat(?:s|ing)? up|steps? on|stepping on|cover(?:s|ing)? up)\b", "decrease", "none"),
    (r"\b(?:buried|drowned|drowning|swamped|lost|hidden|masked|obscured|smothered|under-?level\w*|tucked away|"
     r"sunk|recessed|gets? lost|getting lost)\b", "increase", "none"),
    (r"\b(?:want|need|like|prefer|use|give me|more)\w*\s+(?:\w+\s+)?louder\s+stem", "increase", "none"),
    (r"\b(?:want|need|like|prefer|use|give me)\w*\s+(?:\w+\s+)?(?:quieter|softer)\s+stem", "decrease", "none"),
    (rf"\b{_UP_VERB}\w*(?:\s+(?!up\b|down\b|front\b)[\w'.+-]+){{0,5}}?\s+up\b(?!\s+front)", "increase", "none"),
    (rf"\b{_UP_VERB}\w*(?:\s+(?!up\b|down\b)[\w'.+-]+){{0,5}}?\s+down\b", "decrease", "none"),
    (r"\b(?:pull|ease|back|dial|tuck|take|push|sit|set|knock|roll|bring)\w*(?:\s+(?!back\b)[\w'.+-]+){0,4}?\s+"
     r"(?:back|off)\b|\bfurther back\b", "decrease", "none"),
    (r"\bcut\w* through\b", None, "increase"),
    (r"\b(?:rais\w*|boost\w*|crank\w*|lift\w*|increas\w*|more (?:level|gain|volume|presence|of stem)|more stem|"
     r"(?:more|further) forward|bump\w*|push\w*|(?:bring\w*|brought) (?:\w+ ){0,2}?(?:out|forward))\b", "increase", "none"),
    (r"\b(?:cut\w*|lower(?:ing)?|reduc\w*|attenuat\w*|tame|taming|trim\w*|drop\w*|decreas\w*|pull\w*|duck\w*|"
     r"less (?:level|gain|volume|presence|of stem)|less stem|tuck\w*|back off)\b", "decrease", "none"),
    (r"\b(?:sits?|sitting|seated|placed|balanced|blend(?:s|ing|ed)?)\s+(?:\w+\s+){0,2}?(?:well|nicely|right|perfectly|fine|"
     r"great|properly|comfortably)\b|\b(?:spot on|just right|right level|right where|about right|dead on|"
     r"well (?:placed|balanced|judged|leveled|levelled)|balanced nicely|nicely balanced|in (?:good )?balance)\b",
     "none", None),
    (rf"\b{_BE}\s+(?:\w+\s+)?(?:fine|right|perfect|ok|okay|correct|spot on|balanced|appropriate)\b|"
     r"\bno (?:gain |level |volume )?(?:change|adjustment)s?\b|\bas (?:it|they) (?:is|are)\b", "none", None),
)
_CUE_RES = tuple((re.compile(p), d, n) for p, d, n in _CUES)
_NEGATED = re.compile(rf"\b{_NEG}\b(?:\s+[\w']+){{0,4}}\s*$")
_STRONG = re.compile(
    r"\b(?:(?:much|way|far|massively|seriously|badly|hugely|completely|totally|really|very)\s+(?:too|louder|quieter|"
    r"lower|higher|softer)|a lot|a great deal|lots|substantially|heavily|hard(?!\s+to\b)|big|huge|massive\w*|"
    r"severely|significantly|considerably|dramatically|drastically|by far|serious\w*|way (?:up|down|back))\b")
_WEAK = re.compile(
    r"\b(?:a (?:bit|little|touch|tad|hair|notch|smidge|small|couple|few)|slightly|slight|somewhat|gently|gentle|"
    r"mildly|mild|marginally|subtle|subtly|small|little|touch)\b")
_STATE_LARGE = re.compile(
    r"\b(?:buried|burying|drowned|drowning|swamp\w*|(?:barely|hardly) (?:audible|hear)|inaudible|lost|dominat\w*|"
    r"overpower\w*|can't hear|cannot hear|can not hear|couldn't hear|smother\w*)\b")
_GLOBAL_FINE = re.compile(
    r"\bnothing (?:needs? to |to |really )?(?:be )?(?:change|fix|adjust|touch)|"
    r"\bno (?:gain |level |fader |volume )?(?:changes?|adjustments?|moves?) (?:are |is )?(?:needed|necessary|required)|"
    r"\b(?:is|sounds|looks|feels) (?:already )?(?:well|nicely|properly|perfectly) balanced|\balready balanced|"
    r"\beverything sits well|\b(?:everything|it all|the whole (?:mix|thing)) (?:sounds?|is|looks|sits|seems|feels) "
    r"(?:\w+ )?(?:good|fine|great|right|balanced)\b|\b(?:mix|balance|levels?) (?:is|are|sounds?|looks?|feels?) (?:already )?(?:fine|good|"
    r"great|right|spot on|balanced|ok|okay)|"
    r"\bleave (?:everything|the mix|it all|the faders|all the faders|every fader|the balance) (?:as|alone|where)|"
    r"\bbalance\b.{0,40}?\b(?:is|sounds|looks) (?:already )?(?:right|fine|good|spot on)|"
    r"\bmix a (?:already )?matches mix b|\b(?:the two|both) mixes (?:already )?(?:match|are the same|sound the same)|"
    r"\b(?:wouldn't|would not|don't|do not) (?:touch|move|change) (?:a|any) (?:single )?(?:fader|level)|"
    r"\b(?:no|(?:don't|do not|can't|cannot) (?:hear|see|find|notice) any) (?:\w+ )?(?:balance |level )?"
    r"(?:problems?|issues?)\b")
_QUALIFIED = re.compile(r"\b(?:overall|mostly|generally|largely|pretty|fairly|quite|reasonably|almost|nearly|decent|"
                        r"except|apart from|other than|but|besides|however|although|though|mainly)\b")
_REL = (r"(?:against|relative to|compared (?:with|to)|in comparison (?:with|to)|next to|versus|vs|than|under(?:neath)?|"
        r"beneath|below|above|behind|over|on top of|in front of|alongside|beside|around|glues? to|using|taking|"
        r"mask(?:s|ing|ed by)?|bur(?:y|ies|ying|ied by|ied under)|drown(?:s|ing)?(?: out)?|drowned (?:out )?by|"
        r"overpower(?:s|ing|ed by)?|swamp(?:s|ing|ed by)?|dominat(?:es|ing|ed by)|smother(?:s|ing|ed by)?|"
        r"overwhelm(?:s|ing|ed by)?|swallow(?:s|ing|ed by)?|"
        r"cover(?:s|ing|ed by)?(?: up)?|hidden by|obscured by|eat(?:s|ing)? up|steps? on|stepping on|"
        r"(?:lost|buried|hidden|tucked|sunk|sitting|sits?) in|(?:clash|fight|compet|blend|sit|glu|match|balanc)\w* "
        r"(?:\w+ )?with|"
        r"to match|matching|in line with)")
_REFERENCE_BEFORE = re.compile(rf"\b{_REL}\s+(?:(?:the|your|those|these|this|that|a|all|of|rest|loud|busy|heavy|"
                               r"whole|other|main|kick|full)\s+){0,3}$")
_REFERENCE_AFTER = re.compile(r"^\W*(?:(?:\(audio \d\)|in audio \d)\s*)?as (?:the|a|your) (?:level )?"
                              r"(?:reference|anchor)")
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "vocals": ("lead vocals?", "vocal tracks?", "vox", "voices?", "singers?", "singing", "lead singer", "vocalists?"),
    "drums": ("drum kit", "drum bus", "kit", "kick drum", "bass drum", "kick", "snare", "hi-?hats?", "hats", "toms",
              "cymbals", "percussion", "beat"),
    "bass": ("bass guitar", "bass ?line", "sub bass", "bass synth"),
    "other": ("synths?", "guitars?", "keys", "keyboards?", "pianos?", "pads?", "strings", "horns", "other instruments?",
              "other stem", "other track"),
}
_NOT_OTHER = re.compile(r"\b(?:each|every|no|any|some|one|among)\s+$")
_OTHER_FOLLOW = re.compile(r"^\s*(?:than|hand|way|words|side|ones?|things?|parts?|elements?|sounds?|stems|tracks|"
                           r"mix(?:es)?|two|three|stuff|instruments|way round)\b")
_DETERMINER = re.compile(r"\b(?:the|your|those|these|this|that|all the|both)\s+stem\b")
_LIST_LIKE = re.compile(r"^[\s,]*(?:(?:and|or|plus|as well as|along with|the|your|all|both|also|too|stem|by|about|"
                        r"around|roughly|[\d.]+|db|decibels?|a (?:lot|bit|little|touch|tad)|slightly|much|more|less|"
                        r"as well|respectively)\b[\s,]*)+$")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + ")"
_RANGE = re.compile(rf"{_NUM}\s*(?:-|to|or)\s*{_NUM}\s*(?:db|decibels?)\b")
_NUMBER = re.compile(rf"{_NUM}\s*(?:db|decibels?)\b")
_SIGNED = re.compile(r"stem\W{0,3}\s*(?:by\s+)?([+-])\s*\d")
_ELLIPTIC = re.compile(r"stem\s+(?:(?:a (?:bit|little|touch|tad|hair|notch|lot)|slightly|by|about|around|roughly|"
                       r"maybe|[\d.]+\s*(?:db|decibels?))\s+)*(up|down)\b(?!\s+front)")
_SENTENCE = re.compile(r"[!?;\n]+|\.(?!\d)")
_PIECE = re.compile(r",|\s(?=(?:and|but|while|whereas|although|though|so|then|without|plus|yet|whilst|"
                    r"however|meanwhile|except|apart from)\b)")


@dataclass
class _Evidence:
    """What the segments about one stem said."""

    directions: set[str]
    strong: bool = False
    weak: bool = False
    state_large: bool = False
    gain: float | None = None

    def advice(self, stem: str, policy: FlawPolicy) -> StemAdvice | None:
        """The stem's advice, or None when the segments contradict each other or give no direction."""
        if len(self.directions) != 1:
            return None
        direction = next(iter(self.directions))
        if direction == "none":
            return StemAdvice(stem, "none", "none")
        magnitude = policy.magnitude_of_correction(self.gain) if self.gain is not None else None
        if magnitude is None:
            if self.strong and self.weak:
                return None
            magnitude = "large" if self.strong or (self.state_large and not self.weak) else "moderate"
        gain = None if self.gain is None else (1 if direction == "increase" else -1) * policy.round_gain(self.gain)
        return StemAdvice(stem, direction, magnitude, gain)


@functools.lru_cache(maxsize=64)
def _stem_regex(stems: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any stem name or unambiguous synonym (longest first); group `s<i>` -> stems[i].

    A synonym counts only when its canonical stem is one of `stems` and no stem is itself named by it.
    """
    names = {display_name(s).lower() for s in stems}
    forms = []
    for i, stem in enumerate(stems):
        words = display_name(stem).lower().split()
        body = r"[\s_-]+".join(map(re.escape, words))
        if body.endswith("s") and not body.endswith("ss"):
            body += "?"
        variants = [body] + [syn for syn in _SYNONYMS.get(stem, ()) if syn.rstrip("?s") not in names
                             and not any(re.fullmatch(syn, n) for n in names)]
        forms += [(len(v), v, i) for v in variants]
    alternation = "|".join(f"(?P<s{i}_{k}>{v})" for k, (_, v, i) in enumerate(sorted(forms, reverse=True)))
    return re.compile(rf"(?<![\w'])(?:{alternation})(?!\w)")


def _number(segment: str) -> float | None:
    """The first dB amount in `segment` (a range gives its midpoint), unsigned."""
    def value(token: str) -> float:
        return float(_NUMBER_WORDS.get(token, token))
    if m := _RANGE.search(segment):
        return (value(m.group(1)) + value(m.group(2))) / 2
    if m := _NUMBER.search(segment):
        return value(m.group(1))
    return None


def _directions(masked: str) -> set[str]:
    """The directions a masked segment gives; each cue match is consumed before the next pattern runs."""
    found = set()
    if m := _ELLIPTIC.search(masked):
        found.add("none" if _NEGATED.search(masked[:m.start()]) else "increase" if m.group(1) == "up" else "decrease")
        masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    for regex, direction, negated in _CUE_RES:
        for m in regex.finditer(masked):
            chosen = negated if _NEGATED.search(masked[:m.start()]) else direction
            if chosen is not None:
                found.add(chosen)
        masked = regex.sub(lambda m: " " + "#" * (len(m.group(0)) - 2) + " ", masked)  # no negation reaches across
    if not found and (m := _SIGNED.search(masked)):
        found.add("increase" if m.group(1) == "+" else "decrease")
    return found


def _targets(segment: str, stem_re: re.Pattern[str], stems: Sequence[str]) -> tuple[list[str], str]:
    """Stems the segment is about (references excluded) and the segment with every mention masked as "stem"."""
    targets = []
    end, was_reference = -1, False
    for m in stem_re.finditer(segment):
        stem = stems[int(m.lastgroup[1:].split("_")[0])]
        before, after = segment[:m.start()], segment[m.end():]
        if m.group(0) == "other" and (_NOT_OTHER.search(before) or _OTHER_FOLLOW.match(after)):
            continue  # "each other", "the other parts": not the stem
        same_mention = end >= 0 and not segment[end:m.start()].strip()  # "synth pads", "kick drum"
        reference = was_reference if same_mention else bool(_REFERENCE_BEFORE.search(before)
                                                             or _REFERENCE_AFTER.match(after))
        end, was_reference = m.end(), reference
        if not reference and stem not in targets:
            targets.append(stem)
    return targets, _DETERMINER.sub("stem", stem_re.sub("stem", segment))


def _normalise(text: str) -> str:
    """Lower case, plain apostrophes and dashes, and no full stop in "vs." or "e.g." (it would split a sentence)."""
    text = text.lower().replace("’", "'").replace("−", "-").replace("—", ", ").replace("–", "-")
    text = re.sub(r"\*\*|__|`|#+\s", " ", text)  # markdown emphasis and headings
    return re.sub(r"\b(vs|e\.g|i\.e|approx|ca)\.", lambda m: m.group(1).replace(".", ""), text)


def _segments(sentence: str, stem_re: re.Pattern[str], stems: Sequence[str]) -> list[str]:
    """The sentence cut where a piece names a stem and a direction of its own (see the notes above)."""
    out: list[str] = []
    previous_targets: list[str] = []
    cuts = [0, *(m.start() for m in _PIECE.finditer(sentence)), len(sentence)]
    for piece in (sentence[a:b] for a, b in zip(cuts, cuts[1:]) if b > a):  # each piece keeps its separator
        targets, masked = _targets(piece, stem_re, stems)
        last = _targets(out[-1], stem_re, stems)[1] if out else ""
        joins_subject = bool(out) and bool(_LIST_LIKE.match(last)) and bool(
            re.match(r"[\s,]*(?:and|or|plus|&|as well as)\b", piece))  # "the drums and the bass are too loud"
        if not out or (not joins_subject and targets and (_directions(masked) or not previous_targets
                                                          or not _LIST_LIKE.match(masked))):
            out.append(piece)
            previous_targets = targets
        else:
            out[-1] += piece
            previous_targets += targets
    return out


def parse(text: str, stems: Sequence[str], policy: FlawPolicy | None = None) -> Advice | None:
    """Recover the Advice in free `text` about `stems`, or None (refuse) when it is contradictory or has no
    recognisable advice. The rules are stated in the notes above this function; `policy` (default: the default
    FlawPolicy) gives the dB boundary between moderate and large and the rounding of stated amounts.
    "Leave it" entries are dropped when another stem changes.
    """
    if policy is None:
        from mixbuddy_pl.datamodules.flaws import FlawPolicy
        policy = FlawPolicy()
    stem_re = _stem_regex(tuple(stems))
    evidence: dict[str, _Evidence] = {}
    fine = qualified = False
    last: list[str] = []
    pending: tuple[str, set[str], float | None] | None = None
    normal = _normalise(text)
    for sentence in _SENTENCE.split(normal):
        if _GLOBAL_FINE.search(sentence):
            fine, qualified = True, qualified or bool(_QUALIFIED.search(sentence))
        for segment in _segments(sentence, stem_re, stems):
            targets, masked = _targets(segment, stem_re, stems)
            if len(targets) > 1 and re.search(r"\b(?:or|either|each other|one another)\b", segment):
                return None  # "the drums or the bass", "masking each other": which one?
            directions, gain = _directions(masked), _number(segment)
            if targets and not last and pending and not directions:  # "Make them louder, the vocals I mean."
                masked, directions, gain = pending
            last = targets or last
            if not last and directions:
                pending = (masked, directions, gain)
            if not directions and gain is None:
                continue
            for stem in last:
                e = evidence.setdefault(stem, _Evidence(set()))
                e.directions |= directions
                e.strong = e.strong or bool(_STRONG.search(masked))
                e.weak = e.weak or bool(_WEAK.search(_STRONG.sub(" ", masked)))
                e.state_large = e.state_large or bool(_STATE_LARGE.search(masked))
                e.gain = e.gain if e.gain is not None else gain
    advice = [e.advice(stem, policy) for stem, e in evidence.items() if e.directions]
    if any(a is None for a in advice):
        return None
    changes = [a for a in advice if a.direction != "none"]
    if changes:
        return None if fine and not (qualified or re.search(r"\b(?:but|except|apart from|however)\b", normal)) \
            else Advice(tuple(changes))
    if advice:
        return Advice(tuple(advice))
    return Advice() if fine else None
