"""Issue 24's classes: the parser follows a rule or refuses (a Refusal with its reason), never guesses.

One test per class; every sentence here is new (neither corpus holds it), and each failed on the parser before
the refusal rules."""

from __future__ import annotations

import pytest

from mixbuddy_pl.advice.labels import Advice, Refusal
from mixbuddy_pl.advice.lexicon import KNOWN_WORDS
from mixbuddy_pl.advice.parse import parse
from tests.unit.advice_grading import STEMS


def moves(text: str) -> set[tuple[str, str]] | Refusal:
    """The (stem, direction) changes `parse` reads, or its Refusal."""
    advice = parse(text, STEMS)
    if isinstance(advice, Refusal):
        return advice
    return {(c.stem, c.direction) for c in advice.changes if c.direction != "none"}


def refused(text: str) -> str:
    """The refusal reason (fails when the text was accepted)."""
    advice = parse(text, STEMS)
    assert isinstance(advice, Refusal), f"{text!r} was read as {advice}"
    assert not advice and advice.reason
    return advice.reason


def test_context_mention_is_not_credited_with_a_change():
    # the reason clause names the synths only to explain the advice about the bass
    assert moves("The synths are burying the bassline, so bring the bass up.") == {("bass", "increase")}
    assert moves("Because the piano masks the singer, raise the vocals 3 dB.") == {("vocals", "increase")}


def test_context_mention_across_a_semicolon_or_a_with_clause():
    assert moves("The synths mask the singer; lift the vocals 2 dB.") == {("vocals", "increase")}
    assert moves("With the piano this loud, the bass should come up.") == {("bass", "increase")}


def test_later_clause_borrows_the_verb_before_it_or_refuses():
    # an elided verb is read as the clause before states it: a goal after "could come up", a state after "is"
    assert moves("The snare could come up a little, and the piano a little softer.") == {
        ("drums", "increase"), ("other", "decrease")}
    assert moves("The snare is a little loud, and the piano a little softer.") == {
        ("drums", "decrease"), ("other", "increase")}
    assert moves("The bass is too loud; the piano too.") == {("bass", "decrease"), ("other", "decrease")}
    assert moves("Lift the snare a lot, say 9 dB, and the piano a little, say 2 dB.") == {
        ("drums", "increase"), ("other", "increase")}
    assert parse("Lift the snare 9 dB, and the piano 2 dB.", STEMS).changes[1].gain_db == 2.0
    assert "not understood" in refused("Raise the snare; the piano, level-wise, is odd.")


@pytest.mark.parametrize("text", ["The bass is not loud.", "The keys aren't quiet.", "The singer isn't soft."])
def test_negation_between_stem_and_state_refuses(text):
    assert "negat" in refused(text)


def test_negated_stem_refuses():
    assert "negat" in refused("Not the drums: the piano is too loud.")


@pytest.mark.parametrize("text", ["I'd like the bass quieter than the kick.", "Make the piano as loud as the snare.",
                                  "The singer should be louder than the synths."])
def test_comparative_goal_against_another_stem_refuses(text):
    assert "compar" in refused(text)


@pytest.mark.parametrize(("text", "group"), [
    ("Turn everything except the bass up a bit.", {("drums", "increase"), ("other", "increase"),
                                                   ("vocals", "increase")}),
    ("Pull all the instruments back.", {("drums", "decrease"), ("bass", "decrease"), ("other", "decrease")}),
    ("Everything apart from the vocals should come down 2 dB.", {("drums", "decrease"), ("bass", "decrease"),
                                                                 ("other", "decrease")}),
    ("Bring everything but the drums down a little.", {("bass", "decrease"), ("other", "decrease"),
                                                       ("vocals", "decrease")}),
    ("everything +3 except drums and bass", {("other", "increase"), ("vocals", "increase")}),
    ("Keep the vocal where it is and bring everything else down by 3 dB.",
     {("drums", "decrease"), ("bass", "decrease"), ("other", "decrease")}),
    ("The music is too loud for the vocals.", {("drums", "decrease"), ("bass", "decrease"), ("other", "decrease")}),
    ("Kick up, rest down.", {("drums", "increase"), ("bass", "decrease"), ("other", "decrease"),
                             ("vocals", "decrease")}),
    ("Everything ex. guitars up 3 dB.", {("drums", "increase"), ("bass", "increase"), ("vocals", "increase")}),
    ("A's instrumental is about 2 dB louder than B's.", {("drums", "decrease"), ("bass", "decrease"),
                                                         ("other", "decrease")}),
])
def test_a_group_of_stems_is_read_as_its_stems(text, group):
    """Round 8: "everything but X", "the band / the instrumental / the music" (every stem but the vocals) and
    "everything else / the rest" (every stem the answer does not name) are the stems they stand for, as every
    blind corpus since heldout3 labels them (round 7 refused them; issue 24 allows a rule or a refusal)."""
    assert moves(text) == group


@pytest.mark.parametrize("text", ["Everything is too quiet.", "All the stems need to come down 3 dB.",
                                  "I'd leave the bass alone, but the rest...", "Lower everything."])
def test_a_group_of_every_stem_or_with_nothing_said_refuses(text):
    """All four stems moved together is the whole mix's loudness, not a balance; a group named with nothing said
    about it is not understood."""
    assert isinstance(parse(text, STEMS), Refusal)


