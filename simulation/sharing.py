"""How alike people's meanings are: shared meaning over pairs, and subcultures over the ties.

Shared meaning at a level is 1 minus the mean squared difference between the meanings of two
people, divided by that of two independent uniform meanings (2/3 per theme): within teams (pairs
in the same team), between teams (pairs in different teams) and organization-wide (all pairs).
A subculture is a connected group of like-minded people: tied people whose meanings differ by
less than ``metrics.subculture_distance`` belong to the same one, and a group counts when it holds
at least ``metrics.subculture_min_share`` of the organization and at least two people.

Both are measured every week, so their sums are compiled loops: a call to one of them costs about
what a single small numpy call does, instead of the dozens of calls the same sums took in numpy.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from orglearn.simulation.agreement import CHANCE
from orglearn.simulation.alignment import team_means
from orglearn.simulation.ties import Ties

SCOPES = ("team", "between", "org")
"""Where pairs of people are taken: in the same team, in different teams, anywhere."""


@njit(cache=True)
def pair_spread(x: np.ndarray, team: np.ndarray, teams: int) -> tuple[float, float, float, float]:
    """Summed squared differences over pairs of people, within teams and in all, with pair counts.

    Summing ``|xi - xj|^2`` over the pairs of a group of n people is
    ``n * sum |xi|^2 - |sum xi|^2``: one pass over the people instead of one over all pairs.
    The positions are first centred on the organization's mean, so that the two terms stay of
    the size of the differences and nothing is lost when they are taken apart.

    Args:
        x: (N, D) positions.
        team: (N,) team per person, from 0 to ``teams - 1``.
        teams: Number of teams.

    Returns:
        (within-team sum, within-team pairs, total sum, total pairs).
    """
    people, themes = x.shape
    mean = np.zeros(themes)
    for i in range(people):
        for t in range(themes):
            mean[t] += x[i, t]
    mean /= people
    size = np.zeros(teams)
    square = np.zeros(teams)  # per team, the summed squared distance from the mean
    sums = np.zeros((teams, themes))  # per team, the summed offset from the mean
    for i in range(people):
        g, own = team[i], 0.0
        for t in range(themes):
            offset = x[i, t] - mean[t]
            own += offset * offset
            sums[g, t] += offset
        size[g] += 1.0
        square[g] += own
    within, within_pairs, all_square = 0.0, 0.0, 0.0
    for g in range(teams):
        length = 0.0
        for t in range(themes):
            length += sums[g, t] * sums[g, t]
        within += size[g] * square[g] - length
        within_pairs += size[g] * (size[g] - 1.0) / 2.0
        all_square += square[g]
    length = 0.0  # of the summed offset of everyone (zero but for rounding)
    for t in range(themes):
        offset = 0.0
        for g in range(teams):
            offset += sums[g, t]
        length += offset * offset
    n = float(people)
    return within, within_pairs, n * all_square - length, n * (n - 1.0) / 2.0


@njit(cache=True)
def team_shared(x: np.ndarray, team: np.ndarray, teams: int) -> np.ndarray:
    """Shared meaning within each team on its own, all teams in one pass over the people.

    A team's value is what :func:`shared_meaning` gives for its members alone (over one team's
    pairs, within-team and organization-wide are the same pairs), computed the same way: the
    summed squared differences over its pairs from the members' offsets to the team's own mean
    (:func:`pair_spread` on the team), summed in the same order. One call here replaces one
    :func:`shared_meaning` call per team (with its masking and copying), which at 132 teams
    cost about a millisecond.

    Args:
        x: (N, D) positions.
        team: (N,) team per person, from 0 to ``teams - 1``.
        teams: Number of teams.

    Returns:
        One value per team with members, in the order of their numbers (NaN for a team of one).
    """
    people, themes = x.shape
    size, mean = team_means(x, team, teams)
    square = np.zeros(teams)
    sums = np.zeros((teams, themes))
    for i in range(people):
        g, own = team[i], 0.0
        for t in range(themes):
            offset = x[i, t] - mean[g, t]
            own += offset * offset
            sums[g, t] += offset
        square[g] += own
    values = np.empty(np.count_nonzero(size))
    k = 0
    for g in range(teams):
        if size[g] == 0:
            continue
        length = 0.0
        for t in range(themes):
            length += sums[g, t] * sums[g, t]
        n = size[g]
        pairs = n * (n - 1.0) / 2.0
        values[k] = 1.0 - (n * square[g] - length) / (pairs * themes) / CHANCE if pairs > 0 else math.nan
        k += 1
    return values


def shared(spread: tuple[float, float, float, float], themes: int) -> tuple[float, float, float]:
    """Shared meaning within teams, between teams and organization-wide from a :func:`pair_spread`.

    Each is 1 minus the mean squared difference per pair and theme over its chance level; NaN
    where there are no such pairs (no pairs between teams in a single team, for one).

    Returns:
        The shared meaning of each of :data:`SCOPES`, in that order.
    """
    within, within_pairs, total, total_pairs = spread

    def scaled(summed: float, pairs: float) -> float:
        return 1.0 - summed / (pairs * themes) / CHANCE if pairs > 0 else math.nan

    return (
        scaled(within, within_pairs),
        scaled(total - within, total_pairs - within_pairs),
        scaled(total, total_pairs),
    )


def shared_meaning(x: np.ndarray, team: np.ndarray, teams: int) -> dict[str, float]:
    """Shared meaning of (N, D) meanings within teams, between teams and organization-wide (by scope)."""
    return dict(zip(SCOPES, shared(pair_spread(x, team, teams), x.shape[1]), strict=True))


def subcultures(x: np.ndarray, ties: Ties, distance: float, min_share: float) -> int:
    """The number of connected groups of like-minded people large enough to count."""
    return int(subculture_counts(x[None], ties, distance, min_share)[0])


def subculture_counts(layers: np.ndarray, ties: Ties, distance: float, min_share: float) -> np.ndarray:
    """:func:`subcultures` of several levels of meaning at once.

    Args:
        layers: (L, N, D) meanings, one level after another.
        ties: The network.
        distance: Tied people closer than this (root mean square over themes) are like-minded.
        min_share: The smallest share of the organization a group must hold to count.

    Returns:
        (L,) the number of subcultures per level.
    """
    threshold = max(2, math.ceil(min_share * layers.shape[1]))
    return _groups(np.ascontiguousarray(layers), ties.source, ties.target, distance**2, threshold)


@njit(cache=True)
def _root(parent: np.ndarray, i: int) -> int:
    """The representative of ``i``'s group (halving the path on the way)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@njit(cache=True)
def _groups(
    layers: np.ndarray, source: np.ndarray, target: np.ndarray, limit: float, threshold: int
) -> np.ndarray:
    """Per level, the number of groups of at least ``threshold`` people joined by close ties.

    A tie is close when the mean square difference of its two ends over the themes is below
    ``limit``; groups are found by joining the ends of every close tie (union by size).
    """
    levels, people, themes = layers.shape
    counts = np.zeros(levels, np.int64)
    parent = np.empty(people, np.int64)
    size = np.empty(people, np.int64)
    for level in range(levels):
        for i in range(people):
            parent[i], size[i] = i, 1
        for e in range(len(source)):
            a, b = source[e], target[e]
            square = 0.0
            for t in range(themes):
                gap = layers[level, a, t] - layers[level, b, t]
                square += gap * gap
            if square / themes >= limit:
                continue
            ra, rb = _root(parent, a), _root(parent, b)
            if ra != rb:
                if size[ra] < size[rb]:
                    ra, rb = rb, ra
                parent[rb] = ra
                size[ra] += size[rb]
        for i in range(people):
            if parent[i] == i and size[i] >= threshold:
                counts[level] += 1
    return counts
