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

from orglearn.simulation.ties import Ties


def trusts(principles: np.ndarray, receiver: np.ndarray, sender: np.ndarray, bound: float) -> np.ndarray:
    """1.0 where receiver and sender are within the confidence bound on principles, else 0.0.

    Trust is symmetric, so callers compute it once per pair and use it both ways.
    """
    distance = np.mean((principles[receiver] - principles[sender]) ** 2, axis=-1)
    return (distance <= bound**2).astype(float)


def tie_trust(principles: np.ndarray, ties: Ties, bound: float) -> np.ndarray:
    """Trust across every half-tie, computed once per tie."""
    return trusts(principles, ties.source, ties.target, bound)[ties.half_edge]


def voice_factor(rank: np.ndarray, receiver: np.ndarray, sender: np.ndarray, voice: float) -> np.ndarray:
    """``voice`` where the sender ranks below the receiver (influence upward), else 1."""
    return np.where(rank[sender] < rank[receiver], voice, 1.0)


def noisy(meaning: np.ndarray, noise: np.ndarray | None, clarity: float) -> np.ndarray:
    """What comes across of a meaning: the meaning plus noise of size 1 - clarity.

    The noise is not cut off at the edges of [-1, 1] (that would bias messages toward the
    middle); the listener's meaning is kept in range after listening instead.
    """
    if noise is None:
        return meaning
    return meaning + (1.0 - clarity) * noise


def absorb(x: np.ndarray, receiver: np.ndarray, message: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Move each receiver toward the messages they heard; return the change per person.

    Each receiver ``r`` moves by ``sum(w * (m - x[r])) / max(1, sum(w))`` over its messages,
    summed in the order given, and stays within [-1, 1].

    Args:
        x: (N, D) meanings at one level; changed in place.
        receiver: (M,) who hears each message.
        message: (M, D) what each message says.
        weight: (M,) how much each message counts.

    Returns:
        (N, D) the change of each person's meaning.
    """
    n = len(x)
    weighted = weight[:, None] * (message - x[receiver])
    pull = np.stack(
        [np.bincount(receiver, weights=weighted[:, d], minlength=n) for d in range(x.shape[1])], 1
    )
    total = np.bincount(receiver, weights=weight, minlength=n)
    before = x.copy()
    x += pull / np.maximum(1.0, total)[:, None]
    np.clip(x, -1.0, 1.0, out=x)
    return x - before
