"""Triple-loop learning: when insights and principles keep conflicting, principles change.

Rule: *who one is changes slowly: only when one's insights keep clashing with one's principles,
or reflecting again and again does not help, do the principles themselves begin to move.*

Each person remembers the disagreement between their insights and principles as a moving
average over ``learning.memory`` weeks. While it exceeds ``learning.conflict_threshold``, the
principles move toward the insights at ``learning.principle_rate`` × capacity. A double loop
that keeps firing is a conflict of its own: each week a person reflects (their reflection has not
closed the gap between performance and aspiration), ``learning.questioning_escalation`` is added
to the clash they remember, so repeated reflection that does not help leads to questioning who one
is (0, the default: only the clash between insights and principles counts). Principles also
change through sustained dialogue (conversations and meetings at the principles level, and
management's dialogue), and they set whom one listens to (see :mod:`.influence`).

The rule is written once, for one person (:func:`question`), and compiled; the engine runs it for
everyone and a Mesa agent's ``question_principles()`` for itself.

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization: Beyond the Learning
    Curve*. Addison-Wesley (triple-loop learning: principles, identity).
    Bateson, G. (1972). *Steps to an Ecology of Mind*. Chandler (learning III, prompted by
    contradictions that learning II cannot resolve).
    Tosey, P., Visser, M. & Saunders, M. N. K. (2012). The origins and conceptualizations of
    "triple-loop" learning: a critical review. *Management Learning* 43(3), 291-307.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.agreement import CHANCE
from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.population import INSIGHTS, PRINCIPLES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "learning.conflict_threshold",
        "learning.memory",
        "learning.principle_rate",
        "learning.questioning_escalation",
    ),
    changes=("conflict", "meaning", "questioned"),
    while_off=("conflict",),
    off={"learning.principle_rate": 0.0},
    proposed={"learning.questioning_escalation": 0.5},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def question(
    i: int,
    insights: np.ndarray,
    principles: np.ndarray,
    conflict: np.ndarray,
    questioned: np.ndarray,
    capacity: np.ndarray,
    reflected: np.ndarray,
    memory: float,
    threshold: float,
    rate: float,
    escalation: float,
) -> None:
    """Person ``i`` remembers how far insights and principles clash; lasting clash moves principles.

    A reflection this week (the double loop fired again) adds ``escalation`` to the clash.
    """
    themes = insights.shape[1]
    square = 0.0
    for t in range(themes):
        gap = insights[i, t] - principles[i, t]
        square += gap * gap
    clash = square / themes / CHANCE  # 1 - agreement
    if reflected[i]:
        clash += escalation  # the double loop did not close the gap: who one is is in question
    conflict[i] += (clash - conflict[i]) / memory
    step = rate * capacity[i]
    questioned[i] = conflict[i] > threshold and step > 0  # counted only when principles move
    if questioned[i]:
        for t in range(themes):
            principles[i, t] += step * (insights[i, t] - principles[i, t])


@rule
def question_everyone(*arguments: Any) -> None:
    """:func:`question` for everyone, in order of position (``arguments``: all of its after ``i``)."""
    for i in range(arguments[0].shape[0]):
        question(i, *arguments)


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`question` reads and changes, after the person's index."""
    return (
        state.meaning[INSIGHTS],
        state.meaning[PRINCIPLES],
        state.conflict,
        state.questioned,
        state.capacity,
        state.reflected,
        float(values["learning.memory"]),
        float(values["learning.conflict_threshold"]),
        float(values["learning.principle_rate"]),
        float(values["learning.questioning_escalation"]),
    )


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let lasting conflict between insights and principles move the principles."""
    question_everyone(*inputs(state, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Each person questions their principles in turn (:func:`question`)."""
    for person in staff:
        person.question_principles(values)
