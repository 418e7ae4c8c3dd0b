"""Settings shared by the tests: everything off, or everything on."""

from orglearn.simulation.limits import EVERY_MECHANISM, SILENT

QUIET = dict(SILENT)
"""Every mechanism switched off: nothing changes unless a test switches something on."""

EVERYTHING = {**EVERY_MECHANISM, "organization.people": 60}
"""Every mechanism switched on, turnover, shocks and evaluations included."""

FORESIGHT_AND_CODE = {
    "environment.momentum": 0.9,
    "direction.shared_blind_spot": 0.5,
    "direction.horizon": 13.0,
    "direction.adjustment_threshold": 0.05,
    "code.learning": 0.1,
    "code.socialization": 0.05,
}
"""The switches that are off by default turned on: a world with trends, shared blind spots, looking
ahead, adjusting only where needed, and the organization's code."""
