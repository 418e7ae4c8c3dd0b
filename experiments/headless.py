"""The headless runs of a sweep, one per shipped model: the array engine, without Mesa objects.

A sweep is for the model its base scenario names (:attr:`~orglearn.scenarios.Scenario.model`),
and nothing else decides it: its description in :mod:`orglearn.registry` names the run here
(``run_headless``), seeded with ``np.random.default_rng(seed)`` exactly as ``orglearn run --seed``
is.

The learning organization runs every week up to ``steps``. March's (1991) closed world (no
turnover, no turbulence) comes to rest, after which nothing changes any more; its run stops
there, and the rows of the kept periods after it repeat the row of the period it came to rest
in. So every run of a March sweep has a row at every kept period up to ``steps``, "the value in
the last period" is the equilibrium value for every run that came to rest, and time-series plots
of runs that came to rest at different periods line up. ``equilibrium`` (1 at rest) and
``equilibrium_period`` (the period it came to rest in) say which runs did; a run that has not
come to rest by ``steps`` simply ends there.

Measuring costs more than a period of either model, so periods that are not kept are not
measured (only the organization-wide shared meaning of the learning organization is, every week,
because its convergence weeks need it); the kept rows are identical to those of a run that
recorded everything.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from orglearn.registry import EQUILIBRIUM_PERIOD
from orglearn.scenarios import Scenario
from orglearn.simulation.stepping import advance

__all__ = ["EQUILIBRIUM_PERIOD", "run_march", "run_organization"]


def run_organization(
    scenario: Scenario, seed: int, weeks: Sequence[int], metrics: Sequence[str]
) -> np.ndarray:
    """The learning organization: every week up to the last kept one, measured on the kept weeks."""
    from orglearn.simulation.engine import Engine
    from orglearn.simulation.recorder import Recorder

    engine = Engine(scenario, np.random.default_rng(seed))
    recorder = Recorder(engine.values)
    keep = set(weeks)
    rows = [_pick(recorder.record(engine.state), metrics)]

    def measure(engine: Engine) -> None:
        if engine.state.week in keep:
            rows.append(_pick(recorder.record(engine.state), metrics))
        else:
            recorder.watch(engine.state)

    advance(engine, weeks[-1], measure)
    return _rows(rows, metrics)


def run_march(scenario: Scenario, seed: int, weeks: Sequence[int], metrics: Sequence[str]) -> np.ndarray:
    """March's model: period by period until the last kept one, or until a closed world is at rest."""
    from orglearn.simulation.march1991.engine import MarchEngine
    from orglearn.simulation.march1991.metrics import measure

    engine = MarchEngine(scenario, np.random.default_rng(seed))
    state = engine.state
    keep = set(weeks)

    def row() -> list[float]:
        values = measure(state, engine.original)
        values[EQUILIBRIUM_PERIOD] = float(state.period) if state.equilibrium else math.nan
        return _pick(values, metrics)

    rows = [row()]

    def kept(engine: MarchEngine) -> None:
        if state.period in keep or not engine.running:
            rows.append(row())

    advance(engine, weeks[-1], kept)
    # at rest nothing changes any more: the kept periods after it repeat the row it came to rest with
    resting = rows[-1]
    rows += [resting] * (len(weeks) - len(rows))
    return _rows(rows, metrics)


def _pick(row: Mapping[str, float], metrics: Sequence[str]) -> list[float]:
    return [row[m] for m in metrics]


def _rows(rows: list[list[float]], metrics: Sequence[str]) -> np.ndarray:
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(metrics))
