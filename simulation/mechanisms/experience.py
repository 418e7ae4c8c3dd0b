"""Single-loop learning: people adjust their rules to what their work tells them works.

Rule: *each week people see, through noisy feedback, how well their rules fit what is asked,
and move their rules toward what works and toward what they themselves want; their insights
keep pulling the rules back.*

Performance is the agreement of a person's rules with the environment. Feedback shows the
environment with noise (``learning.feedback_noise``). Rules move toward a target that mixes the
feedback with the person's own goal (``learning.goal_pull``: individual learning can run
against the organization's goals), at ``learning.experience_rate`` × learning capacity. Rules are
also pulled back toward insights (``learning.rule_anchoring``), so a rule change without a change
in insight does not last. Remembered performance follows performance, as a moving average, for
reflection (what one aims for is formed next, in :mod:`.aspiration`). Meanings stay within [-1, 1].

The rule is written once, for one person (:func:`work`), and compiled; the engine runs it for
everyone (:func:`work_everyone`) and a Mesa agent's ``work()`` runs it for itself.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning: A Theory of Action
    Perspective*. Addison-Wesley (single-loop learning).
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (performance memory).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.agreement import CHANCE
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.population import INSIGHTS, RULES
from orglearn.simulation.state import OrgState


@njit(cache=True)
def work(
    i: int,
    rules: np.ndarray,
    insights: np.ndarray,
    goal: np.ndarray,
    signal: np.ndarray,
    environment: np.ndarray,
    feedback: np.ndarray,
    capacity: np.ndarray,
    performance: np.ndarray,
    memory: np.ndarray,
    progress: np.ndarray,
    noise: float,
    pull: float,
    rate: float,
    anchoring: float,
    remember: float,
) -> float:
    """Person ``i`` works a week, feels how it went and adjusts their rules.

    Returns:
        The summed size of the change of their rules.
    """
    themes = rules.shape[1]
    square = 0.0
    for t in range(themes):
        signal[i, t] = feedback[i, t] * noise + environment[t]  # what work says is asked
        gap = rules[i, t] - environment[t]
        square += gap * gap
    performance[i] = 1.0 - square / themes / CHANCE
    step = rate * capacity[i]
    changed = 0.0
    for t in range(themes):
        target = (1.0 - pull) * signal[i, t] + pull * goal[i, t]  # feedback mixed with one's goal
        change = step * (target - rules[i, t]) + anchoring * (insights[i, t] - rules[i, t])
        moved = min(max(rules[i, t] + change, -1.0), 1.0)
        changed += abs(moved - rules[i, t])
        rules[i, t] = moved
    remembered = memory[i]
    memory[i] += remember * (performance[i] - memory[i])
    progress[i] = memory[i] - remembered
    return changed


@njit(cache=True)
def work_everyone(*arguments: Any) -> float:
    """:func:`work` for everyone, in order of position (``arguments``: all of its after ``i``).

    Returns:
        The summed change of rules.
    """
    changed = 0.0
    for i in range(arguments[0].shape[0]):
        changed += work(i, *arguments)
    return changed


def inputs(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`work` reads and changes, after the person's index, from the state and values."""
    return (
        state.meaning[RULES],
        state.meaning[INSIGHTS],
        state.goal,
        state.signal,
        state.environment,
        draws.feedback,
        state.capacity,
        state.performance,
        state.memory,
        state.progress,
        float(values["learning.feedback_noise"]),
        float(values["learning.goal_pull"]),
        float(values["learning.experience_rate"]),
        float(values["learning.rule_anchoring"]),
        1.0 / values["learning.memory"],
    )


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let everyone work a week, feel how it went, and adjust their rules."""
    state.own_change += work_everyone(*inputs(state, draws, values))
