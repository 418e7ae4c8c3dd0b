"""Checks across parameters: values that are each allowed but do not fit together.

A value is checked against its own range by the parameter table; some combinations are wrong
although each value is fine (a team larger than the organization). Each model has one function
here that finds them, naming where each value came from and what would be allowed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

Where = Callable[[str], str]
"""Where a value came from (a file, ``--set``, or the defaults), for the message."""

BETA_TRAITS = (
    ("network.actorship_mean", "network.actorship_sd"),
    ("communication.openness_mean", "communication.openness_sd"),
    ("learning.capacity_mean", "learning.capacity_sd"),
    ("network.tie_quality_mean", "network.tie_quality_sd"),
)
GENERIC_NETWORKS = ("small_world", "scale_free", "random")
COMPLETE_LIMIT = 5000


def organization_checks(values: Mapping[str, Any], where: Where) -> list[str]:
    """Values of the learning-organization model that are each allowed but do not fit together."""
    problems = []
    people, team = values["organization.people"], values["organization.team_size"]
    if not values["organization.chart"] and team > people:
        problems.append(
            f"{where('organization.team_size')}: organization.team_size: {team} is larger than "
            f"organization.people ({people}); use a team size from 2 to {people}"
        )
    for mean_key, sd_key in BETA_TRAITS:
        mean, sd = values[mean_key], values[sd_key]
        limit = math.sqrt(mean * (1 - mean))
        if sd > 0 and sd >= limit:
            problems.append(
                f"{where(sd_key)}: {sd_key}: {sd} is too large for {mean_key} = {mean}; "
                f"use a spread from 0 to below {limit:.3f} (the square root of mean × (1 − mean))"
            )
    kind, degree = values["network.kind"], values["network.degree"]
    if kind in GENERIC_NETWORKS and not values["organization.chart"] and degree >= people:
        problems.append(
            f"{where('network.degree')}: network.degree: {degree} ties per person need more "
            f"than {degree} people; use a degree from 1 to {people - 1}"
        )
    if kind == "small_world" and degree < 2:
        problems.append(
            f"{where('network.degree')}: network.degree: a small world needs at least 2 ties "
            "per person; use a degree from 2 up"
        )
    chart, ties = values["organization.chart"], values["network.ties"]
    if kind == "chart" and not chart:
        problems.append(
            f"{where('network.kind')}: network.kind: 'chart' takes the ties from an org chart "
            "file; set organization.chart too"
        )
    if kind == "chart" and chart.lower().endswith(".csv") and not ties:
        problems.append(
            f"{where('network.kind')}: network.kind: 'chart' with a people CSV needs "
            "network.ties, an edge-list CSV"
        )
    if ties and kind != "chart":
        problems.append(
            f"{where('network.ties')}: network.ties: a ties file is used only with "
            f"network.kind = 'chart' (now {kind!r})"
        )
    themes, depend = values["organization.themes"], values["task.interdependence"]
    if values["task.ruggedness"] > 0 and depend >= themes:
        problems.append(
            f"{where('task.interdependence')}: task.interdependence: a theme can depend on at "
            f"most the {themes - 1} other themes; use an interdependence from 0 to {themes - 1}"
        )
    if kind == "complete" and not values["organization.chart"] and people > COMPLETE_LIMIT:
        problems.append(
            f"{where('network.kind')}: network.kind: a complete network of {people} people has "
            f"{people * (people - 1) // 2} ties; use it with at most {COMPLETE_LIMIT} people"
        )
    return problems


def march_checks(values: Mapping[str, Any], where: Where) -> list[str]:
    """March's model has no combinations to refuse: every value in range fits."""
    return []