def test_a_group_as_reference_is_not_moved():
    assert moves("The voice is drowning in everything else.") == {("vocals", "increase")} or isinstance(
        parse("The voice is drowning in everything else.", STEMS), Refusal)
    assert moves("The vocals are too quiet against the band; raise them 3 dB.") == {("vocals", "increase")}


def test_scope_words_that_leave_a_group_alone_are_read():
    assert moves("Everything sits nicely apart from the snare, which is too quiet.") == {("drums", "increase")}
    assert moves("Everything but the piano is fine; the piano is too loud.") == {("other", "decrease")}
    assert moves("Bring the singer up 2 dB and leave everything else.") == {("vocals", "increase")}


def test_comparison_between_stems_without_a_verdict_refuses():
    assert "comparison" in refused("The piano is louder than the bass.")
    assert moves("The piano is louder than the bass; pull it down 2 dB.") == {("other", "decrease")}
    assert "comparison" in refused("The piano is way louder than the bass.")  # a degree names no fader (round 7)


@pytest.mark.parametrize("text", ["Perhaps lower the drums, perhaps not.", "Boost the vocals, or not.",
                                  "Not sure whether the bass should come down.", "Is the bass too quiet?"])
def test_hedge_that_takes_the_advice_back_or_a_question_refuses(text):
    assert refused(text)


def test_refusal_is_not_no_change():
    from mixbuddy_pl.scoring.metrics import example_states
    flaw = {"stem": "bass", "category": "no_error", "direction": "none", "magnitude": "none"}
    states = example_states(parse("Is the bass too quiet?", STEMS), [flaw])
    assert states.get("parsed", 0) == 0 and states["pred_flagged"] == 1  # unparsed: wrong, never a free "no change"
    assert isinstance(parse("Leave the bass alone.", STEMS), Advice)


# --- round 3 (tuned on the first corpus and both earlier held-out corpora; every sentence below is new, and each
# test failed on the round-2 parser)

def test_tone_or_eq_is_not_level():
    for text in ("Cut the guitars by 3 dB around 2 kHz.", "Boost the snare at 200 Hz.", "The kick is boomy.",
                 "The synth is too bright, bring it down a bit.", "Roll off the low end of the keys.",
                 "The guitars have too much low end.", "The bass is too loud around 200 Hz."):
        assert "tone" in refused(text), text
    # the level part stated beside a tone word, or in a clause of its own, is read
    assert moves("The keys are muddy and too loud; lower them 3 dB.") == {("other", "decrease")}
    assert moves("The piano is too quiet; raising it a bit would add warmth.") == {("other", "increase")}
    assert moves("The guitars mask the vocal in the upper mids; pull the guitars down 2 dB.") == {("other", "decrease")}


@pytest.mark.parametrize("text", ["how come the drums are so quiet", "Why is the snare this loud"])
def test_question_without_a_question_mark_refuses(text):
    assert "question" in refused(text)


def test_conditional_refuses_but_a_hedge_idiom_does_not():
    for text in ("If this is the final mix, raise the vocals 2 dB.",
                 "Whether the bass is too loud depends on the genre.",
                 "Assuming it's a demo, the drums are a little hot."):
        assert "conditional" in refused(text), text
    assert moves("If anything, the snare could come up a touch.") == {("drums", "increase")}
    assert moves("Let me know if you want more detail. The bass is too loud.") == {("bass", "decrease")}


@pytest.mark.parametrize("text", ["I can't really say if the snare is too loud.",
                                  "I'm unable to hear the file; usually the bass is too loud.",
                                  "Without hearing it, I'd guess the drums are too loud."])
def test_an_answer_that_cannot_judge_refuses(text):
    assert "cannot judge" in refused(text)


@pytest.mark.parametrize("text", ["Lower the drums, or perhaps only the snare.",
                                  "The vocals are too quiet, or it could be the mastering.",
                                  "Maybe the bass, maybe the kick, is too loud."])
def test_alternative_refuses(text):
    assert "alternative" in refused(text)


@pytest.mark.parametrize("text", ["vox ok. perc fine. theremin +3", "bass fine, kazoo -2", "vocals +2, kalimba -3"])
def test_unknown_name_with_an_amount_refuses(text):
    assert "unknown name" in refused(text)  # never credited to the stem named before it


def test_amount_without_a_direction_refuses():
    assert "without a direction" in refused("Vocals 3 dB.")


def test_two_stems_in_an_unknown_relation_refuse_a_move():
    assert "which stem" in refused("The pads crowd the vocal, cut them 2 dB.")
    assert "which stem" in refused("The pads crowd the vocal. Cut them 2 dB.")
    assert moves("The vocal needs to come down, and the piano too.") == {("vocals", "decrease"), ("other", "decrease")}


def test_self_correction_within_a_sentence_stands():
    assert moves("The vocals aren't too quiet, they're too loud.") == {("vocals", "decrease")}
    assert moves("Don't raise the drums, lower them 2 dB.") == {("drums", "decrease")}
    assert moves("Raise the bass, no wait, lower it.") == {("bass", "decrease")}
    assert refused("Don't cut the bass, cut it.")  # no correction: a contradiction
    assert refused("Raise the bass. Sorry, I mean lower the bass.")  # across sentences: the answer contradicts itself


