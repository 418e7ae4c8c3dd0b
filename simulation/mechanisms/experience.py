"""Single-loop learning: people adjust their rules to what their work tells them works.

Rule: *each week people see, through noisy feedback, how well their rules fit what is asked,
and move their rules toward what works and toward what they themselves want; their insights
keep pulling the rules back.*

Performance is the agreement of a person's rules with the environment (on a rugged task mixed
with the fitness of their choices: :mod:`.task`). Feedback shows the
environment with noise (``learning.feedback_noise``). Rules move toward a target that mixes the
feedback with the person's own goal (``learning.goal_pull``: individual learning can run
against the organization's goals), at ``learning.experience_rate`` × learning capacity. Rules are
also pulled back toward insights (``learning.rule_anchoring``), so a rule change without a change
in insight does not last. Remembered performance follows performance, as a moving average, for
reflection (what one aims for is formed next, in :mod:`.aspiration`). Meanings stay within [-1, 1].

On a rugged task (``task.ruggedness`` ρ above 0) people cannot see the best set of choices as
they see, through feedback, what the environment asks, so they also search locally, as in
Levinthal (1997) and Lazer & Friedman (2007): each week they try the opposite choice on one
theme, chosen at random (the rule mirrored: -x for x), and keep it if it feels better, felt
performance being (1 - ρ) × agreement with what the feedback says is asked + ρ × fitness. The
move toward the feedback then weighs the feedback only (1 - ρ), and so does what reflection and
management's picture of strengths later read as what experience says (``signal``): at ρ = 1 the
environment does not count and feedback about it no longer moves anyone's rules or insights.
At ρ = 0 nothing of this happens.

The rule is written once, for one person (:func:`work`), and compiled; the engine runs it for
everyone (:func:`work_everyone`) and a Mesa agent's ``work()`` runs it for itself.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning: A Theory of Action
    Perspective*. Addison-Wesley (single-loop learning).
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (performance memory).
    Levinthal, D. A. (1997). Adaptation on rugged landscapes. *Management Science* 43(7),
    934-950 (local search: one attribute changed at a time, kept if fitness improves).
    Lazer, D. & Friedman, A. (2007). The network structure of exploration and exploitation.
    *Administrative Science Quarterly* 52(4), 667-694 (local search beside imitation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.agreement import CHANCE
from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.mechanisms.task import fitness
from orglearn.simulation.population import INSIGHTS, RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "learning.experience_rate",
        "learning.feedback_noise",
        "learning.goal_pull",
        "learning.memory",
        "learning.rule_anchoring",
        "task.ruggedness",
    ),
    changes=("meaning", "memory", "own_change", "performance", "progress", "signal"),
    draws=("feedback", "trial"),
    streams=("experience", "task"),
    while_off=("memory", "performance", "progress", "signal"),
    off={"learning.experience_rate": 0.0, "learning.rule_anchoring": 0.0},
    shows={"performance": lambda state: state.performance},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
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
    rugged: float,
    trial: np.ndarray,
    neighbours: np.ndarray,
    table: np.ndarray,
    mean: float,
    span: float,
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
    changed = 0.0
    if rugged > 0.0:
        performance[i] = (1.0 - rugged) * performance[i] + rugged * fitness(
            rules[i], neighbours, table, mean, span
        )
        changed += search(i, rules, signal, rugged, trial, neighbours, table, mean, span)
    step = rate * capacity[i]
    for t in range(themes):
        sensed = signal[i, t]
        if rugged > 0.0:  # what work says is asked, as far as the environment counts
            sensed = (1.0 - rugged) * signal[i, t] + rugged * rules[i, t]
            signal[i, t] = sensed
        target = (1.0 - pull) * sensed + pull * goal[i, t]  # feedback mixed with one's goal
        change = step * (target - rules[i, t]) + anchoring * (insights[i, t] - rules[i, t])
        moved = min(max(rules[i, t] + change, -1.0), 1.0)
        changed += abs(moved - rules[i, t])
        rules[i, t] = moved
    remembered = memory[i]
    memory[i] += remember * (performance[i] - memory[i])
    progress[i] = memory[i] - remembered
    return changed


@rule
def felt(i: int, rules: np.ndarray, signal: np.ndarray, rugged: float, landscape: tuple) -> float:
    """How well person ``i``'s rules feel: agreement with what feedback says, mixed with fitness."""
    themes = rules.shape[1]
    square = 0.0
    for t in range(themes):
        gap = rules[i, t] - signal[i, t]
        square += gap * gap
    neighbours, table, mean, span = landscape
    return (1.0 - rugged) * (1.0 - square / themes / CHANCE) + rugged * fitness(
        rules[i], neighbours, table, mean, span
    )


@rule
def search(
    i: int,
    rules: np.ndarray,
    signal: np.ndarray,
    rugged: float,
    trial: np.ndarray,
    neighbours: np.ndarray,
    table: np.ndarray,
    mean: float,
    span: float,
) -> float:
    """Local search: person ``i`` tries the opposite choice on one theme and keeps it if it feels better.

    The theme is ``trial[i]`` scaled to the themes; the opposite choice mirrors the rule (-x).

    Returns:
        The size of the change of their rules (0.0 if they kept what they had).
    """
    themes = rules.shape[1]
    t = min(int(trial[i] * themes), themes - 1)
    landscape = (neighbours, table, mean, span)
    now = felt(i, rules, signal, rugged, landscape)
    kept = rules[i, t]
    rules[i, t] = -kept
    if felt(i, rules, signal, rugged, landscape) > now:
        return 2.0 * abs(kept)
    rules[i, t] = kept
    return 0.0


@rule
def work_everyone(*arguments: Any) -> float:
    """:func:`work` for everyone, in order of position (``arguments``: all of its after ``i``).

    Returns:
        The summed change of rules.
    """
    changed = 0.0
    for i in range(arguments[0].shape[0]):
        changed += work(i, *arguments)
    return changed


def landscape_arrays(state: OrgState) -> tuple[np.ndarray, np.ndarray, float, float]:
    """The task's neighbours, table, mean and span; placeholders for a smooth task (never read)."""
    if state.task is None:
        return np.zeros((state.themes, 1), np.int64), np.zeros((state.themes, 2)), 0.0, 1.0
    return state.task.arrays()


def inputs(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`work` reads and changes, after the person's index, from the state and values."""
    trial = draws.trial if draws.trial is not None else np.zeros(0)
    rugged = float(values["task.ruggedness"]) if state.task is not None else 0.0
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
        rugged,
        trial,
        *landscape_arrays(state),
    )


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let everyone work a week, feel how it went, and adjust their rules."""
    state.own_change += work_everyone(*inputs(state, draws, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Each person works and learns from it in turn (:func:`work`, through ``person.work``)."""
    for person in staff:
        person.work(draws, values)
