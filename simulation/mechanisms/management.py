"""Management leads learning: by pushing rules down the line, or by dialogue on what lies deeper.

Rule: *directive leaders push their rules down the line; aligning leaders talk with their people
about insights and principles, and listen as far as the organization gives voice.*

Two knobs, which the management styles set (``management.style``):

* ``directive_pressure``: each person's rules move toward their superior's rules by the pressure
  × the quality of the reporting line; the director's rules move toward the vision. This is
  compliance: it works on rules only.
* ``alignment_effort``: along every reporting line, superior and subordinate hold a dialogue on
  insights and principles; each hears the other (with noise of size 1 - clarity) and moves by
  effort × level rate × openness × line quality × trust (bounded confidence, and the trust
  learned from exchanges that worked), upward also × voice.

Everyone acts on what they saw at the start of the phase.

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (management leads the learning process).
    Argyris, C. (1977). Double loop learning in organizations. *Harvard Business Review*
    55(5), 115-125 (compliance versus commitment).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.conversations import hear_messages
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.mechanisms.influence import message_weight
from orglearn.simulation.mechanisms.trust import line_weights
from orglearn.simulation.population import INSIGHTS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "communication.confidence_bound",
        "management.alignment_effort",
        "management.directive_pressure",
        "network.voice",
    ),
    changes=("meaning", "social_change"),
    draws=("dialogue_noise",),
    streams=("management",),
    off={
        "management.style": "laissez_faire",
        "management.directive_pressure": 0.0,
        "management.alignment_effort": 0.0,
        "management.participation": 0.0,
    },
    on={"management.directive_pressure": 0.1, "management.alignment_effort": 0.2},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""

DIALOGUE_LEVELS = (INSIGHTS, PRINCIPLES)


@rule
def comply(
    i: int,
    before: np.ndarray,
    rules: np.ndarray,
    superior: np.ndarray,
    vision: np.ndarray,
    line_quality: np.ndarray,
    pressure: float,
) -> float:
    """Person ``i``'s rules move toward their superior's as they were (the director's: the vision).

    Returns:
        The summed size of the change of their rules.
    """
    boss = superior[i]
    step = pressure * line_quality[i]
    changed = 0.0
    for t in range(rules.shape[1]):
        above = before[boss, t] if boss >= 0 else vision[t]
        change = step * (above - rules[i, t])
        rules[i, t] += change
        changed += abs(change)
    return changed


@rule
def comply_everyone(*arguments: Any) -> float:
    """:func:`comply` for everyone (``arguments``: all of its after ``i``); returns the change of rules."""
    changed = 0.0
    for i in range(arguments[0].shape[0]):
        changed += comply(i, *arguments)
    return changed


def push_rules(state: OrgState, pressure: float) -> None:
    """Directive pressure: rules move toward the superior's rules (the director's to the vision)."""
    if pressure <= 0:
        return
    rules = state.meaning[RULES]
    arguments = (state.chart.superior, state.vision, state.line_quality, pressure)
    state.social_change += comply_everyone(rules.copy(), rules, *arguments)


@njit(cache=True)
def dialogue_messages(
    superior: np.ndarray,
    down: np.ndarray,
    up: np.ndarray,
    effort: float,
    openness: np.ndarray,
    rank: np.ndarray,
    principles: np.ndarray,
    bound: float,
    voice: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The dialogue's messages: along each reporting line, to the subordinate, then to the superior.

    What the line carries is ``down[sub]`` to the subordinate and ``up[sub]`` to the superior:
    line quality × the listener's trust in the speaker.

    Returns:
        (M,) receivers, senders, weights before the level's rate, and the number of each
        message's noise (2 × the subordinate's position + 0 or 1).
    """
    people = len(superior)
    receiver = np.empty(2 * people, np.int64)
    sender = np.empty(2 * people, np.int64)
    base = np.empty(2 * people)
    slot = np.empty(2 * people, np.int64)
    count = 0
    for sub in range(people):
        sup = superior[sub]
        if sup < 0:
            continue
        for k in range(2):
            me, other = (sub, sup) if k == 0 else (sup, sub)
            receiver[count], sender[count], slot[count] = me, other, 2 * sub + k
            carried = down[sub] if k == 0 else up[sub]
            base[count] = message_weight(me, other, carried, effort, openness, rank, principles, bound, voice)
            count += 1
    return receiver[:count], sender[:count], base[:count], slot[:count]


def hold_dialogue(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Alignment effort: dialogue on insights and principles along every reporting line."""
    effort = float(values["management.alignment_effort"])
    if effort <= 0:
        return
    bound, voice = float(values["communication.confidence_bound"]), float(values["network.voice"])
    lines = (state.chart.superior, *line_weights(state), effort)
    listeners = (state.openness, state.chart.rank, state.meaning[PRINCIPLES], bound, voice)
    receiver, sender, base, slot = dialogue_messages(*(*lines, *listeners))
    if len(receiver):
        levels = list(DIALOGUE_LEVELS)
        hear_messages(state, levels, receiver, sender, base, slot, draws.dialogue_noise, values)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let management lead this week: directive pressure, then dialogue."""
    push_rules(state, values["management.directive_pressure"])
    hold_dialogue(state, draws, values)


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Each person complies in turn (:func:`comply`); then the dialogue along every line at once.

    The dialogue (:func:`hold_dialogue`) runs along every reporting line at once, as in the engine.
    """
    if values["management.directive_pressure"] > 0:
        before_rules = state.meaning[RULES].copy()
        for person in staff:
            person.comply(before_rules, values)
    hold_dialogue(state, draws, values)
