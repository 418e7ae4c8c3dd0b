"""Settings shared by the tests: everything off, or everything on."""

from orglearn.simulation.limits import SILENT

QUIET = dict(SILENT)
"""Every mechanism switched off: nothing changes unless a test switches something on."""

EVERYTHING = {
    "organization.people": 60,
    "organization.turnover": 0.02,
    "environment.shocks": [5],
    "direction.evaluation_interval": 3,
    "communication.levels": ["rules", "insights", "principles"],
    "management.directive_pressure": 0.1,
    "management.alignment_effort": 0.2,
    "learning.reflection_threshold": 0.0,
}
"""Every mechanism switched on, turnover, shocks and evaluations included."""
