"""Meta-learning: learning to learn. Capacity grows when learning pays off; reflection is learned.

Rule: *when learning paid off this week, learning capacity grows, the more so the more the
organization attends to learning to learn; when it did not, capacity falls back toward where the
person started; and those who found that reflecting paid off can learn to reflect sooner.*

Learning paid off when remembered performance rose. Capacity then grows toward 1 by
``learning.capacity_gain`` × ``learning.meta_learning``; otherwise it decays toward the person's
starting capacity by ``learning.capacity_decay``. Capacity scales every kind of learning, so
attention to learning to learn speeds up recovery after a change.

Learning to learn also changes *how* people learn, not only how fast (:func:`learn_when_to_reflect`):
each reflection (double loop) is judged a week later, by whether the person's performance then
exceeds the performance that prompted it. When it does, the person's threshold for reflection
falls by ``learning.threshold_learning`` × ``learning.meta_learning`` (not below 0); when it does
not, it rises by as much. So those whose reflections pay off come to reflect at smaller
disappointments, and those whose reflections do not stop reflecting at the ones they used to
reflect at. At ``learning.threshold_learning`` 0 (the default) the threshold stays where it is, as
before.
The rule is written once, for one person (:func:`learn`), and compiled; the engine runs it for
everyone and a Mesa agent's ``learn_to_learn()`` for itself.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning*. Addison-Wesley (deutero-
    learning: learning how to learn).
    Bateson, G. (1972). *Steps to an Ecology of Mind*. Chandler (learning II).
    Cyert, R. M. & March, J. G. (1963). *A Behavioral Theory of the Firm*. Prentice-Hall (search
    rules adapt: ways of searching that found solutions are used sooner next time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "learning.capacity_decay",
        "learning.capacity_gain",
        "learning.meta_learning",
        "learning.reflection_threshold",
        "learning.threshold_learning",
    ),
    changes=("capacity", "reflection_shift", "reflection_start"),
    while_off=("reflection_start",),
    off={"learning.meta_learning": 0.0},
    proposed={"learning.threshold_learning": 0.05},
    shows={
        "capacity": lambda state: state.capacity,
        "reflection_shift": lambda state: state.reflection_shift,
    },
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def learn(
    i: int, progress: np.ndarray, capacity: np.ndarray, base: np.ndarray, grow: float, decay: float
) -> None:
    """Person ``i``'s capacity grows after learning that paid off, and falls back otherwise."""
    if progress[i] > 0:
        capacity[i] += grow * (1.0 - capacity[i])
    else:
        capacity[i] += decay * (base[i] - capacity[i])


@rule
def learn_when_to_reflect(
    i: int,
    reflected: np.ndarray,
    performance: np.ndarray,
    start: np.ndarray,
    shift: np.ndarray,
    threshold: float,
    step: float,
) -> None:
    """Person ``i`` judges last week's reflection by this week's performance; notes this week's.

    Args:
        i: The person.
        reflected: (N,) who reflected this week.
        performance: (N,) everyone's performance this week (before this week's reflection).
        start: (N,) the performance that prompted each one's reflection of last week, NaN if none;
            set to this week's performance for those who reflected this week.
        shift: (N,) how far each one's threshold for reflection has moved.
        threshold: ``learning.reflection_threshold`` (the threshold never falls below 0).
        step: How far one judgment moves the threshold.
    """
    if step > 0.0 and not np.isnan(start[i]):
        if performance[i] > start[i]:  # reflecting paid off: reflect sooner
            shift[i] = max(shift[i] - step, -threshold)
        else:
            shift[i] += step
    start[i] = performance[i] if reflected[i] else np.nan


@rule
def learn_when_to_reflect_everyone(*arguments: Any) -> None:
    """:func:`learn_when_to_reflect` for everyone (``arguments``: all of its after ``i``)."""
    for i in range(arguments[0].shape[0]):
        learn_when_to_reflect(i, *arguments)


@rule
def learn_everyone(*arguments: Any) -> None:
    """:func:`learn` for everyone (``arguments``: all of its after ``i``)."""
    for i in range(arguments[0].shape[0]):
        learn(i, *arguments)


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`learn` reads and changes, after the person's index."""
    grow = values["learning.capacity_gain"] * values["learning.meta_learning"]
    return (
        state.progress,
        state.capacity,
        state.capacity_base,
        float(grow),
        float(values["learning.capacity_decay"]),
    )


def reflection_inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`learn_when_to_reflect` reads and changes, after the person's index."""
    step = values["learning.threshold_learning"] * values["learning.meta_learning"]
    return (
        state.reflected,
        state.performance,
        state.reflection_start,
        state.reflection_shift,
        float(values["learning.reflection_threshold"]),
        float(step),
    )


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let capacity grow after learning that paid off, and the threshold for reflection follow it."""
    learn_everyone(*inputs(state, values))
    learn_when_to_reflect_everyone(*reflection_inputs(state, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Each person learns to learn in turn (:func:`learn`, :func:`learn_when_to_reflect`)."""
    for person in staff:
        person.learn_to_learn(values)
