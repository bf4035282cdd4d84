"""The closed vocabulary of level clauses (parser round 6): every word the parser accepts in a clause that names a
stem or a level word. Any other word there makes `parse` refuse, naming the word, so that wording nobody tuned the
parser on is refused instead of misread.

The lists were read off the clauses of the tuning corpora that the parser reads right (first, tuning, tuning2-6 in
tests/unit/advice_corpus*.py); the words of labels.STATE_WORDS / DEGREE_WORDS and of the answer templates are read
from them, not listed. Stem names and their aliases (labels.STEM_WORDS) and tone words (labels.TONE_WORDS, which
have rules of their own) are masked before the check. Add a word here only with a sentence that uses it in a role the
grammar reads.
"""

from __future__ import annotations

import re

from mixbuddy_pl.advice.labels import DEGREE_WORDS, STATE_WORDS
from mixbuddy_pl.advice.templates import CONNECTORS, NO_CHANGE, REFERENCES, RESPONSES

FUNCTION_WORDS = """
an
none
a a's about above across against all almost also although am and another any anything apart are aren't around as at
be because behind below beneath between both but by can can't cannot could couldn't do doesn't doing don't each else
even every everything everything's except few for from given had her here him how i i'd i'm id in including instead
is isn't it it's its itself just least let like likewise may maybe me mean might more most much must my neither
never next no not nothing now of off on one only or ought out over perhaps quite rather really same see she should
shouldn't since so some somewhat still than that that's the their them then there there's these they they're thing
things this those though through to together too towards under until up very was way we're well were what where
which while whoever whole will with within without would wouldn't you you're your
"""

LEVEL_WORDS = """
fraction remain remains
add adjusting adjustments alone audible back balance balanced barely big bit boost boosting breathe bring bringing
brought bump bumping buried bury burying change changed changes changing come comes competing completely
considerable considerably couple cover covering crank cut deal decrease dip distant dominant dominate dominates
dominating down drop drowned drowning duck ease easing eating enough extremely fader faders faint far fighting
fights forward front further gain give go goes going hair hard harder hardly hear heard heavily heavy hidden hiding
high higher hot hotter inaudible increase increasing keep keeping knock leave left less level levelled levelling
levels lift lifting light little loads losing lost lot loud louder low lower lowering mask masked masking masks
massive massively move moves notch nudge overbearing overcooked overpower overpowered overpowering overshadow
overshadows overwhelm overwhelming overwhelms poking practically presence present prominent proud pull pulling push
put quiet quieter raise raised raising recessed reduce reduced reducing reduction ride running sat shave shy
significant significantly sit sits sitting slightly small smidge smidgen smothering soft softer stand stands stay
stays stepping stick sticks strong stronger substantially subtly swallowed swamp swamping tad take taking tame
taming timid tiny touch trim tuck turn turned turning unchanged underwhelming untouched upfront volume weak wee
whisker
"""

AMOUNT_WORDS = """
amount approx approximately db decibel decibels eight eighteen eleven fifteen five four fourteen ish nine nineteen one
percent range roughly say seven seventeen single six sixteen somewhere ten thereabouts thirteen three twelve twenty
two zero
"""

VERDICT_WORDS = """
alright appropriate beautiful beautifully clear clearly comfortably correct correctly exactly fine good great
identical lovely necessary needed nice nicely ok okay perfect perfectly problem properly required right spot wrong
"""

# The mix and what is in it, named beside a level (not stems: "the band", "the chords", "the image").
MIX_WORDS = """
house mains pa foh
accompaniment accompanying acoustic advice airpods anchor answer audio b's background band bed blend boomy bright
brushes bus chords chorus clarity compare compared cracks crisp dense double electric energy engineer eq female fill
fills first frequencies glue glues groove harsh headroom hits holds hz image instrumental instrumentation
instruments intelligibility intelligible lock loop male master match matches melody mid mids mix mixed model music
note notes open part plate playback pop punch punchy recommendation recording reference relative response rest
reverb rhythm rock rumble shape solo soloist song space speakers stack staging stem stems subby support system
systems target tone top track translation upper verdict warm warmth
"""

# Hedges, opinions, slang and the typing slips the corpora's writers used.
FILLER_WORDS = """
let's lets analyze analyse analyzing analysing evaluate estimate identify assess therefore hence step think
absolutely alike already appears b bang basically benefit break bro car colouring consider create crowding currently
definitely depends easier em emphasised especially fact fair favour features feel feels follow following fr fwiw
generally get gets getting gonna gotta grab guess hearing help honest honestly hurt identifies ignores imo improve
kinda lack lacks lean liked likely liking listener listening litle lol love loved lowkey make mate miles mmm mostly
neds need needs nessesary ngl notice noticeably oh opinion overall particularly please pls possibly prefer pretty
probably projects r rattling recommend recommended rn s seem seems shine simply slaps smh sound sounds suffice
suggest suggested suggests swimming taste tbh think thinking totally try uh um ur use using view want wants whack
wise work yeah yo
"""

# Words a rule of the parser reads (a cue, a reference, a mix's name) that the unit tests use beside a level.
RULE_WORDS = """
cranked dialed dialled does face fix fixed fixing got knocked look looks pulled pushed rel roll room set smother
smothered smothers version versions
"""


def _grammar_words() -> set[str]:
    """The single words of the level and degree vocabulary in labels (one vocabulary, issue 24)."""
    phrases = [p for words in (*STATE_WORDS.values(), *DEGREE_WORDS.values()) for p in words]
    return {w for p in phrases for w in re.findall(r"[a-z']+", p)}


def _template_words() -> set[str]:
    """The words of the answer templates (the model is trained on them, so its answers must stay readable), with
    their agreement slots filled both ways ("is"/"are", "it"/"them")."""
    texts = [*CONNECTORS, *NO_CHANGE, *(t for bank in (*REFERENCES.values(), *RESPONSES.values()) for t in bank)]
    slots = "is are sits sit pokes poke it them they"
    return set(re.findall(r"[a-z']+", re.sub(r"\{\w+\}", " ", " ".join(texts).lower()) + " " + slots))


# The -ing forms of the level verbs the parser reads ("try pushing the vocals up", "I'd suggest cutting the bass").
LEVEL_VERB_FORMS = """
boosting bringing bumping cranking cutting dialing dialling dipping dropping easing fading knocking lifting lowering
nudging pulling pushing raising reducing riding rolling taking trimming tucking turning
"""

KNOWN_WORDS: frozenset[str] = frozenset(
    " ".join((FUNCTION_WORDS, LEVEL_WORDS, LEVEL_VERB_FORMS, AMOUNT_WORDS, VERDICT_WORDS, MIX_WORDS, FILLER_WORDS,
              RULE_WORDS)).split()
) | _grammar_words() | _template_words()
