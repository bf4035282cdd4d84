"""Task variants: which audios, in which order, with which gains; the answer names every change."""

from __future__ import annotations

import re
import numpy as np
import pytest

from mixbuddy_pl import audio
from mixbuddy_pl.advice.flaws import FlawPolicy
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.audio import mix
from mixbuddy_pl.data.tasks import Scenario, Task, make_task
from mixbuddy_pl.errors import ConfigError

SR = audio.SAMPLE_RATE
FLAWED = ("quiet", "very_quiet", "loud", "very_loud")


@pytest.fixture(scope="module")
def stems(anchor_dm) -> dict[str, np.ndarray]:
    """A 10 s chunk of a synthetic song where every stem is audible."""
    dataset = anchor_dm.build("val")
    chunk = next(c for c in range(len(dataset.index)) if len(dataset.audible(c)) == 4)
    return dataset.stems(chunk)


def draw(task: Task, stems: dict, target: str, category: str, seed: int = 0) -> tuple[Scenario, list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    scenario = task.scenario(target, category, list(stems), rng)
    example = task.example(stems, scenario, rng, song="s", start_s=0.0, sample_rate=SR)
    assert parse(example.response, list(stems)) == example.advice
    return scenario, example.audios


def target_alone(audios: list[np.ndarray], stems: dict, scenario: Scenario, variant: str) -> np.ndarray:
    """The flawed target's contribution to the audio it is heard in (the other stems subtracted)."""
    target = scenario.flaws[0].stem
    if variant == "anchor_pair":
        return audios[1]
    heard = audios[1] if variant == "anchor_rest" else audios[0]
    exclude = (target, scenario.anchor) if variant == "anchor_rest" else (target,)
    return heard - mix(stems, scenario.gains(), exclude=exclude)


@pytest.mark.parametrize("variant", ["anchor_pair", "anchor_rest", "no_anchor", "differential"])
@pytest.mark.parametrize("category", FLAWED)
def test_measured_loudness_change_equals_applied_gain(stems: dict, variant: str, category: str) -> None:
    name, _, anchor_input = variant.partition("_")
    task = make_task("anchor" if name == "anchor" else variant, FlawPolicy(), anchor="drums",
                     anchor_input=anchor_input or "pair")
    scenario, audios = draw(task, stems, "vocals", category)
    flaw = scenario.flaws[0]
    measured = audio.loudness_lufs(target_alone(audios, stems, scenario, variant), SR) \
        - audio.loudness_lufs(stems["vocals"], SR)
    assert abs(measured - flaw.applied_gain_db) < 0.1
    low, high = FlawPolicy().ranges[category]
    assert low <= flaw.applied_gain_db <= high


def test_anchor_pair_hears_anchor_then_target(stems: dict) -> None:
    task = make_task("anchor", FlawPolicy(), anchor="drums")
    for category in ("no_error", *FLAWED):
        scenario, audios = draw(task, stems, "bass", category)
        assert scenario.anchor == "drums" and len(audios) == 2
        np.testing.assert_array_equal(audios[0], stems["drums"])
        np.testing.assert_array_equal(audios[1], stems["bass"] * np.float32(scenario.gains()["bass"]))


def test_anchor_rest_hears_anchor_then_the_flawed_mix_without_it(stems: dict) -> None:
    task = make_task("anchor", FlawPolicy(), anchor="bass", anchor_input="rest")
    scenario, audios = draw(task, stems, "vocals", "loud")
    np.testing.assert_array_equal(audios[0], stems["bass"])
    gain = np.float32(scenario.gains()["vocals"])
    expected = stems["drums"] + stems["other"] + stems["vocals"] * gain
    np.testing.assert_allclose(audios[1], expected, atol=1e-6)


def test_random_anchor_is_an_audible_other_stem_and_comes_first(stems: dict) -> None:
    task = make_task("anchor", FlawPolicy())
    anchors = set()
    for seed in range(30):
        scenario, audios = draw(task, stems, "vocals", "quiet", seed)
        assert scenario.anchor in {"drums", "bass", "other"}
        np.testing.assert_array_equal(audios[0], stems[scenario.anchor])
        anchors.add(scenario.anchor)
    assert len(anchors) == 3
    assert task.targets(["vocals"]) == []  # nothing to anchor against


def test_named_anchor_is_never_a_target() -> None:
    task = make_task("anchor", FlawPolicy(), anchor="drums")
    assert task.targets(["drums", "bass", "vocals"]) == ["vocals", "bass"]
    assert task.targets(["bass", "vocals"]) == []  # anchor silent: no example here
    with pytest.raises(ConfigError, match="only flaw target"):
        make_task("anchor", FlawPolicy(targets=["drums"]), anchor="drums")


def test_no_anchor_hears_only_the_flawed_mix(stems: dict) -> None:
    task = make_task("no_anchor", FlawPolicy())
    scenario, audios = draw(task, stems, "drums", "very_loud")
    assert len(audios) == 1
    np.testing.assert_allclose(audios[0], mix(stems, scenario.gains()), atol=0)


def test_differential_changes_0_to_max_and_b_is_the_reference(stems: dict) -> None:
    task = make_task("differential", FlawPolicy(), max_changes=2)
    reference = sum(stems.values())
    counts = set()
    for seed in range(40):
        category = ("no_error", *FLAWED)[seed % 5]
        scenario, audios = draw(task, stems, "vocals", category, seed)
        changed = [f for f in scenario.flaws if f.category != "no_error"]
        counts.add(len(changed))
        assert len({f.stem for f in scenario.flaws}) == len(scenario.flaws)
        assert all(f.stem in ("vocals", "drums", "bass") for f in changed)
        np.testing.assert_allclose(audios[1], reference, atol=1e-6)
        np.testing.assert_allclose(audios[0], mix(stems, scenario.gains()), atol=1e-6)
        if not changed:
            np.testing.assert_array_equal(audios[0], audios[1])
        assert [c.stem for c in task.advice(scenario).changes] == sorted(f.stem for f in changed)
    assert counts == {0, 1, 2}
    with pytest.raises(ConfigError):
        make_task("differential", FlawPolicy(), max_changes=0)


@pytest.mark.parametrize("variant", ["anchor", "no_anchor", "differential"])
def test_fixed_template_gives_one_phrasing_per_category(stems: dict, variant: str) -> None:
    task = make_task(variant, FlawPolicy(), anchor="drums" if variant == "anchor" else None, template=2)
    prompts, responses = set(), set()
    for seed in range(12):
        rng = np.random.default_rng(seed)
        scenario = task.scenario("vocals", "quiet", list(stems), rng)
        example = task.example(stems, scenario, rng, song="s", start_s=0.0, sample_rate=SR)
        assert parse(example.response, list(stems)) == example.advice
        prompts.add(example.prompt)
        responses.add(re.sub(r"[0-9.]+ dB", "N dB", example.response))
    assert len(prompts) == 1 and len(responses) == 1, (prompts, responses)
