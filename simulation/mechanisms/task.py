"""The task: what the work asks, with choices on one theme that pay only with the right choices on others.

Rule: *how well one's rules work depends on how close they come to what the environment asks
and, as far as the task is rugged, on how the choices made on the themes fit together: a choice
that pays on one theme may not pay with the choices made on others.*

Each theme's rule is read as a choice: for it (the rule is above 0) or against it. The task is
Kauffman's NK landscape over those choices, as Levinthal (1997) and Lazer & Friedman (2007)
use it: N is ``organization.themes``; the contribution of theme *i* depends on its own choice
and on the choices on K = ``task.interdependence`` other themes, drawn at random; each of the
2^(K+1) combinations has a contribution drawn uniformly from [0, 1), once per run, from the
task's own random stream. The fitness of a set of choices is the mean contribution over themes.

Fitness is put on the scale of agreement: 0 is the mean fitness over all 2^N sets of choices
(what a random set of choices scores on average, as two random positions agree at 0) and 1 is
the best set of choices (as identical positions agree at 1). Up to 24 themes the best is found
by visiting every set of choices; beyond that it is the best of many steepest-ascent climbs
(an estimate, so a few people may then score slightly above 1). Lazer & Friedman divide by the
best and raise to the eighth power; that is also order-preserving, so who is better than whom,
and with it every search and imitation decision at ``task.ruggedness`` 1, is the same.

Performance is ``(1 - ρ) × agreement with the environment + ρ × fitness`` with ρ =
``task.ruggedness``; at ρ = 0 the landscape is not built and performance is the agreement with
the environment, exactly as without this module.

The landscape stays as drawn for the whole run: turbulence and shocks move the environment, not
the landscape. Levinthal (1997) changes a landscape by redrawing contributions, but how much of
it a week's drift of size ``environment.turbulence`` should redraw has no source to rest on, so
that mapping is not made here.

References:
    Kauffman, S. A. (1993). *The Origins of Order*. Oxford University Press (the NK model).
    Levinthal, D. A. (1997). Adaptation on rugged landscapes. *Management Science* 43(7),
    934-950.
    Lazer, D. & Friedman, A. (2007). The network structure of exploration and exploitation.
    *Administrative Science Quarterly* 52(4), 667-694.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.compiled import rule

EXACT_UP_TO = 24
"""Up to this many themes the best set of choices is found by visiting every one."""

CLIMBS = 200
"""Steepest-ascent climbs from random starts that estimate the best beyond :data:`EXACT_UP_TO`."""


@dataclass(frozen=True)
class Landscape:
    """One run's NK landscape.

    Attributes:
        neighbours: (N, K + 1) the themes each theme's contribution depends on, itself first.
        table: (N, 2^(K + 1)) each theme's contribution for each combination of those choices.
        mean: The mean fitness over every set of choices (the mean of the table).
        best: The fitness of the best set of choices (exact up to :data:`EXACT_UP_TO` themes).
        exact: Whether ``best`` was found by visiting every set of choices.
    """

    neighbours: np.ndarray
    table: np.ndarray
    mean: float
    best: float
    exact: bool

    @property
    def span(self) -> float:
        """How far the best lies above the mean: the unit of normalized fitness."""
        return self.best - self.mean

    def arrays(self) -> tuple[np.ndarray, np.ndarray, float, float]:
        """What the compiled rules read: neighbours, table, mean and span."""
        return self.neighbours, self.table, self.mean, self.span


def draw_landscape(themes: int, interdependence: int, rng: np.random.Generator) -> Landscape:
    """Draw the interactions and contributions of an NK landscape, and find its best.

    Args:
        themes: N.
        interdependence: K, from 0 to N - 1.
        rng: The task's random stream.

    Returns:
        The landscape.
    """
    neighbours = np.empty((themes, interdependence + 1), np.int64)
    for i in range(themes):
        others = np.delete(np.arange(themes), i)
        neighbours[i, 0] = i
        neighbours[i, 1:] = rng.choice(others, size=interdependence, replace=False)
    table = rng.random((themes, 2 ** (interdependence + 1)))
    mean = float(table.mean())
    if themes <= EXACT_UP_TO:
        best, exact = best_by_enumeration(neighbours, table, dependents(neighbours)), True
    else:
        starts = rng.random((CLIMBS, themes)) < 0.5
        best, exact = max(climb(start, neighbours, table) for start in starts), False
    return Landscape(neighbours, table, mean, float(best), exact)


def build(values: Mapping[str, Any], rng: np.random.Generator) -> Landscape | None:
    """The run's landscape, or None when the task has no ruggedness (nothing is drawn then)."""
    if values["task.ruggedness"] <= 0:
        return None
    return draw_landscape(values["organization.themes"], values["task.interdependence"], rng)