@pytest.mark.parametrize(("text", "expected"), [
    ("BGVs -2", {("vocals", "decrease")}), ("vx up 3", {("vocals", "increase")}),
    ("gtr dn 4", {("other", "decrease")}), ("808 too hot", {("bass", "decrease")}),
    ("The low end needs 3 dB more.", {("bass", "increase")}), ("The organ is a bit buried.", {("other", "increase")}),
    ("the sub is way too quiet", {("bass", "increase")}), ("lead vx is sitting 2 dB too low", {("vocals", "increase")}),
    ("sub -2 / kik +1", {("bass", "decrease"), ("drums", "increase")}), ("snr a touch hot", {("drums", "decrease")}),
])
def test_studio_names_and_abbreviations(text, expected):
    assert moves(text) == expected


@pytest.mark.parametrize("text", ["All good, nothing more to do.", "Ship it!", "No tweaks needed.",
                                  "Zero moves needed.",
                                  "Good to go as far as I can hear.", "Doesn't need anything."])
def test_forms_of_no_change(text):
    assert parse(text, STEMS) == Advice()


def test_spoken_amounts():
    def gain(text: str) -> float:
        return parse(text, STEMS).changes[0].gain_db
    assert gain("Raise the vocals by two and a half dB.") == 2.5
    assert gain("Drop the snare half a dB.") == -0.5
    assert gain("Vocals plus four.") == 4.0
    assert gain("The kick wants a dB more.") == 1.0
    assert gain("Give the piano six more dB.") == 6.0
    assert moves("keys ±0") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The snare needs to be more loud.", {("drums", "increase")}),
    ("The singer is too much quiet, push him up.", {("vocals", "increase")}),
    ("For me the piano is not enough.", {("other", "increase")}),
    ("The bass is too few, must up it.", {("bass", "increase")}),
])
def test_non_native_grammar(text, expected):
    assert moves(text) == expected


def test_stem_in_a_purpose_or_reason_clause_is_context():
    assert moves("The synth is too loud for the singer to come through.") == {("other", "decrease")}
    assert moves("The kit is too loud for the vocal.") == {("drums", "decrease")}
    assert moves("Lower the synths 3 dB to make room for the singer.") == {("other", "decrease")}
    assert moves("Turning the piano down would help the vocals cut through.") == {("other", "decrease")}
    assert moves("Pull the keys down 2 dB because the bass is getting lost.") == {("other", "decrease")}


def test_a_level_stated_as_a_distance_is_the_flaw():
    assert moves("The piano is down 3 dB from where it should be.") == {("other", "increase")}
    assert moves("The kick is up 2 dB compared to the rest.") == {("drums", "decrease")}
    assert moves("I'd add 2 dB to the piano.") == {("other", "increase")}
    assert moves("Take 3 dB off the snare.") == {("drums", "decrease")}


def test_a_leave_beside_an_unread_level_word_refuses():
    assert "not understood" in refused("The piano seems fine, though maybe a touch quiet.")


def test_a_group_called_fine_lends_no_verdict_to_a_stem():
    assert "without a direction" in refused("The band sounds good, but the vocals need 3 dB.")


def test_an_unsigned_amount_in_a_signed_list_borrows_no_direction():
    assert "without a direction" in refused("kick -2, piano 3")  # +3 or -3?
    assert moves("kick -2 | piano 0 | vox +1") == {("drums", "decrease"), ("vocals", "increase")}
    assert moves("Lower the kick 3 dB, and the piano 2 dB.") == {("drums", "decrease"), ("other", "decrease")}


def test_a_passive_level_verb_states_the_flaw():
    assert moves("The piano got turned down too much.") == {("other", "increase")}
    assert moves("The snare was pushed up too far.") == {("drums", "decrease")}
    assert moves("The snare should be turned up.") == {("drums", "increase")}  # advice, not a state


def test_a_stem_set_against_itself_refuses():
    assert "against itself" in refused("The harmonies swamp the lead vocal.")
    assert "against itself" in refused("The hats drown the snare; pull them back.")


def test_one_name_of_two_stems_or_a_level_refuses():
    assert "which stem" in refused("The bass lead is too loud.")  # the lead vocal or the bass?
    assert moves("The synth bass is too loud.") == {("bass", "decrease")}  # a name of its own
    assert "without a direction" in refused("Vocals at -2.")  # a level, not a change


# --- round 4: classes from the third held-out corpus (now tuning3), each with new wording


def amounts(text: str) -> dict[str, float | None]:
    """The gain `parse` reads for each stem it changes."""
    advice = parse(text, STEMS)
    assert isinstance(advice, Advice), f"{text!r} was refused: {advice}"
    return {c.stem: c.gain_db for c in advice.changes if c.direction != "none"}


def test_a_clause_about_a_group_lends_nothing_to_the_stems_before():
    assert moves("Snare up 2 dB, vocals up 1 dB, everything else stays.") == {("drums", "increase"),
                                                                              ("vocals", "increase")}
    assert "without a verdict" in refused("I'd leave the bass alone, but the rest...")  # the rest: what?


def test_orders_are_never_reason_clauses():
    assert moves("Leave the piano alone, but lower the kick 2 dB and raise the vocals 3 dB.") == {
        ("drums", "decrease"), ("vocals", "increase")}
    assert moves("I'd push the guitars 2 dB and the snare 2 dB so the track hits harder.") == {
        ("other", "increase"), ("drums", "increase")}  # "so ..." without a move is a purpose


