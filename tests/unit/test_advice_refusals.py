"""Issue 24's classes: the parser follows a rule or refuses (a Refusal with its reason), never guesses.

One test per class; every sentence here is new (neither corpus holds it), and each failed on the parser before
the refusal rules."""

from __future__ import annotations

import pytest

from mixbuddy_pl.advice.labels import Advice, Refusal
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


def test_later_clause_is_understood_or_refused():
    assert "not understood" in refused("The snare could come up a little, and the piano a little softer.")


@pytest.mark.parametrize("text", ["The bass is not loud.", "The keys aren't quiet.", "The singer isn't soft."])
def test_negation_between_stem_and_state_refuses(text):
    assert "negat" in refused(text)


def test_negated_stem_refuses():
    assert "negat" in refused("Not the drums: the piano is too loud.")


@pytest.mark.parametrize("text", ["I'd like the bass quieter than the kick.", "Make the piano as loud as the snare.",
                                  "The singer should be louder than the synths."])
def test_comparative_goal_against_another_stem_refuses(text):
    assert "compar" in refused(text)


@pytest.mark.parametrize("text", ["Turn everything except the bass up a bit.", "Pull all the instruments back.",
                                  "Everything apart from the vocals should come down 2 dB."])
def test_scope_words_refuse(text):
    assert "scope" in refused(text)


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
