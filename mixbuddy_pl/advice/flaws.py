"""FlawPolicy: which stems get a gain error, how large, and the deterministic draws."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mixbuddy_pl.advice.labels import (
    CATEGORIES, CATEGORY_OF, DIRECTION_OF, MAGNITUDE_OF, Category, Direction, Magnitude, StemAdvice,
)
from mixbuddy_pl.errors import ConfigError

GAIN_STEP_DB = 0.5
"""Suggested corrections are rounded to this step (reference answers, parsed numbers, the loudness baseline)."""

DEFAULT_RANGES: dict[str, tuple[float, float]] = {
    "no_error": (0.0, 0.0),
    "quiet": (-6.0, -3.0),
    "very_quiet": (-12.0, -6.0),
    "loud": (3.0, 6.0),
    "very_loud": (6.0, 12.0),
}


def round_gain(gain_db: float) -> float:
    """`gain_db` rounded to GAIN_STEP_DB (and -0.0 made 0.0)."""
    return round(gain_db / GAIN_STEP_DB) * GAIN_STEP_DB + 0.0


@dataclass(frozen=True)
class Flaw:
    """A gain error applied to one stem, and the advice that corrects it."""

    stem: str
    category: Category
    applied_gain_db: float

    @property
    def direction(self) -> Direction:
        """The correction's direction: increase, decrease or none."""
        return DIRECTION_OF[self.category]

    @property
    def magnitude(self) -> Magnitude:
        """The correction's magnitude: none, moderate or large."""
        return MAGNITUDE_OF[self.category]

    @property
    def suggested_gain_db(self) -> float:
        """The correction: the negated applied gain, rounded to GAIN_STEP_DB."""
        return round_gain(-self.applied_gain_db)

    def to_advice(self) -> StemAdvice:
        """The reference advice; "leave it" carries no number."""
        gain = None if self.category == "no_error" else self.suggested_gain_db
        return StemAdvice(self.stem, self.direction, self.magnitude, gain)

    def to_dict(self) -> dict:
        """The flaw as the plain dict stored in examples and prediction records."""
        return {
            "stem": self.stem, "category": self.category, "applied_gain_db": self.applied_gain_db,
            "direction": self.direction, "magnitude": self.magnitude,
            "suggested_gain_db": self.suggested_gain_db,
        }


