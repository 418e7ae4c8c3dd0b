"""Settings shared by the tests: everything off, or everything on."""

from orglearn.simulation.limits import EVERY_MECHANISM, FORESIGHT_AND_CODE, SILENT

__all__ = ["EVERYTHING", "FORESIGHT_AND_CODE", "QUIET"]

QUIET = dict(SILENT)
"""Every mechanism switched off: nothing changes unless a test switches something on."""

EVERYTHING = {**EVERY_MECHANISM, "organization.people": 60}
"""Every mechanism switched on, turnover, shocks and evaluations included."""
