"""A week's randomness, drawn up front as arrays.

All chance in a week is drawn here, before anyone acts, each mechanism's numbers from its own
stream (:mod:`.streams`) in a fixed order. The fast engine and the readable per-person step then
consume the same numbers, which is what lets a test show that they are the same model. Nothing
else in a step draws.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from orglearn.simulation.compiled import rule
from orglearn.simulation.population import Arrivals, draw_arrivals
from orglearn.simulation.state import OrgState
from orglearn.simulation.streams import Streams
from orglearn.simulation.workspace import Workspace


def is_due(week: int, interval: int) -> bool:
    """Whether something that happens every ``interval`` weeks (0: never) happens this week."""
    return interval > 0 and week % interval == 0


def initiation_probability(
    state: OrgState, values: Mapping[str, Any], out: np.ndarray | None = None
) -> np.ndarray:
    """Each person's chance to start a conversation this week: frequency × actorship."""
    return np.multiply(values["communication.conversation_rate"], state.actorship, out=out)


@dataclass(frozen=True)
class WeekDraws:
    """The random numbers of one week.

    Attributes:
        week: The week these draws are for (the week being entered).
        drift: (D,) standard normal: the environment's drift.
        shock: (D,) uniform in [-1, 1]: where a shock pulls the environment, or None.
        feedback: (N, D) standard normal: noise in what work tells each person.
        initiate: (N,) uniform: compared with the chance to start a conversation.
        partner: (N,) uniform: which contact an initiator talks to (by tie quality).
        message_noise: (C, 2, L, D) standard normal for conversation c's two messages (to the
            initiator, then to the partner) at each exchanged level, or None when clarity is 1.
        meeting_noise: (N, L, D) standard normal: noise on what each person says in a meeting,
            or None (no meeting this week, or clarity 1).
        dialogue_noise: (N, 2, 2, D) standard normal for the dialogue along each person's
            reporting line (to them, then to their superior; insights, then principles), or None
            when there is no dialogue or clarity is 1.
        perception_noise: (N, D) standard normal: noise on what each person sees outside, at an
            evaluation; None in other weeks.
        report_noise: (N, D) standard normal: noise on what each person reports upward, at an
            evaluation; None in other weeks.
        leave: (N,) whether each person leaves this week (turnover), or None.
        arrivals: The newcomers who take the leavers' places, or None (no turnover, or nobody
            left this week).
        trial: (N,) uniform: which theme each person tries a change on, on a rugged task
            (``task.ruggedness`` above 0), or None.
        copy: (N, D) uniform: compared with ``communication.imitation`` to decide which themes
            an imitator copies, or None when nobody imitates.
        blind_spot_noise: (G, D) standard normal: how each group's shared blind spot moves on
            this week, or None when lookers outside share no error.

    Drawn by an :class:`~orglearn.simulation.engine.Engine`, the large arrays live in the
    engine's scratch memory and are overwritten by its next draw: copy what you want to keep.
    """

    week: int
    drift: np.ndarray
    shock: np.ndarray | None
    feedback: np.ndarray
    initiate: np.ndarray
    partner: np.ndarray
    message_noise: np.ndarray | None
    meeting_noise: np.ndarray | None
    dialogue_noise: np.ndarray | None
    perception_noise: np.ndarray | None
    report_noise: np.ndarray | None
    leave: np.ndarray | None
    arrivals: Arrivals | None
    trial: np.ndarray | None = None
    copy: np.ndarray | None = None
    blind_spot_noise: np.ndarray | None = None


COMPILED_FROM = 5000
"""From this many numbers on, normal noise is drawn by :func:`standard_normal`.

Handing a generator to compiled code has a fixed cost (numba builds its view of the generator
anew on every call), and what compiled drawing saves per number depends on the processor: on
one machine of the benchmarks 7-11 µs against a saving of 6 ns a number (break-even near 1,000
numbers), on another 12-20 µs against 1.4 ns (break-even near 10,000). From 5,000 numbers on,
the larger arrays of a big organization are drawn compiled on both, and what a smaller array
can lose on either is a few tens of µs a week. The numbers are the same on both paths.
"""


