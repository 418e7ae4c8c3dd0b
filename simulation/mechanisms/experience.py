"""Single-loop learning: people adjust their rules to what their work tells them works.

Rule: *each week people see, through noisy feedback, how well their rules fit what is asked,
and move their rules toward what works and toward what they themselves want; their insights
keep pulling the rules back.*

Performance is the agreement of a person's rules with the environment. Feedback shows the
environment with noise (``learning.feedback_noise``). Rules move toward a target that mixes the
feedback with the person's own goal (``learning.goal_pull``: individual learning can run
against the organization's goals), at ``learning.experience_rate`` × learning capacity. Rules are
also pulled back toward insights (``learning.rule_anchoring``), so a rule change without a change
in insight does not last. Remembered performance and aspiration follow performance, as moving
averages, for reflection. Meanings stay within [-1, 1].

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning: A Theory of Action
    Perspective*. Addison-Wesley (single-loop learning).
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (aspiration and performance memory).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.agreement import agreement
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.population import INSIGHTS, RULES
from orglearn.simulation.state import OrgState


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let everyone work a week, feel how it went, and adjust their rules."""
    rules, insights = state.meaning[RULES], state.meaning[INSIGHTS]
    state.signal[:] = state.environment + values["learning.feedback_noise"] * draws.feedback
    state.performance[:] = agreement(rules, state.environment)
    pull = values["learning.goal_pull"]
    target = (1.0 - pull) * state.signal + pull * state.goal
    rate = values["learning.experience_rate"] * state.capacity
    change = rate[:, None] * (target - rules) + values["learning.rule_anchoring"] * (insights - rules)
    before = rules.copy()
    rules += change
    np.clip(rules, -1.0, 1.0, out=rules)
    state.own_change += float(np.abs(rules - before).sum())

    remember = 1.0 / values["learning.memory"]
    remembered = state.memory.copy()
    state.memory += remember * (state.performance - state.memory)
    state.progress[:] = state.memory - remembered
    state.aspiration += values["learning.aspiration_adaptation"] * (state.performance - state.aspiration)
