"""The prompt/response template banks and how an Advice is rendered into words (and every text they can produce)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import numpy as np

from mixbuddy_pl.advice.labels import (
    CATEGORIES, DIRECTION_OF, MAGNITUDE_OF, Advice, Category, StemAdvice, Variant, display_name,
)


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
