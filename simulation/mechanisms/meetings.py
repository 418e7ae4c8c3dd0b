"""Meetings: teams, and the leaders among themselves, meet and move toward a common view.

Rule: *at every meeting each person hears the colleagues present they are tied to, weighs each
by tie quality, trust and how much they speak up, and moves toward that weighted average.*

Every ``communication.meeting_interval`` weeks each team meets, and so do all leaders (team
leads, managers, the director). In a meeting, each person forms the weighted average of their
own meaning (weight ``meeting_self_weight`` × own actorship) and what each present contact says
(weight tie quality × trust × voice × the speaker's actorship; what is said carries noise of size
1 - clarity), and moves toward it by level rate × openness, at every level in
``communication.levels``. With one level, no noise, openness 1, rate 1, equal weights for oneself
and each contact and everyone in one meeting, this is DeGroot's model of reaching consensus.

References:
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws, is_due
from orglearn.simulation.mechanisms.influence import noisy, tie_trust, voice_factor
from orglearn.simulation.population import LEVELS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState


def present_together(state: OrgState, receiver: np.ndarray, sender: np.ndarray) -> np.ndarray:
    """Whether two people share a meeting: the same team, or both leaders."""
    chart = state.chart
    leader = chart.leaders
    return (chart.team[receiver] == chart.team[sender]) | (leader[receiver] & leader[sender])


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Hold this week's meetings, if there are any."""
    levels = [LEVELS.index(level) for level in values["communication.levels"]]
    if not levels or not is_due(draws.week, values["communication.meeting_interval"]):
        return
    ties = state.ties
    receiver, sender = ties.row, ties.indices
    trust = tie_trust(state.meaning[PRINCIPLES], ties, values["communication.confidence_bound"])
    voice = voice_factor(state.chart.rank, receiver, sender, values["network.voice"])
    present = present_together(state, receiver, sender)
    weight = ties.half_quality * trust * voice * state.actorship[sender] * present
    matrix = ties.matrix(weight)
    own = values["communication.meeting_self_weight"] * state.actorship
    total = own + np.bincount(receiver, weights=weight, minlength=state.size)
    clarity = values["communication.clarity"]
    averages = []
    for slot, level in enumerate(levels):
        x = state.meaning[level]
        noise = None if draws.meeting_noise is None else draws.meeting_noise[:, slot]
        summed = own[:, None] * x + matrix @ noisy(x, noise, clarity)
        heard = total > 0
        averages.append(np.where(heard[:, None], summed / np.where(heard, total, 1.0)[:, None], x))
    for slot, level in enumerate(levels):
        x = state.meaning[level]
        rate = values[f"communication.{LEVELS[level]}_rate"] * state.openness
        before = x.copy()
        x += rate[:, None] * (averages[slot] - x)
        np.clip(x, -1.0, 1.0, out=x)
        if level == RULES:
            state.social_change += float(np.abs(x - before).sum())
