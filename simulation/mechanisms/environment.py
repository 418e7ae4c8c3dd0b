"""The world changes: what the outside asks drifts a little every week and sometimes jumps.

Rule: *what the outside world asks drifts a little every week, and jumps when a shock comes.*

Each week every theme of the environment moves by a normal step of size ``turbulence``; in a
shock week it moves a share ``shock_size`` of the way to a new random position. A step over the edge of
[-1, 1] is mirrored back, so the environment wanders evenly over the whole range.

With ``environment.momentum`` m above 0 the world has trends: each week's step keeps a share m
of last week's step and adds fresh drift of size sqrt(1 - m²) × turbulence, so a step is as
large as without momentum but its direction lasts about 1 / (1 - m) weeks (a trend that someone
watching could extrapolate). At the edge the trend turns back with the position. At 0 every
step is new, as in a random walk.

References:
    March, J. G. (1991). Exploration and exploitation in organizational learning. *Organization
    Science* 2(1), 71-87 (environmental turbulence).
    Holt, C. C. (1957/2004). Forecasting seasonals and trends by exponentially weighted moving
    averages. *International Journal of Forecasting* 20(1), 5-10 (a level with a local trend).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=("environment.momentum", "environment.shock_size", "environment.turbulence"),
    changes=("environment", "velocity"),
    draws=("drift", "shock"),
    streams=("environment",),
    off={"environment.turbulence": 0.0, "environment.shocks": []},
    on={"environment.shocks": [5]},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def move(
    environment: np.ndarray,
    velocity: np.ndarray,
    drift: np.ndarray,
    shock: np.ndarray,
    momentum: float,
    turbulence: float,
    shock_size: float,
) -> None:
    """Move each theme of the environment one week on: drift, momentum, a shock, the edges.

    Args:
        environment: (D,) what the outside asks, moved in place.
        velocity: (D,) last week's step, replaced by this week's.
        drift: (D,) standard normal drift.
        shock: (D,) where a shock pulls each theme, or no numbers in a week without a shock.
        momentum: The share of last week's step that is kept.
        turbulence: The size of a step.
        shock_size: How far a shock pulls.
    """
    fresh = math.sqrt(1.0 - momentum * momentum) * turbulence
    for t in range(len(environment)):
        velocity[t] = velocity[t] * momentum + fresh * drift[t]
        e = environment[t] + velocity[t]
        if len(shock):
            e = e * (1.0 - shock_size) + shock_size * shock[t]
        if abs(e) > 1.0:
            velocity[t] = -velocity[t]  # a trend turns back at the edge
        if e > 1.0:  # a step over the edge is mirrored back, so no edge is sticky
            e = 2.0 - e
        if e < -1.0:
            e = -2.0 - e
        environment[t] = min(max(e, -1.0), 1.0)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Move the environment one week on."""
    shock = np.zeros(0) if draws.shock is None else draws.shock
    momentum, turbulence = float(values["environment.momentum"]), float(values["environment.turbulence"])
    move(
        state.environment,
        state.velocity,
        draws.drift,
        shock,
        momentum,
        turbulence,
        float(values["environment.shock_size"]),
    )


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """The world moves on (the organization as a whole: the same as :func:`apply`)."""
    apply(state, draws, values)