def dependents(neighbours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each theme, the themes whose contribution depends on its choice (CSR: start, list)."""
    themes = neighbours.shape[0]
    lists = [sorted({i for i in range(themes) if j in neighbours[i]}) for j in range(themes)]
    start = np.cumsum([0] + [len(x) for x in lists]).astype(np.int64)
    flat = np.array([i for x in lists for i in x], dtype=np.int64)
    return start, flat


@rule
def contribution(choice: np.ndarray, i: int, neighbours: np.ndarray, table: np.ndarray) -> float:
    """Theme ``i``'s contribution for the choices ``choice`` (true: for)."""
    index = 0
    for k in range(neighbours.shape[1]):
        if choice[neighbours[i, k]]:
            index += 1 << k
    return table[i, index]


@rule
def raw_fitness(x: np.ndarray, neighbours: np.ndarray, table: np.ndarray) -> float:
    """The NK fitness of one position (D,): its choices are the themes on which it is above 0."""
    themes = x.shape[0]
    total = 0.0
    for i in range(themes):
        index = 0
        for k in range(neighbours.shape[1]):
            if x[neighbours[i, k]] > 0.0:
                index += 1 << k
        total += table[i, index]
    return total / themes


@rule
def fitness(x: np.ndarray, neighbours: np.ndarray, table: np.ndarray, mean: float, span: float) -> float:
    """NK fitness on the scale of agreement: 0 the mean over all sets of choices, 1 the best."""
    return (raw_fitness(x, neighbours, table) - mean) / span


@njit(cache=True)
def fitness_rows(
    x: np.ndarray, neighbours: np.ndarray, table: np.ndarray, mean: float, span: float
) -> np.ndarray:
    """:func:`fitness` of each row of (M, D) positions."""
    out = np.empty(x.shape[0])
    for m in range(x.shape[0]):
        out[m] = fitness(x[m], neighbours, table, mean, span)
    return out


@njit(cache=True)
def best_by_enumeration(
    neighbours: np.ndarray, table: np.ndarray, depend: tuple[np.ndarray, np.ndarray]
) -> float:
    """The best fitness over all 2^N sets of choices, visited in Gray-code order.

    Each step flips one choice, so only the contributions that depend on it are looked up
    again; the best set is scored once more from scratch, so rounding does not accumulate.
    """
    start, flat = depend
    themes = neighbours.shape[0]
    choice = np.zeros(themes, np.bool_)
    part = np.empty(themes)
    for i in range(themes):
        part[i] = contribution(choice, i, neighbours, table)
    total = part.sum()
    best, best_code = total, 0
    for step in range(1, 1 << themes):
        j = 0
        while not (step >> j) & 1:
            j += 1
        choice[j] = not choice[j]
        for d in range(start[j], start[j + 1]):
            i = flat[d]
            total -= part[i]
            part[i] = contribution(choice, i, neighbours, table)
            total += part[i]
        if total > best:
            best, best_code = total, step ^ (step >> 1)
    for i in range(themes):
        choice[i] = (best_code >> i) & 1
    score = 0.0
    for i in range(themes):
        score += contribution(choice, i, neighbours, table)
    return score / themes


@njit(cache=True)
def climb(start: np.ndarray, neighbours: np.ndarray, table: np.ndarray) -> float:
    """Steepest ascent from ``start`` by single flips, to a local peak; its fitness."""
    themes = neighbours.shape[0]
    choice = start.copy()
    now = 0.0
    for i in range(themes):
        now += contribution(choice, i, neighbours, table)
    while True:
        best, flip = now, -1
        for j in range(themes):
            choice[j] = not choice[j]
            score = 0.0
            for i in range(themes):
                score += contribution(choice, i, neighbours, table)
            choice[j] = not choice[j]
            if score > best:
                best, flip = score, j
        if flip < 0:
            return now / themes
        choice[flip] = not choice[flip]
        now = best


@njit(cache=True)
def team_choices(rules: np.ndarray, team: np.ndarray, teams: int) -> tuple[np.ndarray, np.ndarray]:
    """How many members of each team are for each theme (their rule above 0), and the teams' sizes.

    Returns:
        (T, D) counts of members for, and (T,) members per team.
    """
    people, themes = rules.shape
    counts = np.zeros((teams, themes))
    size = np.zeros(teams)
    for i in range(people):
        size[team[i]] += 1.0
        for t in range(themes):
            if rules[i, t] > 0.0:
                counts[team[i], t] += 1.0
    return counts, size


def team_fitness(rules: np.ndarray, team: np.ndarray, teams: int, landscape: Landscape) -> np.ndarray:
    """Each team's fitness: the NK fitness of the majority's choice on every theme.

    Args:
        rules: (N, D) everyone's rules.
        team: (N,) team per person, from 0 to ``teams - 1``.
        teams: Number of teams.
        landscape: The task.

    Returns:
        (T',) the fitness of each team with members; a tie counts as against.
    """
    counts, sizes = team_choices(rules, team, teams)
    filled = sizes > 0
    majority = np.where(2.0 * counts[filled] > sizes[filled, None], 1.0, -1.0)
    return fitness_rows(majority, *landscape.arrays())
