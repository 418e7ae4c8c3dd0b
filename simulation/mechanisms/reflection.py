"""Double-loop learning: when performance stays below aspiration, people revise their insights.

Rule: *when remembered performance stays below what one aims for, one reflects: insights move
toward what experience and trusted colleagues suggest, and the rules are derived anew from the
insights.*

A person reflects in a week when aspiration exceeds remembered performance by more than
``learning.reflection_threshold``. Reflection moves insights, at ``learning.insight_rate`` ×
capacity, toward a mix of what experience says (feedback and own goal, as in single-loop
learning) and the average insight of trusted contacts (weighted by tie quality;
``learning.social_reflection`` sets the mix). The reflecting person's rules are then re-derived
from the insights. Every week, everyone's insights are pulled toward their principles
(``learning.principle_anchoring``): principles anchor insights.

References:
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning*. Addison-Wesley (double loop).
    Lant, T. K. & Mezias, S. J. (1992). An organizational learning model of convergence and
    reorientation. *Organization Science* 3(1), 47-71 (search triggered by performance below
    aspiration).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.kernels import SparseRows
from orglearn.simulation.mechanisms.influence import trusted_pairs
from orglearn.simulation.population import INSIGHTS, PRINCIPLES
from orglearn.simulation.state import OrgState


def contacts_insight(state: OrgState, who: np.ndarray, bound: float) -> tuple[np.ndarray, np.ndarray]:
    """The quality-weighted sum of trusted contacts' insights, and the sum of weights, of some people.

    Only the ties of ``who`` are visited (few people reflect in a given week); each person's
    contacts are added up in ascending order, as everywhere.

    Args:
        state: The organization.
        who: The people, ascending.
        bound: The confidence bound on principles.

    Returns:
        (len(who), D) summed insights and (len(who),) summed weights.
    """
    ties = state.ties
    start = ties.indptr[who]
    degree = ties.indptr[who + 1] - start
    indptr = np.zeros(len(who) + 1, dtype=np.int64)
    np.cumsum(degree, out=indptr[1:])
    halves = np.repeat(start - indptr[:-1], degree) + np.arange(int(indptr[-1]))
    contact = ties.indices[halves]
    listener = ties.row[halves]
    weight = ties.half_quality[halves]
    weight *= trusted_pairs(state.meaning[PRINCIPLES], listener, contact, bound, state.work)
    matrix = SparseRows(indptr, contact, weight, (len(who), state.size))
    summed = matrix.product(state.meaning[INSIGHTS], np.empty((len(who), state.themes)))
    owner = np.repeat(np.arange(len(who)), degree)
    return summed, np.bincount(owner, weights=weight, minlength=len(who))


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let those whose performance disappoints reflect, and anchor insights in principles."""
    work, n, themes = state.work, state.size, state.themes
    rules, insights, principles = state.meaning
    gap = np.subtract(state.aspiration, state.memory, out=work.take("local.n0", n))
    np.greater(gap, values["learning.reflection_threshold"], out=state.reflected)
    who = np.flatnonzero(state.reflected)
    if len(who):
        summed, weight = contacts_insight(state, who, values["communication.confidence_bound"])
        own = insights[who]
        has = weight > 0
        np.copyto(weight, 1.0, where=~has)
        summed /= weight[:, None]
        others = np.where(has[:, None], summed, own)
        pull = values["learning.goal_pull"]
        experience = (1.0 - pull) * state.signal[who] + pull * state.goal[who]
        social = values["learning.social_reflection"]
        target = (1.0 - social) * experience + social * others
        rate = values["learning.insight_rate"] * state.capacity[who]
        target -= own
        target *= rate[:, None]
        own += target
        np.clip(own, -1.0, 1.0, out=own)
        insights[who] = own
        state.own_change += float(np.abs(own - rules[who]).sum())
        rules[who] = own
    anchor = np.subtract(principles, insights, out=work.take("local.a", (n, themes)))
    anchor *= values["learning.principle_anchoring"]
    insights += anchor
