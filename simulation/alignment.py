"""Agreement with a target, per person, per team and for the organization: fit and goal alignment.

Fit is the agreement of rules with what the environment asks, goal alignment that of goals with
the vision; both are read for each person, for each team's average position and for the
organization's average (:mod:`.agreement`: 1 identical, 0 as far apart as chance). An average of
n positions agrees with a target by chance alone at 1/2 - 1/(2n), so the teams' and the
organization's agreement are also given beyond that chance level. Self-knowledge compares, theme
by theme, the strengths management sees with those the rules really have.

These are measured every week, so each is one compiled pass over the people, in place of the
many small numpy calls whose fixed cost was most of the time they took.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from orglearn.simulation.agreement import CHANCE, agreement_of, beyond_chance


@njit(cache=True)
def team_means(x: np.ndarray, team: np.ndarray, teams: int) -> tuple[np.ndarray, np.ndarray]:
    """Each team's size and average position (zeros for a team without members).

    Args:
        x: (N, D) positions.
        team: (N,) team per person, from 0 to ``teams - 1``.
        teams: Number of teams.

    Returns:
        (teams,) sizes and (teams, D) average positions.
    """
    people, themes = x.shape
    size = np.zeros(teams)
    mean = np.zeros((teams, themes))
    for i in range(people):
        size[team[i]] += 1.0
        for t in range(themes):
            mean[team[i], t] += x[i, t]
    for g in range(teams):
        if size[g] > 0:
            for t in range(themes):
                mean[g, t] /= size[g]
    return size, mean


@njit(cache=True)
def team_agreement(
    x: np.ndarray, target: np.ndarray, team: np.ndarray, teams: int
) -> tuple[np.ndarray, np.ndarray]:
    """How well each team's average position agrees with a target, team by team.

    Args:
        x: (N, D) positions (rules, goals).
        target: (D,) what they are compared with (the environment, the vision).
        team: (N,) team per person, from 0 to ``teams - 1``.
        teams: Number of teams.

    Returns:
        For each team with members, in the order of their numbers: the agreement of its
        average position with the target, and its size.
    """
    size, mean = team_means(x, team, teams)
    filled = np.count_nonzero(size)
    agree = np.empty(filled)
    sizes = np.empty(filled)
    k = 0
    for g in range(teams):
        if size[g] == 0:
            continue
        agree[k], sizes[k] = agreement_of(mean[g], target), size[g]
        k += 1
    return agree, sizes


@njit(cache=True)
def alignment(
    x: np.ndarray, target: np.ndarray, team: np.ndarray, teams: int
) -> tuple[float, float, float, float, float, float]:
    """How well people, their teams' averages and the organization's average agree with a target.

    Args:
        x: (N, D) positions (rules, goals).
        target: (D,) what they are compared with (the environment, the vision).
        team: (N,) team per person, from 0 to ``teams - 1``.
        teams: Number of teams.

    Returns:
        The mean agreement of each person and its standard deviation over people; the mean
        agreement of each team's average position (:func:`team_agreement`) and the mean of
        that beyond its chance level; the agreement of the organization's average position,
        and that beyond its chance level.
    """
    people, themes = x.shape
    person = np.empty(people)
    mean = np.zeros(themes)
    for i in range(people):
        person[i] = agreement_of(x[i], target)
        for t in range(themes):
            mean[t] += x[i, t]
    individual = 0.0
    for i in range(people):
        individual += person[i]
    individual /= people
    deviation = 0.0
    for i in range(people):
        deviation += (person[i] - individual) ** 2
    deviation = math.sqrt(deviation / people)
    agree, size = team_agreement(x, target, team, teams)
    team_sum, beyond_sum = 0.0, 0.0
    for g in range(len(agree)):
        team_sum += agree[g]
        beyond_sum += beyond_chance(agree[g], size[g])
    mean /= people
    org = agreement_of(mean, target)
    filled = len(agree)
    return individual, deviation, team_sum / filled, beyond_sum / filled, org, beyond_chance(org, people)


@njit(cache=True)
def self_knowledge(rules: np.ndarray, environment: np.ndarray, picture: np.ndarray) -> float:
    """The correlation over themes of management's picture of strengths with the real strengths.

    The real strength of a theme is how well people's rules agree, on average, with what the
    environment asks on it. Pearson's correlation needs two themes and some variation in both
    the picture and the real strengths; without them it is NaN.

    Args:
        rules: (N, D) everyone's rules.
        environment: (D,) what the environment asks.
        picture: (D,) management's picture of the organization's strength per theme.
    """
    people, themes = rules.shape
    square = np.zeros(themes)
    for i in range(people):
        for t in range(themes):
            gap = rules[i, t] - environment[t]
            square[t] += gap * gap
    real = 1.0 - square / people / CHANCE  # the mean agreement on each theme
    if themes < 2 or real.max() == real.min() or picture.max() == picture.min():
        return math.nan
    real_mean, seen_mean = real.mean(), picture.mean()
    product, real_square, seen_square = 0.0, 0.0, 0.0
    for t in range(themes):
        a, b = real[t] - real_mean, picture[t] - seen_mean
        product += a * b
        real_square += a * a
        seen_square += b * b
    return min(max(product / math.sqrt(real_square * seen_square), -1.0), 1.0)
