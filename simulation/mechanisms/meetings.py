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
from dataclasses import dataclass
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws, is_due
from orglearn.simulation.kernels import SparseRows
from orglearn.simulation.mechanisms.influence import trusted_pairs
from orglearn.simulation.population import LEVELS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState
from orglearn.simulation.structure import OrgChart
from orglearn.simulation.ties import Ties


def present_together(chart: OrgChart, receiver: np.ndarray, sender: np.ndarray) -> np.ndarray:
    """Whether two people share a meeting: the same team, or both leaders."""
    leader = chart.leaders
    return (chart.team[receiver] == chart.team[sender]) | (leader[receiver] & leader[sender])


@dataclass(frozen=True)
class MeetingTies:
    """The half-ties along which people hear each other in meetings, as sparse rows.

    Only ties between people who share a meeting carry weight in a meeting; leaving the others
    out of the sums changes nothing (they would add zeros) and saves most of the work in an
    organization with many ties across teams.

    Attributes:
        indptr: Row pointers over the kept half-ties, one row per listener.
        indices: The speaker at each kept half-tie (ascending within a row, as in the ties).
        quality: The quality of each kept half-tie.
        rank_up: Whether each kept half-tie carries influence upward (the speaker ranks lower).
        edge: The tie each kept half-tie belongs to, as a position in ``source``/``target``.
        source: One end of each tie that has a kept half-tie.
        target: The other end.
        matrix: Listeners × speakers; each meeting writes this week's weights into its ``data``.
        ones: (N,) ones: the matrix times these is each listener's summed weight.
    """

    indptr: np.ndarray
    indices: np.ndarray
    quality: np.ndarray
    rank_up: np.ndarray
    edge: np.ndarray
    source: np.ndarray
    target: np.ndarray
    matrix: SparseRows
    ones: np.ndarray

    @classmethod
    def of(cls, chart: OrgChart, ties: Ties) -> MeetingTies:
        """Keep the half-ties of people who share a meeting."""
        together = present_together(chart, ties.source, ties.target)
        kept_edges = np.flatnonzero(together)
        keep = together[ties.half_edge]
        number = np.cumsum(together) - 1  # an edge's position among the kept edges
        indptr = np.zeros(ties.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(ties.row[keep], minlength=ties.size), out=indptr[1:])
        row, indices = ties.row[keep], ties.indices[keep]
        matrix = SparseRows(indptr, indices, np.zeros(len(indices)), (ties.size, ties.size))
        return cls(
            indptr=indptr,
            indices=indices,
            quality=ties.half_quality[keep],
            rank_up=chart.rank[indices] < chart.rank[row],
            edge=number[ties.half_edge[keep]],
            source=ties.source[kept_edges],
            target=ties.target[kept_edges],
            matrix=matrix,
            ones=np.ones(ties.size),
        )


def meeting_ties(state: OrgState) -> MeetingTies:
    """The state's meeting ties (worked out once)."""
    return state.fixed.get("meetings.ties", lambda: MeetingTies.of(state.chart, state.ties))


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Hold this week's meetings, if there are any."""
    levels = [LEVELS.index(level) for level in values["communication.levels"]]
    if not levels or not is_due(draws.week, values["communication.meeting_interval"]):
        return
    work, n, themes = state.work, state.size, state.themes
    meet = meeting_ties(state)
    voice = values["network.voice"]
    # Weight of each speaker: quality × trust × voice × the speaker's actorship (trust is 0 or 1).
    quality_voice = state.fixed.get(
        ("meetings.quality_voice", voice), lambda: quality_times_voice(meet, voice)
    )
    matrix = meet.matrix
    weight = np.take(state.actorship, meet.indices, out=matrix.data)
    weight *= quality_voice
    bound = values["communication.confidence_bound"]
    trust = trusted_pairs(state.meaning[PRINCIPLES], meet.source, meet.target, bound, work)
    weight *= np.take(trust, meet.edge, out=work.take("local.m0", len(meet.edge), bool))
    own = np.multiply(
        values["communication.meeting_self_weight"], state.actorship, out=work.take("local.n0", n)
    )
    total = matrix.product(meet.ones, work.take("local.n2", n))  # each listener's summed weight
    total += own
    heard = total > 0
    np.copyto(total, 1.0, where=~heard)
    # What everyone says at each level, side by side, so one sparse product hears all levels.
    said = work.take("local.a", (n, len(levels), themes))
    clarity = values["communication.clarity"]
    for slot, level in enumerate(levels):
        if draws.meeting_noise is None:
            said[:, slot] = state.meaning[level]
        else:
            np.multiply(draws.meeting_noise[:, slot], 1.0 - clarity, out=said[:, slot])
            said[:, slot] += state.meaning[level]
    summed = matrix.product(said, work.take("local.b", said.shape))
    average = work.take("local.c", (n, themes))
    for slot, level in enumerate(levels):
        x = state.meaning[level]
        np.multiply(x, own[:, None], out=average)
        average += summed[:, slot]
        average /= total[:, None]
        np.copyto(average, x, where=~heard[:, None])
        average -= x
        average *= np.multiply(
            values[f"communication.{LEVELS[level]}_rate"], state.openness, out=work.take("local.n1", n)
        )[:, None]
        if level == RULES:
            before = work.take("local.d", (n, themes))
            np.copyto(before, x)
        x += average
        np.clip(x, -1.0, 1.0, out=x)
        if level == RULES:
            np.subtract(x, before, out=before)
            state.social_change += float(np.abs(before, out=before).sum())


def quality_times_voice(meet: MeetingTies, voice: float) -> np.ndarray:
    """Tie quality × voice on each meeting half-tie."""
    return meet.quality * np.where(meet.rank_up, voice, 1.0)
