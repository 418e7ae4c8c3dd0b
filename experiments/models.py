"""What a sweep needs to know about each model: its metrics, its headless run, its unit of time.

A sweep is for the model its base scenario names (:attr:`~orglearn.scenarios.Scenario.model`),
and nothing else decides it: the factors and the runs table follow that model's parameter table,
the kept metrics its metric table, and each run the model's own array engine, without Mesa
objects, seeded with ``np.random.default_rng(seed)`` exactly as ``orglearn run --seed`` is.

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from orglearn.scenarios import Scenario
from orglearn.scenarios.models import DEFAULT_MODEL
from orglearn.simulation.march1991.metrics import SUMMARY as MARCH_SUMMARY
from orglearn.simulation.metrics import SUMMARY as ORGANIZATION_SUMMARY

EQUILIBRIUM_PERIOD = "equilibrium_period"
"""A March sweep's own column: the period a closed world came to rest in."""
EQUILIBRIUM_PERIOD_TEXT = (
    "Period in which a closed world came to rest (empty until then, and always empty with turnover "
    "or turbulence)."
)

Run = Callable[[Scenario, int, Sequence[int], Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class SweepModel:
    """How a sweep treats one model.

    Attributes:
        name: The model's name (``Scenario.model``).
        unit: Its unit of time, singular (``week``, ``period``), for reports and axes.
        key_metrics: The metrics ``orglearn summarize`` shows on screen by default.
        metrics: Returns every metric a sweep can keep, with its plain description, in order.
        run: Runs one (scenario, seed) and returns the kept metrics at the kept steps.
    """

    name: str
    unit: str
    key_metrics: tuple[str, ...]
    metrics: Callable[[], Mapping[str, str]]
    run: Run


def _organization_metrics() -> Mapping[str, str]:
    from orglearn.simulation.metrics import COLUMNS

    return COLUMNS


def _march_metrics() -> Mapping[str, str]:
    from orglearn.simulation.march1991.metrics import COLUMNS

    return {**COLUMNS, EQUILIBRIUM_PERIOD: EQUILIBRIUM_PERIOD_TEXT}


def _run_organization(
    scenario: Scenario, seed: int, weeks: Sequence[int], metrics: Sequence[str]
) -> np.ndarray:
    """The learning organization: every week up to the last kept one, measured on the kept weeks."""
    from orglearn.simulation.engine import Engine
    from orglearn.simulation.metrics import shared_meaning
    from orglearn.simulation.population import LEVELS
    from orglearn.simulation.recorder import Recorder

    engine = Engine(scenario, np.random.default_rng(seed))
    recorder = Recorder(engine.values)
    threshold = engine.values["metrics.convergence_threshold"]
    keep = set(weeks)
    rows = [_pick(recorder.record(engine.state), metrics)]
    for week in range(1, weeks[-1] + 1):
        engine.step()
        state = engine.state
        if week in keep:
            rows.append(_pick(recorder.record(state), metrics))
            continue
        for index, level in enumerate(LEVELS):
            if math.isnan(recorder.converged[level]):
                org = shared_meaning(state.meaning[index], state.chart.team, state.chart.n_teams)["org"]
                if org >= threshold:
                    recorder.converged[level] = float(state.week)
    return _rows(rows, metrics)


def _run_march(scenario: Scenario, seed: int, weeks: Sequence[int], metrics: Sequence[str]) -> np.ndarray:
    """March's model: period by period until the last kept one, or until a closed world is at rest."""
    from orglearn.simulation.march1991.engine import MarchEngine
    from orglearn.simulation.march1991.metrics import measure

    engine = MarchEngine(scenario, np.random.default_rng(seed))
    state = engine.state

    def row() -> list[float]:
        values = measure(state, engine.original)
        values[EQUILIBRIUM_PERIOD] = float(state.period) if state.equilibrium else math.nan
        return _pick(values, metrics)

    rows = [row()]
    resting: list[float] | None = None
    for period in weeks[1:]:
        while engine.running and state.period < period:
            engine.step()
        if engine.running:
            rows.append(row())
        else:  # at rest nothing changes any more: the row it came to rest with, measured once
            resting = resting or row()
            rows.append(resting)
    return _rows(rows, metrics)


def _pick(row: Mapping[str, float], metrics: Sequence[str]) -> list[float]:
    return [row[m] for m in metrics]


def _rows(rows: list[list[float]], metrics: Sequence[str]) -> np.ndarray:
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(metrics))


SWEEP_MODELS: dict[str, SweepModel] = {
    "orglearn": SweepModel(
        "orglearn",
        "week",
        ORGANIZATION_SUMMARY,
        _organization_metrics,
        _run_organization,
    ),
    "march1991": SweepModel(
        "march1991",
        "period",
        (*MARCH_SUMMARY, EQUILIBRIUM_PERIOD),
        _march_metrics,
        _run_march,
    ),
}


def sweep_model(name: str | None) -> SweepModel:
    """How a sweep treats a model, by name (the default model for None, as in old results)."""
    return SWEEP_MODELS[name or DEFAULT_MODEL]


def metric_columns(model: str | None) -> Mapping[str, str]:
    """Every metric a sweep of a model can keep, with its plain description."""
    return sweep_model(model).metrics()
