"""How the benchmark times things on a shared, noisy machine: side by side, interleaved, medians.

Another process may take a core for seconds at any moment, so a single timing means little and
two timings made minutes apart cannot be compared. Everything that is compared is therefore
timed in the same process, in turns (A, B, C, then B, C, A, ...), over several repetitions;
each ratio is taken within a repetition (paired) and the median over repetitions is reported,
with the spread, so a burst of load moves both sides of a ratio or shows up as spread.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Mapping, Sequence

Step = Callable[[], object]


def lockstep(variants: Mapping[str, Step], weeks: int, repeats: int) -> dict[str, list[float]]:
    """Time variants of the same model over the same weeks, in turns.

    Every variant runs ``weeks`` weeks per repetition, so after repetition r all of them have
    reached the same week and have done the same work (models started from the same seed follow
    the same trajectory). The order of the variants rotates between repetitions.

    Args:
        variants: Name to a function that runs one week.
        weeks: Weeks per repetition.
        repeats: Repetitions.

    Returns:
        Name to the seconds per week of each repetition.
    """
    names = list(variants)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            step = variants[name]
            gc.collect()
            start = time.perf_counter()
            for _ in range(weeks):
                step()
            seconds[name].append((time.perf_counter() - start) / weeks)
    return seconds


def time_once(step: Step, weeks: int) -> float:
    """Seconds per week of ``weeks`` weeks (used to warm up and to size the repetitions)."""
    start = time.perf_counter()
    for _ in range(weeks):
        step()
    return (time.perf_counter() - start) / max(weeks, 1)


def weeks_for(seconds_per_week: float, budget: float, least: int = 2) -> int:
    """An even number of weeks (meetings come every other week) that takes about ``budget`` seconds."""
    weeks = max(least, math.ceil(budget / max(seconds_per_week, 1e-9)))
    return weeks + weeks % 2


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
