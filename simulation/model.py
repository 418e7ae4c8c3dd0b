"""The learning organization as a Mesa model: staff on a network, led by management, in a changing world.

The model wraps the array engine (:mod:`.engine`) in Mesa: every person is a
:class:`~orglearn.agents.StaffMember` on a cell of a :class:`mesa.discrete_space.Network` built
from the ties, with attributes that are views into the engine's arrays. A week runs on the
arrays (``engine="fast"``, the default) or person by person (``engine="readable"``, the
executable specification); both give the same trajectories for the same seed.

All randomness comes from one stream per mechanism, spawned from ``seed`` (drawn from the operating
system and recorded when not given), networks included.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import mesa
import networkx as nx
import pandas as pd
from mesa.discrete_space import Network

from orglearn.agents.behaviour import readable_week
from orglearn.agents.staff import StaffMember
from orglearn.scenarios import Scenario, resolve_scenario
from orglearn.simulation.engine import Engine
from orglearn.simulation.mechanisms.turnover import leavers
from orglearn.simulation.metrics import SUMMARY
from orglearn.simulation.recorder import Recorder, snapshot, ties_frame
from orglearn.simulation.state import OrgState
from orglearn.simulation.stepping import StateClock, advance
from orglearn.simulation.streams import new_seed
from orglearn.simulation.ties import Ties

EngineKind = Literal["fast", "readable"]


def network_graph(ties: Ties) -> nx.Graph:
    """The ties as a networkx graph; each node's neighbours come in ascending order."""
    graph = nx.Graph()
    graph.add_nodes_from(range(ties.size))
    graph.add_edges_from(
        (int(a), int(b), {"quality": float(q), "formal": bool(f)})
        for a, b, q, f in zip(ties.source, ties.target, ties.quality, ties.formal, strict=True)
    )
    return graph


class LearningOrganization(StateClock, mesa.Model):
    """An organization whose people learn at the levels of rules, insights and principles.

    Attributes:
        setup: The validated scenario the model runs under.
        values: Its values by dotted name.
        seed: The seed of all randomness in this run.
        engine: The array engine that owns the state.
        grid: The network space; cell ``i`` holds the person at position ``i``.
        staff: The people, by position.
        recorder: Every metric, every week so far.
    """

    SUMMARY = SUMMARY  # what `orglearn run` prints at the end

    def __init__(
        self,
        scenario: Scenario | str | Mapping[str, Any] | None = None,
        *,
        seed: int | None = None,
        engine: EngineKind = "fast",
    ) -> None:
        """Build the organization and record week 0.

        Args:
            scenario: A scenario, a shipped scenario's name, a scenario file, a dict of values
                (the rest at defaults), or None for the defaults.
            seed: The seed; drawn from the operating system (and kept in ``seed``) if None.
            engine: ``"fast"`` (arrays) or ``"readable"`` (person by person).
        """
        if engine not in ("fast", "readable"):
            raise ValueError(f"engine must be 'fast' or 'readable', not {engine!r}")
        self.seed = new_seed() if seed is None else int(seed)
        super().__init__(rng=self.seed)
        self.setup = resolve_scenario(scenario, "orglearn")
        self.engine_kind = engine
        self.engine = Engine(self.setup, self.rng)
        self.seat_staff()
        self.recorder = Recorder(self.values)
        self.recorder.record(self.state)
        self.marks: dict[int, str] = {}  # week -> the interventions that started in it

    def seat_staff(self) -> None:
        """Lay the network space over the ties and seat everyone on their cell."""
        self.grid = Network(network_graph(self.state.ties), layout=None, random=self.random)
        for person in getattr(self, "staff", []):
            person.remove()
        self.staff: list[StaffMember] = [
            StaffMember(self, i, self.grid._cells[i]) for i in range(self.state.size)
        ]

    @property
    def values(self) -> dict[str, Any]:
        """The values in force this week: the scenario's, as changed by its interventions so far."""
        return self.engine.values

    @property
    def state(self) -> OrgState:
        """The state arrays (owned by the engine)."""
        return self.engine.state

    @property
    def week(self) -> int:
        """Weeks run so far."""
        return self.state.week

    def step(self) -> None:
        """Run one week and record its metrics."""
        ties = self.state.ties
        self.engine.enter_week()
        if self.state.ties is not ties:  # a restructuring laid a new network
            self.seat_staff()
        starting = self.engine.timeline.starting(self.week + 1)
        if starting:
            self.marks[self.week + 1] = ";".join(item.name for item in starting)
        draws = self.engine.draw()
        if self.engine_kind == "fast":
            self.engine.advance(draws)
        else:
            readable_week(self, draws)
        for position in leavers(draws):
            self.staff[position].remove()
            self.staff[position] = StaffMember(self, int(position), self.grid._cells[int(position)])
        self.recorder.record(self.state)

    def run(self, weeks: int) -> pd.DataFrame:
        """Run a number of weeks and return every metric recorded so far."""
        return advance(self, weeks).metrics()

    def metrics(self) -> pd.DataFrame:
        """Every recorded week as a table: a ``step`` column and one column per metric."""
        return self.recorder.frame()

    def interventions_by_week(self, steps: pd.Series) -> pd.Series:
        """For each week in ``steps``: the names of the interventions that started then, or ""."""
        return steps.map(lambda week: self.marks.get(int(week), ""))

    def snapshot(self) -> pd.DataFrame:
        """Everyone's state now, one row per person (for ``agents.csv``)."""
        return snapshot(self.state)

    def ties_frame(self) -> pd.DataFrame | None:
        """The network as a table (for ``network.csv``)."""
        return ties_frame(self.state)
