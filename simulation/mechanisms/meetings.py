"""Meetings: teams, and the leaders among themselves, meet and move toward a common view.

Rule: *at every meeting each person hears the colleagues present they are tied to, weighs each
by tie quality, trust and how much they speak up, and moves toward that weighted average.*

Every ``communication.meeting_interval`` weeks each team meets, and so do all leaders (team
leads, managers, the director). In a meeting, each person forms the weighted average of their
own meaning (weight ``meeting_self_weight`` × own actorship) and what each present contact says
(weight tie quality × trust × voice × the speaker's actorship, trust both bounded confidence
and what was learned from exchanges that worked; what is said carries noise of size
1 - clarity), and moves toward it by level rate × openness, at every level in
``communication.levels``. With one level, no noise, openness 1, rate 1, equal weights for oneself
and each contact and everyone in one meeting, this is DeGroot's model of reaching consensus.

Each person's view of a meeting is written once (:func:`meeting_view`) and compiled; the engine
and the readable week both form everyone's view from what was said, then everyone moves.

References:
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws, is_due
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.mechanisms.trust import tie_weight
from orglearn.simulation.population import LEVELS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "communication.clarity",
        "communication.confidence_bound",
        "communication.levels",
        "communication.meeting_interval",
        "communication.meeting_self_weight",
        "network.voice",
    ),
    changes=("heard", "meaning", "social_change"),
    draws=("meeting_noise",),
    streams=("meetings",),
    off={"communication.meeting_interval": 0},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def meeting_view(
    i: int,
    view: np.ndarray,
    meaning: np.ndarray,
    said: np.ndarray,
    levels: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    quality: np.ndarray,
    heard: np.ndarray,
    team: np.ndarray,
    leaders: np.ndarray,
    rank: np.ndarray,
    actorship: np.ndarray,
    self_weight: float,
    bound: float,
    voice: float,
) -> None:
    """Person ``i``'s weighted average of their own meaning and what present contacts said.

    A contact is present when both are in the same team or both lead; they count by tie quality
    × learned trust × bounded confidence (principles within the confidence bound) × voice (if
    they rank lower) × their actorship, oneself by ``self_weight`` × one's own actorship.

    Args:
        i: The person.
        view: (L, D) written with the person's view at each level (it comes first, so that all
            that is heard can follow as one unpacked tuple).
        meaning: (3, N, D) meanings at the start of the meeting.
        said: (L, N, D) what each person said at each exchanged level.
        levels: (L,) the exchanged levels.
        indptr: The ties' row pointers (one row of half-ties per person).
        indices: The contact at each half-tie.
        quality: What each half-tie carries: tie quality × its owner's trust in the contact.
        heard: (H,) marked for every present contact: the person heard them.
        team: (N,) each person's team.
        leaders: (N,) whether each person leads.
        rank: (N,) each person's rank.
        actorship: (N,) how much each person speaks up.
        self_weight: The weight of one's own view per unit of actorship.
        bound: The confidence bound on principles.
        voice: The weight of influence upward.
    """
    count, themes = view.shape
    own = self_weight * actorship[i]
    total = own
    for slot in range(count):
        for t in range(themes):
            view[slot, t] = 0.0
    for half in range(indptr[i], indptr[i + 1]):
        j = indices[half]
        if team[i] != team[j] and not (leaders[i] and leaders[j]):
            continue
        heard[half] = True
        square = 0.0
        for t in range(themes):
            gap = meaning[PRINCIPLES, i, t] - meaning[PRINCIPLES, j, t]
            square += gap * gap
        if square / themes > bound * bound:
            continue  # not trusted
        weight = quality[half] * (voice if rank[j] < rank[i] else 1.0) * actorship[j]
        total += weight
        for slot in range(count):
            for t in range(themes):
                view[slot, t] += weight * said[slot, j, t]
    for slot in range(count):
        for t in range(themes):
            mine = meaning[levels[slot], i, t]
            view[slot, t] = (own * mine + view[slot, t]) / total if total > 0 else mine


@rule
def meet_everyone(views: np.ndarray, rates: np.ndarray, openness: np.ndarray, *heard: Any) -> float:
    """Everyone forms their :func:`meeting_view`, then moves toward it; returns the change of rules.

    Args:
        views: (N, L, D) room for everyone's view, written here.
        rates: (L,) the rate of each exchanged level.
        openness: (N,) how open each person is.
        *heard: All that :func:`meeting_view` takes after ``i`` and ``view``.
    """
    meaning, levels = heard[0], heard[2]
    people = meaning.shape[1]
    for i in range(people):
        meeting_view(i, views[i], *heard)
    changed = 0.0
    for i in range(people):
        changed += move(i, meaning, views[i], levels, rates, openness)
    return changed


@rule
def move(
    i: int, meaning: np.ndarray, view: np.ndarray, levels: np.ndarray, rates: np.ndarray, openness: np.ndarray
) -> float:
    """Person ``i`` moves toward their view of the meeting by level rate × openness.

    Returns:
        The summed size of the change of their rules.
    """
    changed = 0.0
    for slot in range(len(levels)):
        rate = rates[slot] * openness[i]
        for t in range(meaning.shape[2]):
            mine = meaning[levels[slot], i, t]
            moved = min(max(mine + rate * (view[slot, t] - mine), -1.0), 1.0)
            if levels[slot] == RULES:
                changed += abs(moved - mine)
            meaning[levels[slot], i, t] = moved
    return changed


def what_is_said(state: OrgState, draws: WeekDraws, levels: list[int], clarity: float) -> np.ndarray:
    """(L, N, D): everyone's meaning at each exchanged level, blurred by unclear communication."""
    said = state.meaning[levels].copy()
    if draws.meeting_noise is not None:
        said += (1.0 - clarity) * draws.meeting_noise.transpose(1, 0, 2)
    return said


def inputs(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """What :func:`meet_everyone` takes: rates, openness, then what :func:`meeting_view` takes.

    Returns:
        The arguments, or None when there is no meeting this week.
    """
    levels = [LEVELS.index(level) for level in values["communication.levels"]]
    if not levels or not is_due(draws.week, values["communication.meeting_interval"]):
        return None
    ties, chart = state.ties, state.chart
    rates = np.array([values[f"communication.{LEVELS[level]}_rate"] for level in levels])
    heard = (
        state.meaning,
        what_is_said(state, draws, levels, values["communication.clarity"]),
        np.array(levels, dtype=np.int64),
        ties.indptr,
        ties.indices,
        tie_weight(state),
        state.heard,
        chart.team,
        chart.leaders,
        chart.rank,
        state.actorship,
        float(values["communication.meeting_self_weight"]),
        float(values["communication.confidence_bound"]),
        float(values["network.voice"]),
    )
    return (rates, state.openness, *heard)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Hold this week's meetings, if there are any."""
    arguments = inputs(state, draws, values)
    if arguments is not None:
        views = np.empty((state.size, len(arguments[4]), state.themes))
        state.social_change += meet_everyone(views, *arguments)


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """This week's meetings: everyone forms a view of what was said, then moves toward it."""
    arguments = inputs(state, draws, values)
    if arguments is None:
        return
    views = [person.meeting_view(arguments) for person in staff]
    rates, openness, meaning, levels = arguments[0], arguments[1], arguments[2], arguments[4]
    for person, view in zip(staff, views, strict=True):
        state.social_change += move(person.position, meaning, view, levels, rates, openness)
