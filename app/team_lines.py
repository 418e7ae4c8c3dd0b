"""A line per team in the run's charts: each team's own value, week by week, while asked for.

The recorder keeps, per week, the mean over teams of goal alignment, of fit and of shared
meaning within teams; a team's own value is computed from the model's state by the same functions of
:mod:`orglearn.simulation.metrics` that give those means, so a team's line and the mean line
can never disagree about what is measured. All of a week's per-team values cost about 0.02 ms
at 60 people and 0.07 ms at 1,000 (132 teams), against 0.4 and 2.1 ms for the week of the model
itself (CPU time; 0.17 and 2.4 ms before shared meaning was computed for all teams in one pass),
so they are kept every week from the start of the run (or the last reset): switching the lines
on shows each team from week 0.

A long run keeps every week only as long as it fits :data:`MAX_ROWS` twice over; beyond, every
other week kept is dropped and from then on only every second (fourth, ...) week is kept, the
latest week always, so a session's memory stays bounded at 5,000 people over 5,000 weeks.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from orglearn.simulation import metrics
from orglearn.simulation.population import LEVELS
from orglearn.simulation.state import OrgState

from .timeseries import DIGITS

PER_TEAM: dict[str, Callable[[OrgState], np.ndarray]] = {
    "goal_alignment_team": metrics.team_goal_alignment,
    "fit_team": metrics.team_fit,
    **{
        f"shared_meaning_{level}_team": partial(metrics.team_shared_meaning, level=index)
        for index, level in enumerate(LEVELS)
    },
}
"""The recorded team means that can be drawn team by team, and how to compute each team's value."""
MAX_ROWS = 20_000
"""At most about this many rows (team × week) go to the page per chart; beyond, weeks are thinned."""
KEPT_ROWS = 2
"""How many times :data:`MAX_ROWS` rows (team × week) a history keeps per column before thinning."""


@dataclass
class TeamHistory:
    """Each team's values, week by week, from the week it was started.

    Attributes:
        teams: The teams with members, in the order of the values.
        weeks: The weeks recorded.
        values: Per column of :data:`PER_TEAM`, one array of values per team for each week.
        every: Only weeks divisible by this are kept for good (the latest week is kept too,
            until the next one replaces it); it doubles each time the history is thinned.
    """

    teams: np.ndarray
    weeks: list[int] = field(default_factory=list)
    values: dict[str, list[np.ndarray]] = field(default_factory=lambda: {c: [] for c in PER_TEAM})
    every: int = 1

    @classmethod
    def start(cls, model: Any) -> TeamHistory:
        """A history of a running learning organization, holding its current week."""
        history = cls(metrics.team_ids(model.state))
        history.record(model)
        return history

    def record(self, model: Any) -> None:
        """Add the model's current week (once: a week already recorded is skipped)."""
        week = int(model.week)
        if self.weeks and self.weeks[-1] >= week:
            return
        if len(self.weeks) > 1 and self.weeks[-1] % self.every:
            self._drop(len(self.weeks) - 1)  # the latest week, kept only until a newer one came
        self.weeks.append(week)
        for column, compute in PER_TEAM.items():
            self.values[column].append(np.asarray(compute(model.state), dtype=float))
        if len(self.weeks) * len(self.teams) > KEPT_ROWS * MAX_ROWS:
            self._thin()

    def _drop(self, index: int) -> None:
        del self.weeks[index]
        for kept in self.values.values():
            del kept[index]

    def _thin(self) -> None:
        """Keep every other week kept so far (and the latest): half the memory, for good."""
        self.every *= 2
        last = len(self.weeks) - 1
        kept = [i for i, week in enumerate(self.weeks) if week % self.every == 0 or i == last]
        self.weeks = [self.weeks[i] for i in kept]
        self.values = {column: [values[i] for i in kept] for column, values in self.values.items()}

    def rows(self, column: str, selected: int | None = None) -> list[dict[str, Any]]:
        """One team's value in one week per row, for a chart; ``selected`` flags the highlighted team.

        A long run of many teams is thinned to every n-th week (the last week always kept), so
        a chart's data stay near :data:`MAX_ROWS` rows: 1,000 people over 5,000 weeks would
        otherwise send over half a million rows to the page at every redraw.
        """
        rows = []
        teams = self.teams.tolist()
        stride = max(1, math.ceil(len(self.weeks) * len(teams) / MAX_ROWS))
        kept = sorted({*range(0, len(self.weeks), stride), len(self.weeks) - 1})
        for index in kept:
            week, values = self.weeks[index], self.values[column][index]
            for team, value in zip(teams, values.round(DIGITS).tolist(), strict=True):
                shown = None if math.isnan(value) else value
                rows.append({"step": week, "team": team, "value": shown, "selected": team == selected})
        return rows
