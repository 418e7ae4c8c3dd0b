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
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.influence import absorb, noisy, trusts, voice_factor
from orglearn.simulation.population import INSIGHTS, LEVELS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState

DIALOGUE_LEVELS = (INSIGHTS, PRINCIPLES)


def push_rules(state: OrgState, pressure: float) -> None:
    """Directive pressure: rules move toward the superior's rules (the director's to the vision)."""
    if pressure <= 0:
        return
    rules = state.meaning[RULES]
    superior = state.chart.superior
    above = np.where(superior[:, None] >= 0, rules[np.maximum(superior, 0)], state.vision)
    change = (pressure * state.line_quality)[:, None] * (above - rules)
    rules += change
    state.social_change += float(np.abs(change).sum())


def hold_dialogue(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Alignment effort: dialogue on insights and principles along every reporting line."""
    effort = values["management.alignment_effort"]
    if effort <= 0:
        return
    sub, sup = state.chart.reporting_lines()
    receiver = np.stack([sub, sup], axis=1).ravel()  # to the subordinate, then to the superior
    sender = np.stack([sup, sub], axis=1).ravel()
    quality = np.repeat(state.line_quality[sub], 2)
    bound = values["communication.confidence_bound"]
    trust = np.repeat(trusts(state.meaning[PRINCIPLES], sub, sup, bound), 2)
    voice = voice_factor(state.chart.rank, receiver, sender, values["network.voice"])
    base = effort * state.openness[receiver] * quality * trust * voice
    clarity = values["communication.clarity"]
    heard = []
    for slot, level in enumerate(DIALOGUE_LEVELS):
        noise = None
        if draws.dialogue_noise is not None:
            noise = draws.dialogue_noise[sub, :, slot].reshape(-1, state.themes)
        heard.append(noisy(state.meaning[level, sender], noise, clarity))
    for slot, level in enumerate(DIALOGUE_LEVELS):
        rate = values[f"communication.{LEVELS[level]}_rate"]
        absorb(state.meaning[level], receiver, heard[slot], rate * base)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let management lead this week: directive pressure, then dialogue."""
    push_rules(state, values["management.directive_pressure"])
    hold_dialogue(state, draws, values)
