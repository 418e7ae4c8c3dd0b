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


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Move the environment one week on."""
    e, step = state.environment, state.velocity
    momentum = values["environment.momentum"]
    step *= momentum
    step += math.sqrt(1.0 - momentum * momentum) * values["environment.turbulence"] * draws.drift
    e += step
    if draws.shock is not None:
        size = values["environment.shock_size"]
        e *= 1.0 - size
        e += size * draws.shock
    np.negative(step, out=step, where=np.abs(e) > 1.0)  # a trend turns back at the edge
    reflect_into_range(e)


def reflect_into_range(x: np.ndarray) -> None:
    """Mirror positions that stepped over -1 or 1 back into range, so no edge is sticky."""
    np.copyto(x, np.where(x > 1.0, 2.0 - x, x))
    np.copyto(x, np.where(x < -1.0, -2.0 - x, x))
    np.clip(x, -1.0, 1.0, out=x)


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """The world moves on (the organization as a whole: the same as :func:`apply`)."""
    apply(state, draws, values)