def test_a_clause_that_only_says_a_stem_masks_something_is_context():
    assert moves("The organ smothers the melody; the singer should come up a lot.") == {("vocals", "increase")}
    assert moves("The horns are drowning everything; they need to come down a great deal.") == {
        ("other", "decrease")}


@pytest.mark.parametrize("text", ["Push the guitars in the bridge.", "The bass is too quiet during the intro.",
                                  "Ride the snare down in the verses.", "The vocals are too quiet at the start."])
def test_a_move_for_one_section_of_the_song_refuses(text):
    assert "section" in refused(text)  # automation, not a static level


@pytest.mark.parametrize("text", ["It depends on the song, but I'd cut the drums.", "Depends, but the kick is loud."])
def test_advice_that_depends_on_something_refuses(text):
    assert "conditional" in refused(text)


def test_a_bare_direction_heading_a_clause_is_read():
    assert amounts("The piano is too loud - down 3 dB.") == {"other": -3.0}
    assert "both ways" in refused("Turn the drums up. No wait, down, not up.")  # across sentences: contradicts


def test_an_eq_clause_of_its_own_beside_a_level_move_is_not_read():
    assert amounts("Lower the guitars 2 dB and roll off a little below 100 Hz.") == {"other": -2.0}
    assert amounts("The snare doesn't need compression; turn it down 2 dB.") == {"drums": -2.0}
    assert "tone" in refused("Boost the bass 3 dB and the guitars around 200 Hz.")  # the guitars' move is EQ
    assert "tone" in refused("The vocal sounds thin and boxy; try a 300 Hz cut.")  # "thin" is a timbre here


@pytest.mark.parametrize("text", ["Sounds perfect to me.", "Nothing sounds too quiet.", "Great.",
                                  "I can't hear anything that needs fixing.", "I wouldn't touch any levels.",
                                  "I would not suggest any level changes.", "Keep it all as it is."])
def test_a_whole_answer_verdict_changes_nothing(text):
    assert parse(text, STEMS) == Advice()


def test_a_verdict_needs_no_subject_but_one_the_parser_does_not_know_refuses():
    assert parse("Looks fine to me.", STEMS) == Advice()
    assert isinstance(parse("Not good.", STEMS), Refusal)
    assert isinstance(parse("The reference sounds fine to me.", STEMS), Refusal)


def test_a_cleft_denial_credits_only_the_stem_asserted():
    assert moves("It isn't the vocals that are too quiet, it's the guitars.") == {("other", "increase")}
    assert moves("It's the kick, not the bass, that is too loud.") == {("drums", "decrease")}
    assert "without a verdict" in refused("The piano is fine, it's the kick.")  # it's the kick: what about it?


def test_loudness_ratios_and_percentages():
    advice = parse("The keys should be twice as loud.", STEMS)
    assert isinstance(advice, Advice) and advice.changes[0].category == "very_quiet"
    assert moves("The drums could be 30% quieter.") == {("drums", "decrease")}
    assert isinstance(parse("The bass could be 70% louder.", STEMS), Refusal)  # between "a bit" and "much"


def test_a_corrected_amount_stands():
    assert amounts("Cut the drums 8 dB - no, that's too much, make it 3.") == {"drums": -3.0}
    assert amounts("Raise the bass 2 dB, sorry, 4 dB.") == {"bass": 4.0}


def test_spoken_amounts():
    assert amounts("Lower the keys a dB or two.") == {"other": -1.5}
    assert amounts("Give the vocal a single dB more.") == {"vocals": 1.0}
    assert amounts("Add three dB to the vocals.") == {"vocals": 3.0}


@pytest.mark.parametrize(("text", "stem"), [
    ("The sax is too loud.", "other"), ("The violins are too quiet.", "other"),
    ("The Rhodes is a little loud.", "other"),
    ("The shaker is way too loud.", "drums"), ("The overheads are a bit quiet.", "drums"),
    ("The rapper is too quiet.", "vocals"), ("The choir is a touch quiet.", "vocals"),
    ("The subs are too loud.", "bass"),
    ("The low-end is too loud.", "bass")])
def test_instrument_names_a_new_writer_uses(text, stem):
    assert {s for s, _ in moves(text)} == {stem}


def test_a_stem_that_is_an_amount_off_states_the_flaw():
    assert moves("The bass is 4 dB down.") == {("bass", "increase")}
    assert moves("The vocals are about 3 dB under.") == {("vocals", "increase")}


def test_a_level_that_varies_refuses():
    assert "hedge" in refused("The vocals go up and down a lot.")


def test_polite_requests_and_typos():
    assert moves("Could you pull the guitars down?") == {("other", "decrease")}
    assert moves("The vocals aren't as loud as they should be.") == {("vocals", "increase")}
    assert moves("vocls too quiet") == {("vocals", "increase")}
    assert moves("The snare is too quite.") == {("drums", "increase")}


def test_a_spaced_dash_joins_two_clauses():
    assert amounts("The 808 is eating the kick - turn the 808 down 3 dB.") == {"bass": -3.0}


def test_not_only_is_no_negation_and_instead_of_names_the_move_not_made():
    assert moves("Not only is the snare too loud, but the vocals are too quiet.") == {("drums", "decrease"),
                                                                                     ("vocals", "increase")}
    assert moves("Instead of raising the bass, pull the kick down.") == {("drums", "decrease")}


