"""Each variant's controls change exactly what they claim: silenced clips are zeros, swapped clips come with the
reversed answers, A = B comes with "no changes", a level shift scales every clip and leaves the answer."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mixbuddy_pl import audio
from mixbuddy_pl.advice.parse import parse
from mixbuddy_pl.controls import METRICS, SKILLED, table
from mixbuddy_pl.data.collate import QwenAudioCollator
from mixbuddy_pl.data.datamodule import CONTROLS, MixingDataModule
from mixbuddy_pl.data.tasks import Example
from mixbuddy_pl.errors import ConfigError

STEMS = ["drums", "bass", "other", "vocals"]
OPPOSITE = {"increase": "decrease", "decrease": "increase", "none": "none"}


def examples(dm: MixingDataModule, n: int = 20) -> list[Example]:
    """The first `n` test examples of a datamodule (every category: evaluation enumerates them in turn)."""
    dataset = dm.build("test")
    return [dataset[(0, i)] for i in range(n)]


def heard(dm: MixingDataModule, processor, batch: list[Example]) -> torch.Tensor:
    """The batch's waveforms after the datamodule's control, [examples, clips, samples]."""
    waves = dm.silence(QwenAudioCollator(processor, with_prompts=False)(batch)["audio"])
    return waves.reshape(len(batch), dm.task.num_audios, -1)


@pytest.mark.parametrize(("variant", "control", "silent"), [
    ("anchor", "target_only", (True, False)),        # Audio 1, the anchor
    ("differential", "target_only", (False, True)),  # Audio 2, the reference B
    ("differential", "blind", (True, True)),
    ("no_anchor", "blind", (True,)),
])
def test_silencing_controls_zero_exactly_the_named_clips(make_dm, processor, variant, control, silent) -> None:
    kwargs = {"anchor": "drums"} if variant == "anchor" else {}
    plain_dm = make_dm(variant=variant, **kwargs)
    batch = examples(plain_dm, 4)
    plain, controlled = heard(plain_dm, processor, batch), heard(make_dm(variant=variant, control=control, **kwargs),
                                                                 processor, batch)
    for clip, is_silent in enumerate(silent):
        assert bool(plain[:, clip].abs().amax(-1).min() > 0)  # every clip was audible before the control
        expected = torch.zeros_like(plain[:, clip]) if is_silent else plain[:, clip]
        assert torch.equal(controlled[:, clip], expected), (control, clip)


def test_swapped_plays_b_then_a_and_its_labels_are_the_reversed_ones(make_dm) -> None:
    plain, swapped = (examples(make_dm(variant="differential", max_changes=2, control=c)) for c in ("none", "swapped"))
    changed = 0
    for p, s in zip(plain, swapped):
        assert (s.song, s.start_s) == (p.song, p.start_s)
        np.testing.assert_allclose(s.audios[0], p.audios[1], atol=1e-6)  # B first ...
        np.testing.assert_allclose(s.audios[1], p.audios[0], atol=1e-6)  # ... then A
        assert [(f.stem, f.applied_gain_db) for f in s.scenario.flaws] == [(f.stem, -f.applied_gain_db)
                                                                           for f in p.scenario.flaws]
        assert [(c.stem, c.direction, c.magnitude) for c in s.advice.changes] == [
            (c.stem, OPPOSITE[c.direction], c.magnitude) for c in p.advice.changes]
        assert [c.gain_db for c in s.advice.changes] == [-c.gain_db for c in p.advice.changes]
        assert parse(s.response, STEMS) == s.advice
        changed += bool(p.advice.changes)
    assert changed >= len(plain) // 2  # most examples have a change to reverse


def test_same_plays_b_twice_and_the_answer_is_no_changes(make_dm) -> None:
    plain, same = (examples(make_dm(variant="differential", max_changes=2, control=c)) for c in ("none", "same"))
    assert any(p.advice.changes for p in plain)
    for p, s in zip(plain, same):
        np.testing.assert_array_equal(s.audios[0], p.audios[1])
        np.testing.assert_array_equal(s.audios[1], p.audios[1])
        assert s.advice.changes == () and [f.category for f in s.scenario.flaws] == ["no_error"]
        assert s.scenario.flaws[0].stem == p.scenario.flaws[0].stem  # the question names the same target


@pytest.mark.parametrize("variant", ["anchor", "differential", "no_anchor"])
def test_level_shift_scales_every_clip_and_leaves_the_answer(make_dm, variant: str) -> None:
    kwargs = {"anchor": "drums"} if variant == "anchor" else {}
    plain = examples(make_dm(variant=variant, **kwargs), 6)
    shifted = examples(make_dm(variant=variant, level_offset_db=-10.0, **kwargs), 6)
    for p, s in zip(plain, shifted):
        assert s.advice == p.advice and s.response == p.response
        for a, b in zip(p.audios, s.audios):
            np.testing.assert_allclose(b, a * audio.db_to_amplitude(-10.0), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize(("variant", "control"), [("anchor", "swapped"), ("no_anchor", "same"),
                                                  ("no_anchor", "target_only"), ("differential", "louder")])
def test_a_control_the_variant_cannot_have_is_a_config_error(variant: str, control: str) -> None:
    with pytest.raises(ConfigError, match="data.control"):
        MixingDataModule(variant=variant, control=control)


def test_each_variant_runs_its_own_controls_each_with_what_a_skilled_model_does() -> None:
    assert set(CONTROLS) == {"anchor", "differential", "no_anchor"}
    assert set(CONTROLS["differential"]) == {"target_only", "swapped", "same", "level_-10dB", "level_+10dB"}
    assert set(CONTROLS["no_anchor"]) == {"blind", "level_-10dB", "level_+10dB"}
    assert set(CONTROLS["anchor"]) == {"target_only", "level_-10dB", "level_+10dB"}
    for name in {n for controls in CONTROLS.values() for n in controls} | {"as_configured"}:
        assert SKILLED[name]
    printed = table({"as_configured": dict.fromkeys(METRICS, 0.5), "same": dict.fromkeys(METRICS, 0.25)})
    assert "0.250" in printed and SKILLED["same"] in printed
