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

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (sight of desired developments; interim evaluation and adjustment).
    Senge, P. M. (1990). *The Fifth Discipline*. Doubleday (shared vision).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.agreement import agreement_per_theme
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.population import PRINCIPLES, RULES
from orglearn.simulation.state import OrgState


def _weighted_mean(values: np.ndarray, weight: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    total = weight.sum()
    return (weight @ values) / total if total > 0 else fallback.copy()


def look(state: OrgState, perception: np.ndarray, report: np.ndarray, values: Mapping[str, Any]) -> None:
    """Form management's view of the environment and its picture of strengths and weaknesses."""
    chart, voice = state.chart, values["network.voice"]
    staff_weight = np.where(chart.leaders, 1.0, voice)
    seer = (chart.leaders | state.spanner) * staff_weight
    blur = 1.0 - values["communication.external_openness"]
    seen = state.environment + blur * perception
    state.perceived[:] = np.clip(_weighted_mean(seen, seer, state.perceived), -1.0, 1.0)
    strength = agreement_per_theme(state.meaning[RULES], state.signal)
    said = strength + (1.0 - values["communication.clarity"]) * report
    state.picture[:] = _weighted_mean(said, state.actorship * staff_weight, state.picture)


def adjust_vision(state: OrgState, values: Mapping[str, Any]) -> None:
    """Move the vision toward what is asked, most on weak themes, and toward staff's principles."""
    participation = values["management.participation"]
    shared = state.meaning[PRINCIPLES].mean(axis=0)
    target = (state.perceived + participation * shared) / (1.0 + participation)
    weakness = 1.0 - state.picture
    mean = weakness.mean()
    relative = weakness / mean if mean > 0 else np.ones_like(weakness)
    rate = np.clip(values["direction.vision_adaptation"] * relative, 0.0, 1.0)
    state.vision += rate * (target - state.vision)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Evaluate, if this is an evaluation week."""
    if draws.perception_noise is None or draws.report_noise is None:
        return
    look(state, draws.perception_noise, draws.report_noise, values)
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