def test_as_does_repeats_the_move_and_a_run_on_note_ends_at_its_verdict():
    assert moves("The keys need to come down, as does the snare.") == {("other", "decrease"), ("drums", "decrease")}
    assert moves("vox fine kick fine bass down 3") == {("bass", "decrease")}


@pytest.mark.parametrize("text", ["The kick is loud, but that's deliberate.",
                                  "The guitars are quiet, which suits the song.", "The bass is soft, but it works."])
def test_a_level_called_right_in_the_same_breath_refuses(text):
    assert "called right" in refused(text)


def test_keep_it_loud_leaves_it_and_loud_and_clear_is_no_level():
    advice = parse("Keep the snare loud.", STEMS)
    assert isinstance(advice, Advice) and advice.direction_for("drums") == "none" and moves("Keep the snare loud.") == set()
    assert isinstance(parse("The singer is loud and clear.", STEMS), Refusal)
    assert "alternative" in refused("Cut the bass, or alternatively boost the kick.")


def test_a_bare_rest_is_a_group_and_a_bare_verdict_is_praise():
    assert moves("Snare: -2, rest: 0") == {("drums", "decrease")}
    assert parse("Perfect balance.", STEMS) == Advice()
    assert moves("Fine. Vocals up 2.") == {("vocals", "increase")}  # praise beside a change, not a contradiction


def test_the_analytic_less_is_the_opposite_comparative():
    assert moves("The keys are less loud than they should be.") == {("other", "increase")}
    assert moves("The snare should be less loud.") == {("drums", "decrease")}


# Round 5: classes that flipped on the fourth corpus (each failed on the round-4 parser).
@pytest.mark.parametrize("text", ["A: drums -4 vs B.", "From mix A to mix B the vocals go up 3 dB."])
def test_two_mixes_compared_with_b_as_subject_refuse(text):
    """A signed amount between the mixes and a change from one to the other still refuse; B as the subject of a
    plain comparison is turned round since round 8 (test_mix_b_described_against_mix_a_is_turned_round)."""
    assert "two mixes" in refused(text)


@pytest.mark.parametrize(("text", "read"), [
    ("Version B has the snare about 3 dB hotter than version A.", {("drums", "increase")}),
    ("The guitars are louder in mix B than in mix A.", {("other", "increase")}),
])
def test_b_as_subject_of_a_plain_comparison_is_turned_round(text, read):
    assert moves(text) == read


def test_a_possessed_state_is_a_state():
    assert moves("Version A has the vocals 4 dB quieter than version B.") == {("vocals", "increase")}


def test_a_plain_state_without_judgement_is_a_description():
    assert "description" in refused("The guitars are loud and the snare is crisp, which drives the chorus home.")


def test_a_hedge_that_allows_fine_takes_the_advice_back():
    assert "hedge" in refused("The vocal may be slightly quiet, or it may be fine as is.")


def test_filter_verbs_and_timbre_words_are_eq():
    assert "tone" in refused("Cymbals too trashy, high-cut them a little.")


def test_a_move_with_no_stem_to_refer_to_refuses():
    assert "no stem" in refused("The song is swamped by the synths, I'd cut them 4 dB and lift the vocals.")


def test_an_object_of_an_unknown_verb_is_not_moved():
    assert "which stem" in refused("The guitar is too loud and crowds the singer. Bring it down.")
    assert moves("The organ is far too loud and overshadows the vocals. Pull it down.") == {("other", "decrease")}


def test_a_stem_list_after_a_verdict_starts_the_next_subject():
    assert moves("Snare too loud, bass too quiet, keys and vocals fine.") == {("drums", "decrease"),
                                                                              ("bass", "increase")}


# --------------------------------------------------------------------------- round 6: a closed vocabulary


def test_an_unknown_word_in_a_stem_clause_refuses_naming_it():
    assert "'woofy'" in refused("The bass is a touch too loud and woofy; lower it 2 dB.")
    assert "'reckon'" in refused("I reckon the snare is a tad hot; pull it back 1 dB.")


def test_known_fillers_and_clauses_without_a_stem_or_level_word_are_read():
    assert moves("Honestly the bass is a touch too loud; lower it 2 dB.") == {("bass", "decrease")}
    assert moves("The snare is a tad hot, I reckon; pull it back 1 dB.") == {("drums", "decrease")}


def test_the_lexicon_holds_the_template_and_label_words_and_no_stem_names():
    assert {"attenuate", "practically", "versus"} <= KNOWN_WORDS  # the answer templates' words
    assert {"gently", "drastically", "subdued"} <= KNOWN_WORDS  # labels.DEGREE_WORDS / STATE_WORDS
    assert not {"guitars", "vocals", "kick", "reckon"} & KNOWN_WORDS  # stems are masked, not listed


def test_an_unknown_name_before_bus_and_an_amount_refuses():
    assert "'fx'" in refused("Kick bus -2, fx bus +3")


def test_an_eq_move_for_a_stem_whose_level_is_only_described_refuses():
    assert "EQ" in refused("Keys masking the vocal. HPF the keys @250.")


def test_a_signed_amount_against_the_words_refuses():
    assert "signed" in refused("Guitars way up in the mix, -4")


def test_a_level_word_as_praise_refuses():
    assert "praise" in refused("The drums are nice and loud, the bass is too quiet.")