@dataclass
class FlawPolicy:
    """Flaw categories with their gain ranges (dB applied to the target) and the stems that may be targets.

    Args:
        ranges: category -> (low, high) dB. Negative ranges make a stem quieter. `no_error` must be (0, 0).
        targets: stems that may receive a flaw ("other" is a grab-bag, so opt in explicitly).
    """

    ranges: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_RANGES))
    targets: list[str] = field(default_factory=lambda: ["vocals", "drums", "bass"])

    def __post_init__(self) -> None:
        for name, value in self.ranges.items():
            if len(value) != 2:
                raise ConfigError(f"data.flaws.ranges.{name} = {list(value)}: write it as [low, high] in dB")
        self.ranges = {k: (float(v[0]), float(v[1])) for k, v in self.ranges.items()}
        self.validate()

    @property
    def categories(self) -> tuple[Category, ...]:
        """The categories this policy draws, in CATEGORIES order."""
        return tuple(c for c in CATEGORIES if c in self.ranges)

    round_gain = staticmethod(round_gain)

    @property
    def moderate_from_db(self) -> float:
        """The smallest flaw size |dB| of any flawed category: below it a stem is fine."""
        return min((self.moderate_from(d) for d in ("increase", "decrease")), default=float("inf"))

    @property
    def large_from_db(self) -> float:
        """Where `large` starts in either direction: the smaller of the two `large_from` boundaries."""
        return min(self.large_from(d) for d in ("increase", "decrease"))

    def _smallest(self, direction: Direction, magnitude: Magnitude) -> float:
        """The smallest |dB| of the flaw ranges whose correction has `direction` and `magnitude` (inf if none)."""
        sizes = [min(map(abs, r)) for c, r in self.ranges.items()
                 if DIRECTION_OF[c] == direction and MAGNITUDE_OF[c] == magnitude]  # type: ignore[index]
        return min(sizes, default=float("inf"))

    def moderate_from(self, direction: Direction) -> float:
        """Where a flaw corrected by `direction` starts (quiet ranges for `increase`, loud ones for `decrease`)."""
        return min(self._smallest(direction, "moderate"), self._smallest(direction, "large"))

    def large_from(self, direction: Direction) -> float:
        """Where `large` starts for corrections in `direction`: asymmetric quiet and loud ranges each keep theirs."""
        return self._smallest(direction, "large")

    def magnitude_of_correction(self, stated_db: float, direction: Direction | None = None) -> Magnitude | None:
        """The magnitude a stated correction of |stated_db| in `direction` implies (both directions' smaller
        boundary when None); None within half a GAIN_STEP_DB of the boundary, where a rounded correction can come
        from either side of it."""
        size = abs(stated_db)
        boundary = self.large_from_db if direction in (None, "none") else self.large_from(direction)
        if abs(size - boundary) <= GAIN_STEP_DB / 2:
            return None
        return "large" if size > boundary else "moderate"

    def unstated_correction_db(self, category: Category) -> float:
        """The correction an answer that names `category`'s direction and size but no number stands for: the middle
        of the category's range, negated (the default range where this policy does not draw the category)."""
        low, high = self.ranges.get(category, DEFAULT_RANGES[category])
        return -(low + high) / 2 + 0.0

    def category_of(self, applied_gain_db: float) -> Category:
        """The category of an applied gain, from the ranges on its own side: fine below that side's smallest flaw,
        else quiet/loud by sign and size."""
        direction: Direction = "decrease" if applied_gain_db > 0 else "increase"  # a boosted stem must come down
        if applied_gain_db == 0 or abs(applied_gain_db) < self.moderate_from(direction):
            return "no_error"
        magnitude: Magnitude = "large" if abs(applied_gain_db) >= self.large_from(direction) else "moderate"
        return CATEGORY_OF[(direction, magnitude)]

    def validate(self, stem_names: tuple[str, ...] | None = None) -> None:
        """Raise ConfigError for unknown categories, empty/overlapping/wrong-sign ranges or unknown targets."""
        where = "data.flaws.ranges"
        unknown = set(self.ranges) - set(CATEGORIES)
        if unknown:
            raise ConfigError(f"{where}: unknown categories {sorted(unknown)}; use any of {list(CATEGORIES)}")
        if not self.ranges:
            raise ConfigError(f"{where} is empty: give at least one category, e.g. quiet: [-6, -3]")
        if not self.targets:
            raise ConfigError("data.flaws.targets is empty: name at least one stem that may receive a flaw")
        for name, (low, high) in self.ranges.items():
            if name == "no_error":
                if (low, high) != (0.0, 0.0):
                    raise ConfigError(f"{where}.no_error must be [0, 0], got [{low}, {high}]")
                continue
            if not low < high:
                raise ConfigError(f"{where}.{name} = [{low}, {high}] is empty: write it as [low, high] with low < high")
            quiet = DIRECTION_OF[name] == "increase"  # quiet flaws are cuts, loud flaws are boosts
            if (quiet and high > 0) or (not quiet and low < 0):
                raise ConfigError(f"{where}.{name} = [{low}, {high}] has the wrong sign: "
                                  f"{name} needs {'negative' if quiet else 'positive'} gains")
        for a, b in (("quiet", "very_quiet"), ("loud", "very_loud")):
            if a in self.ranges and b in self.ranges:
                moderate_top, large_bottom = max(map(abs, self.ranges[a])), min(map(abs, self.ranges[b]))
                if large_bottom < moderate_top:
                    raise ConfigError(f"{where}: {a} {self.ranges[a]} and {b} {self.ranges[b]} overlap; "
                                      f"{b} must start where {a} ends so the magnitude label is unambiguous")
        if stem_names is not None:
            missing = [t for t in self.targets if t not in stem_names]
            if missing:
                raise ConfigError(f"data.flaws.targets names {missing}, which the song source does not have; "
                                  f"its stems are {list(stem_names)}")

    def draw(self, stem: str, rng: np.random.Generator, category: Category | None = None) -> Flaw:
        """A flaw for `stem`: the category (uniform unless given) and a gain uniform in its range."""
        if category is None:
            category = self.categories[rng.integers(len(self.categories))]
        low, high = self.ranges[category]
        gain = float(rng.uniform(low, high)) if high > low else low
        return Flaw(stem, category, gain)
