"""Meta-learning: learning to learn. Capacity grows when learning pays off.

Rule: *when learning paid off this week, learning capacity grows, the more so the more the
organization attends to learning to learn; when it did not, capacity falls back toward where the
person started.*

Learning paid off when remembered performance rose. Capacity then grows toward 1 by
``learning.capacity_gain`` × ``learning.meta_learning``; otherwise it decays toward the person's
starting capacity by ``learning.capacity_decay``. Capacity scales every kind of learning, so
attention to learning to learn speeds up recovery after a change.

The rule is written once, for one person (:func:`learn`), and compiled; the engine runs it for
everyone and a Mesa agent's ``learn_to_learn()`` for itself.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning*. Addison-Wesley (deutero-
    learning: learning how to learn).
    Bateson, G. (1972). *Steps to an Ecology of Mind*. Chandler (learning II).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.state import OrgState


@njit(cache=True)
def learn(
    i: int, progress: np.ndarray, capacity: np.ndarray, base: np.ndarray, grow: float, decay: float
) -> None:
    """Person ``i``'s capacity grows after learning that paid off, and falls back otherwise."""
    if progress[i] > 0:
        capacity[i] += grow * (1.0 - capacity[i])
    else:
        capacity[i] += decay * (base[i] - capacity[i])


@njit(cache=True)
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


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let capacity grow after learning that paid off, and fall back otherwise."""
    learn_everyone(*inputs(state, values))
