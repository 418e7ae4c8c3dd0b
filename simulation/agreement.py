"""One scale for every comparison: 1 is identical, 0 is as far apart as chance.

Meanings, goals, the vision and the environment are positions in [-1, 1] on each theme. Two
independent uniform positions differ on a theme by a mean square of 2/3, so agreement is
``1 - mean square difference / (2/3)``: 1 when two positions coincide, 0 when they are as far
apart as two random ones, negative when further apart than chance (down to -5 for opposite
corners). Performance, fit, goal alignment and shared meaning are all read on this scale.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from orglearn.simulation.compiled import rule

CHANCE = 2.0 / 3.0


def agreement(x: np.ndarray, y: np.ndarray) -> np.ndarray | float:
    """Agreement between positions, over the last axis (the themes).

    Args:
        x: Positions, shape (..., D).
        y: Positions broadcastable to ``x``.

    Returns:
        ``1 - mean((x - y)**2) / (2/3)`` over the themes.
    """
    return 1.0 - np.mean((x - y) ** 2, axis=-1) / CHANCE


def agreement_per_theme(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Agreement theme by theme, without averaging over themes."""
    return 1.0 - (x - y) ** 2 / CHANCE


@rule
def agreement_of(x: np.ndarray, y: np.ndarray) -> float:
    """:func:`agreement` of two positions (D,), as a plain loop for compiled rules and metrics."""
    square = 0.0
    for t in range(len(x)):
        gap = x[t] - y[t]
        square += gap * gap
    return 1.0 - square / len(x) / CHANCE


@njit(cache=True)
def chance_of_average(size: float) -> float:
    """The agreement an average of ``size`` people's positions has with a target by chance alone.

    When positions are independent and uniform in [-1, 1], the average of n of them differs from
    a uniform target by a mean square of 1/3 + 1/(3n) on each theme, so its expected agreement is
    1/2 - 1/(2n): 0 for one person, 0.25 for two, near 0.5 for many. An organization's average
    rules "fit" the environment at about 0.5 before anyone has learned anything.
    """
    return 0.5 - 0.5 / size


@njit(cache=True)
def beyond_chance(value: float, size: float) -> float:
    """The agreement of an average of ``size`` positions with its chance level taken out.

    With ``c`` the :func:`chance_of_average`, ``(value - c) / (1 - c)`` is 0 at chance and still
    1 at identity.
    """
    chance = chance_of_average(size)
    return (value - chance) / (1.0 - chance)
