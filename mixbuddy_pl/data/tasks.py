"""The task variants: which audios the model hears, what it is asked, and the reference answer."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from mixbuddy_pl import audio
from mixbuddy_pl.advice.flaws import Flaw, FlawPolicy
from mixbuddy_pl.advice.labels import CATEGORY_OF, Advice, Category, Variant
from mixbuddy_pl.advice.templates import render, render_prompt
from mixbuddy_pl.errors import ConfigError

AnchorInput = Literal["pair", "rest"]
Order = Literal["ab", "swapped", "same"]
"""The differential variant's clip order: A then B; `swapped` (B then A, the reversed answer) or `same` (B twice,
"no changes"): the controls `data.control swapped` / `data.control same`."""

_OPPOSITE = {"increase": "decrease", "decrease": "increase", "none": "none"}


def reversed_flaw(flaw: Flaw) -> Flaw:
    """The flaw that the reversed change corrects: the opposite gain and category (very_quiet <-> very_loud)."""
    return Flaw(flaw.stem, CATEGORY_OF[(_OPPOSITE[flaw.direction], flaw.magnitude)], -flaw.applied_gain_db + 0.0)


@dataclass(frozen=True)
class Scenario:
    """What was done to one chunk: the anchor (if any) and the flaws applied (no_error flaws carry 0 dB)."""

    flaws: tuple[Flaw, ...]
    anchor: str | None = None

    def gains(self) -> dict[str, float]:
        """Linear gain per flawed stem (stems without a flaw keep 1)."""
        return {f.stem: audio.db_to_amplitude(f.applied_gain_db) for f in self.flaws}


@dataclass
class Example:
    """One training/evaluation item: the audios exactly as the model hears them, prompt and answer."""

    variant: Variant
    song: str
    start_s: float
    duration_s: float
    scenario: Scenario
    audios: list[np.ndarray]
    prompt: str
    response: str
    advice: Advice
    meta: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """Everything but the audio, in the `example.json` / predictions JSONL schema."""
        return {
            "variant": self.variant, "song": self.song, "start_s": self.start_s, "duration_s": self.duration_s,
            "anchor": self.scenario.anchor, "targets": [f.to_dict() for f in self.scenario.flaws],
            "prompt": self.prompt, "response": self.response, **self.meta,
        }


class Task(ABC):
    """A variant: targets eligible in a chunk, the scenario for (target, category), and the example built from it."""

    variant: Variant
    num_audios: int

    def __init__(self, policy: FlawPolicy, template: int | None = None) -> None:
        self.policy, self.template = policy, template

    def targets(self, audible: list[str]) -> list[str]:
        """Stems that may receive the flaw in a chunk where `audible` stems are above the silence threshold."""
        return [t for t in self.policy.targets if t in audible]

    def scenario(self, target: str, category: Category, audible: list[str], rng: np.random.Generator) -> Scenario:
        """The scenario for a flaw of `category` on `target` (gain and any extra choices drawn from `rng`)."""
        return Scenario((self.policy.draw(target, rng, category),))

    @abstractmethod
    def audios(self, stems: dict[str, np.ndarray], scenario: Scenario) -> list[np.ndarray]:
        """The audios given to the model, in order."""

    def advice(self, scenario: Scenario) -> Advice:
        """The reference answer's labels: every stem that must change (none when the mix is fine)."""
        return Advice(tuple(f.to_advice() for f in scenario.flaws if f.category != "no_error"))

    def example(self, stems: dict[str, np.ndarray], scenario: Scenario, rng: np.random.Generator,
                song: str, start_s: float, sample_rate: int) -> Example:
        """One Example: the variant's audios, the rendered prompt and the reference answer."""
        advice = self.advice(scenario)
        prompt = render_prompt(self.variant, rng, anchor=scenario.anchor, target=scenario.flaws[0].stem,
                               stems=tuple(stems), template=self.template)
        response = render(advice, rng, variant=self.variant, anchor=scenario.anchor, template=self.template)
        audios = self.audios(stems, scenario)
        duration = len(audios[0]) / sample_rate
        return Example(self.variant, song, start_s, duration, scenario, audios, prompt, response, advice)


