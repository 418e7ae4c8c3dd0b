"""What the model measures: goal alignment, shared meaning, fit, and how the organization learns.

Every metric is a pure function of the state, so the command line, the browser and the tests
compute exactly the same numbers. All comparisons use one scale (:mod:`.agreement`): 1 is
identical, 0 is as far apart as chance, below 0 further apart than chance.

Shared meaning at a level is 1 minus the mean squared difference between the meanings of two
people, divided by that of two independent uniform meanings (2/3 per theme): within teams (pairs
in the same team), between teams (pairs in different teams) and organization-wide (all pairs).
A subculture is a connected group of like-minded people: tied people whose meanings differ by
less than ``metrics.subculture_distance`` belong to the same one, and a group counts when it holds
at least ``metrics.subculture_min_share`` of the organization and at least two people.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.agreement import (
    CHANCE,
    agreement,
    agreement_into,
    beyond_chance,
    chance_of_average,
    row_agreement,
)
from orglearn.simulation.kernels import Grouping
from orglearn.simulation.mechanisms.task import fitness_rows, team_fitness
from orglearn.simulation.population import LEVELS, RULES
from orglearn.simulation.state import OrgState
from orglearn.simulation.ties import Ties
from orglearn.simulation.workspace import Workspace

SCOPES = ("team", "between", "org")

COLUMNS: dict[str, str] = {
    **{
        f"shared_meaning_{level}_{scope}": f"Shared meaning of {level} {where}: 1 identical, "
        "0 as different as chance, below 0 polarized."
        for level in LEVELS
        for scope, where in zip(
            SCOPES, ("within teams", "between teams", "in the whole organization"), strict=True
        )
    },
    **{
        f"subcultures_{level}": f"Number of subcultures of {level}: connected groups of like-minded "
        "people (0 when nobody shares meaning, 1 at consensus)."
        for level in LEVELS
    },
    **{
        f"convergence_step_{level}": f"First week in which shared meaning of {level} in the whole "
        "organization reached the convergence threshold (empty until then)."
        for level in LEVELS
    },
    "goal_alignment_individual": "Mean agreement of each person's goal with the vision.",
    "goal_alignment_individual_sd": "Spread (standard deviation) of that agreement over people.",
    "goal_alignment_team": "Mean agreement of each team's average goal with the vision.",
    "goal_coherence_team": "Shared meaning of goals within teams.",
    "goal_alignment_team_beyond_chance": "goal_alignment_team with its chance level taken out: 0 for the "
    "agreement a team's average goal has with the vision by chance (1/2 - 1/(2 × team size)), 1 identical.",
    "goal_alignment_org": "Agreement of the organization's average goal with the vision.",
    "goal_alignment_org_beyond_chance": "goal_alignment_org with its chance level (1/2 - 1/(2 × people)) "
    "taken out: 0 by chance, 1 identical.",
    "goal_coherence_org": "Shared meaning of goals in the whole organization.",
    "fit_individual": "Mean agreement of each person's rules with what the environment asks.",
    "fit_team": "Mean agreement of each team's average rules with the environment.",
    "fit_team_beyond_chance": "fit_team with its chance level (1/2 - 1/(2 × team size)) taken out: 0 by "
    "chance, 1 identical.",
    "fit_org": "Agreement of the organization's average rules with the environment.",
    "fit_org_beyond_chance": "fit_org with its chance level (1/2 - 1/(2 × people)) taken out: 0 by chance, "
    "1 identical.",
    "vision_fit": "Agreement of the vision with what the environment asks.",
    "social_learning_share": "Share of this week's rule change that came from others "
    "(conversations, meetings, management) rather than one's own experience (empty if none).",
    "self_knowledge": "Correlation over themes between management's picture of strengths and the "
    "real strengths of the organization's rules (-1 to 1; empty with fewer than two themes).",
    "learning_capacity": "Mean learning capacity (meta-learning raises it).",
    "reflecting_share": "Share of people who reflected (double loop) this week.",
    "questioning_share": "Share of people whose principles moved (triple loop) this week.",
    "actorship": "Mean actorship (it changes when actorship grows with voice and erodes under control).",
    "trust": "Mean trust of people in their contacts, over all half-ties (empty without ties).",
    "task_fitness_individual": "On a rugged task: mean fitness of each person's choices on the task's "
    "landscape, 0 the mean over all choices, 1 the best (empty on a smooth task).",
    "task_fitness_team": "On a rugged task: mean fitness of each team's result, the majority's choice on "
    "every theme (empty on a smooth task).",
}


SUMMARY = (
    "goal_alignment_org",
    "shared_meaning_rules_org",
    "shared_meaning_insights_org",
    "shared_meaning_principles_org",
    "fit_org",
    "vision_fit",
)
"""The headline metrics: what ``orglearn run`` prints and ``orglearn summarize`` shows first."""


def pair_spread(
    x: np.ndarray,
    group: np.ndarray,
    groups: int,
    work: Workspace | None = None,
    grouping: Grouping | None = None,
) -> tuple[float, float, float, float]:
    """Summed squared differences over pairs, within groups and in all, with pair counts.

    Uses ``sum over pairs |xi - xj|^2 = n * sum |xi|^2 - |sum xi|^2`` per group, on centred data.

    Args:
        x: (N, D) positions.
        group: (N,) group per person.
        groups: Number of groups.
        work: Scratch memory (the model's, when measuring every week).
        grouping: ``group`` sorted for sums per group, if already at hand.

    Returns:
        (within sum, within pairs, total sum, total pairs).
    """
    work = Workspace() if work is None else work
    grouping = Grouping(group, groups) if grouping is None else grouping
    centred = np.subtract(x, _mean(x, 0), out=work.take("local.a", x.shape))
    n = grouping.sizes
    square = grouping.sums(np.einsum("ij,ij->i", centred, centred, out=work.take("local.n0", len(x))))
    sums = grouping.sums(centred)
    within = float(np.sum(n * square - np.einsum("ij,ij->i", sums, sums)))
    total_n = float(len(x))
    total = total_n * float(square.sum()) - float(np.sum(sums.sum(axis=0) ** 2))
    return within, grouping.pairs, total, total_n * (total_n - 1) / 2


def shared_meaning(
    x: np.ndarray,
    team: np.ndarray,
    teams: int,
    work: Workspace | None = None,
    grouping: Grouping | None = None,
) -> dict[str, float]:
    """Shared meaning within teams, between teams and organization-wide (NaN where no pairs)."""
    return _shared(pair_spread(x, team, teams, work, grouping), x.shape[1])


def _shared(spread: tuple[float, float, float, float], themes: int) -> dict[str, float]:
    within, within_pairs, total, total_pairs = spread

    def scaled(summed: float, pairs: float) -> float:
        return 1.0 - summed / (pairs * themes) / CHANCE if pairs > 0 else math.nan

    return {
        "team": scaled(within, within_pairs),
        "between": scaled(total - within, total_pairs - within_pairs),
        "org": scaled(total, total_pairs),
    }


def pair_spreads(
    layers: Sequence[np.ndarray], grouping: Grouping, work: Workspace
) -> tuple[list[tuple[float, float, float, float]], np.ndarray]:
    """:func:`pair_spread` of several (N, D) arrays at once, with the same numbers.

    Measuring every week, the three levels of meaning and the goals go through one pass instead
    of four. With a single theme numpy adds a column up in another order than a row of several
    columns, so then each array is taken on its own.

    Returns:
        The spreads, and (len(layers), D) the mean of each array over people (as ``np.mean``).
    """
    people, themes = layers[0].shape
    if themes == 1:
        spreads = [pair_spread(x, np.empty(0), grouping.groups, work, grouping) for x in layers]
        return spreads, np.stack([_mean(x, 0) for x in layers])
    count = len(layers)
    centred = work.take("local.a", (people, count, themes))
    for index, x in enumerate(layers):
        centred[:, index] = x
    mean = np.add.reduce(centred, axis=0)
    mean /= people
    centred -= mean
    square = grouping.sums(
        np.einsum("ikj,ikj->ik", centred, centred, out=work.take("local.n0", (people, count)))
    )
    sums = grouping.sums(centred)
    within = grouping.sizes[:, None] * square - np.einsum("tkj,tkj->tk", sums, sums)
    within = np.add.reduce(np.ascontiguousarray(within.T), axis=1)
    total = float(people) * np.add.reduce(np.ascontiguousarray(square.T), axis=1)
    total -= np.add.reduce(np.add.reduce(sums, axis=0) ** 2, axis=1)
    pairs = float(people) * (float(people) - 1) / 2
    return [(float(within[k]), grouping.pairs, float(total[k]), pairs) for k in range(count)], mean


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


def team_grouping(state: OrgState) -> Grouping:
    """The people by team, for sums per team (worked out once per organization)."""
    return state.fixed.get("metrics.teams", lambda: Grouping(state.chart.team, state.chart.n_teams))


def _group_means(x: np.ndarray, grouping: Grouping) -> np.ndarray:
    n = grouping.sizes
    return grouping.sums(x)[n > 0] / n[n > 0, None]


def _mean(x: np.ndarray, axis: int | None = None) -> Any:
    """``np.mean`` without its Python wrapper: the same sum divided by the same count."""
    return np.add.reduce(x, axis=axis) / (x.size if axis is None else x.shape[axis])


def _agreement(state: OrgState, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each person's agreement of ``x`` with ``y``, in the state's scratch memory."""
    work = state.work
    return agreement_into(x, y, work.take("local.n1", len(x)), work.take("local.b", x.shape))


def team_goal_alignment(state: OrgState) -> np.ndarray:
    """Each team's goal alignment: the agreement of its average goal with the vision.

    Returns:
        One value per team with members, in the order of :func:`team_ids`; their mean is
        ``goal_alignment_team``.
    """
    return row_agreement(_group_means(state.goal, team_grouping(state)), state.vision)


def team_ids(state: OrgState) -> np.ndarray:
    """The teams with members, in the order the per-team functions give their values."""
    return np.flatnonzero(team_grouping(state).sizes > 0)


def team_shared_meaning(state: OrgState, level: int) -> np.ndarray:
    """Shared meaning at one level within each team, team by team.

    Each team's value is :func:`shared_meaning` of its members alone: over the pairs of one
    team, within-team and organization-wide are the same pairs. The pairs of all teams together
    give ``shared_meaning_<level>_team``.

    Args:
        state: The organization.
        level: The level of meaning (an index into :data:`~.population.LEVELS`).

    Returns:
        One value per team with members, in the order of :func:`team_ids` (NaN for a team of one).
    """
    x, team = state.meaning[level], state.chart.team
    values = []
    for number in team_ids(state):
        members = x[team == number]
        values.append(shared_meaning(members, np.zeros(len(members), dtype=np.int64), 1)["org"])
    return np.asarray(values, dtype=float)


def goal_alignment(
    state: OrgState,
    spread: tuple[float, float, float, float] | None = None,
    mean: np.ndarray | None = None,
) -> dict[str, float]:
    """Goal alignment with the vision and coherence of goals, per person, team and organization.

    Args:
        state: The organization.
        spread: :func:`pair_spread` of the goals, if already computed.
        mean: The average goal, if already computed.
    """
    chart, goal, vision = state.chart, state.goal, state.vision
    teams = team_grouping(state)
    person = _agreement(state, goal, vision)
    individual, deviation = float(_mean(person)), float(person.std())
    if spread is None:
        spread = pair_spread(goal, chart.team, chart.n_teams, state.work, teams)
    coherence = _shared(spread, goal.shape[1])
    team = team_goal_alignment(state)
    org = float(agreement(_mean(goal, 0) if mean is None else mean, vision))
    return {
        "goal_alignment_individual": individual,
        "goal_alignment_individual_sd": deviation,
        "goal_alignment_team": float(_mean(team)),
        "goal_alignment_team_beyond_chance": float(
            _mean(beyond_chance(team, chance_of_average(teams.sizes)))
        ),
        "goal_coherence_team": coherence["team"],
        "goal_alignment_org": org,
        "goal_alignment_org_beyond_chance": float(beyond_chance(org, chance_of_average(state.size))),
        "goal_coherence_org": coherence["org"],
    }


def fit(state: OrgState, mean: np.ndarray | None = None) -> dict[str, float]:
    """How well rules (of people, teams, the organization) and the vision fit the environment.

    Args:
        state: The organization.
        mean: The organization's average rules, if already computed.
    """
    rules, env, teams = state.meaning[RULES], state.environment, team_grouping(state)
    team = row_agreement(_group_means(rules, teams), env)
    org = float(agreement(_mean(rules, 0) if mean is None else mean, env))
    return {
        "fit_individual": float(_mean(_agreement(state, rules, env))),
        "fit_team": float(_mean(team)),
        "fit_team_beyond_chance": float(_mean(beyond_chance(team, chance_of_average(teams.sizes)))),
        "fit_org": org,
        "fit_org_beyond_chance": float(beyond_chance(org, chance_of_average(state.size))),
        "vision_fit": float(agreement(state.vision, env)),
    }


def self_knowledge(state: OrgState) -> float:
    """Correlation over themes of management's picture of strengths with the real strengths."""
    rules = state.meaning[RULES]
    strength = np.subtract(rules, state.environment, out=state.work.take("local.b", rules.shape))
    np.square(strength, out=strength)
    strength /= CHANCE
    real = _mean(np.subtract(1.0, strength, out=strength), 0)  # agreement per theme, averaged
    if len(real) < 2 or np.ptp(real) == 0 or np.ptp(state.picture) == 0:
        return math.nan
    return float(np.corrcoef(state.picture, real)[0, 1])


def task_fitness(state: OrgState) -> dict[str, float]:
    """The fitness of people's and teams' choices on a rugged task (NaN on a smooth one)."""
    if state.task is None:
        return {"task_fitness_individual": math.nan, "task_fitness_team": math.nan}
    rules, teams = state.meaning[RULES], team_grouping(state)
    person = fitness_rows(rules, *state.task.arrays())
    team = team_fitness(teams.sums((rules > 0.0).astype(float)), teams.sizes, state.task)
    return {"task_fitness_individual": float(_mean(person)), "task_fitness_team": float(_mean(team))}


def social_learning_share(state: OrgState) -> float:
    """Share of this week's rule change that came from others (NaN if rules did not change)."""
    total = state.own_change + state.social_change
    return state.social_change / total if total > 0 else math.nan


def measure(state: OrgState, values: Mapping[str, Any]) -> dict[str, float]:
    """Every metric of the state except the convergence steps (which need the history).

    Args:
        state: The organization.
        values: The scenario's values (``metrics.*`` thresholds are read).

    Returns:
        Metric name to value, in the order of :data:`COLUMNS`.
    """
    themes = state.themes
    spreads, means = pair_spreads([*state.meaning, state.goal], team_grouping(state), state.work)
    row: dict[str, float] = {}
    for index, level in enumerate(LEVELS):
        for scope, value in _shared(spreads[index], themes).items():
            row[f"shared_meaning_{level}_{scope}"] = value
    counts = subculture_counts(
        state.meaning,
        state.ties,
        values["metrics.subculture_distance"],
        values["metrics.subculture_min_share"],
    )
    for level, count in zip(LEVELS, counts, strict=True):
        row[f"subcultures_{level}"] = int(count)
    row.update(goal_alignment(state, spreads[3], means[3]))
    row.update(fit(state, means[RULES]))
    row["social_learning_share"] = social_learning_share(state)
    row["self_knowledge"] = self_knowledge(state)
    row["learning_capacity"] = float(_mean(state.capacity))
    row["reflecting_share"] = np.count_nonzero(state.reflected) / state.size  # as np.mean, exactly
    row["questioning_share"] = np.count_nonzero(state.questioned) / state.size
    row["actorship"] = float(_mean(state.actorship))
    row["trust"] = float(_mean(state.trust)) if len(state.trust) else math.nan
    row.update(task_fitness(state))
    return row
