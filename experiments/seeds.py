"""Seeds: every run's seed, derived from the sweep's one master seed.

A sweep is reproducible only if each run's seed follows from the master seed alone, and not from
the order in which runs happen to finish or from how many workers there are. numpy's
:class:`~numpy.random.SeedSequence` gives exactly that: the child spawned as number ``i`` of a
parent has ``spawn_key = parent.spawn_key + (i,)``, and numpy promises that a given entropy and
spawn key always yield the same state. So we build the child directly from its key instead of
spawning all of them, which keeps a 100,000-run sweep from holding 100,000 objects.

The master seed has two children: stream 0 draws the design (Latin hypercube, Sobol, Morris
samples) and stream 1 seeds the runs; the runs' stream has one child per design point and that one
child per replication. Stream 2 seeds the bootstrap of the sensitivity analysis.

A run's seed is a plain integer below 2**63 (what ``orglearn run --seed`` takes), and the model
seeds its generator with ``np.random.default_rng(seed)``; so any single run of a sweep can be
reproduced on its own with ``orglearn run``.
"""

from __future__ import annotations

import numpy as np

from orglearn.simulation.streams import new_seed

DESIGN_STREAM = 0
RUNS_STREAM = 1
ANALYSIS_STREAM = 2


def _to_int63(sequence: np.random.SeedSequence) -> int:
    state = sequence.generate_state(1, np.uint64)[0]
    return int(state >> np.uint64(1))


def run_seed(master: int, point: int, replication: int) -> int:
    """The seed of one run: replication ``replication`` of design point ``point``.

    Equal to the seed of ``SeedSequence(master).spawn(2)[1].spawn(P)[point].spawn(R)[replication]``
    for any P > point and R > replication, turned into a 63-bit integer.

    Args:
        master: The sweep's master seed.
        point: The design point's index (0-based).
        replication: The replication's index (0-based).

    Returns:
        A seed from 0 to 2**63 - 1.
    """
    return _to_int63(np.random.SeedSequence(master, spawn_key=(RUNS_STREAM, point, replication)))


def design_rng(master: int) -> np.random.Generator:
    """The generator that draws the sweep's design (never used for runs)."""
    return np.random.default_rng(np.random.SeedSequence(master, spawn_key=(DESIGN_STREAM,)))


def analysis_seed(master: int) -> int:
    """A seed for the bootstrap of a sensitivity analysis (1 or more: SALib ignores a seed of 0)."""
    return 1 + _to_int63(np.random.SeedSequence(master, spawn_key=(ANALYSIS_STREAM,))) % (2**31 - 2)


def new_master_seed() -> int:
    """A fresh master seed from the operating system, for a sweep started without ``--seed``."""
    return new_seed()
