"""What the benchmark runs: the organization it times, and how much of everything in each mode.

Three modes share one code path and differ only in sizes and repetitions: ``full`` measures
everything the speed targets are about (20 to 30 minutes on two cores), ``quick`` the same questions at
smaller sizes (a few minutes), and ``smoke`` the smallest run that exercises every section (for
CI, which checks that the benchmark runs and writes valid JSON, never how fast it is).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orglearn.simulation.limits import EVERY_MECHANISM

KINDS = ("network_org", "small_world")
"""The network kinds the engine is timed on: the array-built network organization, and a
small world built by networkx."""

EVERYTHING: dict[str, Any] = EVERY_MECHANISM
"""Every mechanism switched on: the settings of the test of the engine against the readable step."""

BASE_SCENARIO = "network_org"
"""The scenario the settings above are laid over; ``network.kind`` then picks the network."""

SECTIONS = ("engine", "memory", "startup", "sweep")
"""The sections every mode runs; ``baseline`` runs only when another checkout is given."""


def settings(kind: str, people: int) -> dict[str, Any]:
    """The benchmark's parameter values for one network kind and size."""
    return {**EVERYTHING, "network.kind": kind, "organization.people": people}


@dataclass(frozen=True)
class Sizes:
    """How much the benchmark runs in one mode.

    Attributes:
        engine: Sizes at which the engine is timed with Mesa agents and headless.
        readable: Sizes at which the readable per-person step is timed too.
        headless: Further sizes at which only the headless engine is timed.
        repeats: Interleaved repetitions per size (the median is reported). Many short turns
            rather than a few long ones: a burst of load then hits one turn of each side, not
            one side's whole measurement. The weeks per repetition are calibrated so that the
            fastest form's sample lasts at least 50 ms.
        warmup: Weeks every variant runs before timing (first weeks allocate scratch memory);
            the first is timed and reported as a cold cost.
        memory_people: Size at which memory per person is measured, Mesa form and headless.
        memory_steps: Weeks run in those measurements.
        big_people: Size of the large headless run.
        big_steps: Weeks of the large headless run (0: skipped).
        big_kinds: Network kinds of the large headless run.
        startup_repeats: Start-up timings of each command (the median is reported).
        sweep_runs: Runs of the engine sweep (``orglearn sweep``'s machinery).
        fast_batch_runs: Runs of ``mesa.batch_run`` over the Mesa model with the array engine.
        batch_runs: Runs of ``mesa.batch_run`` over the readable model.
        sweep_people: People per sweep run.
        sweep_steps: Weeks per sweep run.
        workers: Worker processes of every sweep.
        sweep_turns: Turns each sweep side takes (they alternate); every turn runs at least
            twice as many runs as workers, or a worker would sit idle and inflate the ratio.
        baseline_repeats: Interleaved repetitions per size when timing another checkout.
    """

    engine: tuple[int, ...]
    readable: tuple[int, ...]
    headless: tuple[int, ...]
    repeats: int
    warmup: int
    memory_people: int
    memory_steps: int
    big_people: int
    big_steps: int
    big_kinds: tuple[str, ...]
    startup_repeats: int
    sweep_runs: int
    fast_batch_runs: int
    batch_runs: int
    sweep_people: int
    sweep_steps: int
    workers: int = 2
    sweep_turns: int = 2
    baseline_repeats: int = 5
    kinds: tuple[str, ...] = field(default=KINDS)

    def __post_init__(self) -> None:
        """Refuse sweep sizes that would leave a worker idle in a turn."""
        for name in ("sweep_runs", "fast_batch_runs", "batch_runs"):
            if getattr(self, name) < 2 * self.workers * self.sweep_turns:
                raise ValueError(
                    f"{name} must be at least 2 × workers × sweep_turns "
                    f"({2 * self.workers * self.sweep_turns}), not {getattr(self, name)}"
                )


MODES: dict[str, Sizes] = {
    "full": Sizes(
        engine=(60, 200, 1_000, 10_000, 100_000),
        readable=(60, 1_000, 10_000),
        headless=(),
        repeats=11,
        warmup=2,
        memory_people=100_000,
        memory_steps=4,
        big_people=1_000_000,
        big_steps=100,
        big_kinds=("network_org", "small_world"),
        startup_repeats=9,
        sweep_runs=1_000,
        fast_batch_runs=100,
        batch_runs=8,
        sweep_people=200,
        sweep_steps=200,
    ),
    "quick": Sizes(
        engine=(60, 200, 1_000, 10_000),
        readable=(60, 1_000),
        headless=(100_000,),
        repeats=5,
        warmup=2,
        memory_people=20_000,
        memory_steps=2,
        big_people=1_000_000,
        big_steps=3,
        big_kinds=("network_org",),
        startup_repeats=5,
        sweep_runs=100,
        fast_batch_runs=20,
        batch_runs=8,
        sweep_people=200,
        sweep_steps=200,
    ),
    "smoke": Sizes(
        engine=(60, 200),
        readable=(60,),
        headless=(400,),
        repeats=3,
        warmup=1,
        memory_people=300,
        memory_steps=1,
        big_people=500,
        big_steps=2,
        big_kinds=("network_org",),
        startup_repeats=2,
        sweep_runs=8,
        fast_batch_runs=8,
        batch_runs=8,
        sweep_people=60,
        sweep_steps=3,
        baseline_repeats=2,
    ),
}
