"""Sweep throughput: orglearn's sweep, ``mesa.batch_run`` over the array engine, and over the readable model.

All three sides run the same organization (every mechanism on) for the same weeks on the same
number of worker processes, and all record every metric every week:

- ``engine``: headless engines through :mod:`orglearn.experiments` (the machinery of
  ``orglearn sweep``), or, where that is not installed, a plain process pool;
- ``batch_fast``: ``mesa.batch_run`` over :class:`FastForBatch`, the Mesa model with the array
  engine, a Mesa ``DataCollector`` collecting the metrics every week;
- ``batch_readable``: ``mesa.batch_run`` over :class:`ReadableForBatch`, the same but stepping
  person by person.

So ``batch_fast/batch_readable`` is the engine's gain with the sweep machinery held fixed, and
``engine/batch_fast`` is the machinery's gain (and the Mesa agents' cost) with the engine held
fixed; their product is the headline ``engine/batch_readable``.

Each side starts its own worker processes, so each is timed once for a start-up-only batch (one
week per worker) and that start-up is taken out of the rate; the projection to the full count
of runs adds it back once. The readable side is far too slow to run a thousand times, so it runs
a few and is projected (the report says so). The sides take turns, and every turn runs at least
twice as many runs as there are workers (a turn of one run per worker leaves a worker idle while
the last run finishes, which inflates the ratio about two times on two workers). Every turn is
read on the wall clock and on the CPU clock (this process plus its finished workers).
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np

from orglearn.benchmarks import timing
from orglearn.benchmarks.config import BASE_SCENARIO, Sizes, settings
from orglearn.simulation.model import EngineKind, LearningOrganization

TARGET_RUNS = 1_000
"""The number of runs the throughput target is about; smaller counts are projected to it."""
SEED = 1000
SIDES = ("engine", "batch_fast", "batch_readable")
PAIRS = (("engine", "batch_readable"), ("batch_fast", "batch_readable"), ("engine", "batch_fast"))
"""Faster side first: each ratio is how many times more runs per second it gets through."""

Log = Callable[[str], None]


class ReadableForBatch(LearningOrganization):
    """The readable per-person model as ``mesa.batch_run`` wants it: keyword parameters, a DataCollector.

    Every metric the recorder measures is also collected by a Mesa ``DataCollector`` every week,
    so ``batch_run`` returns the same table a sweep records.
    """

    ENGINE: EngineKind = "readable"

    def __init__(self, people: int = 200, seed: int | None = None) -> None:
        """Build the benchmark's organization with ``people`` people and this class's engine."""
        import mesa

        from orglearn.scenarios import load_scenario
        from orglearn.simulation.metrics import COLUMNS

        scenario = load_scenario(BASE_SCENARIO, settings("network_org", people))
        super().__init__(scenario, seed=seed, engine=self.ENGINE)
        reporters = {name: _reporter(1 + index) for index, name in enumerate(COLUMNS)}
        self.datacollector = mesa.DataCollector(model_reporters=reporters)
        self.datacollector.collect(self)

    def step(self) -> None:
        """Run one week and collect its metrics."""
        super().step()
        self.datacollector.collect(self)


class FastForBatch(ReadableForBatch):
    """The same Mesa model for ``mesa.batch_run``, with the array engine: what a Mesa user would sweep."""

    ENGINE: EngineKind = "fast"


def _reporter(index: int) -> Callable[[LearningOrganization], float]:
    def report(model: LearningOrganization) -> float:
        return model.recorder.rows[-1][index]

    return report


def run_headless(task: tuple[Any, int, int]) -> np.ndarray:
    """One run of the headless engine with every metric recorded every week (the plain pool's task)."""
    from orglearn.simulation.engine import Engine
    from orglearn.simulation.recorder import RecordedEngine
    from orglearn.simulation.stepping import advance

    scenario, seed, steps = task
    run = advance(RecordedEngine(Engine(scenario, np.random.default_rng(seed))), steps)
    return np.asarray(run.recorder.rows)


def _warm_worker() -> None:
    import orglearn.simulation.engine
    import orglearn.simulation.recorder  # noqa: F401


def engine_sweep(
    runs: int, people: int, steps: int, workers: int, first_seed: int
) -> tuple[timing.Sample, str]:
    """Run ``runs`` headless runs on ``workers`` processes; return the time and what ran them."""
    from orglearn.scenarios import load_scenario

    scenario = load_scenario(BASE_SCENARIO, settings("network_org", people))
    try:
        from orglearn.experiments.executors import open_runner, stream
        from orglearn.experiments.task import OK, RunContext, RunTask
        from orglearn.simulation.metrics import COLUMNS
    except ImportError:
        context = multiprocessing.get_context("spawn")
        plain = [(scenario, first_seed + i, steps) for i in range(runs)]
        with (
            timing.Stopwatch() as watch,
            ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_worker) as pool,
        ):
            for rows in pool.map(run_headless, plain, chunksize=max(1, runs // (8 * workers))):
                assert len(rows) == steps + 1
        return watch.sample, f"a process pool of {workers} (orglearn.experiments not installed)"
    context_ = RunContext(base=scenario, steps=steps, metrics=tuple(COLUMNS), every=1)
    tasks = (RunTask(i, 0, i, first_seed + i, {}, context_) for i in range(runs))
    done = 0
    with timing.Stopwatch() as watch:
        runner = open_runner(workers=workers)
        try:
            for outcome in stream(runner, tasks):
                if outcome is not None:
                    if outcome.status != OK:
                        raise RuntimeError(f"sweep run {outcome.run_id} failed:\n{outcome.error}")
                    done += 1
        finally:
            runner.close()
    assert done == runs
    return watch.sample, f"orglearn.experiments ({runner.label})"


def batch_sweep(
    model: type[ReadableForBatch], runs: int, people: int, steps: int, workers: int, first_seed: int
) -> timing.Sample:
    """Run ``runs`` runs of ``model`` with ``mesa.batch_run`` on ``workers`` processes; return the time."""
    from mesa.batchrunner import batch_run

    with timing.Stopwatch() as watch:
        rows = batch_run(
            model,
            parameters={"people": people},
            number_processes=workers,
            rng=[first_seed + i for i in range(runs)],
            data_collection_period=1,
            max_steps=steps,
            display_progress=False,
        )
    assert len(rows) == runs * (steps + 1)
    return watch.sample


def project(runs: int, turns: list[timing.Sample], startup: timing.Sample) -> dict[str, Any]:
    """Per clock: rate without start-up, and the time :data:`TARGET_RUNS` runs would take (start-up once).

    When the runs took hardly longer than starting the workers (tiny smoke runs), the start-up
    cannot be told apart from the work and is left in.

    Args:
        runs: Runs over all turns.
        turns: The time of each turn.
        startup: The time of a start-up-only batch (paid once per turn).
    """
    result: dict[str, Any] = {"runs": runs, "turns": len(turns)}
    for clock in timing.CLOCKS:
        total = sum(turn[clock] for turn in turns)
        working = total - len(turns) * startup[clock]
        separated = working >= 0.25 * total
        rate = runs / (working if separated else total) if total > 0 else math.nan
        result[clock] = {
            "seconds": total,
            "turn_seconds": [turn[clock] for turn in turns],
            "startup_seconds": startup[clock],
            "startup_separated": separated,
            "seconds_per_run": 1 / rate,
            "runs_per_second": rate,
            "projected_seconds": (startup[clock] if separated else 0.0) + TARGET_RUNS / rate,
        }
    result["projected"] = runs != TARGET_RUNS
    return result


def _per_run(side: dict[str, Any], clock: str, runs_per_turn: int) -> list[float]:
    """Seconds per run in each turn, start-up taken out when the side could tell it apart."""
    found = side[clock]
    startup = found["startup_seconds"] if found["startup_separated"] else 0.0
    return [(seconds - startup) / runs_per_turn for seconds in found["turn_seconds"]]


def run(sizes: Sizes, log: Log) -> dict[str, Any]:
    """Time the three sweeps in turns and compare their throughput on both clocks.

    Returns:
        Per side: runs, time per clock, start-up, rate and the projection to a thousand runs;
        paired per-turn ratios (median and spread) and the projected ratios.
    """
    people, steps, workers, turns = sizes.sweep_people, sizes.sweep_steps, sizes.workers, sizes.sweep_turns
    label = ""

    def side(name: str, runs: int, weeks: int, seed: int) -> timing.Sample:
        nonlocal label
        if name == "engine":
            sample, label = engine_sweep(runs, people, weeks, workers, seed)
            return sample
        model = FastForBatch if name == "batch_fast" else ReadableForBatch
        return batch_sweep(model, runs, people, weeks, workers, seed)

    log(f"sweep: start-up of {workers} workers, every side")
    startup = {name: side(name, workers, 1, SEED) for name in SIDES}
    total = dict(zip(SIDES, (sizes.sweep_runs, sizes.fast_batch_runs, sizes.batch_runs), strict=True))
    per_turn = {name: total[name] // turns for name in SIDES}
    samples: dict[str, list[timing.Sample]] = {name: [] for name in SIDES}
    seed = SEED
    for turn in range(turns):
        order = SIDES[turn % len(SIDES) :] + SIDES[: turn % len(SIDES)]
        for name in order:
            log(f"sweep: {per_turn[name]} runs of {name} ({people} people × {steps} weeks)")
            samples[name].append(side(name, per_turn[name], steps, seed))
            seed += per_turn[name]
    found = {name: project(per_turn[name] * turns, samples[name], startup[name]) for name in SIDES}
    ratios: dict[str, Any] = {}
    for fast, slow in PAIRS:
        ratios[f"{fast}/{slow}"] = {}
        for clock in timing.CLOCKS:
            median, spread = timing.paired_ratio(
                _per_run(found[slow], clock, per_turn[slow]), _per_run(found[fast], clock, per_turn[fast])
            )
            projected = found[slow][clock]["projected_seconds"] / found[fast][clock]["projected_seconds"]
            ratios[f"{fast}/{slow}"][clock] = {"median": median, "spread": spread, "projected": projected}
    log(
        "  runs/s (wall): "
        + ", ".join(f"{name} {found[name]['wall']['runs_per_second']:.3f}" for name in SIDES)
    )
    headline = ratios["engine/batch_readable"]
    return {
        "people": people,
        "steps": steps,
        "workers": workers,
        "runs_per_turn": per_turn,
        "engine_runner": label,
        **found,
        "ratios": ratios,
        "note": (
            f"mesa.batch_run over the readable model ran {found['batch_readable']['runs']} runs, "
            f"over the array engine {found['batch_fast']['runs']}, orglearn's sweep "
            f"{found['engine']['runs']}; each projected to {TARGET_RUNS}"
        ),
        "ok": all(math.isfinite(headline[clock]["median"]) for clock in timing.CLOCKS),
    }
