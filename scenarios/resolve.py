"""What a model accepts as its scenario: one way to resolve it, the same for every model.

A Mesa model of orglearn can be built from a scenario, a named scenario or a scenario file, a
dict of values, or nothing at all, as a user in a notebook would try; both shipped models (and a
registered one) resolve what they are given here, so they accept the same things and refuse a
file written for another model in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios.scenario import Scenario, load_scenario, scenario_from_values


def resolve_scenario(
    scenario: Scenario | str | Path | Mapping[str, Any] | None, model: str = DEFAULT_MODEL
) -> Scenario:
    """What a model accepts as its scenario, resolved the same way for every model.

    Args:
        scenario: A scenario, a named scenario or a scenario file, a dict of values (the rest at
            the model's defaults), or None for the model's defaults.
        model: The model it must be for (a file for another model is refused).

    Raises:
        ScenarioError: With every problem found.
    """
    if scenario is None:
        return scenario_from_values({}, name="defaults", model=model)
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, Mapping):
        return scenario_from_values(scenario, model=model)
    return load_scenario(scenario, model=model)
