"""Trust: people come to rely on the colleagues whose contributions worked.

Rule: *after the week's talk, each person weighs the colleagues they heard: trust grows in those
whose rules work better than one's own, as one's own feedback shows, and falls in those whose
rules work worse.*

Trust lives on each half-tie (``state.trust``: how much ``ties.row`` relies on
``ties.indices``), starts at ``network.trust_start`` for a tie nobody has experience with yet, and
scales what that contact's word counts: in conversations and meetings a message weighs tie
quality × trust, and along the reporting line management's dialogue and the alignment of goals
carry line quality × trust (compliance under directive pressure does not ask for trust).

Whom one heard this week is recorded by the phases that exchange (``state.heard``): conversation
partners, the colleagues present at a meeting, and along the reporting line the superior when
management pushes rules or holds a dialogue, the subordinate when it holds a dialogue. After
those phases each person compares, for every colleague heard, how well the colleague's rules and
their own agree with what their own work says is asked this week (the feedback ``state.signal``):
the difference in agreement ``g``, at most 1 either way, moves trust by
``network.trust_rate`` × g toward 1 when the colleague does better (× (1 - trust)), toward 0 when
they do worse (× trust). This is trust as the outcome of relying on someone: the judgment of
their ability in the task (Mayer et al.'s feedback from outcomes to trustworthiness), next to the
bounded confidence on principles that decides whether one listens at all (:mod:`.influence`).
At ``network.trust_rate`` 0 trust stays where it starts; at start 1 the model is as without it.

The rule is written once, for one person (:func:`judge`), and compiled; the engine runs it for
everyone, a Mesa agent's ``judge_colleagues()`` for itself.

References:
    Mayer, R. C., Davis, J. H. & Schoorman, F. D. (1995). An integrative model of organizational
    trust. *Academy of Management Review* 20(3), 709-734 (ability, benevolence, integrity; the
    outcomes of risk taking feed back into trustworthiness).
    Skyrms, B. & Pemantle, R. (2000). A dynamic model of social network formation. *PNAS* 97(16),
    9340-9346 (interaction weights reinforced by their payoffs).
    McKnight, D. H., Cummings, L. L. & Chervany, N. L. (1998). Initial trust formation in new
    organizational relationships. *Academy of Management Review* 23(3), 473-490.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.agreement import CHANCE
from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.population import RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=("management.alignment_effort", "management.directive_pressure", "network.trust_rate"),
    changes=("heard", "trust"),
    while_off=("heard",),
    off={"network.trust_rate": 0.0},
    proposed={"network.trust_rate": 0.1, "network.trust_start": 0.7},
    shows={"trust": lambda state: mean_trust(state)},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def judge(
    i: int,
    trust: np.ndarray,
    heard: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    rules: np.ndarray,
    signal: np.ndarray,
    rate: float,
) -> None:
    """Person ``i`` weighs every colleague heard this week by how well their rules work.

    Args:
        i: The person.
        trust: (H,) trust per half-tie; person ``i``'s row changes in place.
        heard: (H,) whether each person heard each contact this week.
        indptr: The ties' row pointers.
        indices: The contact at each half-tie.
        rules: (N, D) everyone's rules after the week's talk.
        signal: (N, D) what each person's feedback said the environment asks this week.
        rate: How fast trust follows experience.
    """
    themes = rules.shape[1]
    for half in range(indptr[i], indptr[i + 1]):
        if not heard[half]:
            continue
        j = indices[half]
        mine, theirs = 0.0, 0.0
        for t in range(themes):
            own, other = rules[i, t] - signal[i, t], rules[j, t] - signal[i, t]
            mine += own * own
            theirs += other * other
        gain = min(max((mine - theirs) / themes / CHANCE, -1.0), 1.0)  # their agreement - mine
        room = 1.0 - trust[half] if gain > 0 else trust[half]
        trust[half] = min(max(trust[half] + rate * gain * room, 0.0), 1.0)


@rule
def judge_everyone(*arguments: Any) -> None:
    """:func:`judge` for everyone (``arguments``: all of its after ``i``)."""
    for i in range(len(arguments[2]) - 1):
        judge(i, *arguments)


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`judge` reads and changes, after the person's index."""
    ties = state.ties
    rate = float(values["network.trust_rate"])
    return (state.trust, state.heard, ties.indptr, ties.indices, state.meaning[RULES], state.signal, rate)


def tie_weight(state: OrgState) -> np.ndarray:
    """(H,) what each half-tie carries: tie quality × the trust of its owner in the contact."""
    return state.ties.half_quality * state.trust


def line_half(state: OrgState) -> np.ndarray:
    """(N,) each person's half-tie toward their superior (-1 for the director or without a tie)."""

    def find() -> np.ndarray:
        superior = state.chart.superior
        half = np.full(state.size, -1, dtype=np.int64)
        has = np.flatnonzero(superior >= 0)
        half[has] = state.ties.find(has, superior[has])
        return half

    return state.fixed.get("trust.line_half", find)


def line_weights(state: OrgState) -> tuple[np.ndarray, np.ndarray]:
    """(N,) what each reporting line carries downward and upward: line quality × trust.

    Downward is the subordinate's trust in the superior, upward the superior's trust in the
    subordinate; a person without a superior (or without a tie to them) keeps line quality.
    """
    return carried_by_lines(state.line_quality, line_half(state), state.trust, state.ties.half_reverse)


@njit(cache=True)
def carried_by_lines(
    quality: np.ndarray, half: np.ndarray, trust: np.ndarray, reverse: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(N,) line quality × trust, downward and upward, from each person's half-tie to their superior."""
    down, up = quality.copy(), quality.copy()
    for i in range(len(half)):
        if half[i] >= 0:
            down[i] = quality[i] * trust[half[i]]
            up[i] = quality[i] * trust[reverse[half[i]]]
    return down, up


def hear_the_line(state: OrgState, values: Mapping[str, Any]) -> None:
    """Record this week's exchanges along the reporting lines: superior heard when management leads."""
    pressure = values["management.directive_pressure"] > 0
    dialogue = values["management.alignment_effort"] > 0
    if not (pressure or dialogue):
        return
    half = line_half(state)
    half = half[half >= 0]
    state.heard[half] = True
    if dialogue:
        state.heard[state.ties.half_reverse[half]] = True


def is_on(values: Mapping[str, Any]) -> bool:
    """Whether trust can change at all."""
    return values["network.trust_rate"] > 0


def forget(state: OrgState) -> None:
    """Clear the record of who heard whom, for next week."""
    state.heard[:] = False


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Weigh this week's exchanges, then clear the record of who heard whom."""
    if is_on(values):
        hear_the_line(state, values)
        judge_everyone(*inputs(state, values))
    forget(state)


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Trust along the reporting lines, then each person judges the colleagues they heard."""
    if is_on(values):
        hear_the_line(state, values)
        for person in staff:
            person.judge_colleagues(values)
    forget(state)


def mean_trust(state: OrgState) -> np.ndarray:
    """(N,) each person's mean trust in their contacts (NaN for someone without contacts)."""
    ties = state.ties
    degree = ties.degree()
    total = np.bincount(ties.row, weights=state.trust, minlength=state.size)
    return np.divide(total, degree, out=np.full(state.size, math.nan), where=degree > 0)
