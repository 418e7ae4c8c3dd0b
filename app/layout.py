"""Where each person is drawn: an org-chart layout computed once per organization and cached.

A spring layout costs seconds at 1,000 people and moves everyone on every reset. The org chart
already says where people belong, so the layout follows it: the leadership team in the middle,
every other team as a small disc on a ring around it, teams of one department side by side, the
team lead at the centre of the disc. Ties are drawn on top of these positions, so a rake and a
network organization of the same chart look alike except for their ties, which is the point.

The result depends only on the chart and is cached by a digest of it, so resets, frames and
the two sides of a comparison reuse it.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

from orglearn.simulation.structure import OrgChart

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
DISC = 0.45
"""Radius of a team's disc per square root of its members (in layout units)."""
GAP = 1.35
"""Space around each disc on the ring, as a multiple of its diameter."""
_CACHE: dict[str, Layout] = {}
_CACHE_SIZE = 64


@dataclass(frozen=True)
class Layout:
    """Positions of people and of team centres, scaled to the square from -1 to 1.

    Attributes:
        x: (N,) horizontal position per person.
        y: (N,) vertical position per person.
        team_x: (T,) horizontal position of each team's centre.
        team_y: (T,) vertical position of each team's centre.
        team_size: (T,) members per team.
    """

    x: np.ndarray
    y: np.ndarray
    team_x: np.ndarray
    team_y: np.ndarray
    team_size: np.ndarray


def chart_digest(chart: OrgChart) -> str:
    """A fingerprint of the chart's structure, the cache key of its layout."""
    digest = hashlib.sha1(usedforsecurity=False)
    for array in (chart.team, chart.department, chart.rank, chart.superior):
        digest.update(np.ascontiguousarray(array, dtype=np.int64).tobytes())
    return digest.hexdigest()


def layout_for(chart: OrgChart) -> Layout:
    """The layout of a chart, computed on first use and then taken from the cache."""
    key = chart_digest(chart)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = compute_layout(chart)
    return _CACHE[key]


def _disc(count: int, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Points filling a disc evenly (a sunflower pattern), the first one at the centre."""
    k = np.arange(count, dtype=float)
    r = radius * np.sqrt(k / max(count, 1))
    angle = k * GOLDEN_ANGLE
    return r * np.cos(angle), r * np.sin(angle)


def compute_layout(chart: OrgChart) -> Layout:
    """Lay out the chart: leadership in the middle, teams on a ring, grouped by department."""
    n, teams = chart.size, chart.n_teams
    size = np.bincount(chart.team, minlength=teams)
    radius = DISC * np.sqrt(np.maximum(size, 1))
    centre_x, centre_y = np.zeros(teams), np.zeros(teams)
    ring = np.arange(1, teams) if teams > 1 else np.array([], dtype=int)
    if len(ring):
        department = np.array([int(np.max(chart.department[chart.team == t])) for t in ring])
        ring = ring[np.lexsort((ring, department))]
        diameters = 2 * GAP * radius[ring]
        circumference = max(float(diameters.sum()), 2 * math.pi * 2.5 * radius[0])
        big = circumference / (2 * math.pi)
        angle = (np.cumsum(diameters) - diameters / 2) / circumference * 2 * math.pi
        centre_x[ring] = big * np.cos(angle)
        centre_y[ring] = big * np.sin(angle)
    x, y = np.zeros(n), np.zeros(n)
    for t in range(teams):
        members = np.flatnonzero(chart.team == t)
        members = members[np.lexsort((members, -chart.rank[members]))]
        dx, dy = _disc(len(members), radius[t])
        x[members], y[members] = centre_x[t] + dx, centre_y[t] + dy
    scale = max(float(np.max(np.abs(np.concatenate([x, y])))), 1e-9) * 1.05
    return Layout(x / scale, y / scale, centre_x / scale, centre_y / scale, size)
