"""Sweep throughput: runs per second of orglearn's sweep, against ``mesa.batch_run`` over the readable model.

Both sides run the same organization (every mechanism on) for the same weeks on the same number
of worker processes, and both record every metric every week:

- the engine side runs headless engines through :mod:`orglearn.experiments` (the sweep machinery
  of ``orglearn sweep``), or, where that is not installed, a plain process pool;
- the Mesa side is ``mesa.batch_run`` over :class:`ReadableForBatch`, the Mesa model stepping
  person by person, with a Mesa ``DataCollector`` collecting the metrics every week.

Each side starts its own worker processes, so each is timed once for a start-up-only batch (one
week per worker) and that start-up is taken out of the rate; the projection to the full count
of runs adds it back once. The readable side is far too slow to run a thousand times, so it runs
a few and is projected (the report says so); the two sides alternate in halves so that load on
the machine falls on both.
"""

from __future__ import annotations

import math
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from orglearn.benchmarks.config import BASE_SCENARIO, Sizes, settings
from orglearn.simulation.model import LearningOrganization

TARGET_RUNS = 1_000
"""The number of runs the throughput target is about; smaller counts are projected to it."""
SEED = 1000

Log = Callable[[str], None]


class ReadableForBatch(LearningOrganization):
    """The readable per-person model as ``mesa.batch_run`` wants it: keyword parameters, a DataCollector.

    Every metric the recorder measures is also collected by a Mesa ``DataCollector`` every week,
    so ``batch_run`` returns the same table a sweep records.
    """

    def __init__(self, people: int = 200, seed: int | None = None) -> None:
        """Build the benchmark's organization with ``people`` people, stepping person by person."""
        import mesa

        from orglearn.scenarios import load_scenario
        from orglearn.simulation.metrics import COLUMNS

        scenario = load_scenario(BASE_SCENARIO, settings("network_org", people))
        super().__init__(scenario, seed=seed, engine="readable")
        reporters = {name: _reporter(1 + index) for index, name in enumerate(COLUMNS)}
        self.datacollector = mesa.DataCollector(model_reporters=reporters)
        self.datacollector.collect(self)

    def step(self) -> None:
        """Run one week person by person and collect its metrics."""
        super().step()
        self.datacollector.collect(self)


def _reporter(index: int) -> Callable[[LearningOrganization], float]:
    def report(model: LearningOrganization) -> float:
        return model.recorder.rows[-1][index]

    return report


def run_headless(task: tuple[Any, int, int]) -> np.ndarray:
    """One run of the headless engine with every metric recorded every week (the plain pool's task)."""
    from orglearn.simulation.engine import Engine
    from orglearn.simulation.recorder import Recorder

    scenario, seed, steps = task
    engine = Engine(scenario, np.random.default_rng(seed))
    recorder = Recorder(engine.values)
    recorder.record(engine.state)
    for _ in range(steps):
        engine.step()
        recorder.record(engine.state)
    return np.asarray(recorder.rows)


def _warm_worker() -> None:
    import orglearn.simulation.engine
    import orglearn.simulation.recorder  # noqa: F401


