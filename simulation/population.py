"""Who the people are when they arrive: their meanings, goals and traits.

People differ. Their meanings at the three levels and their goals start as uniform positions in
[-1, 1] on each theme, independent between people, or partly shared when the organization
already has a culture (``organization.initial_culture``), or several (``organization.cultures``:
one per block of departments, as when two organizations merge). Within a person the levels cohere: on
each theme, insights take over the person's principle with probability
``organization.initial_coherence``, and rules take over the insight likewise, so every level is
still uniform on its own. Actorship, openness and learning capacity are
drawn from beta distributions with a given mean and spread, so they stay within [0, 1].
Newcomers (turnover) arrive the same way, without the initial culture.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

LEVELS = ("rules", "insights", "principles")
RULES, INSIGHTS, PRINCIPLES = range(3)


def draw_beta(rng: np.random.Generator, mean: float, sd: float, size: int) -> np.ndarray:
    """Draw values in [0, 1] with the given mean and standard deviation (a beta distribution).

    Args:
        rng: The model's generator.
        mean: The mean, in [0, 1].
        sd: The standard deviation; 0 gives ``mean`` for everyone. Must be below
            ``sqrt(mean * (1 - mean))`` (the scenario checks this).
        size: How many values.

    Returns:
        The values.
    """
    if sd == 0:
        return np.full(size, float(mean))
    concentration = mean * (1 - mean) / sd**2 - 1
    return rng.beta(mean * concentration, (1 - mean) * concentration, size)


@dataclass(frozen=True)
class Arrivals:
    """The meanings, goals and traits of people who arrive (at the start, or as newcomers).

    Attributes:
        meaning: (3, k, D) meanings per level: rules, insights, principles.
        goal: (k, D) personal goals.
        actorship: (k,) how much each takes responsibility and speaks up.
        openness: (k,) how open each is to what others say.
        capacity: (k,) learning capacity.
    """

    meaning: np.ndarray
    goal: np.ndarray
    actorship: np.ndarray
    openness: np.ndarray
    capacity: np.ndarray


def draw_arrivals(
    rng: np.random.Generator,
    count: int,
    values: Mapping[str, Any],
    culture: float = 0.0,
    group: np.ndarray | None = None,
) -> Arrivals:
    """Draw ``count`` people.

    Args:
        rng: The model's generator.
        count: How many people.
        values: The scenario's values.
        culture: Share of each level's meaning that is common to a culture (0: none).
        group: (count,) the culture each person belongs to, 0 .. cultures - 1; everyone in one
            culture if None.

    Returns:
        Their meanings, goals and traits.
    """
    themes = values["organization.themes"]
    meaning = rng.uniform(-1.0, 1.0, size=(3, count, themes))
    inherit = rng.random((2, count, themes)) < values["organization.initial_coherence"]
    meaning[INSIGHTS] = np.where(inherit[0], meaning[PRINCIPLES], meaning[INSIGHTS])
    meaning[RULES] = np.where(inherit[1], meaning[INSIGHTS], meaning[RULES])
    if culture > 0:
        cultures = 1 if group is None else int(group.max(initial=0)) + 1
        common = rng.uniform(-1.0, 1.0, size=(3, cultures, themes))
        shared = common if group is None else common[:, group]
        meaning = culture * shared + (1 - culture) * meaning
    goal = rng.uniform(-1.0, 1.0, size=(count, themes))
    actorship = draw_beta(rng, values["network.actorship_mean"], values["network.actorship_sd"], count)
    openness = draw_beta(
        rng, values["communication.openness_mean"], values["communication.openness_sd"], count
    )
    capacity = draw_beta(rng, values["learning.capacity_mean"], values["learning.capacity_sd"], count)
    return Arrivals(meaning, goal, actorship, openness, capacity)


def culture_groups(department: np.ndarray, cultures: int) -> np.ndarray:
    """Each person's starting culture: the departments split into ``cultures`` contiguous blocks.

    The director (department -1) belongs to the first culture. With more cultures than
    departments, the extra ones stay empty.
    """
    departments = int(department.max(initial=0)) + 1
    return (np.maximum(department, 0) * cultures // departments).astype(np.int64)
