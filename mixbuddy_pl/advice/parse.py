"""parse: free-text advice (the model's, a judge's, a person's) read back into an Advice, or a Refusal (with its
reason) when any part of it is not clearly understood; the rules are the numbered notes below."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from mixbuddy_pl.data.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import (
    DEGREE_WORDS, STATE_WORDS, Advice, Direction, Refusal, StemAdvice, display_name, words_regex,
)
from mixbuddy_pl.advice.templates import render


# --------------------------------------------------------------------------- template banks
# Slots: {stem} "the vocals", {is} is/are, {sits} sits/sit, {pokes} pokes/poke, {it} it/them,
# {it_is} "it is"/"they are", {ref} the variant's reference phrase, {db} "8 dB".
# A "[...]" segment holds the dB amount and is dropped when the advice gives no number.


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
# 5. refusal (a Refusal with its reason, logged at debug level): a stem told to move both ways, or to move and to
#    stay; "the balance is right" next to a change (unless qualified: "overall / mostly / but / except"); text
#    without any recognisable advice. And partial understanding (issue 24), since a half-read answer would
#    otherwise say "change nothing" about the rest:
#    - a clause naming a stem with a level word (loud, up, cut, dB, ...) that gives no direction ("and the keys a
#      touch softer"), or a state negated inside ("the bass is not loud": not loud is not "too quiet");
#    - a negated stem ("not the drums"), a comparative goal against another stem ("I'd want X louder than Y",
#      "as loud as Y": which fader?), scope words that move a group ("everything but the drums down");
#    - a question about a stem or level, or a hedge that takes the advice back ("or maybe not", "not sure
#      whether").
#    A reason clause ("X masks Y, so raise Y", "because X ..., raise Y") is context: its stems are credited only
#    when the advice clause names them too.
_NEG = (r"(?:not|no|never|nor|hardly|without|cannot|(?:don|doesn|didn|isn|aren|wasn|weren|won|wouldn|shouldn|can|"
        r"couldn|needn|mustn|haven|hasn|ain)'?t)")
_BE = r"(?:is|are|was|were|'s|'re|been|being|seems?|sounds?|feels?|sits?|sitting|comes? across|looks?|gets?)"
_ADVISE = (r"(?:should|must|could|would|might|needs?(?: to)?|has to|have to|ought to|wants? to|to|make|makes|let|"
           r"get)")
_QUIET = words_regex(STATE_WORDS["increase"])
_LOUD = words_regex(STATE_WORDS["decrease"])
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
_LOG = logging.getLogger(__name__)
_CUE_RES = tuple((re.compile(p), d, n) for p, d, n in _CUES)
_NEG_WORD = re.compile(rf"\b{_NEG}(?!\w)")
_NEGATED = re.compile(rf"\b{_NEG}\b(?:\s+[\w']+){{0,4}}\s*$")
_STRONG = re.compile(
    r"\b(?:(?:much|way|far|massively|seriously|badly|hugely|completely|totally|really|very)\s+(?:too|louder|quieter|"
    r"lower|higher|softer)|a lot|a great deal|lots|substantially|heavily|hard(?!\s+to\b)|big|huge|massive\w*|"
    r"severely|significantly|considerably|dramatically|drastically|by far|serious\w*|way (?:up|down|back))\b")
_WEAK = re.compile(rf"\b{words_regex(DEGREE_WORDS['moderate'])}\b")
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
        r"overwhelm(?:s|ing|ed by)?|swallow(?:s|ing|ed by)?|instead of|rather than|"
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
                    r"however|meanwhile|except|apart from|because|since)\b)")
_LEVEL = re.compile(rf"\b(?:{_QUIET}|{_LOUD}|up|down|rais\w*|boost\w*|cut\w*|lift\w*|level\w*|gain|volume|fader\w*|"
                    r"db|decibels?|buried|masked|audible)\b")
_TAKEN_BACK = re.compile(r"\b(?:or (?:maybe |perhaps |possibly )?not|(?:perhaps|maybe|possibly) not|or (?:it )?(?:might|may)"
                         r" not|(?:not sure|unsure|can't tell|cannot tell|don't know|wonder|hard to (?:say|tell)) "
                         r"(?:if|whether)|(?:up|down|louder|quieter),? or (?:up|down|louder|quieter))\b")
_QUESTION = re.compile(r"[^.!?;\n]*\?")
_NEGATED_STEM = re.compile(rf"\b(?:not|nor|never)\s+(?:(?:the|your|those|these|this|that)\s+)?$")
_COMPARATIVE_GOAL = re.compile(r"\b(?:(?:louder|quieter|softer|lower|higher|hotter|stronger|weaker)\s+than|"
                               r"as (?:loud|quiet|soft|high|low|present|prominent|strong) as)\s+(?:\w+\s+){0,2}?stem\b")
_ADVICE_MOOD = re.compile(r"\b(?:should|shall|want\w*|like|make|needs?|need to|'d|would|could|prefer|let|get|ought|must)\b")
_SCOPE = re.compile(r"\b(?:everything|all (?:the |of the )?(?:instruments|stems|tracks|parts|faders|levels)|"
                    r"every (?:instrument|stem|track|part)|the (?:rest|whole band)|the other (?:instruments|stems|"
                    r"tracks|parts))\b")
_REASON = re.compile(r"^[\s,:]*(?:because|since)\b")
_CONSEQUENCE = re.compile(r"^[\s,:]*(?:so|therefore|hence|which is why)\b")


class _Refuse(Exception):
    """Raised inside the parser to refuse the whole answer with `args[0]` as the reason."""


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
        magnitude = policy.magnitude_of_correction(self.gain, direction) if self.gain is not None else None
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
            if negated is None and direction is not None and _NEG_WORD.search(m.group(0), 1):
                raise _Refuse(f"negated state: {m.group(0).strip()!r}")  # "is not loud" is not "too quiet"
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
        if not same_mention and _NEGATED_STEM.search(before):
            raise _Refuse(f"negated stem: {segment.strip()!r}")
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


def _check_sentence(sentence: str, stem_re: re.Pattern[str]) -> None:
    """Refuse a sentence whose scope is a group of stems ("everything but the drums down")."""
    for m in _SCOPE.finditer(sentence):
        if not _REFERENCE_BEFORE.search(sentence[:m.start()]) and _directions(
                stem_re.sub("stem", sentence)) - {"none"}:
            raise _Refuse(f"scope word {m.group(0)!r} moves a group of stems")


def _check_segment(segment: str, masked: str, targets: list[str], directions: set[str], gain: float | None) -> None:
    """Refuse a clause that names a stem but is not fully understood (see note 5)."""
    if _COMPARATIVE_GOAL.search(masked) and (_ADVICE_MOOD.search(masked) or "as " in masked):
        raise _Refuse(f"comparative against another stem: {segment.strip()!r}")
    if targets and not directions and gain is None and _LEVEL.search(masked):
        negated = " (negated)" if _NEG_WORD.search(masked) else ""
        raise _Refuse(f"not understood{negated}: {segment.strip()!r}")


def parse(text: str, stems: Sequence[str], policy: FlawPolicy | None = None) -> Advice | Refusal:
    """Recover the Advice in free `text` about `stems`, or a Refusal (with the reason, logged at debug level) when
    it is contradictory, only partly understood or has no recognisable advice. The rules are stated in the notes
    above; `policy` (default: the default FlawPolicy) gives the dB boundary between moderate and large and the
    rounding of stated amounts. "Leave it" entries are dropped when another stem changes.
    """
    try:
        return _parse(text, stems, policy)
    except _Refuse as refusal:
        _LOG.debug("parse refused %r: %s", text, refusal.args[0])
        return Refusal(refusal.args[0])


def _parse(text: str, stems: Sequence[str], policy: FlawPolicy | None) -> Advice:
    """parse's body: the Advice, or _Refuse raised with the reason."""
    if policy is None:
        from mixbuddy_pl.data.flaws import FlawPolicy
        policy = FlawPolicy()
    stem_re = _stem_regex(tuple(stems))
    evidence: dict[str, _Evidence] = {}
    fine = qualified = False
    last: list[str] = []
    pending: tuple[str, set[str], float | None] | None = None
    normal = _normalise(text)
    if m := _TAKEN_BACK.search(normal):
        raise _Refuse(f"hedge takes the advice back: {m.group(0)!r}")
    for m in _QUESTION.finditer(normal):
        if _LEVEL.search(m.group(0)) or _directions(stem_re.sub("stem", m.group(0))):  # not "The vocals?"
            raise _Refuse(f"question: {m.group(0).strip()!r}")
    for sentence in _SENTENCE.split(normal):
        if _GLOBAL_FINE.search(sentence):
            fine, qualified = True, qualified or bool(_QUALIFIED.search(sentence))
        _check_sentence(sentence, stem_re)
        segments = _segments(sentence, stem_re, stems)
        context = _context_stems(segments, stem_re, stems)
        for segment in segments:
            targets, masked = _targets(segment, stem_re, stems)
            if len(targets) > 1 and re.search(r"\b(?:or|either|each other|one another)\b", segment):
                raise _Refuse(f"which stem? {segment.strip()!r}")  # "the drums or the bass", "masking each other"
            directions, gain = _directions(masked), _number(segment)
            if targets and not last and pending and not directions:  # "Make them louder, the vocals I mean."
                masked, directions, gain = pending
            _check_segment(segment, masked, targets, directions, gain)
            if targets and all(t in context for t in targets):
                continue  # a reason clause about stems the advice does not name
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
        raise _Refuse("a stem is told to move both ways, or to move and to stay")
    changes = [a for a in advice if a.direction != "none"]
    if changes:
        if fine and not (qualified or re.search(r"\b(?:but|except|apart from|however)\b", normal)):
            raise _Refuse("the balance is called right next to a change")
        return Advice(tuple(changes))
    if advice:
        return Advice(tuple(advice))
    if not fine:
        raise _Refuse("no recognisable advice")
    return Advice()


def _context_stems(segments: list[str], stem_re: re.Pattern[str], stems: Sequence[str]) -> set[str]:
    """Stems named only in a reason clause ("X masks Y, so raise Y"; "because X ..., raise Y") that the advice
    clause does not name: context, not advice."""
    consequence = next((i for i, s in enumerate(segments) if i and _CONSEQUENCE.match(s)), None)
    if consequence is None and segments and _REASON.match(segments[0]) and len(segments) > 1:
        consequence = 1
    if consequence is None:
        return set()
    reason = {t for s in segments[:consequence] for t in _targets(s, stem_re, stems)[0]}
    advised = {t for s in segments[consequence:] for t in _targets(s, stem_re, stems)[0]}
    return reason - advised if advised else set()
