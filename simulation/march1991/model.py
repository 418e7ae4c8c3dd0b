"""March's model in Mesa: individuals as agents whose beliefs are views into the engine's arrays.

The arrays do the work (:mod:`.engine`); the Mesa model lets users and the browser inspect and
select individuals as agents, and stops running (``running = False``) when a closed world has
reached equilibrium.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import mesa
import numpy as np
import pandas as pd

from orglearn.scenarios import Scenario, resolve_scenario
from orglearn.simulation.march1991.engine import MarchEngine, MarchState
from orglearn.simulation.march1991.metrics import COLUMNS, SUMMARY, knowledge, measure
from orglearn.simulation.stepping import StateClock, advance
from orglearn.simulation.streams import new_seed
from orglearn.simulation.table import steps_table


class Individual(mesa.Agent):
    """One individual of March's organization.

    Attributes:
        position: Row in the engine's arrays (kept by a newcomer who takes the place).
    """

    model: March1991

    def __init__(self, model: March1991, position: int) -> None:
        """Seat an individual at a row of the arrays."""
        super().__init__(model)
        self.position = position

    @property
    def beliefs(self) -> np.ndarray:
        """The individual's belief per dimension (+1, 0, -1); a view into the model's array."""
        return self.model.state.beliefs[self.position]

    @property
    def p1(self) -> float:
        """How fast this individual learns from the code."""
        return float(self.model.state.p1[self.position])

    @property
    def knowledge(self) -> float:
        """How much of reality this individual knows."""
        return float(knowledge(self.beliefs, self.model.state.reality, self.model.engine.original))

    @property
    def superior(self) -> bool:
        """Whether the individual did better than the code in the last period."""
        return bool(self.model.state.superior[self.position])


class March1991(StateClock, mesa.Model):
    """March's (1991) organization: individuals, a code, and reality.

    Attributes:
        setup: The validated scenario.
        seed: The seed of all randomness in this run.
        engine: The array engine that owns the state.
        individuals: The agents, by row.
    """

    SUMMARY = SUMMARY

    def __init__(
        self, scenario: Scenario | str | Mapping[str, Any] | None = None, *, seed: int | None = None
    ) -> None:
        """Build the organization and record period 0.

        Args:
            scenario: A scenario of model ``march1991``, a name of one, a file, or a dict of values.
            seed: The seed; drawn from the operating system (and kept in ``seed``) if None.
        """
        self.seed = new_seed() if seed is None else int(seed)
        super().__init__(rng=self.seed)
        self.setup = resolve_scenario(scenario, "march1991")
        self.values = dict(self.setup.values)
        self.engine = MarchEngine(self.setup, self.rng)
        self.individuals = [Individual(self, i) for i in range(len(self.state.beliefs))]
        self.rows: list[tuple[float, ...]] = []
        self._record()

    @property
    def state(self) -> MarchState:
        """The state arrays (owned by the engine)."""
        return self.engine.state

    @property
    def week(self) -> int:
        """Periods run so far (named as in the organization model, so tools can treat both alike)."""
        return self.state.period

    def _record(self) -> None:
        row = measure(self.state, self.engine.original)
        self.rows.append((float(self.state.period), *(row[c] for c in COLUMNS)))

    def step(self) -> None:
        """Run one period (nothing happens once a closed world is at rest)."""
        if not self.engine.running:
            self.running = False
            return
        self.engine.step()
        self._record()
        self.running = self.engine.running

    def run(self, periods: int) -> pd.DataFrame:
        """Run up to ``periods`` periods, stopping early at equilibrium; return the metrics."""
        return advance(self, periods).metrics()

    def snapshot(self) -> pd.DataFrame:
        """Every individual's beliefs now, one row per individual (for ``agents.csv``)."""
        s = self.state
        data: dict[str, np.ndarray | float] = {
            "step": np.full(len(s.beliefs), s.period),
            "id": np.arange(len(s.beliefs)),
            "p1": s.p1,
        }
        data.update({f"belief_{d}": s.beliefs[:, d].copy() for d in range(s.beliefs.shape[1])})
        data["knowledge"] = knowledge(s.beliefs, s.reality, self.engine.original)
        return pd.DataFrame(data)

    def ties_frame(self) -> pd.DataFrame | None:
        """March's individuals are not tied to each other: they learn only through the code."""
        return None

    def interventions_by_week(self, steps: pd.Series) -> pd.Series:
        """March's scenarios schedule no interventions: "" for every period."""
        return steps.map(lambda _: "")

    def metrics(self) -> pd.DataFrame:
        """Every recorded period: a ``step`` column and one column per metric."""
        return steps_table(self.rows, COLUMNS)