def test_a_correction_across_sentences_that_drops_a_stem_refuses():
    assert "correction" in refused("Pull the guitars down. Actually, scratch that, bring the bass up instead.")


# Round 7: the structural stress set (tests/unit/test_advice_stress.py) and tuning6's flips, one class each.
@pytest.mark.parametrize("text, want", [
    ("Turn the kick and the bass up.", {("drums", "increase"), ("bass", "increase")}),
    ("Pull the drums, the keys and the vocals back a little.",
     {("drums", "decrease"), ("other", "decrease"), ("vocals", "decrease")}),
    ("Bring the piano and the bass guitar down by 3 dB and the vocals up.",
     {("other", "decrease"), ("bass", "decrease"), ("vocals", "increase")}),
])
def test_a_split_phrasal_verb_moves_every_object_before_its_particle(text, want):
    assert moves(text) == want


@pytest.mark.parametrize("text", ["Bass masks kick.", "the guitars are masking the lead vocal"])
def test_a_bare_masking_clash_refuses(text):
    assert "masks another stem" in refused(text)


def test_a_masking_clash_with_a_move_is_read():
    assert moves("The keys mask the vocal; pull the keys down 2 dB.") == {("other", "decrease")}


def test_thin_is_tone_not_level():
    assert refused("The strings sound a bit thin.")
    assert moves("The bass could come up; it's thin.") == {("bass", "increase")}


def test_a_balance_compared_between_mixes_is_not_a_verdict():
    assert "compared" in refused("A is closer to a good balance than B is.")


def test_an_amount_under_where_it_is_now_is_a_goal():
    assert moves("The bass needs to sit 2 dB under where it is now.") == {("bass", "decrease")}
    assert moves("The bass sits 2 dB under where it should be.") == {("bass", "increase")}  # a state, the flaw


def test_eating_another_stem_makes_it_context_not_the_pronoun():
    text = "The synth bass is massive, but it's eating the kick. I'd pull it back 3 dB."
    assert moves(text) == {("bass", "decrease")}


def test_a_judgement_the_cues_do_not_read_refuses():
    assert "judgement" in refused("The bass is too big, the voice is too small.")
    assert moves("The drums are a bit too punchy; bring them down 2 dB.") == {("drums", "decrease")}


def test_a_correction_opened_by_no_sorry_across_sentences_refuses():
    assert "correction" in refused("The bass is too loud... no, sorry, I want say the kick. The kick is too loud.")


def test_neither_borrows_the_clause_before():
    assert moves("The vocals aren't loud enough and neither is the bass.") == {("vocals", "increase"),
                                                                               ("bass", "increase")}


def test_a_part_named_for_another_stem_refuses():
    assert "part named" in refused("The guitars, especially the lead, are too loud.")  # lead guitar or lead vocal?
    assert moves("The drums are too quiet, especially the kick.") == {("drums", "increase")}


def test_as_loud_as_it_should_be_leaves_the_stem():
    advice = parse("The guitars are as loud as they should be.", STEMS)
    assert isinstance(advice, Advice) and [(c.stem, c.direction) for c in advice.changes] == [("other", "none")]


def test_a_negated_goal_is_not_a_move():
    assert "negated" in refused("The drums should not be louder.")
    assert "negated" in refused("The vocals could be louder, but the drums could not be quieter.")


def test_an_option_followed_by_a_preference_refuses():
    assert "alternative" in refused("You could lower the drums, but I'd rather raise the vocals.")


def test_and_then_the_next_stem_borrows_the_move():
    assert moves("Bring the vocals up and then the guitars.") == {("vocals", "increase"), ("other", "increase")}


def test_it_after_a_clause_naming_two_stems_refuses():
    assert "which one" in refused("The piano and the bass both feel loud. Pull it down a touch.")
    assert moves("The piano and the bass are too loud; pull them down.") == {("other", "decrease"),
                                                                             ("bass", "decrease")}


def test_taking_a_stem_down_is_a_move_and_taking_it_as_the_reference_is_not():
    assert moves("Try taking the drums down by 8 dB.") == {("drums", "decrease")}
    assert moves("Taking the drums as the reference, the bass is a bit too loud.") == {("bass", "decrease")}


# Round 7d: formatted and terse answers written by hand (after heldout8).
def test_two_amounts_for_one_stem_refuse():
    assert "two amounts" in refused("Raise the kick by 2 dB and the snare by 4 dB.")


def test_an_order_the_cues_do_not_read_refuses_instead_of_dropping_its_stem():
    assert "not understood" in refused("I'd knock 3 dB off the drums and add 2 to the vocals.")


def test_everything_else_unchanged_leaves_the_group():
    assert moves("Vocals +2 dB, drums -3 dB, everything else unchanged.") == {("vocals", "increase"),
                                                                             ("drums", "decrease")}


def test_a_terse_comparative_is_a_request_and_against_a_stem_a_comparison():
    assert moves("vocals a bit louder pls") == {("vocals", "increase")}
    assert moves("Vocals louder, drums quieter.") == {("vocals", "increase"), ("drums", "decrease")}
    assert "comparison" in refused("Vocals louder than drums.")


