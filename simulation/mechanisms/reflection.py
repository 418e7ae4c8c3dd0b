"""Double-loop learning: when performance stays below aspiration, people revise their insights.

Rule: *when remembered performance stays below what one aims for, one reflects: insights move
toward what experience and trusted colleagues suggest, and the rules are derived anew from the
insights.*

A person reflects in a week when aspiration exceeds remembered performance by more than
their threshold: ``learning.reflection_threshold`` plus what learning to learn has made of it
(``reflection_shift``, 0 unless :mod:`.metalearning` moves it; never below 0). Reflection moves
insights, at ``learning.insight_rate`` × capacity, toward a mix of what experience says (feedback
and own goal, as in single-loop learning) and the average insight of trusted contacts (weighted
by tie quality; ``learning.social_reflection`` sets the mix). The reflecting person's rules are
then re-derived from the insights. Every week, everyone's insights are pulled toward their principles
(``learning.principle_anchoring``): principles anchor insights.

Both rules are written once, for one person (:func:`reflect`, :func:`anchor`), and compiled;
reflection reads what everyone's insights and principles were at the start of the phase.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning*. Addison-Wesley (double loop).
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (search triggered by performance below
    aspiration).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.population import INSIGHTS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "communication.confidence_bound",
        "learning.goal_pull",
        "learning.insight_rate",
        "learning.principle_anchoring",
        "learning.reflection_threshold",
        "learning.social_reflection",
    ),
    changes=("meaning", "own_change", "reflected"),
    off={"learning.reflection_threshold": 10.0, "learning.principle_anchoring": 0.0},
    on={"learning.reflection_threshold": 0.0},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def reflect(
    i: int,
    before: np.ndarray,
    meaning: np.ndarray,
    signal: np.ndarray,
    goal: np.ndarray,
    capacity: np.ndarray,
    aspiration: np.ndarray,
    memory: np.ndarray,
    reflected: np.ndarray,
    shift: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    quality: np.ndarray,
    threshold: float,
    bound: float,
    pull: float,
    social: float,
    rate: float,
    others: np.ndarray,
) -> float:
    """Person ``i`` reflects if performance disappoints: revises insights, re-derives rules.

    The insights move toward a mix of what experience says and the quality-weighted insights of
    trusted contacts (principles within the confidence bound), as they were at the start of the
    phase (``before``); ``others`` is room for their weighted sum, one number per theme.

    Returns:
        The summed size of the change of their rules.
    """
    reflected[i] = aspiration[i] - memory[i] > max(threshold + shift[i], 0.0)
    if not reflected[i]:
        return 0.0
    themes = meaning.shape[2]
    for t in range(themes):
        others[t] = 0.0
    weight = 0.0
    for half in range(indptr[i], indptr[i + 1]):
        j = indices[half]
        square = 0.0
        for t in range(themes):
            gap = before[PRINCIPLES, i, t] - before[PRINCIPLES, j, t]
            square += gap * gap
        if square / themes > bound * bound:
            continue  # not trusted
        weight += quality[half]
        for t in range(themes):
            others[t] += quality[half] * before[INSIGHTS, j, t]
    step = rate * capacity[i]
    changed = 0.0
    for t in range(themes):
        heard = others[t] / weight if weight > 0 else meaning[INSIGHTS, i, t]
        experience = (1.0 - pull) * signal[i, t] + pull * goal[i, t]
        target = (1.0 - social) * experience + social * heard
        insight = meaning[INSIGHTS, i, t]
        insight = min(max(insight + step * (target - insight), -1.0), 1.0)
        changed += abs(insight - meaning[RULES, i, t])
        meaning[INSIGHTS, i, t] = insight
        meaning[RULES, i, t] = insight
    return changed


@rule
def anchor(i: int, meaning: np.ndarray, rate: float) -> None:
    """Person ``i``'s principles pull their insights back toward who they are."""
    for t in range(meaning.shape[2]):
        meaning[INSIGHTS, i, t] += rate * (meaning[PRINCIPLES, i, t] - meaning[INSIGHTS, i, t])


@rule
def reflect_everyone(anchoring: float, *arguments: Any) -> float:
    """:func:`reflect` for everyone, then :func:`anchor` for everyone; returns the change of rules.

    Args:
        anchoring: How far principles pull insights back each week.
        *arguments: All that :func:`reflect` takes after ``i``.
    """
    meaning = arguments[1]
    changed = 0.0
    for i in range(meaning.shape[1]):
        changed += reflect(i, *arguments)
    for i in range(meaning.shape[1]):
        anchor(i, meaning, anchoring)
    return changed


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`reflect` reads and changes after the person's index and ``before``."""
    ties = state.ties
    return (
        state.meaning,
        state.signal,
        state.goal,
        state.capacity,
        state.aspiration,
        state.memory,
        state.reflected,
        state.reflection_shift,
        ties.indptr,
        ties.indices,
        ties.half_quality,
        float(values["learning.reflection_threshold"]),
        float(values["communication.confidence_bound"]),
        float(values["learning.goal_pull"]),
        float(values["learning.social_reflection"]),
        float(values["learning.insight_rate"]),
        np.empty(state.themes),
    )


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let those whose performance disappoints reflect, and anchor insights in principles."""
    before = state.meaning.copy()  # what everyone held at the start of the phase
    anchoring = float(values["learning.principle_anchoring"])
    state.own_change += reflect_everyone(anchoring, before, *inputs(state, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Each person reflects in turn (:func:`reflect`), then principles anchor insights (:func:`anchor`).

    Everyone reflects on what everyone's insights were at the start of the phase.
    """
    before = state.meaning.copy()
    for person in staff:
        person.reflect(before, values)
    for person in staff:
        person.anchor_insights(values)
