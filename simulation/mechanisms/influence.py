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

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from orglearn.simulation.kernels import Inbox, close_pairs
from orglearn.simulation.population import RULES
from orglearn.simulation.workspace import Workspace

if TYPE_CHECKING:
    from orglearn.simulation.state import OrgState


def trusted_pairs(
    principles: np.ndarray, receiver: np.ndarray, sender: np.ndarray, bound: float, work: Workspace
) -> np.ndarray:
    """Whether receiver and sender are within the confidence bound on principles.

    The distance is the mean squared difference over themes. Trust is symmetric, so callers
    compute it once per pair and use it both ways; as a factor of a weight it is 1 or 0.

    Returns:
        (M,) a boolean mask in scratch memory (valid until the next call).
    """
    out = work.take("trusted_pairs", len(receiver), bool)
    return close_pairs(principles, receiver, sender, bound**2, out, work)


def voice_factor(rank: np.ndarray, receiver: np.ndarray, sender: np.ndarray, voice: float) -> np.ndarray:
    """``voice`` where the sender ranks below the receiver (influence upward), else 1."""
    return np.where(rank[sender] < rank[receiver], voice, 1.0)


def listen(
    state: OrgState,
    levels: Sequence[int],
    inbox: Inbox,
    sender: np.ndarray,
    noise: np.ndarray | None,
    base: np.ndarray,
    rates: Sequence[float],
    clarity: float,
) -> float:
    """Everyone hears this week's messages at some levels and moves toward them.

    Message ``m`` carries the sender's meaning plus noise of size 1 - clarity (not cut off at the
    edges of [-1, 1], which would bias messages toward the middle: the listener's meaning is kept
    in range instead), and counts ``rates[slot] * base[m]`` at each level. Each receiver ``r`` moves by
    ``sum(w * (message - x[r])) / max(1, sum(w))`` over its messages, summed in message order,
    and stays within [-1, 1]. Everyone hears what was said before anyone moved.

    Args:
        state: The organization; the meanings at ``levels`` change in place.
        levels: The levels exchanged, in the order of the noise's slots.
        inbox: Who receives each of the M messages.
        sender: (M,) who says each message.
        noise: (M, len(levels), D) standard normal noise (or viewable so), or None for clarity 1.
        base: (M,) each message's weight before the level's rate.
        rates: The rate of each level.
        clarity: How clearly people communicate.

    Returns:
        The summed size of the change of rules (0.0 if rules are not exchanged).

    It works in the scratch arrays ``local.a`` and ``local.b`` of the mechanism that calls it.
    """
    first, count = levels[0], len(levels)
    if list(levels) != list(range(first, first + count)):  # levels out of order: one at a time
        shaped = None if noise is None else noise.reshape(len(base), count, -1)
        return sum(
            listen(
                state,
                [level],
                inbox,
                sender,
                None if shaped is None else shaped[:, [slot]],
                base,
                [rates[slot]],
                clarity,
            )
            for slot, level in enumerate(levels)
        )
    work, themes = state.work, state.themes
    block = state.meaning[first : first + count]  # (levels, N, D), a view
    rows = work.take("levels.rows", (state.size, count, themes))  # each person's levels side by side
    np.copyto(rows, block.transpose(1, 0, 2))
    message = work.take("local.a", (len(base), count, themes))
    own = work.take("local.b", message.shape)
    if noise is None:
        np.take(rows, sender, axis=0, out=message)
    else:
        np.multiply(noise.reshape(message.shape), 1.0 - clarity, out=message)
        message += np.take(rows, sender, axis=0, out=own)
    message -= np.take(rows, inbox.receiver, axis=0, out=own)
    weight = np.multiply.outer(
        base, np.asarray(rates, dtype=float), out=work.take("listen.weight", (len(base), count))
    )
    message *= weight[:, :, None]
    pull = inbox.sums(message, work)
    total = inbox.sums(weight, work)
    np.maximum(total, 1.0, out=total)
    pull /= total[:, :, None]
    measured = first == RULES
    if measured:
        before = work.take("listen.before", (state.size, themes))
        np.copyto(before, block[0])
    block += pull.transpose(1, 0, 2)
    np.clip(block, -1.0, 1.0, out=block)
    if not measured:
        return 0.0
    np.subtract(block[0], before, out=before)
    return float(np.abs(before, out=before).sum())
