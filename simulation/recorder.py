"""The recorder: every metric, every week; and the people's state and ties as tables.

Recording is cheap because metrics are computed on the state arrays directly (no per-agent
reporters). Rows are kept as plain tuples and turned into a table on request.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from orglearn.simulation.metrics import COLUMNS, mean_trust, measure
from orglearn.simulation.population import LEVELS
from orglearn.simulation.state import OrgState
from orglearn.simulation.structure import ROLES


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
        threshold = self.values["metrics.convergence_threshold"]
        for level in LEVELS:
            if math.isnan(self.converged[level]) and row[f"shared_meaning_{level}_org"] >= threshold:
                self.converged[level] = float(state.week)
            row[f"convergence_step_{level}"] = self.converged[level]
        self.rows.append((float(state.week), *(row[c] for c in COLUMNS)))
        return row

    def latest(self) -> dict[str, float]:
        """The last recorded row, by column."""
        return dict(zip(self.columns, self.rows[-1], strict=True))

    def frame(self) -> pd.DataFrame:
        """All rows as a table with a ``step`` column (an integer) and one column per metric."""
        frame = pd.DataFrame(self.rows, columns=list(self.columns))
        frame["step"] = frame["step"].astype(int)
        return frame


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
    data["actorship"] = state.actorship.copy()
    data["trust"] = mean_trust(state)
    data["openness"] = state.openness.copy()
    data["capacity"] = state.capacity.copy()
    data["performance"] = state.performance.copy()
    data["aspiration"] = state.aspiration.copy()
    data["reflection_shift"] = state.reflection_shift.copy()
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
