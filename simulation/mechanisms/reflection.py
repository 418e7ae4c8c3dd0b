"""Double-loop learning: when performance stays below aspiration, people revise their insights.

Rule: *when remembered performance stays below what one aims for, one reflects: insights move
toward what experience and trusted colleagues suggest, and the rules are derived anew from the
insights.*

A person reflects in a week when aspiration exceeds remembered performance by more than
``learning.reflection_threshold``. Reflection moves insights, at ``learning.insight_rate`` ×
capacity, toward a mix of what experience says (feedback and own goal, as in single-loop
learning) and the average insight of trusted contacts (weighted by tie quality;
``learning.social_reflection`` sets the mix). The reflecting person's rules are then re-derived
from the insights. Every week, everyone's insights are pulled toward their principles
(``learning.principle_anchoring``): principles anchor insights.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning*. Addison-Wesley (double loop).
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (search triggered by performance below
    aspiration).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.influence import tie_trust
from orglearn.simulation.population import INSIGHTS, PRINCIPLES
from orglearn.simulation.state import OrgState


def contacts_insight(state: OrgState, bound: float) -> tuple[np.ndarray, np.ndarray]:
    """The quality-weighted sum of trusted contacts' insights, and the sum of weights, per person."""
    ties = state.ties
    weight = ties.half_quality * tie_trust(state.meaning[PRINCIPLES], ties, bound)
    matrix = ties.matrix(weight)
    return matrix @ state.meaning[INSIGHTS], np.bincount(ties.row, weights=weight, minlength=ties.size)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let those whose performance disappoints reflect, and anchor insights in principles."""
    rules, insights, principles = state.meaning
    gap = state.aspiration - state.memory
    state.reflected[:] = gap > values["learning.reflection_threshold"]
    who = np.flatnonzero(state.reflected)
    if len(who):
        summed, weight = contacts_insight(state, values["communication.confidence_bound"])
        summed, weight = summed[who], weight[who]
        has = weight > 0
        others = np.where(has[:, None], summed / np.where(has, weight, 1.0)[:, None], insights[who])
        pull = values["learning.goal_pull"]
        experience = (1.0 - pull) * state.signal[who] + pull * state.goal[who]
        social = values["learning.social_reflection"]
        target = (1.0 - social) * experience + social * others
        rate = values["learning.insight_rate"] * state.capacity[who]
        insights[who] = np.clip(insights[who] + rate[:, None] * (target - insights[who]), -1.0, 1.0)
        state.own_change += float(np.abs(insights[who] - rules[who]).sum())
        rules[who] = insights[who]
    insights += values["learning.principle_anchoring"] * (principles - insights)
