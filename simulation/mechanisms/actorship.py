"""Actorship: people grow into actors where they are heard, and shrink where they are directed.

Rule: *people take more responsibility and speak up more where the organization gives them voice
and lets them take part, and less the harder they are directed from above.*

What the work invites is, for each person, *support*: the mean of the voice they have upward
(``network.voice``; 1 for the director, who has nobody above) and their part in the vision
(``management.participation``); and *control*: the directive pressure they feel along their
reporting line (``management.directive_pressure`` × line quality, 0 for the director). Each week
actorship ``a`` grows by ``network.actorship_growth`` × support × (1 - a) and erodes by
``network.actorship_erosion`` × control × a, so it moves slowly toward
growth × support / (growth × support + erosion × control) and stays within [0, 1]. With both
rates 0 actorship never changes.

Actorship is how often a person starts a conversation, how much their word weighs in a meeting,
and how much their report counts in management's picture of strengths and weaknesses, so a
history of directive control carries over into how the organization talks and sees itself after
the style changes.

The rule is written once, for one person (:func:`grow`), and compiled; the engine runs it for
everyone and a Mesa agent's ``grow_actorship()`` for itself.

References:
    Argyris, C. (1957). *Personality and Organization*. Harper (formal control and directive
    leadership breed passivity and dependence; room to act lets people grow toward active,
    responsible adults).
    Argyris, C. (1990). *Overcoming Organizational Defenses*. Allyn and Bacon (defensive routines
    that keep people from speaking up).
    Hackman, J. R. & Oldham, G. R. (1976). Motivation through the design of work: test of a
    theory. *Organizational Behavior and Human Performance* 16, 250-279 (autonomy and experienced
    responsibility).
    Deci, E. L. & Ryan, R. M. (2000). The "what" and "why" of goal pursuits. *Psychological
    Inquiry* 11(4), 227-268 (autonomy support against control).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "management.directive_pressure",
        "management.participation",
        "network.actorship_erosion",
        "network.actorship_growth",
        "network.voice",
    ),
    changes=("actorship",),
    off={"network.actorship_growth": 0.0, "network.actorship_erosion": 0.0},
    proposed={"network.actorship_growth": 0.01, "network.actorship_erosion": 0.1},
    shows={"actorship": lambda state: state.actorship},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def grow(
    i: int,
    actorship: np.ndarray,
    superior: np.ndarray,
    line_quality: np.ndarray,
    voice: float,
    participation: float,
    pressure: float,
    growth: float,
    erosion: float,
) -> None:
    """Person ``i``'s actorship grows with voice and participation and erodes under control."""
    led = superior[i] >= 0
    support = 0.5 * ((voice if led else 1.0) + participation)
    control = pressure * line_quality[i] if led else 0.0
    a = actorship[i]
    actorship[i] = min(max(a + growth * support * (1.0 - a) - erosion * control * a, 0.0), 1.0)


@rule
def grow_everyone(*arguments: Any) -> None:
    """:func:`grow` for everyone (``arguments``: all of its after ``i``)."""
    for i in range(arguments[0].shape[0]):
        grow(i, *arguments)


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`grow` reads and changes, after the person's index."""
    return (
        state.actorship,
        state.chart.superior,
        state.line_quality,
        float(values["network.voice"]),
        float(values["management.participation"]),
        float(values["management.directive_pressure"]),
        float(values["network.actorship_growth"]),
        float(values["network.actorship_erosion"]),
    )


def is_on(values: Mapping[str, Any]) -> bool:
    """Whether actorship can change at all (either rate above 0)."""
    return values["network.actorship_growth"] > 0 or values["network.actorship_erosion"] > 0


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Let everyone's actorship follow what their work invites."""
    if is_on(values):
        grow_everyone(*inputs(state, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Each person's actorship grows or erodes in turn (:func:`grow`)."""
    if is_on(values):
        for person in staff:
            person.grow_actorship(values)
