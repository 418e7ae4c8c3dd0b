"""Triple-loop learning: when insights and principles keep conflicting, principles change.

Rule: *who one is changes slowly: only when one's insights keep clashing with one's principles
do the principles themselves begin to move.*

Each person remembers the disagreement between their insights and principles as a moving
average over ``learning.memory`` weeks. While it exceeds ``learning.conflict_threshold``, the
principles move toward the insights at ``learning.principle_rate`` × capacity. Principles also
change through sustained dialogue (conversations and meetings at the principles level, and
management's dialogue), and they set whom one listens to (see :mod:`.influence`).

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization: Beyond the Learning
    Curve*. Addison-Wesley (triple-loop learning: principles, identity).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.agreement import agreement_into
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.population import INSIGHTS, PRINCIPLES
from orglearn.simulation.state import OrgState


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let lasting conflict between insights and principles move the principles."""
    work, n = state.work, state.size
    insights, principles = state.meaning[INSIGHTS], state.meaning[PRINCIPLES]
    clash = agreement_into(
        insights, principles, work.take("local.n0", n), work.take("local.a", insights.shape)
    )
    np.subtract(1.0, clash, out=clash)
    clash -= state.conflict
    clash /= values["learning.memory"]
    state.conflict += clash
    np.greater(state.conflict, values["learning.conflict_threshold"], out=state.questioned)
    who = np.flatnonzero(state.questioned)
    rate = values["learning.principle_rate"] * state.capacity[who]
    principles[who] += rate[:, None] * (insights[who] - principles[who])
