"""Measures of history: how long an organization takes to settle after a change, and what remains.

Two questions trainers and consultants ask of an intervention. *How long until it has worked
through?* :func:`recovery_weeks` counts the weeks from the intervention until a metric is back
within a band around the level it settles at later, and stays there. *Does the road matter?*
:func:`path_dependence` compares, week by week, a run that switched at week t with one that was
"always like that" from the start, on the same seed: if the difference at week t + k has not
gone to zero, the organization's history still shows.

Both are pure functions of metric series indexed by week, so the command line, sweeps and the
claims report compute them the same way.

References:
    Sydow, J., Schreyögg, G. & Koch, J. (2009). Organizational path dependence: opening the black
    box. *Academy of Management Review* 34(4), 689-709.
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (adjustment after change).
"""

from __future__ import annotations

import math

import pandas as pd

BAND = 0.05
"""Default half-width of the band around the later level (agreement units)."""
SETTLE = 20
"""Default number of last weeks whose mean is the later level."""


def later_level(series: pd.Series, settle: int = SETTLE) -> float:
    """The level a metric settles at: the mean of its last ``settle`` weeks."""
    return float(series.iloc[-settle:].mean())


def recovery_weeks(series: pd.Series, start: int, band: float = BAND, settle: int = SETTLE) -> float:
    """Weeks from ``start`` until a metric is within ``band`` of its later level for good.

    Args:
        series: The metric, indexed by week (one value per week).
        start: The week of the intervention (or shock).
        band: Half-width of the band around the later level.
        settle: How many last weeks make the later level; they must lie after ``start``.

    Returns:
        The number of weeks after ``start`` of the first week from which the metric stays
        within the band (0 if it never left it); NaN if the run is too short to tell (fewer
        than ``settle`` weeks after ``start``) or the metric is missing.
    """
    after = series[series.index >= start].dropna()
    if len(after) <= settle:
        return math.nan
    level = later_level(after, settle)
    outside = (after - level).abs() > band
    if not outside.any():
        return 0.0
    last_out = outside[outside].index[-1]
    following = after.index[after.index > last_out]
    return float(following[0] - start) if len(following) else math.nan


def path_dependence(switched: pd.Series, always: pd.Series, week: int) -> float:
    """How far a run that changed course stands from one that was always so, at ``week``.

    Args:
        switched: The metric of the run with the intervention, indexed by week.
        always: The metric of the same seed's run under the new values from week 0.
        week: The week to compare (t + k for an intervention at t).

    Returns:
        ``switched - always`` at that week (NaN where either is missing).
    """
    if week not in switched.index or week not in always.index:
        return math.nan
    return float(switched.loc[week] - always.loc[week])
