"""Two scenarios on the same seeds: one run side by side, or an ensemble with its spread.

Common random numbers: run ``i`` of scenario A and run ``i`` of scenario B share seed ``i``, so
the organizations start from the same draws wherever the scenarios allow it and the difference
between them is the scenarios' doing, not luck. The paired difference, seed by seed, shows how
far one run can stray from the average: one run is an anecdote.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from orglearn.registry import build_model
from orglearn.scenarios import Scenario
from orglearn.simulation.stepping import advance, aligned

DEFAULT_RUNS = 20
DEFAULT_WEEKS = 150


class CancelledError(Exception):
    """The comparison was stopped before it finished."""


@dataclass(frozen=True)
class Comparison:
    """The recorded metrics of two scenarios over the same seeds.

    Attributes:
        scenarios: Scenario A and scenario B.
        seeds: The seeds, shared by both.
        frames_a: Metrics of A, one table per seed.
        frames_b: Metrics of B, one table per seed.
        with_without: Whether B is A with its interventions and A the same scenario without
            them (see :func:`with_and_without`), so the arms are named by that.
    """

    scenarios: tuple[Scenario, Scenario]
    seeds: tuple[int, ...]
    frames_a: tuple[pd.DataFrame, ...]
    frames_b: tuple[pd.DataFrame, ...]
    with_without: bool = False

    @property
    def names(self) -> tuple[str, str]:
        """The two scenarios' names."""
        return self.scenarios[0].name, self.scenarios[1].name

    @property
    def weeks(self) -> np.ndarray:
        """The weeks recorded (0 to the last week any run reached)."""
        return np.arange(max(len(f) for f in (*self.frames_a, *self.frames_b)))

    def series(self, column: str) -> tuple[np.ndarray, np.ndarray]:
        """One metric as two (runs, weeks) arrays, A and B, row ``i`` from seed ``i``.

        A run that came to rest before the last week (March's closed world) keeps the value it
        came to rest with (:func:`~orglearn.simulation.stepping.aligned`).
        """
        length = len(self.weeks)
        a = aligned([f[column].to_numpy(dtype=float) for f in self.frames_a], length)
        b = aligned([f[column].to_numpy(dtype=float) for f in self.frames_b], length)
        return a, b

    def summary(self, column: str) -> dict[str, float]:
        """The paired difference B − A in the last week, over the seeds.

        Returns:
            ``mean``, ``low`` and ``high`` (10th and 90th percentiles), ``first`` (the
            difference in the first seed alone), ``b_higher`` (seeds where B ended higher),
            ``runs``, and the end values ``mean_a`` and ``mean_b``.
        """
        a, b = self.series(column)
        last = b[:, -1] - a[:, -1]
        return {
            "mean": float(np.nanmean(last)),
            "low": float(np.nanpercentile(last, 10)),
            "high": float(np.nanpercentile(last, 90)),
            "first": float(last[0]),
            "b_higher": int(np.sum(last > 0)),
            "runs": len(last),
            "mean_a": float(np.nanmean(a[:, -1])),
            "mean_b": float(np.nanmean(b[:, -1])),
        }


def with_and_without(scenario: Scenario) -> tuple[Scenario, Scenario]:
    """The same scenario without its interventions (A) and with them (B).

    On the same seeds both arms are one run until the first intervention's week (one random
    stream per mechanism), so whatever differs after it is the interventions' doing.
    """
    return replace(scenario, interventions=()), scenario


def has_interventions(scenario: Scenario) -> bool:
    """Whether a scenario changes anything during a run (a journey, or one with scheduled changes)."""
    return bool(scenario.interventions)


def seeds_from(first: int, runs: int) -> tuple[int, ...]:
    """``runs`` consecutive seeds from ``first``: easy to write down and to repeat."""
    return tuple(range(first, first + runs))


def run_pair(
    scenarios: tuple[Scenario, Scenario],
    seeds: Sequence[int],
    weeks: int,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    with_without: bool = False,
) -> Comparison:
    """Run both scenarios on every seed for ``weeks`` weeks.

    Args:
        scenarios: A and B.
        seeds: The shared seeds.
        weeks: Weeks per run.
        progress: Called with the share done after each run.
        cancel: Set it to stop between runs.
        with_without: The scenarios are :func:`with_and_without` one scenario.

    Returns:
        The comparison.

    Raises:
        CancelledError: If ``cancel`` was set.
    """
    frames: tuple[list[pd.DataFrame], list[pd.DataFrame]] = ([], [])
    total = 2 * len(seeds)
    for index, seed in enumerate(seeds):
        for side, scenario in enumerate(scenarios):
            if cancel is not None and cancel.is_set():
                raise CancelledError
            frames[side].append(advance(build_model(scenario, seed), weeks).metrics())
            if progress is not None:
                progress((2 * index + side + 1) / total)
    return Comparison(
        tuple(scenarios),  # type: ignore[arg-type]
        tuple(seeds),
        tuple(frames[0]),
        tuple(frames[1]),
        with_without,
    )
