"""One random stream per mechanism, all spawned from the run's one seed.

A paired comparison means something only if both arms face the same world. With a single
generator, a scenario that merely talks more would draw more numbers for its conversations and
so shift every later draw: the environment, the shocks and who leaves would all differ, and two
scenarios run "with the same seed" would compare different worlds. Here each mechanism draws
from a stream of its own, spawned from the seed with numpy's :class:`~numpy.random.SeedSequence`
(child ``i`` of the seed is stream ``STREAMS[i]``, the environment's first). Two scenarios that
differ only in, say, management style then see the same environment, shocks and turnover week
for week; a scenario that changes the environment's own parameters does not.

Streams are spawned by position, so a new stream is added at the end of :data:`STREAMS`; inserting
one earlier would change every run's numbers.

References:
    L'Ecuyer, P., Munger, D., Oreshkin, B. & Simard, R. (2017). Random numbers for parallel
    computers: requirements and methods, with emphasis on GPUs. *Mathematics and Computers in
    Simulation* 135, 3-17 (independent streams per source of randomness).
    O'Neill, M. E. (2014). PCG: a family of simple fast space-efficient statistically good
    algorithms for random number generation. HMC-CS-2014-0905 (numpy's default generator).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def new_seed() -> int:
    """A fresh seed from the operating system's entropy (to be recorded with the results).

    Used only when the user gives no seed; the seed is then written next to the results, so the
    run can be repeated.
    """
    entropy = np.random.SeedSequence().entropy  # with no entropy given, always one drawn int
    if not isinstance(entropy, int):
        raise TypeError(f"numpy drew entropy of type {type(entropy).__name__}, expected an int")
    return entropy % 2**63


#: Every stream, in spawn order. Append only: a stream's position is its identity.
STREAMS: tuple[str, ...] = (
    "environment",  # where the world starts, its drift and its shocks
    "network",  # the ties and their quality
    "population",  # the first staff and the teams' first goals
    "experience",  # the noise in what work tells each person
    "conversations",  # who starts a conversation, with whom, and what comes across
    "meetings",  # what comes across in meetings
    "management",  # what comes across in management's dialogue
    "direction",  # boundary spanners, what management perceives and what people report
    "turnover",  # who leaves
    "newcomers",  # who arrives in their place: meanings, goals, traits
    "task",  # the rugged task's landscape, which theme people try, what they copy
    "blind_spots",  # the perception errors that lookers outside share with their group
)


def seed_sequence(source: int | np.random.SeedSequence | np.random.Generator) -> np.random.SeedSequence:
    """The seed sequence that a run's streams are spawned from.

    A generator made by ``numpy.random.default_rng(seed)`` (Mesa's ``Model(rng=seed)`` makes one)
    carries the seed sequence of ``seed``, so the Mesa model and a headless engine given
    ``default_rng(seed)`` get the same streams. A generator without one (built on a legacy seed)
    gives an entropy drawn from it.

    Args:
        source: An integer seed, a seed sequence, or a generator.

    Returns:
        The root seed sequence.
    """
    if isinstance(source, np.random.SeedSequence):
        return source
    if isinstance(source, np.random.Generator):
        sequence = source.bit_generator.seed_seq
        if isinstance(sequence, np.random.SeedSequence):
            return sequence
        return np.random.SeedSequence(int(source.integers(2**63)))
    return np.random.SeedSequence(int(source))


@dataclass(frozen=True)
class Streams:
    """The generators of one run, one per mechanism that draws.

    Attributes:
        environment: The world's start, drift and shocks.
        network: The ties and their quality (networkx generators get integer seeds from it).
        population: The first staff and the teams' first goals.
        experience: Feedback noise.
        conversations: Who talks to whom, and the noise on what they say.
        meetings: The noise on what is said in meetings.
        management: The noise on management's dialogue.
        direction: Boundary spanners, perception and report noise.
        turnover: Who leaves.
        newcomers: Who arrives in a leaver's place (kept apart from who leaves, because how
            many numbers a newcomer's traits take depends on the scenario's trait distributions).
        task: The rugged task's landscape, the theme each person tries a change on, and which
            themes an imitator copies (drawn only when the task is rugged or people imitate).
        blind_spots: The blind spots that those who look outside share with their group (kept
            apart from ``direction``, so its perception and report noise draw as before).
    """

    environment: np.random.Generator
    network: np.random.Generator
    population: np.random.Generator
    experience: np.random.Generator
    conversations: np.random.Generator
    meetings: np.random.Generator
    management: np.random.Generator
    direction: np.random.Generator
    turnover: np.random.Generator
    newcomers: np.random.Generator
    task: np.random.Generator
    blind_spots: np.random.Generator

    @classmethod
    def spawn(cls, source: int | np.random.SeedSequence | np.random.Generator) -> Streams:
        """Spawn every stream from one seed (see :func:`seed_sequence`)."""
        root = seed_sequence(source)
        return cls(**{name: np.random.default_rng(child(root, i)) for i, name in enumerate(STREAMS)})


def child(root: np.random.SeedSequence, index: int) -> np.random.SeedSequence:
    """Child ``index`` of a seed sequence, as ``root.spawn`` would first give it.

    Built directly rather than by ``root.spawn``, which counts its calls inside ``root``: a
    second engine built from the same generator would otherwise get other streams.
    """
    return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, index), pool_size=root.pool_size)
