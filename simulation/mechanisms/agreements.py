"""Team agreements: a team settles in dialogue on what it means together, and holds to it.

Rule: *at every team meeting a team renegotiates what it agrees on, each member's say counting by
how much they speak up (staff's by their voice too); every week its members hold each other to
what was agreed.*

Meetings (:mod:`.meetings`) move people toward one another pair by pair; nothing there is a
*team's* meaning. Here each team keeps an agreement at every level (``agreed``, teams × themes),
which a team first makes at its first meeting: the members' weighted average, at the exchanged
levels (until then it has none, and holds nobody). At every later meeting the agreement moves
toward that average by ``communication.agreement_rate`` (1: agreed anew from scratch): a member
counts by actorship, and staff below the team's leaders also
by ``network.voice``, so in a rake the lead's view sets the agreement. Every week each member's
meaning at the exchanged levels moves toward the team's agreement by
``communication.agreement_commitment``: what was agreed is what colleagues expect of each other.
Commitment 0 (the default) is the model without agreements: they are kept, but hold nobody.

The rules are written once, for all teams in one pass (:func:`negotiate`) and per person
(:func:`hold`), and compiled; the readable week runs :func:`hold` for each person.

References:
    Cannon-Bowers, J. A., Salas, E. & Converse, S. (1993). Shared mental models in expert team
    decision making. In N. J. Castellan (Ed.), *Individual and Group Decision Making*, 221-246.
    Erlbaum (a team's shared understanding, not only pairwise similarity).
    Feldman, D. C. (1984). The development and enforcement of group norms. *Academy of
    Management Review* 9(1), 47-53 (members hold each other to what the group agreed).
    Senge, P. M. (1990). *The Fifth Discipline*. Doubleday (team learning in dialogue).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws, is_due
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.population import LEVELS
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "communication.agreement_commitment",
        "communication.agreement_rate",
        "communication.levels",
        "communication.meeting_interval",
        "network.voice",
    ),
    changes=("agreed", "meaning", "social_change"),
    while_off=("agreed",),
    off={"communication.agreement_commitment": 0.0},
    proposed={"communication.agreement_commitment": 0.02},
    on={"communication.agreement_commitment": 0.05},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@njit(cache=True)
def negotiate(
    agreed: np.ndarray,
    meaning: np.ndarray,
    levels: np.ndarray,
    team: np.ndarray,
    leaders: np.ndarray,
    actorship: np.ndarray,
    voice: float,
    rate: float,
) -> None:
    """Every team renegotiates its agreement: toward its members' say-weighted average meaning.

    One pass over the people sums each team's say and weighted meaning. A team's first
    agreement is that average itself (``agreed`` holds NaN until then); a team where nobody
    speaks up keeps what it agreed.
    """
    teams, themes = agreed.shape[1], meaning.shape[2]
    say = np.zeros(teams)
    heard = np.zeros((len(levels), teams, themes))
    for j in range(team.shape[0]):
        weight = actorship[j] * (1.0 if leaders[j] else voice)
        say[team[j]] += weight
        for slot in range(len(levels)):
            for t in range(themes):
                heard[slot, team[j], t] += weight * meaning[levels[slot], j, t]
    for k in range(teams):
        if say[k] <= 0.0:
            continue
        for slot in range(len(levels)):
            for t in range(themes):
                average, before = heard[slot, k, t] / say[k], agreed[levels[slot], k, t]
                agreed[levels[slot], k, t] = (
                    average if np.isnan(before) else before + rate * (average - before)
                )


@rule
def hold(
    i: int, meaning: np.ndarray, agreed: np.ndarray, levels: np.ndarray, team: np.ndarray, commitment: float
) -> float:
    """Person ``i`` is held to their team's agreement; returns the summed change of their rules.

    A level the team has not agreed on yet (NaN) holds nobody.
    """
    changed = 0.0
    for slot in range(len(levels)):
        level = levels[slot]
        for t in range(meaning.shape[2]):
            if np.isnan(agreed[level, team[i], t]):
                continue
            mine = meaning[level, i, t]
            moved = mine + commitment * (agreed[level, team[i], t] - mine)
            if level == 0:  # rules
                changed += abs(moved - mine)
            meaning[level, i, t] = moved
    return changed


@njit(cache=True)
def agree_everyone(meeting: bool, commitment: float, *negotiation: Any) -> float:
    """Every team renegotiates (in a meeting week), then everyone is held to it; returns rule change.

    Args:
        meeting: Whether teams meet this week.
        commitment: How far members are held to the agreement each week.
        *negotiation: All that :func:`negotiate` takes.
    """
    agreed, meaning, levels, team = negotiation[0], negotiation[1], negotiation[2], negotiation[3]
    if meeting:
        negotiate(*negotiation)
    changed = 0.0
    if commitment > 0.0:
        for i in range(meaning.shape[1]):
            changed += hold(i, meaning, agreed, levels, team, commitment)
    return changed


def levels_of(values: Mapping[str, Any]) -> np.ndarray:
    """The exchanged levels, as indices: what teams talk about is what they can agree on."""
    return np.array([LEVELS.index(level) for level in values["communication.levels"]], dtype=np.int64)


def inputs(state: OrgState, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`negotiate` takes."""
    chart = state.chart
    return (
        state.agreed,
        state.meaning,
        levels_of(values),
        chart.team,
        chart.leaders,
        state.actorship,
        float(values["network.voice"]),
        float(values["communication.agreement_rate"]),
    )


def meets(draws: WeekDraws, values: Mapping[str, Any]) -> bool:
    """Whether teams meet this week (and so renegotiate)."""
    return bool(is_due(draws.week, values["communication.meeting_interval"]))


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Renegotiate the agreements in a meeting week, and hold everyone to them every week."""
    commitment = float(values["communication.agreement_commitment"])
    state.social_change += agree_everyone(meets(draws, values), commitment, *inputs(state, values))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Every team negotiates at once (:func:`negotiate`); then each person is held to it (:func:`hold`)."""
    if meets(draws, values):
        negotiate(*inputs(state, values))
    if values["communication.agreement_commitment"] > 0:
        for person in staff:
            person.hold_to_agreement(values)
