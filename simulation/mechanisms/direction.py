"""Direction: at evaluation moments management looks outside and inside, and adjusts the vision.

Rule: *at every evaluation, management looks at what the outside world asks and at what its
people report about their strengths and weaknesses, and moves the vision toward what is asked,
most where the organization is weakest, and toward what its people stand for.*

Every ``direction.evaluation_interval`` weeks, leaders and boundary spanners see the environment
with noise of size 1 - ``communication.external_openness``; management takes the average (a
spanner's view counts as much as the organization gives voice). Everyone reports how well their
rules work on each theme, with noise of size 1 - clarity, weighted by actorship (staff also by
voice): that average is management's picture of strengths and weaknesses. The vision then moves
toward the perceived environment, mixed with the staff's average principles by
``management.participation``, at ``direction.vision_adaptation`` scaled per theme by relative
weakness: management works back from the future and builds on what was good.

Three further settings, each off at 0 (which is the rule above):

* **Shared blind spots** (``direction.shared_blind_spot`` ρ). A looker's error is not their own
  alone: a share ρ of its variance is a blind spot shared with their group, the rest is theirs.
  Leaders (who meet, read and are trained alike) share one blind spot; boundary spanners share
  one with the spanners of their own department and none with other departments. Each person's
  error keeps its size; only its correlation changes, so averaging many lookers no longer
  removes it, and only lookers from other groups (more, and more diverse, spanners) and clearer
  eyes (external openness) do: the crowd's error is the average error minus the lookers'
  diversity. A blind spot lasts: each week it keeps exp(-1 / ``direction.blind_spot_weeks``) of
  itself and is renewed by the rest (a blind spot of unit size throughout).
* **Anticipation** (``direction.horizon`` h weeks). From its successive looks management
  estimates how fast the environment moves (the change per week between two looks, smoothed by
  ``direction.trend_smoothing`` as in Holt's method) and aims the vision at where the
  environment will be h weeks on: it works back from the future. 0: at what it sees today.
* **Adjusting where needed** (``direction.adjustment_threshold``). The vision moves on a theme
  only where the perceived gap between vision and target exceeds the threshold (theme units);
  elsewhere it stays. 0: it always moves.

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (sight of desired developments; interim evaluation and adjustment).
    Senge, P. M. (1990). *The Fifth Discipline*. Doubleday (shared vision).
    Tushman, M. L. (1977). Special boundary roles in the innovation process. *Administrative
    Science Quarterly* 22(4), 587-605 (boundary spanners bring outside information in).
    Cohen, W. M. & Levinthal, D. A. (1990). Absorptive capacity. *Administrative Science
    Quarterly* 35(1), 128-152 (what an organization can see outside depends on who looks).
    Hong, L. & Page, S. E. (2004). Groups of diverse problem solvers can outperform groups of
    high-ability problem solvers. *PNAS* 101(46), 16385-16389.
    Page, S. E. (2007). *The Difference*. Princeton University Press (the diversity prediction
    theorem: collective error = average error - diversity); Surowiecki, J. (2004). *The Wisdom
    of Crowds*. Doubleday (independent errors cancel, correlated ones do not).
    Holt, C. C. (1957/2004). Forecasting seasonals and trends by exponentially weighted moving
    averages. *International Journal of Forecasting* 20(1), 5-10 (estimating a trend).
    Cyert, R. M. & March, J. G. (1963). *A Behavioral Theory of the Firm*. Prentice-Hall
    (problemistic search: change when a gap is seen, not otherwise).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.agreement import agreement_per_theme
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.population import PRINCIPLES, RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "communication.clarity",
        "communication.external_openness",
        "direction.adjustment_threshold",
        "direction.blind_spot_weeks",
        "direction.horizon",
        "direction.shared_blind_spot",
        "direction.trend_smoothing",
        "direction.vision_adaptation",
        "learning.feedback_noise",
        "management.participation",
        "network.voice",
    ),
    changes=("blind_spot", "last_look", "perceived", "picture", "trend", "vision"),
    draws=("blind_spot_noise", "perception_noise", "report_noise"),
    streams=("direction", "blind_spots"),
    off={"direction.evaluation_interval": 0, "direction.shared_blind_spot": 0.0},
    proposed={
        "direction.shared_blind_spot": 0.5,
        "direction.horizon": 13,
        "direction.adjustment_threshold": 0.1,
    },
    on={"direction.evaluation_interval": 3},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


def _weighted_mean(values: np.ndarray, weight: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    total = weight.sum()
    return (weight @ values) / total if total > 0 else fallback.copy()


def blind_spot_group(state: OrgState) -> np.ndarray:
    """Whose blind spot each person shares: 0 for leaders, 1 + their department for the others."""
    chart = state.chart
    return state.fixed.get(
        "direction.blind_spot_group", lambda: np.where(chart.leaders, 0, 1 + np.maximum(chart.department, 0))
    )


def move_blind_spots(state: OrgState, noise: np.ndarray, values: Mapping[str, Any]) -> None:
    """Let each group's blind spot move on a week: it keeps part of itself and the rest is new."""
    weeks = values["direction.blind_spot_weeks"]
    keep = math.exp(-1.0 / weeks) if weeks > 0 else 0.0
    state.blind_spot *= keep
    state.blind_spot += math.sqrt(1.0 - keep * keep) * noise


