"""Goals: what people want drifts toward who they are, unless management aligns it.

Rule: *people's goals drift toward what they stand for; management that aligns brings team goals
toward the vision and personal goals toward the team's goal, as far as the reporting line carries.*

Team goals move toward the vision by ``management.alignment_effort`` each week; each person's
goal moves toward their team's goal by effort × openness × the quality of their reporting line.
Each person's goal also drifts toward their principles (``management.goal_drift``). Goals matter
because people learn toward them (``learning.goal_pull``).

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (aligning goals at individual, group and organization level into a shared vision).
    Senge, P. M. (1990). *The Fifth Discipline*. Doubleday (shared vision).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.population import PRINCIPLES
from orglearn.simulation.state import OrgState


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Align team and personal goals, and let personal goals drift toward principles."""
    work, n, themes = state.work, state.size, state.themes
    effort = values["management.alignment_effort"]
    state.team_goal += effort * (state.vision - state.team_goal)
    rate = np.multiply(effort, state.openness, out=work.take("local.n0", n))
    rate *= state.line_quality
    change = np.take(state.team_goal, state.chart.team, axis=0, out=work.take("local.a", (n, themes)))
    change -= state.goal
    change *= rate[:, None]
    state.goal += change
    np.subtract(state.meaning[PRINCIPLES], state.goal, out=change)
    change *= values["management.goal_drift"]
    state.goal += change
