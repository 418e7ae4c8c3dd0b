"""Management leads learning: by pushing rules down the line, or by dialogue on what lies deeper.

Rule: *directive leaders push their rules down the line; aligning leaders talk with their people
about insights and principles, and listen as far as the organization gives voice.*

Two knobs, which the management styles set (``management.style``):

* ``directive_pressure``: each person's rules move toward their superior's rules by the pressure
  × the quality of the reporting line; the director's rules move toward the vision. This is
  compliance: it works on rules only.
* ``alignment_effort``: along every reporting line, superior and subordinate hold a dialogue on
  insights and principles; each hears the other (with noise of size 1 - clarity) and moves by
  effort × level rate × openness × line quality × trust, upward also × voice.

Everyone acts on what they saw at the start of the phase.

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (management leads the learning process).
    Argyris, C. (1977). Double loop learning in organizations. *Harvard Business Review*
    55(5), 115-125 (compliance versus commitment).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.kernels import FixedInbox
from orglearn.simulation.mechanisms.influence import listen, trusted_pairs, voice_factor
from orglearn.simulation.population import INSIGHTS, LEVELS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState
from orglearn.simulation.structure import OrgChart

DIALOGUE_LEVELS = (INSIGHTS, PRINCIPLES)


@dataclass(frozen=True)
class Lines:
    """The reporting lines as messages, fixed for the life of an organization.

    Attributes:
        sub: (L,) the subordinate of each line.
        sup: (L,) their superior.
        first: ``sub[0]`` when the subordinates are consecutive positions (then the dialogue
            noise of the lines is a slice of the week's noise, not a copy), else -1.
        inbox: The 2L messages, to the subordinate then to the superior, line by line.
        sender: (2L,) who says each message.
        above: (N,) each person's superior, the director pointing at themselves.
        top: The positions of those who report to nobody.
    """

    sub: np.ndarray
    sup: np.ndarray
    first: int
    inbox: FixedInbox
    sender: np.ndarray
    above: np.ndarray
    top: np.ndarray

    @classmethod
    def of(cls, chart: OrgChart) -> Lines:
        """Lay out the reporting lines of a chart."""
        sub, sup = chart.reporting_lines()
        receiver = np.stack([sub, sup], axis=1).ravel()  # to the subordinate, then to the superior
        sender = np.stack([sup, sub], axis=1).ravel()
        consecutive = len(sub) > 0 and np.array_equal(sub, np.arange(sub[0], sub[0] + len(sub)))
        top = np.flatnonzero(chart.superior < 0)
        above = np.maximum(chart.superior, 0)
        return cls(
            sub, sup, int(sub[0]) if consecutive else -1, FixedInbox(receiver, chart.size), sender, above, top
        )

    def noise(self, noise: np.ndarray) -> np.ndarray:
        """(L, 2, levels, D) noise of each line's two messages at the levels of the dialogue."""
        if self.first >= 0:
            return noise[self.first : self.first + len(self.sub)]
        return noise[self.sub]


def lines(state: OrgState) -> Lines:
    """The state's reporting lines as messages (worked out once)."""
    return state.fixed.get("management.lines", lambda: Lines.of(state.chart))


@njit(cache=True)
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


@njit(cache=True)
def comply_everyone(
    before: np.ndarray,
    rules: np.ndarray,
    superior: np.ndarray,
    vision: np.ndarray,
    line_quality: np.ndarray,
    pressure: float,
) -> float:
    """:func:`comply` for everyone; returns the summed change of rules."""
    changed = 0.0
    for i in range(rules.shape[0]):
        changed += comply(i, before, rules, superior, vision, line_quality, pressure)
    return changed


def push_rules(state: OrgState, pressure: float) -> None:
    """Directive pressure: rules move toward the superior's rules (the director's to the vision)."""
    if pressure <= 0:
        return
    rules = state.meaning[RULES]
    arguments = (state.chart.superior, state.vision, state.line_quality, pressure)
    state.social_change += comply_everyone(rules.copy(), rules, *arguments)


def hold_dialogue(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Alignment effort: dialogue on insights and principles along every reporting line."""
    effort = values["management.alignment_effort"]
    if effort <= 0:
        return
    work, fixed = state.work, lines(state)
    count, receiver, sender = len(fixed.sub), fixed.inbox.receiver, fixed.sender
    if not count:
        return
    voice = values["network.voice"]
    upward = state.fixed.get(
        ("management.voice", voice), lambda: voice_factor(state.chart.rank, receiver, sender, voice)
    )
    # Weight before the level's rate: effort × openness × quality × trust × voice (trust is 0 or 1).
    base = np.take(state.openness, receiver, out=work.take("local.n0", 2 * count))
    base *= effort
    base.reshape(count, 2)[:] *= state.line_quality[fixed.sub][:, None]
    base *= upward
    bound = values["communication.confidence_bound"]
    trust = trusted_pairs(state.meaning[PRINCIPLES], fixed.sub, fixed.sup, bound, work)
    base.reshape(count, 2)[:] *= trust[:, None]
    noise = None if draws.dialogue_noise is None else fixed.noise(draws.dialogue_noise)
    rates = [values[f"communication.{LEVELS[level]}_rate"] for level in DIALOGUE_LEVELS]
    listen(state, DIALOGUE_LEVELS, fixed.inbox, sender, noise, base, rates, values["communication.clarity"])


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let management lead this week: directive pressure, then dialogue."""
    push_rules(state, values["management.directive_pressure"])
    hold_dialogue(state, draws, values)
