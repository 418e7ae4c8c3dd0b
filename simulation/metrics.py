"""What the model measures: goal alignment, shared meaning, fit, and how the organization learns.

Every metric is a pure function of the state, so the command line, the browser and the tests
compute exactly the same numbers. All comparisons use one scale (:mod:`.agreement`): 1 is
identical, 0 is as far apart as chance, below 0 further apart than chance.

Shared meaning and subcultures are defined in :mod:`.sharing`, fit, goal alignment and
self-knowledge in :mod:`.alignment`. The model measures every week, so the sums behind the
metrics are compiled loops there: at a few dozen people, a week's metrics would otherwise cost
about as much as the week itself, nearly all of it in the fixed cost of small numpy calls.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation import alignment
from orglearn.simulation.agreement import agreement_of
from orglearn.simulation.mechanisms.task import fitness_rows, team_fitness
from orglearn.simulation.population import LEVELS, RULES
from orglearn.simulation.sharing import (
    SCOPES,
    pair_spread,
    shared,
    shared_meaning,
    subculture_counts,
    subcultures,
    team_shared,
)
from orglearn.simulation.state import OrgState

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


def goal_alignment(state: OrgState) -> dict[str, float]:
    """Goal alignment with the vision and coherence of goals, per person, team and organization."""
    chart, goal = state.chart, state.goal
    individual, deviation, team, team_beyond, org, org_beyond = alignment.alignment(
        goal, state.vision, chart.team, chart.n_teams
    )
    coherence, _, coherence_org = shared(pair_spread(goal, chart.team, chart.n_teams), goal.shape[1])
    return {
        "goal_alignment_individual": individual,
        "goal_alignment_individual_sd": deviation,
        "goal_alignment_team": team,
        "goal_alignment_team_beyond_chance": team_beyond,
        "goal_coherence_team": coherence,
        "goal_alignment_org": org,
        "goal_alignment_org_beyond_chance": org_beyond,
        "goal_coherence_org": coherence_org,
    }


def team_ids(state: OrgState) -> np.ndarray:
    """The teams with members, in the order the per-team functions give their values."""
    return np.flatnonzero(np.bincount(state.chart.team, minlength=state.chart.n_teams) > 0)


def team_goal_alignment(state: OrgState) -> np.ndarray:
    """Each team's goal alignment: the agreement of its average goal with the vision.

    Returns:
        One value per team with members, in the order of :func:`team_ids`; their mean is
        ``goal_alignment_team`` (the same compiled pass, :func:`.alignment.team_agreement`).
    """
    chart = state.chart
    return alignment.team_agreement(state.goal, state.vision, chart.team, chart.n_teams)[0]


def team_fit(state: OrgState) -> np.ndarray:
    """Each team's fit: the agreement of its average rules with what the environment asks.

    Returns:
        One value per team with members, in the order of :func:`team_ids`; their mean is
        ``fit_team`` (the same compiled pass, :func:`.alignment.team_agreement`).
    """
    chart = state.chart
    return alignment.team_agreement(state.meaning[RULES], state.environment, chart.team, chart.n_teams)[0]


def team_shared_meaning(state: OrgState, level: int) -> np.ndarray:
    """Shared meaning at one level within each team, team by team.

    Each team's value is :func:`shared_meaning` of its members alone: over the pairs of one
    team, within-team and organization-wide are the same pairs. The pairs of all teams together
    give ``shared_meaning_<level>_team``. All teams come from one compiled pass
    (:func:`.sharing.team_shared`), so keeping every team's value every week costs microseconds.

    Args:
        state: The organization.
        level: The level of meaning (an index into :data:`~.population.LEVELS`).

    Returns:
        One value per team with members, in the order of :func:`team_ids` (NaN for a team of one).
    """
    chart = state.chart
    return team_shared(np.ascontiguousarray(state.meaning[level]), chart.team, chart.n_teams)


def fit(state: OrgState) -> dict[str, float]:
    """How well rules (of people, teams, the organization) and the vision fit the environment."""
    chart, env = state.chart, state.environment
    individual, _, team, team_beyond, org, org_beyond = alignment.alignment(
        state.meaning[RULES], env, chart.team, chart.n_teams
    )
    return {
        "fit_individual": individual,
        "fit_team": team,
        "fit_team_beyond_chance": team_beyond,
        "fit_org": org,
        "fit_org_beyond_chance": org_beyond,
        "vision_fit": agreement_of(state.vision, env),
    }


def self_knowledge(state: OrgState) -> float:
    """Correlation over themes of management's picture of strengths with the real strengths."""
    return alignment.self_knowledge(state.meaning[RULES], state.environment, state.picture)


def task_fitness(state: OrgState) -> dict[str, float]:
    """The fitness of people's and teams' choices on a rugged task (NaN on a smooth one)."""
    if state.task is None:
        return {"task_fitness_individual": math.nan, "task_fitness_team": math.nan}
    rules, chart = state.meaning[RULES], state.chart
    person = fitness_rows(rules, *state.task.arrays())
    team = team_fitness(rules, chart.team, chart.n_teams, state.task)
    return {"task_fitness_individual": _mean(person), "task_fitness_team": _mean(team)}


def social_learning_share(state: OrgState) -> float:
    """Share of this week's rule change that came from others (NaN if rules did not change)."""
    total = state.own_change + state.social_change
    return state.social_change / total if total > 0 else math.nan


def _mean(x: np.ndarray) -> float:
    """``np.mean`` of a 1-D array without its Python wrapper: the same sum divided by the same count."""
    return float(np.add.reduce(x) / len(x))


SHARED_COLUMNS = tuple(tuple(f"shared_meaning_{level}_{scope}" for scope in SCOPES) for level in LEVELS)
"""Per level, the columns of its shared meaning within teams, between teams and in all."""
SUBCULTURE_COLUMNS = tuple(f"subcultures_{level}" for level in LEVELS)


def measure(state: OrgState, values: Mapping[str, Any]) -> dict[str, float]:
    """Every metric of the state except the convergence steps (which need the history).

    Args:
        state: The organization.
        values: The scenario's values (``metrics.*`` thresholds are read).

    Returns:
        Metric name to value, in the order of :data:`COLUMNS`.
    """
    chart, themes = state.chart, state.themes
    row: dict[str, float] = {}
    for layer, columns in zip(state.meaning, SHARED_COLUMNS, strict=True):
        spread = shared(pair_spread(layer, chart.team, chart.n_teams), themes)
        for column, value in zip(columns, spread, strict=True):
            row[column] = value
    counts = subculture_counts(
        state.meaning,
        state.ties,
        values["metrics.subculture_distance"],
        values["metrics.subculture_min_share"],
    )
    for column, count in zip(SUBCULTURE_COLUMNS, counts, strict=True):
        row[column] = int(count)
    row.update(goal_alignment(state))
    row.update(fit(state))
    row["social_learning_share"] = social_learning_share(state)
    row["self_knowledge"] = self_knowledge(state)
    row["learning_capacity"] = _mean(state.capacity)
    row["reflecting_share"] = np.count_nonzero(state.reflected) / state.size  # as np.mean, exactly
    row["questioning_share"] = np.count_nonzero(state.questioned) / state.size
    row["actorship"] = _mean(state.actorship)
    row["trust"] = _mean(state.trust) if len(state.trust) else math.nan
    row.update(task_fitness(state))
    return row


__all__ = [
    "COLUMNS",
    "SUMMARY",
    "fit",
    "goal_alignment",
    "measure",
    "self_knowledge",
    "shared_meaning",
    "social_learning_share",
    "subculture_counts",
    "subcultures",
    "task_fitness",
]
