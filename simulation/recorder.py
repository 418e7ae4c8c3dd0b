"""The recorder: every metric, every week; and the people's state and ties as tables.

Recording is cheap because metrics are computed on the state arrays directly (no per-agent
reporters). Rows are kept as plain tuples and turned into a table on request.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from orglearn.simulation.mechanisms import WEEK
from orglearn.simulation.metrics import COLUMNS, measure
from orglearn.simulation.population import LEVELS
from orglearn.simulation.sharing import shared_meaning
from orglearn.simulation.state import OrgState
from orglearn.simulation.structure import ROLES
from orglearn.simulation.table import steps_table

if TYPE_CHECKING:
    from orglearn.simulation.engine import Engine


class Recorder:
    """Collects one row of metrics per week, plus the week each level first converged."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values
        self.columns = ("step", *COLUMNS)
        self.rows: list[tuple[float, ...]] = []
        self.converged: dict[str, float] = dict.fromkeys(LEVELS, math.nan)

    def record(self, state: OrgState) -> dict[str, float]:
        """Measure the state and keep the row; return it."""
        row = measure(state, self.values)
        self._converge(state.week, lambda index: row[f"shared_meaning_{LEVELS[index]}_org"])
        for level in LEVELS:
            row[f"convergence_step_{level}"] = self.converged[level]
        self.rows.append((float(state.week), *(row[c] for c in COLUMNS)))
        return row

    def watch(self, state: OrgState) -> None:
        """Note a week that is not kept: only whether a level converged in it (cheaper than a row).

        A run that keeps some weeks (a sweep) still finds the week each level first converged,
        so its convergence columns equal those of a run that recorded every week.
        """
        chart = state.chart
        self._converge(
            state.week, lambda index: shared_meaning(state.meaning[index], chart.team, chart.n_teams)["org"]
        )

    def _converge(self, week: int, org_meaning: Callable[[int], float]) -> None:
        """The one rule of convergence: a level converged in the first week it was shared.

        That is the first week its organization-wide shared meaning reached the threshold; it is
        asked only of levels that have not converged yet.
        """
        threshold = self.values["metrics.convergence_threshold"]
        for index, level in enumerate(LEVELS):
            if math.isnan(self.converged[level]) and org_meaning(index) >= threshold:
                self.converged[level] = float(week)

    def latest(self) -> dict[str, float]:
        """The last recorded row, by column."""
        return dict(zip(self.columns, self.rows[-1], strict=True))

    def frame(self) -> pd.DataFrame:
        """All rows as a table with a ``step`` column (an integer) and one column per metric."""
        return steps_table(self.rows, COLUMNS)


def snapshot(state: OrgState) -> pd.DataFrame:
    """Everyone's position, meanings, goal and traits at this week, one row per person."""
    chart = state.chart
    data: dict[str, Any] = {
        "step": np.full(state.size, state.week),
        "id": list(chart.labels),
        "team": chart.team,
        "department": chart.department,
        "unit": chart.unit,
        "role": np.asarray(ROLES, dtype=object)[chart.rank],
    }
    for index, level in enumerate(LEVELS):
        for d in range(state.themes):
            data[f"{level}_{d}"] = state.meaning[index, :, d].copy()
    for d in range(state.themes):
        data[f"goal_{d}"] = state.goal[:, d].copy()
    data["openness"] = state.openness.copy()
    for mechanism in WEEK:  # what each mechanism shows of a person (its declaration)
        for column, show in mechanism.DECLARES.shows.items():
            data[column] = np.array(show(state), dtype=float)
    return pd.DataFrame(data)


def ties_frame(state: OrgState) -> pd.DataFrame:
    """The ties as a table: source and target (by id), quality, and whether it is a reporting line."""
    ties = state.ties
    labels = pd.Series(state.chart.labels)
    return pd.DataFrame(
        {
            "source": labels[ties.source].to_numpy(),
            "target": labels[ties.target].to_numpy(),
            "quality": ties.quality,
            "formal": ties.formal,
        }
    )


class RecordedEngine:
    """The array engine with a recorder: the model's every week measured, without Mesa objects.

    What a sweep's run and the benchmarks' headless form step: it offers ``running``, ``step()``,
    ``week`` and ``metrics()`` as the Mesa model does, so :func:`~orglearn.simulation.stepping.advance`
    runs it like any model. Week 0 is recorded when it is built.

    Attributes:
        engine: The engine that owns the state.
        recorder: Every metric, every week so far.
    """

    def __init__(self, engine: Engine) -> None:
        """Record week 0 of an engine."""
        self.engine = engine
        self.recorder = Recorder(engine.values)
        self.recorder.record(engine.state)

    @property
    def running(self) -> bool:
        """As the engine (always: the learning organization has no state of rest)."""
        return self.engine.running

    @property
    def week(self) -> int:
        """Weeks run so far."""
        return self.engine.state.week

    def step(self) -> dict[str, float]:
        """Run one week and record it; return its row."""
        self.engine.step()
        return self.recorder.record(self.engine.state)

    def metrics(self) -> pd.DataFrame:
        """Every recorded week as a table."""
        return self.recorder.frame()