class AnchorTask(Task):
    """Anchor stem first, then the target alone (`pair`) or the rest of the flawed mix (`rest`)."""

    variant = "anchor"
    num_audios = 2

    def __init__(self, policy: FlawPolicy, anchor: str | None = None, anchor_input: AnchorInput = "pair",
                 template: int | None = None) -> None:
        super().__init__(policy, template)
        if anchor is not None and anchor in policy.targets and len(policy.targets) == 1:
            raise ConfigError(f"data.anchor '{anchor}' is the only flaw target (data.flaws.targets); "
                              "the anchor can never be its own target: add other targets or change the anchor")
        self.anchor, self.anchor_input = anchor, anchor_input

    def targets(self, audible: list[str]) -> list[str]:
        """Audible stems other than the anchor (none when the fixed anchor is silent)."""
        if self.anchor is not None:
            return [t for t in super().targets(audible) if t != self.anchor] if self.anchor in audible else []
        return [t for t in super().targets(audible) if len(audible) > 1]

    def scenario(self, target: str, category: Category, audible: list[str], rng: np.random.Generator) -> Scenario:
        """One flaw on the target, with the fixed anchor or one drawn among the audible stems."""
        flaw = self.policy.draw(target, rng, category)
        anchor = self.anchor
        if anchor is None:
            candidates = [s for s in audible if s != target]
            anchor = candidates[rng.integers(len(candidates))]
        return Scenario((flaw,), anchor)

    def audios(self, stems: dict[str, np.ndarray], scenario: Scenario) -> list[np.ndarray]:
        """The anchor stem, then the flawed target alone (`pair`) or the mix without the anchor (`rest`)."""
        flaw = scenario.flaws[0]
        if self.anchor_input == "pair":
            second = stems[flaw.stem] * np.float32(scenario.gains()[flaw.stem])
        else:
            second = audio.mix(stems, scenario.gains(), exclude=(scenario.anchor,))
        return [stems[scenario.anchor], second]

    def advice(self, scenario: Scenario) -> Advice:
        """Always about the target: a correct balance is "leave it"."""
        return Advice(tuple(f.to_advice() for f in scenario.flaws))


class NoAnchorTask(Task):
    """The flawed full mix only (the single-input baseline of the MixAssist line of work)."""

    variant = "no_anchor"
    num_audios = 1

    def audios(self, stems: dict[str, np.ndarray], scenario: Scenario) -> list[np.ndarray]:
        """The flawed full mix alone."""
        return [audio.mix(stems, scenario.gains())]


class DifferentialTask(Task):
    """Flawed mix A, then reference mix B; 0..max_changes stems differ.

    `order` is a control: `swapped` plays B then A, so the answer that turns the first into the second is the
    reversed one (every flaw's gain and category flipped); `same` plays B twice, so the answer is "no changes".
    """

    variant = "differential"
    num_audios = 2

    def __init__(self, policy: FlawPolicy, max_changes: int = 1, template: int | None = None,
                 order: Order = "ab") -> None:
        super().__init__(policy, template)
        if max_changes < 1:
            raise ConfigError(f"data.max_changes must be at least 1, got {max_changes}")
        self.max_changes, self.order = max_changes, order

    def scenario(self, target: str, category: Category, audible: list[str], rng: np.random.Generator) -> Scenario:
        """The target's flaw plus up to max_changes - 1 flaws on other audible stems (reversed when `swapped`;
        the target alone at 0 dB when `same`), drawn alike under every order."""
        flaws = [self.policy.draw(target, rng, category)]
        if category != "no_error":
            others = [t for t in self.targets(audible) if t != target]
            extra = int(rng.integers(0, min(self.max_changes - 1, len(others)) + 1))
            flawed = [c for c in self.policy.categories if c != "no_error"]
            for stem in rng.permutation(others)[:extra]:
                flaws.append(self.policy.draw(str(stem), rng, flawed[rng.integers(len(flawed))]))
        if self.order == "swapped":
            flaws = [reversed_flaw(f) for f in flaws]
        elif self.order == "same":
            flaws = [Flaw(target, "no_error", 0.0)]
        return Scenario(tuple(flaws))

    def audios(self, stems: dict[str, np.ndarray], scenario: Scenario) -> list[np.ndarray]:
        """A = B + (gain - 1) * stem for each changed stem: one pass over the stems instead of two. `swapped`:
        the scenario holds the reversed flaws, so the first clip is the reference and the second gets 1 / gain."""
        reference = audio.mix(stems, {})
        flawed = reference.copy()
        for stem, gain in scenario.gains().items():
            if gain != 1.0:
                flawed += stems[stem] * np.float32((1.0 / gain if self.order == "swapped" else gain) - 1.0)
        return [reference, flawed] if self.order == "swapped" else [flawed, reference]


def make_task(variant: Variant, policy: FlawPolicy, *, anchor: str | None = None,
              anchor_input: AnchorInput = "pair", max_changes: int = 1, template: int | None = None,
              order: Order = "ab") -> Task:
    """The task object for a variant name (`order`: the differential variant's clip-order control)."""
    if variant == "anchor":
        return AnchorTask(policy, anchor, anchor_input, template)
    if variant == "no_anchor":
        return NoAnchorTask(policy, template)
    if variant == "differential":
        return DifferentialTask(policy, max_changes, template, order)
    raise ConfigError(f"data.variant '{variant}' is unknown; use anchor, no_anchor or differential")
