"""Conversations: people exchange the meaning they give to rules, insights and principles.

Rule: *people start one-to-one conversations, more often the more actorship they have, with a
contact chosen by the quality of the tie; each hears the other's meaning, blurred by unclear
communication, and moves toward it as far as openness, tie quality and trust allow.*

Each week a person starts a conversation with probability ``communication.conversation_rate`` ×
actorship, with a contact chosen with probability proportional to tie quality. At every level in
``communication.levels`` both hear the other's meaning plus noise of size 1 - clarity, and the
listener moves toward it by level rate × openness × tie quality × trust × voice (see
:mod:`.influence`; trust is both bounded confidence on principles and the trust learned from
exchanges that worked, :mod:`.trust`). Everyone hears what was said at the start of the week.

People also see how the contacts they trust performed this week, and may imitate the best of
them (``communication.imitation``, after Lazer & Friedman 2007): if that contact performed
better than oneself, one copies the contact's rule on each theme with chance equal to the
imitation's strength (1: the whole practice, as in their basic model; less: partial copying, as
with their copying error). Imitation follows the conversations, on the rules as they stand
after them; at strength 0 nobody imitates and nothing is drawn (:func:`imitate`).

Each person's part is written once and compiled: whether they start a conversation and with
whom (:func:`choose_contact`), and what each message weighs
(:func:`~.influence.message_weight`); the engine runs it for everyone, the readable week person
by person, and both hear the messages with :func:`~.influence.hear`.

References:
    Deffuant, G., Neau, D., Amblard, F. & Weisbuch, G. (2000). Mixing beliefs among interacting
    agents. *Advances in Complex Systems* 3, 87-98.
    Lazer, D. & Friedman, A. (2007). The network structure of exploration and exploitation.
    *Administrative Science Quarterly* 52(4), 667-694 (copying the best-performing neighbour).
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (shared meaning arises when people exchange the meaning they give to rules, insights and
    principles).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numba import njit

from orglearn.simulation.compiled import rule
from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms.declaration import Declaration
from orglearn.simulation.mechanisms.influence import hear, message_weight, trusts
from orglearn.simulation.mechanisms.trust import tie_weight
from orglearn.simulation.population import LEVELS, PRINCIPLES, RULES
from orglearn.simulation.state import OrgState

DECLARES = Declaration(
    reads=(
        "communication.clarity",
        "communication.confidence_bound",
        "communication.conversation_rate",
        "communication.imitation",
        "communication.levels",
        "network.voice",
    ),
    changes=("heard", "meaning", "social_change"),
    draws=("copy", "initiate", "message_noise", "partner"),
    streams=("conversations", "task"),
    off={"communication.conversation_rate": 0.0, "communication.imitation": 0.0},
    on={"communication.levels": ["rules", "insights", "principles"]},
)
"""What this mechanism reads, changes, draws, and how it is switched off and on."""


@rule
def starts(i: int, initiate: np.ndarray, rate: float, actorship: np.ndarray) -> bool:
    """Whether person ``i`` starts a conversation this week: chance frequency × actorship."""
    return initiate[i] < rate * actorship[i]


@rule
def choose_contact(i: int, uniform: float, indptr: np.ndarray, choice_cdf: np.ndarray) -> int:
    """The half-tie person ``i`` talks along, chosen with probability proportional to tie quality.

    It is the first contact whose cumulative share of quality exceeds ``uniform``; -1 for
    someone without contacts.
    """
    start, stop = indptr[i], indptr[i + 1]
    if start == stop:
        return -1
    below = 0
    for half in range(start, stop):
        if choice_cdf[half] <= uniform:
            below += 1
    return start + below


@njit(cache=True)
def messages(
    initiate: np.ndarray,
    partner: np.ndarray,
    rate: float,
    actorship: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    reverse: np.ndarray,
    carried: np.ndarray,
    choice_cdf: np.ndarray,
    heard: np.ndarray,
    openness: np.ndarray,
    rank: np.ndarray,
    principles: np.ndarray,
    bound: float,
    voice: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """This week's messages, initiator by initiator in order of position, two per conversation.

    Each message weighs what the listener's half of the tie carries (``carried``: tie quality ×
    the listener's trust in the speaker; ``reverse`` gives the partner's half), and marks in
    ``heard`` that the listener heard the speaker.

    Returns:
        (M,) receivers, (M,) senders, (M,) weights before the level's rate, and (M,) the number
        of each message's noise: 2 × the initiator's count among initiators + 0 for the message
        to the initiator, + 1 for the one to the partner.
    """
    people = len(initiate)
    receiver = np.empty(2 * people, np.int64)
    sender = np.empty(2 * people, np.int64)
    base = np.empty(2 * people)
    slot = np.empty(2 * people, np.int64)
    count, number = 0, 0
    for i in range(people):
        if not starts(i, initiate, rate, actorship):
            continue
        half = choose_contact(i, partner[i], indptr, choice_cdf)
        if half >= 0:
            j = indices[half]
            for k in range(2):
                me, other, mine = (i, j, half) if k == 0 else (j, i, reverse[half])
                receiver[count], sender[count], slot[count] = me, other, 2 * number + k
                base[count] = message_weight(
                    me, other, carried[mine], 1.0, openness, rank, principles, bound, voice
                )
                heard[mine] = True
                count += 1
        number += 1
    return receiver[:count], sender[:count], base[:count], slot[:count]


@rule
def imitate(
    i: int,
    before: np.ndarray,
    rules: np.ndarray,
    copy: np.ndarray,
    strength: float,
    performance: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    principles: np.ndarray,
    bound: float,
) -> float:
    """Person ``i`` copies rules of the best-performing trusted contact, if better than themselves.

    The best is the first of the best in order of position; theme ``t`` is copied when
    ``copy[i, t] < strength``, from the rules at the start of the phase (``before``).

    Returns:
        The summed size of the change of their rules.
    """
    best, top = -1, performance[i]
    for half in range(indptr[i], indptr[i + 1]):
        j = indices[half]
        if performance[j] > top and trusts(principles, i, j, bound) > 0.0:
            best, top = j, performance[j]
    if best < 0:
        return 0.0
    changed = 0.0
    for t in range(rules.shape[1]):
        if copy[i, t] < strength:
            changed += abs(before[best, t] - rules[i, t])
            rules[i, t] = before[best, t]
    return changed


@rule
def imitate_everyone(before: np.ndarray, *arguments: Any) -> float:
    """:func:`imitate` for everyone, in order of position (``arguments``: all of its after ``before``)."""
    changed = 0.0
    for i in range(before.shape[0]):
        changed += imitate(i, before, *arguments)
    return changed


def imitation_inputs(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What :func:`imitate` reads and changes after ``before``, from the state and values."""
    return (
        state.meaning[RULES],
        draws.copy,
        float(values["communication.imitation"]),
        state.performance,
        state.ties.indptr,
        state.ties.indices,
        state.meaning[PRINCIPLES],
        float(values["communication.confidence_bound"]),
    )


