"""The timeline: the scenario's interventions, applied to the values in force week by week.

An intervention (:mod:`orglearn.scenarios.interventions`) sets parameters from a week on, or
moves numbers linearly over a window of weeks. Mechanisms read their parameters from the
engine's values every week, so changing those values at the start of a week is all an
intervention needs; the only exception is the network, built once from ``in_run =
"restructure"`` parameters, which the engine rebuilds in a week one of them changes. Nothing
here draws a random number, so a run with an intervention at week t is the same run as the one
without it until week t - 1, number for number.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

from orglearn.scenarios import Intervention, Scenario, parameter_table


@dataclass(frozen=True)
class Change:
    """One parameter's change by one intervention: from ``old`` at ``start`` to ``new`` at ``end``."""

    key: str
    old: object
    new: object
    start: int
    end: int
    gradual: bool

    def value(self, week: int) -> object:
        """The value in force in ``week`` (which lies in ``start`` .. ``end``)."""
        if not self.gradual or week >= self.end:
            return self.new
        share = (week - self.start) / (self.end - self.start)
        value = self.old + share * (self.new - self.old)  # type: ignore[operator]
        return round(value) if isinstance(self.new, int) else value


class Timeline:
    """A scenario's interventions as the changes they make to the values, week by week.

    Attributes:
        interventions: The scenario's interventions, in week order.
        changes: Every parameter change they make, in week order.
    """

    def __init__(self, scenario: Scenario) -> None:
        table = parameter_table(scenario.model)
        current = dict(scenario.values)
        self.interventions: tuple[Intervention, ...] = scenario.interventions
        self.changes: list[Change] = []
        for item in self.interventions:
            for key, new in item.set.items():
                numeric = table[key].type in ("int", "float") and table[key].in_run == "live"
                gradual = numeric and item.until > item.week
                self.changes.append(Change(key, current[key], new, item.week, item.until, gradual))
                current[key] = new
        self.restructuring = {c.key for c in self.changes if table[c.key].in_run == "restructure"}

    def starting(self, week: int) -> list[Intervention]:
        """The interventions that start in ``week``."""
        return [item for item in self.interventions if item.week == week]

    def apply(self, week: int, values: MutableMapping[str, object]) -> bool:
        """Set the values in force in ``week``; return whether the network must be rebuilt.

        Args:
            week: The week about to run.
            values: The engine's values, changed in place.

        Returns:
            True if a parameter the network is built from changed this week.
        """
        rebuild = False
        for change in self.changes:
            if change.start <= week <= change.end:
                value = change.value(week)
                if values[change.key] != value:
                    values[change.key] = value
                    rebuild = rebuild or change.key in self.restructuring
        return rebuild
