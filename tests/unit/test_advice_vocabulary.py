"""One vocabulary (issue 24): the response templates use the level and degree words in advice/labels, and the
moderate/large boundary comes from the policy's own ranges on each side."""

from __future__ import annotations

import re

import numpy as np
import pytest

from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.labels import DEGREE_WORDS, DIRECTION_OF, MAGNITUDE_OF, STATE_WORDS, words_regex
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.advice.templates import RESPONSES

LARGE = re.compile(rf"\b{words_regex(DEGREE_WORDS['large'])}\b")
MODERATE = re.compile(rf"\b{words_regex(DEGREE_WORDS['moderate'])}\b")


@pytest.mark.parametrize("category", ["quiet", "loud", "very_quiet", "very_loud"])
def test_templates_speak_the_labels_vocabulary(category):
    large = MAGNITUDE_OF[category] == "large"
    for template in RESPONSES[category]:
        text = template.lower()
        assert bool(LARGE.search(text)) == large, (category, template)  # degree from labels.DEGREE_WORDS
        if not large:
            # a moderate template names its state with labels.STATE_WORDS or moves with a plain verb
            state = re.search(rf"\b{words_regex(STATE_WORDS[DIRECTION_OF[category]])}\b", text)
            assert state or MODERATE.search(text), (category, template)


ASYMMETRIC = {"no_error": (0, 0), "quiet": (-8, -4), "very_quiet": (-14, -8), "loud": (2, 4), "very_loud": (4, 10)}


def test_asymmetric_ranges_keep_each_sides_boundary():
    policy = FlawPolicy(dict(ASYMMETRIC))
    assert policy.category_of(-5.0) == "quiet" and policy.category_of(5.0) == "very_loud"
    assert policy.category_of(-3.0) == "no_error" and policy.category_of(3.0) == "loud"
    rng = np.random.default_rng(0)
    for category in policy.categories:
        for _ in range(20):
            flaw = policy.draw("bass", rng, category)
            assert policy.category_of(flaw.applied_gain_db) == flaw.category
    assert parse("Raise the bass 5 dB.", ["bass"], policy).changes[0].category == "quiet"
    assert parse("Pull the bass down 5 dB.", ["bass"], policy).changes[0].category == "very_loud"
