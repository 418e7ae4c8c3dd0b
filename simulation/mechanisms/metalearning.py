"""Meta-learning: learning to learn. Capacity grows when learning pays off.

Rule: *when learning paid off this week, learning capacity grows, the more so the more the
organization attends to learning to learn; when it did not, capacity falls back toward where the
person started.*

Learning paid off when remembered performance rose. Capacity then grows toward 1 by
``learning.capacity_gain`` × ``learning.meta_learning``; otherwise it decays toward the person's
starting capacity by ``learning.capacity_decay``. Capacity scales every kind of learning, so
attention to learning to learn speeds up recovery after a change.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning*. Addison-Wesley (deutero-
    learning: learning how to learn).
    Bateson, G. (1972). *Steps to an Ecology of Mind*. Chandler (learning II).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.state import OrgState


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let capacity grow after learning that paid off, and fall back otherwise."""
    paid = state.progress > 0
    grow = values["learning.capacity_gain"] * values["learning.meta_learning"]
    decay = values["learning.capacity_decay"]
    up = grow * (1.0 - state.capacity)
    down = decay * (state.capacity_base - state.capacity)
    state.capacity += paid * up + ~paid * down
