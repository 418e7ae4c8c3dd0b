"""Goals: what people want drifts toward who they are, unless management aligns it.

Rule: *people's goals drift toward what they stand for; management that aligns brings team goals
toward the vision and personal goals toward the team's goal, as far as the reporting line carries.*

Team goals move toward the vision by ``management.alignment_effort`` each week; each person's
goal moves toward their team's goal by effort × openness × what their reporting line carries
(its quality × their trust in their superior, :mod:`.trust`).
Each person's goal also drifts toward their principles (``management.goal_drift``). Goals matter
because people learn toward them (``learning.goal_pull``).

Each person's part is written once (:func:`align`) and compiled; the engine runs it for everyone
and a Mesa agent's ``align_goal()`` for itself, after the teams' goals moved.

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (aligning goals at individual, group and organization level into a shared vision).
    Senge, P. M. (1990). *The Fifth Discipline*. Doubleday (shared vision).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.mechanisms.trust import line_weights
from orglearn.simulation.population import PRINCIPLES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=("management.alignment_effort", "management.goal_drift"),
    changes=("goal", "team_goal"),
    off={"management.goal_drift": 0.0, "management.alignment_effort": 0.0},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def align(
    i: int,
    goal: np.ndarray,
    team_goal: np.ndarray,
    team: np.ndarray,
    principles: np.ndarray,
    openness: np.ndarray,
    line_quality: np.ndarray,
    effort: float,
    drift: float,
) -> None:
    """Person ``i``'s goal moves toward the team's (as far as the line carries), then toward principles."""
    rate = effort * openness[i] * line_quality[i]
    for t in range(goal.shape[1]):
        goal[i, t] += rate * (team_goal[team[i], t] - goal[i, t])
        goal[i, t] += drift * (principles[i, t] - goal[i, t])


@rule
def align_everyone(*arguments: Any) -> None:
    """:func:`align` for everyone (``arguments``: all of its after ``i``)."""
    for i in range(arguments[0].shape[0]):
        align(i, *arguments)


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`align` reads and changes, after the person's index."""
    return (
        state.goal,
        state.team_goal,
        state.chart.team,
        state.meaning[PRINCIPLES],
        state.openness,
        line_weights(state)[0],
        float(values["management.alignment_effort"]),
        float(values["management.goal_drift"]),
    )


def align_teams(state: OrgState, values: Mapping[str, Any]) -> None:
    """Management brings each team's goal toward the vision."""
    state.team_goal += values["management.alignment_effort"] * (state.vision - state.team_goal)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Align team and personal goals, and let personal goals drift toward principles."""
    align_teams(state, values)
    align_everyone(*inputs(state, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """The teams' goals move together (:func:`align_teams`); then each person aligns their goal."""
    align_teams(state, values)
    for person in staff:
        person.align_goal(values)
