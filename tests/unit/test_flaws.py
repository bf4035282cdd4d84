"""FlawPolicy validation, deterministic draws, and the labels derived from a flaw."""

from __future__ import annotations

import numpy as np
import pytest

from mixbuddy_pl.advice.flaws import DEFAULT_RANGES, Flaw, FlawPolicy
from mixbuddy_pl.errors import ConfigError

EXPECTED = {  # category -> (advice direction, magnitude)
    "no_error": ("none", "none"), "quiet": ("increase", "moderate"), "very_quiet": ("increase", "large"),
    "loud": ("decrease", "moderate"), "very_loud": ("decrease", "large"),
}


@pytest.mark.parametrize("ranges, message", [
    ({**DEFAULT_RANGES, "very_quiet": (-12.0, -5.0)}, "overlap"),
    ({**DEFAULT_RANGES, "very_loud": (5.5, 12.0)}, "overlap"),
    ({**DEFAULT_RANGES, "quiet": (-3.0, -6.0)}, "is empty"),
    ({**DEFAULT_RANGES, "loud": (4.0, 4.0)}, "is empty"),
    ({**DEFAULT_RANGES, "quiet": (3.0, 6.0)}, "wrong sign"),
    ({**DEFAULT_RANGES, "loud": (-6.0, -3.0)}, "wrong sign"),
    ({**DEFAULT_RANGES, "no_error": (-1.0, 1.0)}, "no_error must be"),
    ({**DEFAULT_RANGES, "muted": (-60.0, -40.0)}, "unknown categories"),
    ({}, "is empty"),
    ({"quiet": (-6.0, -3.0, 0.0)}, r"\[low, high\]"),
])
def test_invalid_ranges_are_config_errors(ranges: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        FlawPolicy(ranges=ranges)


def test_targets_must_be_stems_of_the_source() -> None:
    with pytest.raises(ConfigError, match="targets is empty"):
        FlawPolicy(targets=[])
    policy = FlawPolicy(targets=["vocals", "guitar"])
    with pytest.raises(ConfigError, match=r"\['guitar'\]"):
        policy.validate(("drums", "bass", "other", "vocals"))
    policy.validate(("vocals", "guitar"))


@pytest.mark.parametrize("applied, suggested", [(-4.2, 4.0), (-4.3, 4.5), (7.76, -8.0), (3.0, -3.0), (0.0, 0.0)])
def test_suggested_gain_is_negated_applied_gain_rounded_to_half_db(applied: float, suggested: float) -> None:
    assert Flaw("vocals", "quiet" if applied < 0 else "loud", applied).suggested_gain_db == suggested


def test_draws_stay_in_range_and_labels_follow_the_category() -> None:
    policy = FlawPolicy()
    rng = np.random.default_rng(0)
    seen = set()
    for _ in range(500):
        flaw = policy.draw("bass", rng)
        low, high = policy.ranges[flaw.category]
        assert low <= flaw.applied_gain_db <= high
        assert (flaw.direction, flaw.magnitude) == EXPECTED[flaw.category]
        advice = flaw.to_advice()
        assert (advice.stem, advice.direction, advice.magnitude) == ("bass", *EXPECTED[flaw.category])
        assert advice.gain_db == (None if flaw.category == "no_error" else flaw.suggested_gain_db)
        if flaw.category != "no_error":  # the correction undoes the flaw
            assert np.sign(flaw.suggested_gain_db) == -np.sign(flaw.applied_gain_db)
        seen.add(flaw.category)
    assert seen == set(EXPECTED)


def test_draws_are_reproducible_and_respect_a_given_category() -> None:
    policy = FlawPolicy(ranges={"no_error": (0, 0), "very_loud": (6, 12)})
    first = [policy.draw("drums", np.random.default_rng((1, 2, i))) for i in range(20)]
    again = [policy.draw("drums", np.random.default_rng((1, 2, i))) for i in range(20)]
    assert first == again
    assert {f.category for f in first} == {"no_error", "very_loud"}
    forced = policy.draw("drums", np.random.default_rng(0), "no_error")
    assert (forced.category, forced.applied_gain_db) == ("no_error", 0.0)


def test_label_rules_follow_the_configured_ranges():
    """One source of label rules: change data.flaws.ranges and the labels, the parser's number rule and the
    categories read back from a gain all move with it."""
    from mixbuddy_pl.advice.parse import parse

    narrow = FlawPolicy({"no_error": (0, 0), "quiet": (-4, -2), "very_quiet": (-8, -4), "loud": (2, 4),
                         "very_loud": (4, 8)})
    rng = np.random.default_rng(0)
    for category in narrow.categories:
        for _ in range(20):
            flaw = narrow.draw("bass", rng, category)
            assert narrow.category_of(flaw.applied_gain_db) == flaw.category
    assert (narrow.moderate_from_db, narrow.large_from_db) == (2.0, 4.0)
    text = "Pull the bass down 5 dB."
    assert parse(text, ["bass"]).changes[0].magnitude == "moderate"  # default ranges: 5 dB is moderate
    assert parse(text, ["bass"], narrow).changes[0].magnitude == "large"
    assert parse("Pull the bass down 4 dB.", ["bass"], narrow).changes[0].magnitude == "moderate"  # boundary
    assert FlawPolicy().category_of(5.0) == "loud" and narrow.category_of(5.0) == "very_loud"