def apply(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Hold this week's conversations; then people imitate better-performing contacts."""
    talk(state, draws, values)
    if draws.copy is not None:
        before = state.meaning[RULES].copy()
        state.social_change += imitate_everyone(before, *imitation_inputs(state, draws, values))


def talk(state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """Hold this week's conversations."""
    levels = [LEVELS.index(level) for level in values["communication.levels"]]
    if not levels:
        return
    ties, bound, voice = (
        state.ties,
        float(values["communication.confidence_bound"]),
        float(values["network.voice"]),
    )
    who = (draws.initiate, draws.partner, float(values["communication.conversation_rate"]), state.actorship)
    network = (ties.indptr, ties.indices, ties.half_reverse, tie_weight(state), ties.choice_cdf, state.heard)
    listeners = (state.openness, state.chart.rank, state.meaning[PRINCIPLES], bound, voice)
    receiver, sender, base, slot = messages(*(*who, *network, *listeners))
    state.social_change += hear_messages(
        state, levels, receiver, sender, base, slot, draws.message_noise, values
    )


def hear_messages(
    state: OrgState,
    levels: list[int],
    receiver: np.ndarray,
    sender: np.ndarray,
    base: np.ndarray,
    slot: np.ndarray,
    noise: np.ndarray | None,
    values: Mapping[str, Any],
) -> float:
    """Everyone hears the messages (:func:`~.influence.hear`); ``slot`` numbers each one's noise.

    Args:
        state: The organization.
        levels: The levels exchanged.
        receiver: (M,) who receives each message.
        sender: (M,) who says it.
        base: (M,) its weight before the level's rate.
        slot: (M,) the row of its noise in ``noise`` seen as (K, levels, D).
        noise: The phase's noise, or None for clarity 1.
        values: The scenario's values.

    Returns:
        The summed size of the change of rules.
    """
    shape = (-1, len(levels), state.themes)
    blur = np.zeros((0, *shape[1:])) if noise is None else noise.reshape(shape)
    rates = np.array([values[f"communication.{LEVELS[level]}_rate"] for level in levels])
    arrays = (np.array(levels, dtype=np.int64), receiver, sender, base, rates, blur, slot)
    return hear(state.meaning, *arrays, float(values["communication.clarity"]))


def readable(staff: Sequence[Any], state: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """This week's conversations, one initiator at a time in order of position, then imitation.

    Every message is weighed before anyone hears it (:func:`~.influence.message_weight`) and all
    are heard at once, as in :func:`talk`; imitators copy what everyone's rules were before.
    """
    _converse(staff, state, draws, values)
    if draws.copy is not None:
        before_rules = state.meaning[RULES].copy()
        for person in staff:
            person.imitate(before_rules, draws, values)


def _converse(staff: Sequence[Any], s: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    levels = [LEVELS.index(level) for level in values["communication.levels"]]
    if not levels:
        return
    rate = float(values["communication.conversation_rate"])
    bound, voice = float(values["communication.confidence_bound"]), float(values["network.voice"])
    carried = tie_weight(s)  # tie quality × the listener's trust in the speaker
    messages: list[tuple[int, int, float, int]] = []  # receiver, sender, weight, number of its noise
    number = 0
    for person in staff:
        i = person.position
        if not starts(i, draws.initiate, rate, s.actorship):
            continue
        half = person.choose_contact(draws.partner[i])
        if half is not None:
            j = int(s.ties.indices[half])
            for k, (me, sender, mine) in enumerate(((i, j, half), (j, i, s.ties.half_reverse[half]))):
                principles = s.meaning[PRINCIPLES]
                arguments = (carried[mine], 1.0, s.openness, s.chart.rank, principles, bound, voice)
                counts = message_weight(me, sender, *arguments)
                messages.append((me, sender, counts, 2 * number + k))
                s.heard[mine] = True
        number += 1
    if messages:
        receiver, sender, base, slot = (np.array([m[k] for m in messages]) for k in range(4))
        ints = (receiver.astype(np.int64), sender.astype(np.int64))
        arrays = (*ints, base.astype(float), slot.astype(np.int64))
        s.social_change += hear_messages(s, levels, *arrays, draws.message_noise, values)
