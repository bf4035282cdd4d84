"""Template banks, render and parse: every phrasing round-trips, and the parser survives free text."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mixbuddy_pl.advice.labels import CATEGORIES, DIRECTION_OF, MAGNITUDE_OF, Advice, Refusal, StemAdvice, display_name
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.advice.templates import NO_CHANGE, PROMPTS, RESPONSES, render, render_prompt, template_corpus

STEMS = ["drums", "bass", "other", "vocals", "lead_vocals"]
VARIANTS = ("anchor", "no_anchor", "differential")
GAINS = {"none": (None,), "moderate": (3.0, 4.5, 6.0, None), "large": (6.0, 8.0, 11.5, None)}
"""Reference amounts each magnitude can carry under the default flaw ranges (6.0: either side, rounded)."""


def change(stem: str, category: str, gain: float | None = None) -> StemAdvice:
    """The advice correcting `category` on `stem`, with `gain` signed by the direction."""
    direction = DIRECTION_OF[category]
    signed = None if gain is None or direction == "none" else (gain if direction == "increase" else -gain)
    return StemAdvice(stem, direction, MAGNITUDE_OF[category], signed)


def anchor_for(stem: str) -> str:
    return "bass" if stem != "bass" else "drums"


def say(advice: Advice, variant: str, template: int, anchor: str = "drums") -> str:
    return render(advice, np.random.default_rng(0), variant=variant, anchor=anchor, template=template)


# --------------------------------------------------------------------------- banks


def test_prompt_banks_have_eight_distinct_phrasings_per_variant():
    for variant in VARIANTS:
        assert len(PROMPTS[variant]) >= 8
    every = [p for bank in PROMPTS.values() for p in bank]
    assert len(set(every)) == len(every)


def test_response_banks_have_eight_phrasings_per_category_and_for_no_change():
    for category in CATEGORIES:
        assert len(set(RESPONSES[category])) >= 8
    assert len(set(NO_CHANGE)) >= 8


def test_display_name_replaces_underscores():
    assert display_name("lead_vocals") == "lead vocals"
    assert display_name("drums") == "drums"


# --------------------------------------------------------------------------- prompts


@pytest.mark.parametrize("template", range(8))
def test_anchor_prompt_names_anchor_and_target(template):
    text = render_prompt("anchor", np.random.default_rng(0), anchor="drums", target="lead_vocals",
                         template=template)
    assert "drums" in text and "lead vocals" in text and "Audio 1" in text


def test_no_anchor_prompt_lists_the_stems_and_differential_names_both_mixes():
    rng = np.random.default_rng(0)
    text = render_prompt("no_anchor", rng, stems=["drums", "bass", "lead_vocals"], template=0)
    assert "drums, bass or lead vocals" in text
    for t in range(len(PROMPTS["differential"])):
        text = render_prompt("differential", rng, stems=STEMS, template=t)
        assert "A" in text and "B" in text and "Audio 1" in text


def test_anchor_prompt_requires_anchor_and_target():
    with pytest.raises(ValueError, match="anchor"):
        render_prompt("anchor", np.random.default_rng(0), target="vocals")


def test_prompt_is_deterministic_per_seed_and_seeds_reach_every_template():
    def draw(seed: int) -> str:
        return render_prompt("no_anchor", np.random.default_rng(seed), stems=STEMS)
    assert draw(3) == draw(3)
    assert {draw(s) for s in range(200)} == {render_prompt("no_anchor", np.random.default_rng(0), stems=STEMS,
                                                           template=t) for t in range(len(PROMPTS["no_anchor"]))}


# --------------------------------------------------------------------------- render


def test_render_names_stem_reference_magnitude_and_amount():
    vocals = Advice((change("vocals", "very_quiet", 8.0),))
    anchored = say(vocals, "anchor", 0, anchor="drums")
    assert anchored == "The vocals are much too quiet against the drums; bring them up about 8 dB."
    assert "in the mix" in say(vocals, "no_anchor", 0)
    assert "in mix A compared with mix B" in say(vocals, "differential", 0)
    assert "4.5 dB" in say(Advice((change("bass", "loud", 4.5),)), "no_anchor", 1)


def test_render_without_a_number_drops_the_amount():
    text = say(Advice((change("bass", "loud"),)), "no_anchor", 0)
    assert text == "The bass is a bit too loud in the mix; pull it down."


def test_render_leave_it_and_no_change():
    text = say(Advice((change("lead_vocals", "no_error"),)), "anchor", 0, anchor="kick")
    assert text == "The lead vocals sit well against the kick; leave them as they are."
    assert "nothing to change" in say(Advice(), "no_anchor", 0)


def test_render_differential_one_sentence_per_stem():
    advice = Advice((change("vocals", "quiet", 4.5), change("bass", "very_loud", 8.0)))
    text = say(advice, "differential", 0)
    assert text.startswith("The bass is much too loud in mix A")
    assert text.index("bass") < text.index("vocals") and "8 dB" in text and "4.5 dB" in text


def test_render_is_deterministic_per_seed_and_seeds_reach_different_templates():
    advice = Advice((change("vocals", "loud", 4.5),))
    def draw(seed: int) -> str:
        return render(advice, np.random.default_rng(seed), variant="no_anchor")
    assert draw(7) == draw(7)
    assert len({draw(s) for s in range(200)}) == len(RESPONSES["loud"])


def test_render_anchor_variant_requires_anchor():
    with pytest.raises(ValueError, match="anchor"):
        render(Advice((change("vocals", "quiet", 3.0),)), np.random.default_rng(0), variant="anchor")


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("variant, category", [
    (v, c) for v, c in itertools.product(VARIANTS, CATEGORIES) if c != "no_error" or v == "anchor"
])  # "leave it" answers belong to the anchor variant
def test_every_template_round_trips(variant, category):
    for template, stem, gain in itertools.product(range(len(RESPONSES[category])), STEMS,
                                                  GAINS[MAGNITUDE_OF[category]]):
        advice = Advice((change(stem, category, gain),))
        text = say(advice, variant, template, anchor=anchor_for(stem))
        assert parse(text, STEMS) == advice, text


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_change_answers_round_trip(variant):
    for template in range(len(NO_CHANGE)):
        text = say(Advice(), variant, template)
        assert parse(text, STEMS) == Advice(), text


def test_multi_change_differential_answers_round_trip():
    categories = [c for c in CATEGORIES if c != "no_error"]
    stems = ["drums", "bass", "vocals", "lead_vocals"]
    for template, (first, second) in itertools.product(range(8), itertools.permutations(categories, 2)):
        advice = Advice((change(stems[template % 4], first, 6.0),
                         change(stems[(template + 1) % 4], second, 6.0),
                         change(stems[(template + 2) % 4], first)))
        text = render(advice, np.random.default_rng(template), variant="differential", template=template)
        assert parse(text, stems) == advice, text


def test_custom_stem_names_round_trip():
    stems = ["kick", "snare", "lead_vocals"]
    advice = Advice((change("kick", "very_loud", 8.0),))
    for template in range(8):
        text = say(advice, "anchor", template, anchor="lead_vocals")
        assert parse(text, stems) == advice, text


# --------------------------------------------------------------------------- free text


@pytest.mark.parametrize("text, direction", [
    ("Make the vocals louder.", "increase"),
    ("The vocals are too loud.", "decrease"),
    ("The vocals? They should be quieter.", "decrease"),
    ("The vocals are too quiet.", "increase"),
    ("The vocals need to be louder than they are.", "increase"),
    ("The vocals are louder than in mix B.", "decrease"),
    ("In mix A the vocals are quieter than in mix B.", "increase"),
])
def test_comparatives_are_not_read_as_states(text, direction):
    advice = parse(text, STEMS)
    assert isinstance(advice, Advice) and [c.direction for c in advice.changes] == [direction]


def test_comparative_goal_against_another_stem_is_refused_not_flipped():
    # "quieter than the drums" as a goal could move either fader (issue 24): refuse
    assert isinstance(parse("Make them a lot quieter than the drums, the vocals I mean.", STEMS), Refusal)


def test_free_text_around_an_answer():
    text = ("Sure! Listening closely, I think the VOCALS are way too quiet against the drums -- raise them "
            "about 8 decibels. That should help them sit on top of the rhythm section.")
    assert parse(text, STEMS) == Advice((StemAdvice("vocals", "increase", "large", 8.0),))


def test_anchor_mentioned_as_reference_is_not_a_change():
    for text in ("Relative to the drums, the bass is a bit too loud; cut it 4 dB.",
                 "Using the drums as the reference, the bass is a bit too loud; cut it 4 dB.",
                 "The bass is a bit too loud compared with the drums. Cut it 4 dB."):
        assert parse(text, STEMS) == Advice((StemAdvice("bass", "decrease", "moderate", -4.0),)), text


def test_leave_entries_are_dropped_when_another_stem_changes():
    text = "The drums are fine. The vocals are buried, so raise them 9 dB."
    assert parse(text, STEMS) == Advice((StemAdvice("vocals", "increase", "large", 9.0),))


@pytest.mark.parametrize("text, gain", [
    ("Raise the bass 8 dB.", 8.0),
    ("Raise the bass 8.5dB.", 8.5),
    ("Raise the bass about 8 decibels.", 8.0),
    ("Cut the bass -4 dB.", -4.0),
    ("Cut the bass by 4.2 dB.", -4.0),
    ("Raise the bass 4-5 dB.", 4.5),
    ("Raise the bass eight dB.", 8.0),
    ("Raise the bass.", None),
])
def test_numbers_take_their_sign_from_the_direction(text, gain):
    assert parse(text, STEMS).changes[0].gain_db == gain


@pytest.mark.parametrize("text, direction, gain", [
    ("piano +5", "increase", 5.0),  # a signed number is an amount and a direction
    ("Snare: -2.", "decrease", -2.0),
    ("Piano way too loud, trim 9.", "decrease", -9.0),  # after a level verb
    ("Bass: down 4", "decrease", -4.0),
    ("Singer +2 to +3 dB.", "increase", 2.5),
    ("Piano needs 4-5 dB more.", "increase", 4.5),
    ("Drums: 0 dB.", "none", None),
])
def test_amounts_without_a_unit_or_with_a_sign(text, direction, gain):
    change = parse(text, STEMS).changes[0]
    assert (change.direction, change.gain_db) == (direction, gain)


@pytest.mark.parametrize("text", ["I can hear a guitar solo around 2:30.", "Raise the bass around 80 Hz."])
def test_times_and_frequencies_are_not_amounts(text):
    advice = parse(text, STEMS)
    assert not advice or advice.changes[0].gain_db is None


@pytest.mark.parametrize("text, want", [
    ("the snrae is too loud", ("drums", "decrease")),  # two swapped letters
    ("lwoer the bass", ("bass", "decrease")),
    ("cant hear the piano", ("other", "increase")),  # no apostrophe
    ("the bass is quite loud", ("bass", "decrease")),  # "quite" is a word, never "quiet"
])
def test_typing_slips_are_repaired(text, want):
    change = parse(text, STEMS).changes[0]
    assert (change.stem, change.direction) == want


@pytest.mark.parametrize("text, magnitude", [
    ("The bass is far too loud.", "large"),
    ("The bass is way too loud, pull it down 4 dB.", "moderate"),
    ("The bass is a touch loud; pull it down 9 dB.", "large"),  # the number is trusted over the words
    ("The bass is way too loud, pull it down 6 dB.", "large"),  # 6 dB may be either side: words decide
    ("The bass is 7 dB too loud.", "large"),
    ("It's hard to say, but the bass is slightly too loud.", "moderate"),  # a hedge is no degree word
    ("The bass is too loud.", "moderate"),
    ("Pull the bass down 9 dB.", "large"),
    ("Pull the bass down 6 dB.", "moderate"),
    ("Pull the bass down.", "moderate"),
])
def test_magnitude_from_words_then_number(text, magnitude):
    assert parse(text, STEMS).changes[0].magnitude == magnitude


@pytest.mark.parametrize("text", [
    "The vocals are too quiet; cut them 3 dB.",
    "Raise the bass 3 dB. Actually, lower the bass.",
    "The bass sits well against the drums, but raise it 4 dB.",
    "The balance is already right. Raise the vocals 4 dB.",
])
def test_contradictions_are_unparseable(text):
    assert isinstance(parse(text, STEMS), Refusal)


@pytest.mark.parametrize("text", ["", "hello world", "The drums sound great.", "Raise it 8 dB.",
                                  "I can hear a guitar solo around 2:30."])
def test_text_without_advice_is_unparseable(text):
    assert isinstance(parse(text, STEMS), Refusal)


def test_no_change_free_text_parses_to_empty_advice():
    assert parse("Honestly? The balance sounds fine, nothing needs to change.", STEMS) == Advice()


# --------------------------------------------------------------------------- tokenizer corpus


def test_template_corpus_covers_digits_names_and_every_bank():
    corpus = list(template_corpus())
    text = "\n".join(corpus)
    assert set("0123456789") <= set(corpus)
    assert {"drums", "lead vocals", "lead_vocals"} <= set(corpus)
    assert "much too quiet" in text and "11.5 dB" in text and "mix A" in text
    assert len(corpus) >= sum(map(len, PROMPTS.values())) + sum(map(len, RESPONSES.values())) + len(NO_CHANGE)
