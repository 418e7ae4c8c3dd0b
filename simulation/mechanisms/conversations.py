"""Conversations: people exchange the meaning they give to rules, insights and principles.

Rule: *people start one-to-one conversations, more often the more actorship they have, with a
contact chosen by the quality of the tie; each hears the other's meaning, blurred by unclear
communication, and moves toward it as far as openness, tie quality and trust allow.*

Each week a person starts a conversation with probability ``communication.conversation_rate`` ×
actorship, with a contact chosen with probability proportional to tie quality. At every level in
``communication.levels`` both hear the other's meaning plus noise of size 1 - clarity, and the
listener moves toward it by level rate × openness × tie quality × trust × voice (see
:mod:`.influence`). Everyone hears what was said at the start of the week.

References:
    Deffuant, G., Neau, D., Amblard, F. & Weisbuch, G. (2000). Mixing beliefs among interacting
    agents. *Advances in Complex Systems* 3, 87-98.
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (shared meaning arises when people exchange the meaning they give to rules, insights and
    principles).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from orglearn.simulation.draws import WeekDraws, initiation_probability
from orglearn.simulation.kernels import Inbox
from orglearn.simulation.mechanisms.influence import listen, trusted_pairs, voice_factor
from orglearn.simulation.population import LEVELS, PRINCIPLES
from orglearn.simulation.state import OrgState


def choose_partners(state: OrgState, initiators: np.ndarray, uniform: np.ndarray) -> np.ndarray:
    """The half-tie each initiator talks along (-1 for someone without contacts).

    It is the first contact whose cumulative share of quality exceeds the initiator's uniform
    number: a choice with probability proportional to tie quality.
    """
    ties = state.ties
    start, stop = ties.indptr[initiators], ties.indptr[initiators + 1]
    degree = stop - start
    owner = np.repeat(np.arange(len(initiators)), degree)
    half = np.repeat(start - np.cumsum(degree) + degree, degree) + np.arange(int(degree.sum()))
    below = ties.choice_cdf[half] <= uniform[initiators][owner]
    count = np.bincount(owner, weights=below, minlength=len(initiators)).astype(np.int64)
    return np.where(degree > 0, start + count, -1)


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Hold this week's conversations."""
    levels = [LEVELS.index(level) for level in values["communication.levels"]]
    if not levels:
        return
    work, ties, n = state.work, state.ties, state.size
    chance = initiation_probability(state, values, out=work.take("local.n0", n))
    initiators = np.flatnonzero(np.less(draws.initiate, chance, out=work.take("local.m0", n, bool)))
    if not len(initiators):
        return
    half = choose_partners(state, initiators, draws.partner)
    talk = np.flatnonzero(half >= 0)  # conversation numbers that take place
    initiator, half = initiators[talk], half[talk]
    partner = ties.indices[half]
    count = len(talk)
    receiver = work.take("local.i0", (count, 2), np.int64)  # to initiator, then to partner
    receiver[:, 0], receiver[:, 1] = initiator, partner
    sender = work.take("local.i1", (count, 2), np.int64)
    sender[:, 0], sender[:, 1] = partner, initiator
    receiver, sender = receiver.reshape(-1), sender.reshape(-1)
    inbox = Inbox(receiver, n)
    # Weight before the level's rate: openness × quality × trust × voice (trust is 0 or 1).
    base = np.take(state.openness, receiver, out=work.take("local.n1", 2 * count))
    base.reshape(count, 2)[:] *= ties.half_quality[half][:, None]
    base *= voice_factor(state.chart.rank, receiver, sender, values["network.voice"])
    trust = trusted_pairs(
        state.meaning[PRINCIPLES], initiator, partner, values["communication.confidence_bound"], work
    )
    base.reshape(count, 2)[:] *= trust[:, None]
    noise = None
    if draws.message_noise is not None:
        noise = draws.message_noise if count == len(initiators) else draws.message_noise[talk]
    rates = [values[f"communication.{LEVELS[level]}_rate"] for level in levels]
    clarity = values["communication.clarity"]
    state.social_change += listen(state, levels, inbox, sender, noise, base, rates, clarity)
