"""How much one person's message moves another: the shared arithmetic of all communication.

Rule: *people listen only to those whose principles are close enough to their own, and
influence upward counts only as much as the organization gives voice.*

Whom one listens to is bounded confidence on principles: a message counts only when sender and
receiver differ in principles by at most ``communication.confidence_bound`` (root mean square
over themes). Influence from a lower rank to a higher one is weighted by ``network.voice``.
A person who hears several messages in one week moves toward each in proportion to its weight;
when the weights add up to more than 1 they are shared out, so nobody overshoots.

References:
    Deffuant, G., Neau, D., Amblard, F. & Weisbuch, G. (2000). Mixing beliefs among interacting
    agents. *Advances in Complex Systems* 3, 87-98.
    Hegselmann, R. & Krause, U. (2002). Opinion dynamics and bounded confidence. *JASSS* 5(3).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from orglearn.simulation.compiled import rule
from orglearn.simulation.population import RULES


@rule
def trusts(principles: np.ndarray, me: int, other: int, bound: float) -> float:
    """1.0 if two people's principles lie within the confidence bound (root mean square), else 0.0."""
    themes = principles.shape[1]
    square = 0.0
    for t in range(themes):
        gap = principles[me, t] - principles[other, t]
        square += gap * gap
    return 1.0 if square / themes <= bound * bound else 0.0


@rule
def message_weight(
    me: int,
    sender: int,
    quality: float,
    scale: float,
    openness: np.ndarray,
    rank: np.ndarray,
    principles: np.ndarray,
    bound: float,
    voice: float,
) -> float:
    """How much a message from ``sender`` counts for ``me``, before the level's rate.

    It is scale × the listener's openness × tie quality × trust × voice (``voice`` when the
    sender ranks lower: influence upward), the one weight of every conversation and dialogue.
    """
    upward = voice if rank[sender] < rank[me] else 1.0
    return scale * openness[me] * quality * trusts(principles, me, sender, bound) * upward


@njit(cache=True)
def hear(
    meaning: np.ndarray,
    levels: np.ndarray,
    receiver: np.ndarray,
    sender: np.ndarray,
    base: np.ndarray,
    rates: np.ndarray,
    noise: np.ndarray,
    slot: np.ndarray,
    clarity: float,
) -> float:
    """Everyone hears a phase's messages at some levels and moves toward them.

    Message ``m`` carries the sender's meaning plus noise of size 1 - clarity (not cut off at
    the edges of [-1, 1], which would bias messages toward the middle: the listener's meaning is
    kept in range instead), and counts ``rates[slot] * base[m]`` at level ``levels[slot]``. Each
    receiver ``r`` moves by ``sum(w * (message - x[r])) / max(1, sum(w))`` over its messages,
    added up in message order, and stays within [-1, 1]. Everyone hears what was said before
    anyone moved.

    Args:
        meaning: (3, N, D) meanings; the exchanged levels change in place.
        levels: (L,) the levels exchanged, in the order of the noise's slots.
        receiver: (M,) who receives each message.
        sender: (M,) who says it.
        base: (M,) each message's weight before the level's rate.
        rates: (L,) the rate of each level.
        noise: (K, L, D) standard normal noise, or an array with no rows for clarity 1.
        slot: (M,) the row of ``noise`` that blurs each message.
        clarity: How clearly people communicate.

    Returns:
        The summed size of the change of rules (0.0 if rules are not exchanged).
    """
    count, people, themes = len(levels), meaning.shape[1], meaning.shape[2]
    pull = np.zeros((count, people, themes))
    total = np.zeros((count, people))
    blur = 1.0 - clarity
    noisy = noise.shape[0] > 0
    for m in range(len(receiver)):
        r, s, row = receiver[m], sender[m], slot[m]
        for k in range(count):
            level, weight = levels[k], base[m] * rates[k]
            for t in range(themes):
                said = meaning[level, s, t] + blur * noise[row, k, t] if noisy else meaning[level, s, t]
                pull[k, r, t] += (said - meaning[level, r, t]) * weight
            total[k, r] += weight
    changed = 0.0
    for k in range(count):
        level = levels[k]
        for r in range(people):
            share = max(total[k, r], 1.0)
            for t in range(themes):
                moved = min(max(meaning[level, r, t] + pull[k, r, t] / share, -1.0), 1.0)
                if level == RULES:
                    changed += abs(moved - meaning[level, r, t])
                meaning[level, r, t] = moved
    return changed
