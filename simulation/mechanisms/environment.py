"""The world changes: what the outside asks drifts a little every week and sometimes jumps.

Rule: *what the outside world asks drifts a little every week, and jumps when a shock comes.*

Each week every theme of the environment moves by a normal step of size ``turbulence``; in a
shock week it moves a share ``shock_size`` of the way to a new random position. A step over the edge of
[-1, 1] is mirrored back, so the environment wanders evenly over the whole range.

References:
    March, J. G. (1991). Exploration and exploitation in organizational learning. *Organization
    Science* 2(1), 71-87 (environmental turbulence).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.state import OrgState


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Move the environment one week on."""
    e = state.environment
    e += values["environment.turbulence"] * draws.drift
    if draws.shock is not None:
        size = values["environment.shock_size"]
        e *= 1.0 - size
        e += size * draws.shock
    reflect_into_range(e)


def reflect_into_range(x: np.ndarray) -> None:
    """Mirror positions that stepped over -1 or 1 back into range, so no edge is sticky."""
    np.copyto(x, np.where(x > 1.0, 2.0 - x, x))
    np.copyto(x, np.where(x < -1.0, -2.0 - x, x))
    np.clip(x, -1.0, 1.0, out=x)
