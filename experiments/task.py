"""One run of a sweep: the picklable function every executor calls.

Only parameters go in (a :class:`RunTask`) and only recorded numbers come out (a
:class:`RunOutcome`); the model is built inside the worker from the base scenario, the design
point's values and the run's seed. That keeps what crosses a process or network boundary small
and makes a run's numbers independent of where it ran: the headless engine seeded with
``np.random.default_rng(seed)`` gives the same numbers as ``orglearn run --seed`` and the Mesa
model with that seed.

A run that raises is not an error of the sweep: it comes back as a failed outcome with its
traceback, and the sweep goes on.

Which engine runs, and how it is measured, follows the model the scenario is for
(:mod:`.models`): the learning organization week by week, March's model period by period until
a closed world comes to rest.
"""

from __future__ import annotations

import os
import platform
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from orglearn.scenarios import Scenario

OK = "ok"
FAILED = "failed"


@dataclass(frozen=True)
class RunContext:
    """What every run of a sweep shares: the base scenario and what to record."""

    base: Scenario
    steps: int
    metrics: tuple[str, ...]
    every: int


@dataclass(frozen=True)
class RunTask:
    """One (parameters, seed) pair to run."""

    run_id: int
    point: int
    replication: int
    seed: int
    changes: Mapping[str, Any]
    context: RunContext


@dataclass
class RunOutcome:
    """What one run sends back.

    Attributes:
        run_id: The run's id (``point * replications + replication``).
        point: Its design point.
        replication: Its replication.
        seed: Its seed.
        status: ``ok`` or ``failed``.
        seconds: Wall time of building and running the model, in the worker.
        weeks: The kept weeks (empty if it failed).
        data: One row per kept week, one column per kept metric (empty if it failed).
        error: The traceback of a failed run.
        values: Parameter values that differ from the base scenario (the design point's values
            and whatever their presets filled in).
        worker: The host and process that ran it.
    """

    run_id: int
    point: int
    replication: int
    seed: int
    status: str
    seconds: float
    weeks: np.ndarray
    data: np.ndarray
    error: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    worker: str = ""


def kept_weeks(steps: int, every: int) -> list[int]:
    """Week 0, every ``every``-th week, and the last week."""
    return sorted({*range(0, steps + 1, every), steps})


def simulate(scenario: Scenario, seed: int, steps: int, metrics: tuple[str, ...], every: int) -> np.ndarray:
    """Run the headless engine of the scenario's model and return the kept metrics.

    Args:
        scenario: The run's scenario; its ``model`` chooses the engine.
        seed: The run's seed.
        steps: Weeks (periods) to run.
        metrics: The metric columns to return, in order.
        every: Keep every so many weeks (week 0 and the last always).

    Returns:
        An array of shape (kept weeks, metrics).
    """
    from orglearn.registry import describe_model

    return describe_model(scenario.model).run_headless(scenario, seed, kept_weeks(steps, every), metrics)


def run_one(task: RunTask) -> RunOutcome:
    """Run one (parameters, seed) pair; never raises for a failing run.

    Args:
        task: What to run.

    Returns:
        The kept metrics, or the error, with the run's wall time.
    """
    context = task.context
    clock = time.perf_counter()
    worker = f"{platform.node()}:{os.getpid()}"
    weeks = np.asarray(kept_weeks(context.steps, context.every), dtype=np.int32)
    try:
        scenario = context.base
        if task.changes:
            scenario = scenario.with_values(task.changes, source=f"design point {task.point}")
        data = simulate(scenario, task.seed, context.steps, context.metrics, context.every)
        values = {k: v for k, v in scenario.values.items() if context.base.values[k] != v}
        status, error = OK, None
    except Exception:
        weeks, data = np.zeros(0, dtype=np.int32), np.zeros((0, len(context.metrics)))
        values, status, error = dict(task.changes), FAILED, traceback.format_exc()
    return RunOutcome(
        task.run_id,
        task.point,
        task.replication,
        task.seed,
        status,
        time.perf_counter() - clock,
        weeks,
        data,
        error,
        values,
        worker,
    )


def failed(task: RunTask, error: str, seconds: float = 0.0) -> RunOutcome:
    """A failed outcome for a task that never came back (its worker died, say)."""
    return RunOutcome(
        task.run_id,
        task.point,
        task.replication,
        task.seed,
        FAILED,
        seconds,
        np.zeros(0, dtype=np.int32),
        np.zeros((0, len(task.context.metrics))),
        error,
        dict(task.changes),
    )


def worker_version() -> str:
    """The version of orglearn on a worker, with the model imported (and so out of the first run's time).

    A Dask cluster must run the same orglearn as the client that sends it runs.
    """
    import orglearn.simulation.engine
    import orglearn.simulation.march1991.engine
    import orglearn.simulation.recorder  # noqa: F401
    from orglearn import __version__

    return __version__
