"""The engine: an organization's state and the week that moves it, on arrays only.

The engine owns the state arrays and runs the mechanisms in order, each over everyone at once,
with no loop over people. It has no Mesa objects, so it also runs headless, for sweeps and very
large organizations; :class:`orglearn.simulation.model.LearningOrganization` wraps it in a Mesa
model whose agents are views into its arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from orglearn.scenarios import Scenario
from orglearn.simulation.draws import WeekDraws, draw_start, draw_week
from orglearn.simulation.mechanisms import WEEK, direction
from orglearn.simulation.networks import build_ties
from orglearn.simulation.orgchart import read_chart
from orglearn.simulation.state import OrgState, new_state
from orglearn.simulation.streams import Streams
from orglearn.simulation.structure import build_chart
from orglearn.simulation.timeline import Timeline
from orglearn.simulation.workspace import Cache

Week = Callable[[OrgState, WeekDraws, Any], None]


class Engine:
    """An organization that can be moved on week by week.

    Attributes:
        scenario: The validated scenario it runs under.
        values: The values in force this week (interventions change them as the run goes on).
        streams: The random streams, one per mechanism, spawned from the run's seed.
        timeline: The scenario's interventions.
        state: The current state.
    """

    def __init__(self, scenario: Scenario, rng: np.random.Generator | int) -> None:
        """Build the organization: chart, network, people, environment, management's first view.

        Args:
            scenario: The scenario to run.
            rng: The seed, or a generator made from it (``numpy.random.default_rng(seed)``, or a
                Mesa model's ``rng``): every random draw, networks included, comes from the
                streams spawned from its seed sequence (:mod:`.streams`).
        """
        self.scenario = scenario
        self.values = dict(scenario.values)
        self.streams = streams = Streams.spawn(rng)
        self.timeline = Timeline(scenario)
        values = self.values
        chart_ties = None
        if values["organization.chart"]:
            chart, chart_ties = read_chart(values["organization.chart"], values["network.ties"])
        else:
            chart = build_chart(
                values["organization.people"],
                values["organization.team_size"],
                values["organization.teams_per_department"],
                values["organization.departments_per_unit"],
            )
        ties = build_ties(chart, values, streams.network, chart_ties)
        self.state = new_state(chart, ties, values, streams)
        direction.first_look(self.state, *draw_start(streams, self.state), values)

    def enter_week(self) -> None:
        """Put next week's interventions into force (before its draws, which read the values)."""
        if self.timeline.apply(self.state.week + 1, self.values):
            self.restructure()

    def restructure(self) -> None:
        """Lay a new network over the same people, from the values now in force.

        The people keep their meanings, goals and traits; their ties, reporting-line quality and
        everything derived from the ties are new, and trust starts afresh on every tie. The ties
        are drawn from the network's stream.
        """
        state = self.state
        ties = build_ties(state.chart, self.values, self.streams.network)
        state.lay_ties(ties, float(self.values["network.trust_start"]))
        state.fixed = Cache()

    def draw(self) -> WeekDraws:
        """Draw next week's randomness (into scratch memory that the next draw overwrites)."""
        return draw_week(self.streams, self.state, self.values, self.state.work)

    def advance(self, draws: WeekDraws) -> None:
        """Run one week on the arrays, with the given draws."""
        state = self.state
        state.week = draws.week
        state.own_change = state.social_change = 0.0
        for mechanism in WEEK:
            mechanism.apply(state, draws, self.values)

    @property
    def running(self) -> bool:
        """Always True: the learning organization has no state of rest at which a run stops."""
        return True

    def step(self) -> WeekDraws:
        """Enter, draw and run one week; return the draws (turnover needs them)."""
        self.enter_week()
        draws = self.draw()
        self.advance(draws)
        return draws
