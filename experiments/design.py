"""Designs: the points of parameter space a sweep visits.

A full-factorial grid visits every combination of the factors' levels, the first factor varying
slowest. The sampled designs come from well-kept libraries rather than a sampler of our own:
a Latin hypercube from :mod:`scipy.stats.qmc`, and Saltelli's Sobol sample and Morris trajectories
from SALib, whose analyses need exactly the samples their own samplers make. All three are drawn
in the unit cube from the sweep's design stream (:func:`~orglearn.experiments.seeds.design_rng`)
and mapped to parameter values by :meth:`~orglearn.experiments.factors.Factor.from_unit`.

The design is built once, checked point by point against the scenario rules (so a grid that puts
teams larger than the organization is refused before anything runs), and stored with the results
(``design.parquet``), coordinates included: a resumed sweep and the sensitivity analysis read it
back instead of drawing it again.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pandas as pd

from orglearn.experiments.factors import GRID, SCENARIO
from orglearn.experiments.seeds import design_rng
from orglearn.experiments.spec import SweepError, SweepSpec
from orglearn.scenarios import ScenarioError
from orglearn.scenarios.interventions import check_weeks

UNIT = "u."
"""Prefix of the unit-cube coordinate columns of a sampled design."""
MAX_POINTS = 10_000_000
SHOWN_PROBLEMS = 5


def point_count(spec: SweepSpec) -> int:
    """How many design points the sweep has, without building them."""
    if spec.design == GRID:
        return math.prod(len(f.levels) for f in spec.factors)
    d, n = len(spec.factors), spec.samples or 0
    if spec.design == "sobol":
        return n * (2 * d + 2 if spec.second_order else d + 2)
    if spec.design == "morris":
        return n * (d + 1)
    return n


def salib_problem(spec: SweepSpec) -> dict[str, Any]:
    """The SALib problem: every factor on [0, 1] (values are mapped from there)."""
    names = spec.factor_names
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def unit_sample(spec: SweepSpec) -> np.ndarray:
    """The sampled design's coordinates in the unit cube, one row per point."""
    from SALib.sample import morris, sobol
    from scipy.stats import qmc

    rng = design_rng(int(spec.seed or 0))
    if spec.design == "lhs":
        try:
            sampler = qmc.LatinHypercube(len(spec.factors), rng=rng)
        except TypeError:  # scipy before 1.15 calls it seed
            sampler = qmc.LatinHypercube(len(spec.factors), seed=rng)
        return sampler.random(spec.samples or 0)
    if spec.design == "sobol":
        return sobol.sample(
            salib_problem(spec), spec.samples, calc_second_order=spec.second_order, scramble=True, seed=rng
        )
    return morris.sample(salib_problem(spec), spec.samples, num_levels=spec.levels, seed=rng)


def build_design(spec: SweepSpec) -> pd.DataFrame:
    """Every design point: a ``point`` column, one column per factor, and unit coordinates.

    Raises:
        SweepError: If the design is too large.
    """
    count = point_count(spec)
    if count > MAX_POINTS:
        raise SweepError([f"the design has {count:,} points; the most a sweep can hold is {MAX_POINTS:,}"])
    names = spec.factor_names
    if spec.design == GRID:
        rows = list(itertools.product(*(f.levels for f in spec.factors)))
        frame = pd.DataFrame(rows, columns=names) if names else pd.DataFrame(index=range(1))
    else:
        unit = unit_sample(spec)
        frame = pd.DataFrame(
            {f.name: [f.from_unit(u) for u in unit[:, j]] for j, f in enumerate(spec.factors)}
        )
        for j, name in enumerate(names):
            frame[UNIT + name] = unit[:, j]
    for factor in spec.factors:
        if factor.is_scenario or factor.parameter.type == "choice":
            frame[factor.name] = frame[factor.name].astype(object)
    frame.insert(0, "point", np.arange(len(frame), dtype=np.int64))
    return frame.reset_index(drop=True)


def point_values(design: pd.DataFrame, names: list[str]) -> list[dict[str, Any]]:
    """Each point's factor values as plain Python values, as the design lists them."""
    columns = [design[name].tolist() for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)] or [
        {} for _ in range(len(design))
    ]


def point_changes(spec: SweepSpec, design: pd.DataFrame) -> list[dict[str, Any]]:
    """What each point changes in the base scenario: its factor values, a varied scenario expanded.

    A point that names a scenario takes every value in which that scenario (with the sweep's
    fixed settings) differs from the base, then the point's other factor values.
    """
    points = point_values(design, spec.factor_names)
    if SCENARIO not in spec.factor_names:
        return points
    base = spec.base.values
    expanded = []
    for point in points:
        arm = spec.arms[point.pop(SCENARIO)]
        changes = {k: (list(v) if isinstance(v, tuple) else v) for k, v in arm.items() if base[k] != v}
        expanded.append({**changes, **point})
    return expanded


def check_design(spec: SweepSpec, design: pd.DataFrame) -> None:
    """Refuse a design any of whose points is not a valid scenario, naming the first few.

    Raises:
        SweepError: With the failing points and what the scenario rules say about them.
    """
    problems: list[str] = []
    bad = 0
    for index, changes in enumerate(point_changes(spec, design)):
        if not changes:
            continue
        try:
            point = spec.base.with_values(changes, source=f"design point {index}")
            if late := check_weeks(point.interventions, spec.steps):
                raise ScenarioError(late)
        except ScenarioError as err:
            bad += 1
            if len(problems) < SHOWN_PROBLEMS:
                shown = ", ".join(f"{k}={v}" for k, v in changes.items())
                problems.append(f"design point {index} ({shown}): " + "; ".join(err.problems))
    if bad:
        more = f" and {bad - len(problems)} more" if bad > len(problems) else ""
        problems.append(
            f"{bad} design point(s) are not valid scenarios{more}: narrow the ranges or fix --set"
        )
        raise SweepError(problems)
