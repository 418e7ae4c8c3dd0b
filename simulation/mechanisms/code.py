"""The organization's code: a memory of rules that keeps what worked and teaches it.

Rule: *the organization keeps a code of rules that learns from those who do better than it, and
teaches it: people's rules move toward the code.*

After March's (1991) model, translated to orglearn's continuous positions. The code holds one
rule per theme; it starts as the organization's average rules (how things are done here). Each
week those whose performance beats the code's (their rules agree better with what the
environment asks than the code does) are the better performers; the code moves a share
``code.learning`` of the way toward their average rules (March's p2; March copies their majority
view with a chance that rises with its size, here the code moves toward their average, so the
continuous analogue of one step). Everyone's rules move a share ``code.socialization`` toward
the code as it was (March's p1): the past is built on, and the code is the channel through
which one person's good practice reaches the others. As in March, both act on what they saw at
the start of the phase: the better performers are chosen, and their rules read, before anyone
is socialized. Socialization is change that comes from others. At 0 both are off: the code
stands still and teaches nothing.

Each person's part is written once (:func:`socialize`) and compiled; the engine runs it for
everyone and a Mesa agent's ``socialize()`` for itself; the code's own learning is one step for
the organization (:func:`learn`).

References:
    March, J. G. (1991). Exploration and exploitation in organizational learning. *Organization
    Science* 2(1), 71-87 (the code, mutual learning, socialization rate p1, code learning p2).
    Levitt, B. & March, J. G. (1988). Organizational learning. *Annual Review of Sociology* 14,
    319-340 (routines as organizational memory).
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (building on the good of the past).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.agreement import agreement_of
from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.population import RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=("code.learning", "code.socialization"),
    changes=("code", "meaning", "social_change"),
    off={"code.learning": 0.0, "code.socialization": 0.0},
    proposed={"code.learning": 0.1, "code.socialization": 0.02},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def socialize(i: int, rules: np.ndarray, code: np.ndarray, rate: float) -> float:
    """Person ``i``'s rules move a share ``rate`` toward the code.

    Returns:
        The summed size of the change of their rules.
    """
    changed = 0.0
    for t in range(rules.shape[1]):
        change = rate * (code[t] - rules[i, t])
        rules[i, t] += change
        changed += abs(change)
    return changed


@rule
def socialize_everyone(rules: np.ndarray, code: np.ndarray, rate: float) -> float:
    """:func:`socialize` for everyone; returns the summed change of rules."""
    changed = 0.0
    for i in range(rules.shape[0]):
        changed += socialize(i, rules, code, rate)
    return changed


def code_performance(state: OrgState) -> float:
    """How well the code's rules would have done this week: their agreement with the environment."""
    return agreement_of(state.code, state.environment)


@njit(cache=True)
def better_mean(rules: np.ndarray, performance: np.ndarray, bar: float) -> tuple[np.ndarray, int]:
    """The average rules of those whose performance beats ``bar``, and how many they are.

    Their rules are added up in order of position and divided by their number (numpy's mean over
    them, in one pass, without copying their rows out first).
    """
    total = np.zeros(rules.shape[1])
    count = 0
    for i in range(rules.shape[0]):
        if performance[i] > bar:
            count += 1
            for t in range(rules.shape[1]):
                total[t] += rules[i, t]
    return total / max(count, 1), count


def chosen(state: OrgState, values: Mapping[str, Any]) -> tuple[np.ndarray, int] | None:
    """The average rules of those who beat the code this week, and how many (None: it does not learn).

    Read before anyone is socialized, as March's code learns from what it saw at the phase's start.
    """
    if values["code.learning"] <= 0:
        return None
    return better_mean(state.meaning[RULES], state.performance, code_performance(state))


def learn(state: OrgState, better: tuple[np.ndarray, int], values: Mapping[str, Any]) -> None:
    """The code moves toward the average rules of the better performers (none: it stays)."""
    mean, count = better
    if count:
        state.code += values["code.learning"] * (mean - state.code)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Choose the better performers, socialize everyone toward the code, then let the code learn."""
    learning, rate = values["code.learning"], float(values["code.socialization"])
    if learning <= 0 and rate <= 0:
        return
    rules = state.meaning[RULES]
    better = chosen(state, values)
    if rate > 0:
        state.social_change += socialize_everyone(rules, state.code, rate)
    if better is not None:
        learn(state, better, values)


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """The better performers are chosen first, then each person is socialized, then the code learns.

    Choosing them and averaging their rules is one step for the organization, as in the engine.
    """
    learning, rate = values["code.learning"], values["code.socialization"]
    if learning <= 0 and rate <= 0:
        return
    better = chosen(state, values)
    if rate > 0:
        for person in staff:
            person.socialize(values)
    if better is not None:
        learn(state, better, values)