# Round 8 (after heldout7 and heldout8 became tuning sets): each test fails on the round-7d parser.
@pytest.mark.parametrize("text", ["okay so the drums, the bass and the guitars down 2 dB",
                                  "v2 notes: the drums and the bass down 2 dB please",
                                  "- the drums, the bass and the guitars should come down by 1 dB."])
def test_a_list_after_a_lead_in_moves_every_stem_of_it(text):
    """Before: only the last stem of the list moved, the others were dropped without a word."""
    assert {stem for stem, _ in moves(text)} >= {"drums", "bass"}


def test_a_stem_judged_only_by_degree_is_read_or_refused_never_dropped():
    assert moves("bass is a bit much, the vocals are spot on") == {("bass", "decrease")}
    assert "not understood" in refused("The kick, a touch. The vocals are fine.")


def test_it_after_two_stems_in_one_clause_refuses():
    assert "which one" in refused("The voice and the guitar are fighting, I would make it more quiet.")


@pytest.mark.parametrize(("text", "read"), [
    ("User: Should I turn the bass down?\nAssistant: No, the bass is fine. Lower the drums by 1 dB instead.",
     {("drums", "decrease")}),
    ("User: Make the drums louder.\nAssistant: I'd hold off on that; turn the guitars down slightly instead.",
     {("other", "decrease")}),
    ("Human: the vocals feel quiet\nAI: Agreed, raise the vocals by 2 dB.", {("vocals", "increase")}),
])
def test_a_pasted_chat_is_read_from_the_answering_side_only(text, read):
    """Before: the asker's words were read as advice too (and refused as a contradiction or a question)."""
    assert moves(text) == read


def test_a_reply_that_leans_on_the_askers_words_refuses():
    assert isinstance(parse("User: The piano and the bass feel loud.\nAssistant: Yeah, pull it down a touch.", STEMS),
                      Refusal)


def test_an_amount_judged_too_much_is_not_a_level():
    assert isinstance(parse("Ten is far too much. A dB or two on the organ will do.", STEMS), Refusal)


@pytest.mark.parametrize("text", ["horns too loud. jk theyre perfect",
                                  "You might try lowering the keys, but don't take that as gospel.",
                                  "Lower the keys a bit. I'm not sure about it myself."])
def test_a_joke_or_a_disowned_suggestion_refuses(text):
    assert "takes the advice back" in refused(text)


@pytest.mark.parametrize("text", ["bass ok? 🤔", "what do you think about the 808 is it too much"])
def test_a_question_without_a_level_word_or_mark_refuses(text):
    assert "question" in refused(text)


@pytest.mark.parametrize(("text", "read"), [
    ("B's guitars are much louder than A's.", {("other", "increase")}),
    ("In B the bass is 2 dB quieter than in A, and the drums are 6 dB louder in B.",
     {("bass", "decrease"), ("drums", "increase")}),
])
def test_mix_b_described_against_mix_a_is_turned_round(text, read):
    assert moves(text) == read


def test_an_order_beside_two_mixes_is_never_turned_round():
    assert isinstance(parse("B's piano is louder than A's; bring it up 2 dB.", STEMS), Refusal)


@pytest.mark.parametrize("text", ["None of the stems need adjusting.", "All faders stay where they are.",
                                  "I can't fault the balance.", "In my opinion nothing to correct.",
                                  "Mix A is a great match for reference B.",
                                  "thought it sounded balanced, nothing stuck out"])
def test_more_ways_of_saying_the_balance_is_right(text):
    assert parse(text, STEMS) == Advice()


@pytest.mark.parametrize(("text", "read"), [("the drumms are to loud", {("drums", "decrease")}),
                                            ("basss could be louder", {("bass", "increase")}),
                                            ("the voacls are burried", {("vocals", "increase")})])
def test_a_letter_typed_twice_is_repaired(text, read):
    assert moves(text) == read


@pytest.mark.parametrize(("text", "read"), [
    ("Snare -2. Rest sits fine.", {("drums", "decrease")}),
    ("I'd nudge the keys up a fraction; otherwise spot on.", {("other", "increase")}),
    ("Reduce the hats slightly. No changes to the remaining stems.", {("drums", "decrease")}),
])
def test_the_rest_called_fine_leaves_the_other_stems(text, read):
    assert moves(text) == read


@pytest.mark.parametrize("text", ["Lower the drums, or raise the vocals.",
                                  "The band could come down, or the vocals up."])
def test_a_second_move_offered_after_comma_or_is_an_alternative(text):
    """Before: both moves were read, as if the answer asked for both."""
    assert "alternative" in refused(text)


# Round 8b: classes read off heldout9's flips after its one measurement (heldout9 is a tuning set for these since).
def test_a_level_left_to_the_reader_or_within_tolerance_refuses():
    assert "takes the advice back" in refused("The guitars sound a bit loud, but it could be fine, your call.")
    assert "called right" in refused("A's vocals may be 1 dB low, but that is within tolerance.")


def test_a_bare_instrumental_and_a_terse_keep():
    assert moves("Instrumental too loud, lower 2 dB, vocal keep.") == {("drums", "decrease"), ("bass", "decrease"),
                                                                      ("other", "decrease")}


def test_drowning_in_a_stem_makes_it_the_reference():
    assert moves("The voice is drowning in synths. Raise the voice 6 dB.") == {("vocals", "increase")}


def test_the_rest_told_to_stay_after_a_move_is_not_moved_with_it():
    assert moves("Lower the bass 5 dB and the rest leave as is.") == {("bass", "decrease")}