def engine_sweep(runs: int, people: int, steps: int, workers: int, first_seed: int) -> tuple[float, str]:
    """Run ``runs`` headless runs on ``workers`` processes; return the wall time and what ran them."""
    from orglearn.scenarios import load_scenario

    scenario = load_scenario(BASE_SCENARIO, settings("network_org", people))
    start = time.perf_counter()
    try:
        from orglearn.experiments.executors import open_runner, stream
        from orglearn.experiments.task import OK, RunContext, RunTask
        from orglearn.simulation.metrics import COLUMNS
    except ImportError:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_worker) as pool:
            tasks = [(scenario, first_seed + i, steps) for i in range(runs)]
            for rows in pool.map(run_headless, tasks, chunksize=max(1, runs // (8 * workers))):
                assert len(rows) == steps + 1
        return (
            time.perf_counter() - start,
            f"a process pool of {workers} (orglearn.experiments not installed)",
        )
    context_ = RunContext(base=scenario, steps=steps, metrics=tuple(COLUMNS), every=1)
    tasks = (RunTask(i, 0, i, first_seed + i, {}, context_) for i in range(runs))
    runner = open_runner(workers=workers)
    done = 0
    try:
        for outcome in stream(runner, tasks):
            if outcome is not None:
                if outcome.status != OK:
                    raise RuntimeError(f"sweep run {outcome.run_id} failed:\n{outcome.error}")
                done += 1
    finally:
        runner.close()
    assert done == runs
    return time.perf_counter() - start, f"orglearn.experiments ({runner.label})"


def batch_sweep(runs: int, people: int, steps: int, workers: int, first_seed: int) -> float:
    """Run ``runs`` readable runs with ``mesa.batch_run`` on ``workers`` processes; return the wall time."""
    from mesa.batchrunner import batch_run

    start = time.perf_counter()
    rows = batch_run(
        ReadableForBatch,
        parameters={"people": people},
        number_processes=workers,
        rng=[first_seed + i for i in range(runs)],
        data_collection_period=1,
        max_steps=steps,
        display_progress=False,
    )
    assert len(rows) == runs * (steps + 1)
    return time.perf_counter() - start


def project(runs: int, wall: float, startup: float, halves: int) -> dict[str, Any]:
    """Rate without start-up, and the time :data:`TARGET_RUNS` runs would take (start-up once).

    When the runs took hardly longer than starting the workers (tiny smoke runs), the start-up
    cannot be told apart from the work and is left in.
    """
    working = wall - halves * startup
    separated = working >= 0.25 * wall
    rate = runs / (working if separated else wall)
    return {
        "runs": runs,
        "wall_seconds": wall,
        "startup_seconds": startup,
        "startup_separated": separated,
        "runs_per_second": rate,
        "projected_seconds": (startup if separated else 0.0) + TARGET_RUNS / rate,
        "projected": runs != TARGET_RUNS,
    }


def run(sizes: Sizes, log: Log) -> dict[str, Any]:
    """Time both sweeps, alternating halves, and compare their throughput.

    Returns:
        Per side: runs, wall time, start-up, rate and the projection to a thousand runs; their ratio.
    """
    people, steps, workers = sizes.sweep_people, sizes.sweep_steps, sizes.workers
    log(f"sweep: start-up of {workers} workers, both sides")
    engine_startup, label = engine_sweep(workers, people, 1, workers, SEED)
    batch_startup = batch_sweep(workers, people, 1, workers, SEED)
    engine_wall = batch_wall = 0.0
    engine_runs = [sizes.sweep_runs // 2, sizes.sweep_runs - sizes.sweep_runs // 2]
    batch_runs = [sizes.batch_runs // 2, sizes.batch_runs - sizes.batch_runs // 2]
    seed = SEED
    for half in range(2):
        log(f"sweep: {engine_runs[half]} engine runs ({people} people × {steps} weeks)")
        engine_wall += engine_sweep(engine_runs[half], people, steps, workers, seed)[0]
        seed += engine_runs[half]
        log(f"sweep: {batch_runs[half]} readable runs with mesa.batch_run")
        batch_wall += batch_sweep(batch_runs[half], people, steps, workers, seed)
        seed += batch_runs[half]
    engine = project(sum(engine_runs), engine_wall, engine_startup, 2)
    batch = project(sum(batch_runs), batch_wall, batch_startup, 2)
    ratio = engine["runs_per_second"] / batch["runs_per_second"]
    log(f"  engine {engine['runs_per_second']:.2f} runs/s, batch_run {batch['runs_per_second']:.4f} runs/s")
    return {
        "people": people,
        "steps": steps,
        "workers": workers,
        "engine_runner": label,
        "engine": engine,
        "batch_run": batch,
        "ratio": ratio,
        "projected_ratio": batch["projected_seconds"] / engine["projected_seconds"],
        "note": (
            f"mesa.batch_run ran {batch['runs']} runs, projected to {TARGET_RUNS}"
            + (
                ""
                if not engine["projected"]
                else f"; the engine ran {engine['runs']}, projected to {TARGET_RUNS}"
            )
        ),
        "ok": math.isfinite(ratio),
    }
