"""The shipped screen over every setting keeps up with the parameter table.

``screening_every`` claims to screen every setting of the model; these tests make that claim
fail as soon as a row is added to the parameter table without being screened or named as left
out, and check that every point of the shipped design is a valid scenario at both sizes it is
run at, so the screen cannot fall behind the model again unnoticed.
"""

from __future__ import annotations

import math
import re

import pytest

from orglearn.experiments.design import build_design, check_design
from orglearn.experiments.source import Source
from orglearn.experiments.spec import build_spec, locate_experiment, merge, read_experiment
from orglearn.scenarios import parameter_table

SIZES = (60, 480)
"""The organization sizes the header says the screen is run at."""


def _header() -> str:
    """The comment above ``[experiment]``, as one line of text."""
    text = locate_experiment("screening_every").read_text()
    lines = text.split("[experiment]", 1)[0].splitlines()
    return " ".join(line.lstrip("# ").strip() for line in lines)


def _left_out() -> str:
    """The header's paragraph on what is left out, up to the next paragraph."""
    header = _header()
    assert "Left out, and why:" in header
    return header.split("Left out, and why:", 1)[1].split("Kept valid", 1)[0]


def _spec(people: int | None = None):
    flags = Source()
    if people is not None:
        flags.settings["organization.people"] = people
        flags.where["set:organization.people"] = "--set"
    return build_spec(merge(read_experiment(locate_experiment("screening_every")), flags))


def _named(name: str, text: str) -> bool:
    """Whether ``text`` names the parameter, itself or by its group's wildcard."""
    group = name.split(".", 1)[0]
    return re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text) is not None or f"{group}.*" in text


def test_every_parameter_is_screened_or_named_as_left_out():
    spec = _spec()
    screened = set(spec.factor_names)
    left_out = _left_out()
    missing = [
        name for name in parameter_table("orglearn") if name not in screened and not _named(name, left_out)
    ]
    assert not missing, f"neither screened nor named as left out in the header: {missing}"
    both = [name for name in screened if _named(name, left_out)]
    assert not both, f"screened and also named as left out: {both}"


def test_the_header_counts_match_the_spec():
    spec = _spec()
    runs = spec.samples * (len(spec.factors) + 1) * spec.replications
    header = _header()
    expected = (
        f"{spec.samples} trajectories x ({len(spec.factors)} + 1) points x {spec.replications} "
        f"replications = {runs:,} runs of {spec.steps} weeks"
    )
    assert expected in header


def test_the_ranges_keep_every_cross_check_for_any_draw():
    # Independent of the seed: the box itself satisfies what the scenario rules check together.
    factors = {f.name: f for f in _spec().factors}
    themes, depend = factors["organization.themes"], factors["task.interdependence"]
    assert depend.high < themes.low
    for mean, sd in (
        ("network.actorship_mean", "network.actorship_sd"),
        ("communication.openness_mean", "communication.openness_sd"),
        ("learning.capacity_mean", "learning.capacity_sd"),
        ("network.tie_quality_mean", "network.tie_quality_sd"),
    ):
        low, high = factors[mean].low, factors[mean].high
        assert factors[sd].high < min(math.sqrt(m * (1 - m)) for m in (low, high))
    assert factors["network.degree"].high < min(SIZES)
    assert factors["organization.team_size"].high <= min(SIZES)


@pytest.mark.parametrize("people", SIZES)
def test_every_design_point_is_a_valid_scenario(people):
    spec = _spec(people)
    check_design(spec, build_design(spec))  # raises, naming the points, if any is refused