# Round 9 (after heldout9 became a tuning set): each test fails on the round-8b parser.
@pytest.mark.parametrize(("text", "read"), [
    ("Let's think step by step.\n1. The bass is fine.\n2. The guitars are hard to hear.\nAnswer: other +4 dB",
     {("other", "increase")}),
    ("Initially the drums seem too loud. On closer inspection the drums are fine and the bass is the problem.\n"
     "Final answer: bass -3 dB", {("bass", "decrease")}),
])
def test_a_reasoned_answer_is_read_from_its_answer_line(text, read):
    """Before: the reasoning's own words ("let's", a stem called fine and then moved) refused the whole answer."""
    assert moves(text) == read


def test_front_of_house_places_and_n_for_and():
    assert moves("Kick drum up 1 dB in the mains.") == {("drums", "increase")}
    assert moves("kick n snare need to come up a few db") == {("drums", "increase")}


@pytest.mark.parametrize(("text", "read"), [
    ('{"stem": "other", "direction": "down", "amount_db": 3.5}', {("other", "decrease")}),
    ('{"verdict": "A needs work", "fix": {"drums": "down a lot", "bass": "up slightly"}}',
     {("drums", "decrease"), ("bass", "increase")}),
])
def test_a_json_answer_is_read_field_by_field(text, read):
    assert moves(text) == read


@pytest.mark.parametrize(("text", "read"), [
    ("The vocals are mixed at an appropriate level, but the bass is almost inaudible. Raise the bass 10 dB.",
     {("bass", "increase")}),
    ("Louder vocals.", {("vocals", "increase")}),
    ("Up the bass by a few dB.", {("bass", "increase")}),
])
def test_an_appropriate_level_is_left_and_a_leading_comparative_is_a_request(text, read):
    assert moves(text) == read


# Round 10 (after heldout10's one measurement; heldout10 is `tuning10` since): each test fails on the round-9 parser.
def test_every_stem_moved_alike_is_the_whole_mix_and_refuses():
    assert "whole mix" in refused("Recommendation:\nDrums: -1.5 dB\nBass: -1.5 dB\nOther: -1.5 dB\nVocals: -1.5 dB")
    assert moves("Drums -1.5 dB, bass -1.5 dB, other -1.5 dB.") == {("drums", "decrease"), ("bass", "decrease"),
                                                                    ("other", "decrease")}


@pytest.mark.parametrize(("text", "read"), [
    ("The synths are less prominent than they should be.", {("other", "increase")}),
    ("The synths in A are less prominent than in B.", {("other", "increase")}),
    ("Make the synths less prominent.", {("other", "decrease")}),
])
def test_less_prominent_is_quieter(text, read):
    """Before: "less prominent" read as a move down even as a state (the synths are too quiet)."""
    assert moves(text) == read


@pytest.mark.parametrize(("text", "read"), [
    ("A's kick is 2 dB hotter than B's, and A's snare is 2 dB hotter too.", {("drums", "decrease")}),
    ("Compared to B, A's vocal is barely audible and A's bass is far too loud.", {("vocals", "increase"),
                                                                                  ("bass", "decrease")}),
    ("Relative to B, A needs: drums -1 dB, bass +1 dB, vocals +2 dB.", {("drums", "decrease"), ("bass", "increase"),
                                                                         ("vocals", "increase")}),
])
def test_a_judges_clauses_about_mix_a(text, read):
    """Before: "and A's snare" read as an unknown relation, and a signed amount after "A needs:" as a state."""
    assert moves(text) == read


@pytest.mark.parametrize("text", ["Answer: All stems are at appropriate levels.",
                                  "The mix is approved as is.",
                                  "Score: 9/10. The balance matches the reference; no stem needs adjusting."])
def test_round_10_ways_of_calling_the_balance_right(text):
    assert parse(text, STEMS) == Advice()


def test_rest_of_the_mix_without_the_and_instruments_from_more_traditions():
    assert moves("Bring the toms down slightly. Rest of the mix is fine.") == {("drums", "decrease")}
    assert moves("The oud is too loud, decrease it a little.") == {("other", "decrease")}
    assert moves("The cajon is too quiet.") == {("drums", "increase")}


# Round 10b (after heldout11's one measurement).
def test_advice_quoted_only_to_be_called_wrong_is_not_advice():
    assert isinstance(parse("The candidate's advice (boost the guitars) is wrong.", STEMS), Refusal)
    assert moves("The response's suggestion to lower the vocals is incorrect. The vocals should go up 2 dB.") == {
        ("vocals", "increase")}


def test_a_group_written_out_keeps_the_other_stem():
    assert moves("everything but the vocals needs to come down like 6 db") == {
        ("drums", "decrease"), ("bass", "decrease"), ("other", "decrease")}


def test_a_judges_fix_after_calling_advice_wrong_is_read():
    assert moves("Verdict: the response is wrong; the vocals are too loud.") == {("vocals", "decrease")}
    assert moves("Lower the vocals 2 dB; the candidate is wrong.") == {("vocals", "decrease")}


def test_a_group_that_is_not_moved_is_not_written_out():
    """"I like everything but the vocals, they ...": the group is what the writer likes, and "they" is not it."""
    assert isinstance(parse("I like everything but the vocals, they are too loud.", STEMS), Refusal)
