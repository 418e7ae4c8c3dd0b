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
from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from orglearn.simulation.agreement import CHANCE, agreement, agreement_per_theme
from orglearn.simulation.population import LEVELS, RULES
from orglearn.simulation.state import OrgState
from orglearn.simulation.ties import Ties

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
    "goal_alignment_org": "Agreement of the organization's average goal with the vision.",
    "goal_coherence_org": "Shared meaning of goals in the whole organization.",
    "fit_individual": "Mean agreement of each person's rules with what the environment asks.",
    "fit_team": "Mean agreement of each team's average rules with the environment.",
    "fit_org": "Agreement of the organization's average rules with the environment.",
    "vision_fit": "Agreement of the vision with what the environment asks.",
    "social_learning_share": "Share of this week's rule change that came from others "
    "(conversations, meetings, management) rather than one's own experience (empty if none).",
    "self_knowledge": "Correlation over themes between management's picture of strengths and the "
    "real strengths of the organization's rules (-1 to 1; empty with fewer than two themes).",
    "learning_capacity": "Mean learning capacity (meta-learning raises it).",
    "reflecting_share": "Share of people who reflected (double loop) this week.",
    "questioning_share": "Share of people whose principles moved (triple loop) this week.",
}


def pair_spread(x: np.ndarray, group: np.ndarray, groups: int) -> tuple[float, float, float, float]:
    """Summed squared differences over pairs, within groups and in all, with pair counts.

    Uses ``sum over pairs |xi - xj|^2 = n * sum |xi|^2 - |sum xi|^2`` per group, on centred data.

    Args:
        x: (N, D) positions.
        group: (N,) group per person.
        groups: Number of groups.

    Returns:
        (within sum, within pairs, total sum, total pairs).
    """
    centred = x - x.mean(axis=0)
    n = np.bincount(group, minlength=groups).astype(float)
    square = np.bincount(group, weights=np.einsum("ij,ij->i", centred, centred), minlength=groups)
    sums = np.stack(
        [np.bincount(group, weights=centred[:, d], minlength=groups) for d in range(x.shape[1])], axis=1
    )
    within = float(np.sum(n * square - np.einsum("ij,ij->i", sums, sums)))
    total_n = float(len(x))
    total = total_n * float(square.sum()) - float(np.sum(sums.sum(axis=0) ** 2))
    return within, float(np.sum(n * (n - 1) / 2)), total, total_n * (total_n - 1) / 2


def shared_meaning(x: np.ndarray, team: np.ndarray, teams: int) -> dict[str, float]:
    """Shared meaning within teams, between teams and organization-wide (NaN where no pairs)."""
    within, within_pairs, total, total_pairs = pair_spread(x, team, teams)
    themes = x.shape[1]

    def scaled(summed: float, pairs: float) -> float:
        return 1.0 - summed / (pairs * themes) / CHANCE if pairs > 0 else math.nan

    return {
        "team": scaled(within, within_pairs),
        "between": scaled(total - within, total_pairs - within_pairs),
        "org": scaled(total, total_pairs),
    }


def subcultures(x: np.ndarray, ties: Ties, distance: float, min_share: float) -> int:
    """The number of connected groups of like-minded people large enough to count."""
    n = len(x)
    close = (np.mean((x[ties.source] - x[ties.target]) ** 2, axis=1) < distance**2)[ties.half_edge]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(ties.row[close], minlength=n), out=indptr[1:])
    graph = csr_matrix((np.ones(int(close.sum())), ties.indices[close], indptr), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    sizes = np.bincount(label)
    return int(np.count_nonzero(sizes >= max(2, math.ceil(min_share * n))))


def _group_means(x: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    n = np.bincount(group, minlength=groups).astype(float)
    sums = np.stack(
        [np.bincount(group, weights=x[:, d], minlength=groups) for d in range(x.shape[1])], axis=1
    )
    return sums[n > 0] / n[n > 0, None]


def goal_alignment(state: OrgState) -> dict[str, float]:
    """Goal alignment with the vision and coherence of goals, per person, team and organization."""
    chart, goal, vision = state.chart, state.goal, state.vision
    person = agreement(goal, vision)
    coherence = shared_meaning(goal, chart.team, chart.n_teams)
    return {
        "goal_alignment_individual": float(person.mean()),
        "goal_alignment_individual_sd": float(person.std()),
        "goal_alignment_team": float(
            np.mean(agreement(_group_means(goal, chart.team, chart.n_teams), vision))
        ),
        "goal_coherence_team": coherence["team"],
        "goal_alignment_org": float(agreement(goal.mean(axis=0), vision)),
        "goal_coherence_org": coherence["org"],
    }


def fit(state: OrgState) -> dict[str, float]:
    """How well rules (of people, teams, the organization) and the vision fit the environment."""
    rules, env, chart = state.meaning[RULES], state.environment, state.chart
    return {
        "fit_individual": float(np.mean(agreement(rules, env))),
        "fit_team": float(np.mean(agreement(_group_means(rules, chart.team, chart.n_teams), env))),
        "fit_org": float(agreement(rules.mean(axis=0), env)),
        "vision_fit": float(agreement(state.vision, env)),
    }


def self_knowledge(state: OrgState) -> float:
    """Correlation over themes of management's picture of strengths with the real strengths."""
    real = agreement_per_theme(state.meaning[RULES], state.environment).mean(axis=0)
    if len(real) < 2 or np.ptp(real) == 0 or np.ptp(state.picture) == 0:
        return math.nan
    return float(np.corrcoef(state.picture, real)[0, 1])


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
    chart = state.chart
    row: dict[str, float] = {}
    counts: dict[str, float] = {}
    for index, level in enumerate(LEVELS):
        x = state.meaning[index]
        for scope, value in shared_meaning(x, chart.team, chart.n_teams).items():
            row[f"shared_meaning_{level}_{scope}"] = value
        counts[f"subcultures_{level}"] = subcultures(
            x, state.ties, values["metrics.subculture_distance"], values["metrics.subculture_min_share"]
        )
    row.update(counts)
    row.update(goal_alignment(state))
    row.update(fit(state))
    row["social_learning_share"] = social_learning_share(state)
    row["self_knowledge"] = self_knowledge(state)
    row["learning_capacity"] = float(state.capacity.mean())
    row["reflecting_share"] = float(state.reflected.mean())
    row["questioning_share"] = float(state.questioned.mean())
    return row
