"""Turnover: people leave and newcomers with fresh views take their place.

Rule: *each week some people leave; a newcomer takes each place, with meanings, goals and traits
of their own.*

Each person leaves with probability ``organization.turnover`` per week. The newcomer keeps the
position (team, department, role, ties) and arrives as anyone would (see
:mod:`orglearn.simulation.population`), with memories of their own.

References:
    March, J. G. (1991). Exploration and exploitation in organizational learning. *Organization
    Science* 2(1), 71-87 (turnover brings fresh views).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(),
    changes=(
        "actorship",
        "aspiration",
        "capacity",
        "capacity_base",
        "conflict",
        "goal",
        "meaning",
        "memory",
        "openness",
        "performance",
        "progress",
        "reflection_shift",
        "reflection_start",
        "signal",
        "trust",
    ),
    draws=("arrivals", "leave"),
    streams=("turnover", "newcomers"),
    off={"organization.turnover": 0.0},
    on={"organization.turnover": 0.02},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


def leavers(draws: WeekDraws) -> np.ndarray:
    """The positions whose holder leaves this week."""
    return np.zeros(0, dtype=np.int64) if draws.leave is None else np.flatnonzero(draws.leave)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Replace those who leave by newcomers."""
    who = leavers(draws)
    if len(who) and draws.arrivals is not None:
        state.place(who, draws.arrivals, values)


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Leavers are replaced (the organization as a whole: the same as :func:`apply`)."""
    apply(state, draws, values)
