"""What the served app is willing to build: its own limits, below those of the parameter table.

The parameter table allows organizations of two million people, because a researcher may run
one on a machine of their own with ``orglearn run``. A served app shares one machine between
everyone who opens it, so it refuses anything larger than these limits *before* a model is built:
a refused build costs nothing, and no single person (or a 33-byte file) can take the server down.
The same limits are stated on screen (``limits.note`` in the string files).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .player import MAX_WEEK

MAX_PEOPLE = 5_000
"""People in one organization (the learning organization's ``people``, March's ``n``). Beyond
this the network chart also outgrows what the chart library draws."""
MAX_DIMENSIONS = 1_000
"""Dimensions of reality in March's model: with ``n`` people it holds ``n × m`` beliefs."""
MAX_WEEKS = MAX_WEEK
"""Weeks one run may reach (Play stops there; longer runs are refused)."""
MAX_COMPARE_WEEKS = 2_000
"""Weeks per run in a comparison."""
MAX_RUNS = 100
"""Runs (seeds) per scenario in one comparison."""
MAX_UPLOAD_BYTES = 256 * 1024
"""Bytes of one uploaded scenario file (the largest shipped scenario is a few KiB)."""

SIZES: Mapping[str, tuple[int, str]] = {
    "organization.people": (MAX_PEOPLE, "people"),
    "march.n": (MAX_PEOPLE, "people"),
    "march.m": (MAX_DIMENSIONS, "dimensions"),
}
"""Parameters whose value sets the size of the model, with the app's limit and its unit."""


def beyond(values: Mapping[str, Any]) -> list[tuple[str, int, str]]:
    """The settings that make a model larger than the app builds.

    Args:
        values: Dotted parameter names and values (a scenario's, or one edit).

    Returns:
        ``(name, most, unit)`` for every setting over its limit; empty if the model may be built.
    """
    found = []
    for name, (most, unit) in SIZES.items():
        value = values.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > most:
            found.append((name, most, unit))
    return found


def note_values() -> dict[str, Any]:
    """The numbers the on-screen note about the limits fills in (the page writes them in its language)."""
    return {
        "people": MAX_PEOPLE,
        "weeks": MAX_WEEKS,
        "runs": MAX_RUNS,
        "compare_weeks": MAX_COMPARE_WEEKS,
        "kib": MAX_UPLOAD_BYTES // 1024,
    }