def errors(state: OrgState, perception: np.ndarray, values: Mapping[str, Any]) -> np.ndarray:
    """Each person's error in seeing outside: their own part, and the blind spot of their group."""
    shared = values["direction.shared_blind_spot"]
    if shared <= 0:
        return perception
    own = math.sqrt(1.0 - shared) * perception
    return own + math.sqrt(shared) * state.blind_spot[blind_spot_group(state)]


def look(state: OrgState, perception: np.ndarray, report: np.ndarray, values: Mapping[str, Any]) -> None:
    """Form management's view of the environment and its picture of strengths and weaknesses."""
    chart, voice = state.chart, values["network.voice"]
    staff_weight = np.where(chart.leaders, 1.0, voice)
    seer = (chart.leaders | state.spanner) * staff_weight
    blur = 1.0 - values["communication.external_openness"]
    seen = state.environment + blur * errors(state, perception, values)
    state.perceived[:] = np.clip(_weighted_mean(seen, seer, state.perceived), -1.0, 1.0)
    strength = agreement_per_theme(state.meaning[RULES], state.signal)
    said = strength + (1.0 - values["communication.clarity"]) * report
    state.picture[:] = _weighted_mean(said, state.actorship * staff_weight, state.picture)


def estimate_trend(state: OrgState, before: np.ndarray, values: Mapping[str, Any]) -> None:
    """Update the estimated change per week from the last look (``before``) to this one."""
    weeks = state.week - state.last_look
    if weeks > 0:
        change = (state.perceived - before) / weeks
        state.trend += values["direction.trend_smoothing"] * (change - state.trend)
    state.last_look = state.week


def anticipated(state: OrgState, values: Mapping[str, Any]) -> np.ndarray:
    """Where management expects the environment to be ``direction.horizon`` weeks from now."""
    horizon = values["direction.horizon"]
    if horizon <= 0:
        return state.perceived
    return np.clip(state.perceived + horizon * state.trend, -1.0, 1.0)


def adjust_vision(state: OrgState, values: Mapping[str, Any]) -> None:
    """Move the vision toward what is asked, most on weak themes, and toward staff's principles."""
    participation = values["management.participation"]
    shared = state.meaning[PRINCIPLES].mean(axis=0)
    target = (anticipated(state, values) + participation * shared) / (1.0 + participation)
    weakness = 1.0 - state.picture
    mean = weakness.mean()
    relative = weakness / mean if mean > 0 else np.ones_like(weakness)
    rate = np.clip(values["direction.vision_adaptation"] * relative, 0.0, 1.0)
    threshold = values["direction.adjustment_threshold"]
    if threshold > 0:
        rate = np.where(np.abs(target - state.vision) > threshold, rate, 0.0)
    state.vision += rate * (target - state.vision)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let the blind spots move on, and evaluate if this is an evaluation week."""
    if draws.blind_spot_noise is not None:
        move_blind_spots(state, draws.blind_spot_noise, values)
    if draws.perception_noise is None or draws.report_noise is None:
        return
    before = state.perceived.copy()
    look(state, draws.perception_noise, draws.report_noise, values)
    estimate_trend(state, before, values)
    adjust_vision(state, values)


def first_look(
    state: OrgState,
    feedback: np.ndarray,
    perception: np.ndarray,
    report: np.ndarray,
    values: Mapping[str, Any],
) -> None:
    """Week 0: management forms its first view, and the vision is what it first sees asked."""
    state.signal[:] = state.environment + values["learning.feedback_noise"] * feedback
    look(state, perception, report, values)
    state.vision[:] = state.perceived


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Management's evaluation: one look over everyone (the same as :func:`apply`)."""
    apply(state, draws, values)
