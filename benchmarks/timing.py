"""How the benchmark times things on a shared, noisy machine: two clocks, in turns, medians.

Another process may take a core for seconds at any moment, so a single timing means little and
two timings made minutes apart cannot be compared. Everything that is compared is therefore
timed in the same run, in turns (A, B, C, then B, C, A, ...), over several repetitions; each
ratio is taken within a repetition (paired) and the median over repetitions is reported, with
the spread, so a burst of load moves both sides of a ratio or shows up as spread.

Every sample is read on two clocks. Wall time is what a user waits for, but under load it also
counts the time other programs held the core (it ran 1.7 to 5 times the CPU time on a busy
two-core machine). CPU time (``time.process_time`` for this process, plus the CPU of finished
child processes from ``getrusage(RUSAGE_CHILDREN)`` for work done in subprocesses and worker
pools) counts only the work. A sample shorter than about 50 ms is mostly timer resolution,
scheduler ticks and cache effects, so :func:`calibrate` repeats the timed operation until the
fastest variant's sample reaches that.
"""

from __future__ import annotations

import gc
import math
import resource
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Step = Callable[[], object]
Timed = Callable[[int], "Sample"]
"""Runs the timed operation ``n`` times and returns the wall and CPU seconds of all ``n``."""

CLOCKS = ("wall", "cpu")
LEAST_SAMPLE = 0.05
"""Seconds (on both clocks) the fastest variant's sample must reach."""


@dataclass(frozen=True)
class Sample:
    """Seconds of one timed sample on both clocks, and of the calling thread where it was read.

    ``thread`` (``time.thread_time``) is the work of the thread that ran the model alone; when
    ``cpu`` exceeds it, helper threads (numpy's, scipy's, a compiler's) did part of the work.
    """

    wall: float
    cpu: float
    thread: float = math.nan

    def __getitem__(self, clock: str) -> float:
        return getattr(self, clock)