@rule
def standard_normal(rng: np.random.Generator, out: np.ndarray) -> None:
    """Fill ``out`` (one axis) with standard normal numbers from ``rng``.

    They are the numbers ``rng.standard_normal(out=out)`` gives (numba follows numpy's algorithm,
    and a test checks that they are equal), drawn by compiled code faster: 3.4 ns a number
    against numpy's 9.5 ns on one machine of the benchmarks, 9.5 ns against 11 on another (most
    of a week's randomness is normal noise, about 50 numbers a person).
    """
    for k in range(out.size):
        out[k] = rng.standard_normal()


def draw_week(
    streams: Streams, state: OrgState, values: Mapping[str, Any], work: Workspace | None = None
) -> WeekDraws:
    """Draw everything a week needs, each mechanism from its own stream, in a fixed order.

    Args:
        streams: The run's random streams.
        state: The state at the start of the week (sizes, actorship).
        values: The scenario's values.
        work: Scratch memory to draw the large arrays into (the same numbers as without it,
            valid until the next draw into it); fresh arrays if None.

    Returns:
        The week's draws.
    """
    week = state.week + 1
    n, themes = state.size, state.themes
    levels = len(values["communication.levels"])
    noisy = values["communication.clarity"] < 1.0

    def normal(rng: np.random.Generator, name: str, shape: tuple[int, ...]) -> np.ndarray:
        out = np.empty(shape) if work is None else work.take(f"draws.{name}", shape)
        if out.size >= COMPILED_FROM:
            standard_normal(rng, out.reshape(-1))
        else:
            rng.standard_normal(out=out)
        return out

    def uniform(rng: np.random.Generator, name: str) -> np.ndarray:
        return rng.random(n) if work is None else rng.random(out=work.take(f"draws.{name}", n))

    world = streams.environment
    drift = world.standard_normal(themes)
    shock = world.uniform(-1.0, 1.0, themes) if week in values["environment.shocks"] else None
    feedback = normal(streams.experience, "feedback", (n, themes))
    talk = streams.conversations
    initiate = uniform(talk, "initiate")
    partner = uniform(talk, "partner")
    chance = initiation_probability(state, values, None if work is None else work.take("draws.chance", n))
    conversations = int(np.count_nonzero(initiate < chance))
    message_noise = normal(talk, "message", (conversations, 2, levels, themes)) if noisy and levels else None
    meeting = is_due(week, values["communication.meeting_interval"])
    meeting_noise = (
        normal(streams.meetings, "meeting", (n, levels, themes)) if meeting and noisy and levels else None
    )
    dialogue = values["management.alignment_effort"] > 0
    dialogue_noise = normal(streams.management, "dialogue", (n, 2, 2, themes)) if dialogue and noisy else None
    evaluation = is_due(week, values["direction.evaluation_interval"])
    perception_noise = normal(streams.direction, "perception", (n, themes)) if evaluation else None
    report_noise = normal(streams.direction, "report", (n, themes)) if evaluation else None
    leave, arrivals = None, None
    if values["organization.turnover"] > 0:
        leave = streams.turnover.random(n) < values["organization.turnover"]
        leavers = int(np.count_nonzero(leave))  # none: no newcomers, and nothing drawn for them
        arrivals = draw_arrivals(streams.newcomers, leavers, values) if leavers else None
    trial = streams.task.random(n) if values["task.ruggedness"] > 0 else None
    copy = streams.task.random((n, themes)) if values["communication.imitation"] > 0 else None
    shared = values["direction.shared_blind_spot"] > 0
    blind_spot_noise = streams.blind_spots.standard_normal(state.blind_spot.shape) if shared else None
    return WeekDraws(
        week,
        drift,
        shock,
        feedback,
        initiate,
        partner,
        message_noise,
        meeting_noise,
        dialogue_noise,
        perception_noise,
        report_noise,
        leave,
        arrivals,
        trial,
        copy,
        blind_spot_noise,
    )


def draw_start(streams: Streams, state: OrgState) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The randomness of management's first look at week 0: feedback, perception, reports."""
    shape = (state.size, state.themes)
    feedback = streams.experience.standard_normal(shape)
    return feedback, streams.direction.standard_normal(shape), streams.direction.standard_normal(shape)
