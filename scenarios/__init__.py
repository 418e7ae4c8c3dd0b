"""Scenarios: the parameter table and the named sets of values the model runs under."""

from orglearn import check_import_name
from orglearn.scenarios.interventions import Intervention
from orglearn.scenarios.parameters import Parameter, ParameterTable, parameter_table
from orglearn.scenarios.resolve import resolve_scenario
from orglearn.scenarios.scenario import (
    Scenario,
    ScenarioError,
    describe,
    load_scenario,
    parse_assignment,
    scenario_from_values,
    scenario_names,
)

check_import_name(__name__, "orglearn.scenarios")

__all__ = [
    "Intervention",
    "Parameter",
    "ParameterTable",
    "Scenario",
    "ScenarioError",
    "describe",
    "load_scenario",
    "parameter_table",
    "parse_assignment",
    "resolve_scenario",
    "scenario_from_values",
    "scenario_names",
]
