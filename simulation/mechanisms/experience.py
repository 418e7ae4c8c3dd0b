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

from orglearn.simulation.agreement import agreement_into
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.population import INSIGHTS, RULES
from orglearn.simulation.state import OrgState


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let everyone work a week, feel how it went, and adjust their rules."""
    work, n, themes = state.work, state.size, state.themes
    rules, insights = state.meaning[RULES], state.meaning[INSIGHTS]
    np.multiply(draws.feedback, values["learning.feedback_noise"], out=state.signal)
    state.signal += state.environment
    change = work.take("local.a", (n, themes))
    agreement_into(rules, state.environment, state.performance, change)
    pull = values["learning.goal_pull"]
    anchor = work.take("local.b", (n, themes))
    np.multiply(state.signal, 1.0 - pull, out=change)  # the target: feedback mixed with one's goal
    change += np.multiply(state.goal, pull, out=anchor)
    change -= rules
    change *= np.multiply(values["learning.experience_rate"], state.capacity, out=work.take("local.n0", n))[
        :, None
    ]
    np.subtract(insights, rules, out=anchor)
    anchor *= values["learning.rule_anchoring"]
    change += anchor
    before = anchor
    np.copyto(before, rules)
    rules += change
    np.clip(rules, -1.0, 1.0, out=rules)
    np.subtract(rules, before, out=before)
    state.own_change += float(np.abs(before, out=before).sum())

    remember = 1.0 / values["learning.memory"]
    remembered = work.take("local.n1", n)
    np.copyto(remembered, state.memory)
    state.memory += remember * (state.performance - state.memory)
    np.subtract(state.memory, remembered, out=state.progress)
    state.aspiration += values["learning.aspiration_adaptation"] * (state.performance - state.aspiration)