class Stopwatch:
    """Wall and CPU time of a block, the CPU of this process and of its finished children.

    A child's CPU is counted once the child has ended and been waited for: ``subprocess.run``
    and the shutdown of a process pool both wait, so the CPU of a pool's workers is in the
    sample once the pool is closed inside the block.
    """

    def __enter__(self) -> Stopwatch:
        self._children = _children_cpu()
        self._cpu = time.process_time()
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu + _children_cpu() - self._children

    @property
    def sample(self) -> Sample:
        """What the block took."""
        return Sample(self.wall, self.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def local(step: Step) -> Timed:
    """Time ``step`` in this process: ``n`` calls, on the wall clock and this process's CPU clock."""

    def timed(n: int) -> Sample:
        wall, cpu, thread = time.perf_counter(), time.process_time(), time.thread_time()
        for _ in range(n):
            step()
        return Sample(time.perf_counter() - wall, time.process_time() - cpu, time.thread_time() - thread)

    return timed


def lockstep(variants: Mapping[str, Timed], count: int, repeats: int) -> dict[str, dict[str, list[float]]]:
    """Time variants of the same model over the same weeks, in turns.

    Every variant runs ``count`` operations (weeks) per repetition, so after repetition r all of
    them have reached the same week and have done the same work (models started from the same
    seed follow the same trajectory). The order of the variants rotates between repetitions.

    Args:
        variants: Name to a function that runs ``n`` operations and times them.
        count: Operations per repetition (per sample).
        repeats: Repetitions.

    Returns:
        Clock (``wall``, ``cpu``, and ``thread`` where the variants read it) to name to the
        seconds per operation of each repetition.
    """
    names = list(variants)
    clocks = (*CLOCKS, "thread")
    seconds: dict[str, dict[str, list[float]]] = {clock: {name: [] for name in names} for clock in clocks}
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            sample = variants[name](count)
            for clock in clocks:
                seconds[clock][name].append(sample[clock] / count)
    if any(math.isnan(value) for values in seconds["thread"].values() for value in values):
        del seconds["thread"]
    return seconds


def calibrate(
    variants: Mapping[str, Timed], start: int = 2, least: float = LEAST_SAMPLE, even: bool = True
) -> tuple[int, list[dict[str, float]]]:
    """The operations per sample that make the fastest variant's sample last ``least`` seconds.

    Runs every variant the same number of operations per round (so lockstep variants stay at
    the same week; the rounds also warm them up) and grows the count until the fastest one's
    sample reaches ``least`` on both clocks. Called once per configuration; the rounds are
    returned so the JSON shows how the count was found.

    Args:
        variants: Name to a function that runs ``n`` operations and times them.
        start: Operations of the first round.
        least: Seconds the fastest sample must reach.
        even: Keep the count even (meetings come every other week, so both kinds are timed).

    Returns:
        The count, and per round the count and the fastest variant's seconds.
    """
    count = max(1, start)
    rounds: list[dict[str, float]] = []
    while True:
        count += count % 2 if even else 0
        fastest = min(min(sample.wall, sample.cpu) for sample in (v(count) for v in variants.values()))
        rounds.append({"count": count, "fastest_seconds": fastest})
        if fastest >= least:
            return count, rounds
        grown = math.ceil(count * 1.2 * least / fastest) if fastest > 0 else 100 * count
        count = max(count + 1, min(grown, 100 * count))


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else math.nan


def spread(values: Sequence[float]) -> float:
    """(max - min) / median: how much the repetitions disagreed (0 when they agree)."""
    if len(values) < 2:
        return 0.0
    middle = median(values)
    return (max(values) - min(values)) / middle if middle else math.nan


def paired_ratio(numerator: Sequence[float], denominator: Sequence[float]) -> tuple[float, float]:
    """Median and spread of the ratios of two variants, repetition by repetition."""
    ratios = [a / b for a, b in zip(numerator, denominator, strict=True) if b > 0]
    return median(ratios), spread(ratios)


def ratios(
    seconds: Mapping[str, Mapping[str, Sequence[float]]], pairs: Sequence[tuple[str, str]]
) -> dict[str, dict[str, dict[str, float]]]:
    """Paired ratios on both clocks: ``{"a/b": {"wall": {"median", "spread"}, "cpu": {...}}}``.

    Args:
        seconds: Clock to variant to samples (as :func:`lockstep` returns).
        pairs: (numerator, denominator) names; pairs with a missing variant are skipped.
    """
    found: dict[str, dict[str, dict[str, float]]] = {}
    for numerator, denominator in pairs:
        if numerator in seconds["wall"] and denominator in seconds["wall"]:
            found[f"{numerator}/{denominator}"] = {
                clock: dict(
                    zip(
                        ("median", "spread"),
                        paired_ratio(seconds[clock][numerator], seconds[clock][denominator]),
                        strict=True,
                    )
                )
                for clock in CLOCKS
            }
    return found


def summary(seconds: Mapping[str, Mapping[str, Sequence[float]]], per: float = 1.0) -> dict[str, dict]:
    """Medians and spreads per clock and variant; ``per`` divides the medians (e.g. by people)."""
    return {
        "median": {c: {n: median(v) / per for n, v in seconds[c].items()} for c in seconds},
        "spread": {c: {n: spread(v) for n, v in seconds[c].items()} for c in seconds},
    }


def scaling_exponent(sizes: Sequence[float], costs: Sequence[float]) -> float:
    """The slope of log(cost) against log(size), by least squares: 1 is linear growth.

    Args:
        sizes: People (or people plus ties) at each point.
        costs: Seconds per step at each point.

    Returns:
        The exponent, or NaN with fewer than two points.
    """
    points = [(math.log(s), math.log(c)) for s, c in zip(sizes, costs, strict=True) if s > 0 and c > 0]
    if len(points) < 2:
        return math.nan
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in points)
    variance = sum((x - mean_x) ** 2 for x, _ in points)
    return covariance / variance if variance else math.nan
