"""The cost of a week per person: the array engine with Mesa agents, headless, and the readable step.

At each size and network kind three forms of the same model are built from the same seed, with
every mechanism on and every metric recorded every week:

- ``mesa``: :class:`~orglearn.simulation.LearningOrganization` with the array engine (what users
  run; the people are Mesa agents whose attributes are views into the arrays);
- ``headless``: the bare :class:`~orglearn.simulation.Engine` and a recorder (what sweeps run);
- ``readable``: the Mesa model stepping person by person through :mod:`orglearn.agents.behaviour`,
  the executable specification.

They follow the same trajectory (a test shows it), so timing them over the same weeks compares
equal work. Larger sizes time the headless engine alone. Each sample is long enough (50 ms or
more for the fastest form; see :func:`.timing.calibrate`) and is read on the wall clock and the
CPU clock.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import numpy as np

from orglearn.benchmarks import timing
from orglearn.benchmarks.config import BASE_SCENARIO, Sizes, settings
from orglearn.simulation.model import EngineKind

SEED = 1
"""Every timed model starts from this seed, so runs of the benchmark time the same weeks."""

Log = Callable[[str], None]


PAIRS = (("readable", "mesa"), ("readable", "headless"), ("mesa", "headless"))
"""The ratios reported per row: the speed-up over the readable step, and what Mesa agents cost."""


def build(
    kind: str, people: int, forms: tuple[str, ...]
) -> tuple[dict[str, Callable[[], object]], dict[str, timing.Sample], int]:
    """Build the forms of one organization.

    Args:
        kind: Network kind.
        people: Its size.
        forms: Which of ``mesa``, ``headless`` and ``readable`` to build.

    Returns:
        Name to a function running one week; name to the time spent building; the number of ties.
    """
    from orglearn.scenarios import load_scenario
    from orglearn.simulation import Engine, LearningOrganization
    from orglearn.simulation.recorder import RecordedEngine

    scenario = load_scenario(BASE_SCENARIO, settings(kind, people))
    steps: dict[str, Callable[[], object]] = {}
    built: dict[str, timing.Sample] = {}
    ties = 0
    for form in forms:
        with timing.Stopwatch() as watch:
            if form == "headless":
                run = RecordedEngine(Engine(scenario, np.random.default_rng(SEED)))
                steps[form] = run.step
                ties = run.engine.state.ties.count
            else:
                kind_: EngineKind = "fast" if form == "mesa" else "readable"
                model = LearningOrganization(scenario, seed=SEED, engine=kind_)
                steps[form] = model.step
                ties = model.state.ties.count
        built[form] = watch.sample
    return steps, built, ties


def _clocks(samples: dict[str, timing.Sample]) -> dict[str, dict[str, float]]:
    return {clock: {form: sample[clock] for form, sample in samples.items()} for clock in timing.CLOCKS}


def time_size(kind: str, people: int, forms: tuple[str, ...], sizes: Sizes) -> dict[str, Any]:
    """Time the forms of one organization side by side.

    The first week of each form is timed on its own and reported as a cold cost beside the
    build (it allocates the scratch memory later weeks reuse); the remaining warm-up weeks and
    the calibration rounds are not timed into the medians.

    Returns:
        One row of the engine table: costs per week and per person-week on both clocks, paired
        ratios and their spreads, the cold costs, and how the weeks per sample were found.
    """
    steps, built, ties = build(kind, people, forms)
    variants = {form: timing.local(step) for form, step in steps.items()}
    first_week = {form: variants[form](1) for form in forms}
    for variant in variants.values():
        variant(max(0, sizes.warmup - 1))
    weeks, calibration = timing.calibrate(variants)
    seconds = timing.lockstep(variants, weeks, sizes.repeats)
    del steps, variants
    gc.collect()
    found = timing.summary(seconds)
    return {
        "kind": kind,
        "people": people,
        "ties": ties,
        "weeks_per_sample": weeks,
        "calibration": calibration,
        "repeats": sizes.repeats,
        "cold": {"build_seconds": _clocks(built), "first_week_seconds": _clocks(first_week)},
        "seconds_per_week": found["median"],
        "us_per_person_week": timing.summary(seconds, people / 1e6)["median"],
        "spread": found["spread"],
        "samples": seconds,
        "ratios": timing.ratios(seconds, PAIRS),
    }


def run(sizes: Sizes, log: Log) -> dict[str, Any]:
    """Time every size and kind of the mode; add the scaling exponents.

    Returns:
        ``{"rows": [...], "scaling": {kind: {form: {...}}}}``.
    """
    rows = []
    for kind in sizes.kinds:
        for people in sorted({*sizes.engine, *sizes.headless}):
            forms = ("mesa", "headless") if people in sizes.engine else ("headless",)
            if people in sizes.readable:
                forms = (*forms, "readable")
            log(f"engine: {kind}, {people:,} people: {', '.join(forms)}")
            row = time_size(kind, people, forms, sizes)
            rows.append(row)
            cost = row["us_per_person_week"]
            log(
                f"  {row['weeks_per_sample']} weeks per sample; µs per person-week (wall/cpu): "
                + ", ".join(f"{f} {cost['wall'][f]:.2f}/{cost['cpu'][f]:.2f}" for f in forms)
            )
    return {"rows": rows, "scaling": scaling(rows)}


def scaling(rows: list[dict[str, Any]], low: int = 1_000, high: int = 100_000) -> dict[str, Any]:
    """How the cost of a week grows from ``low`` to ``high`` people, per kind, form and clock.

    The exponent is fitted on people and, separately, on people plus ties (what a week's work is
    proportional to).
    """
    result: dict[str, Any] = {}
    for kind in sorted({row["kind"] for row in rows}):
        result[kind] = {}
        for form in ("headless", "mesa"):
            chosen = [
                row
                for row in rows
                if row["kind"] == kind and low <= row["people"] <= high and form in row["samples"]["wall"]
            ]
            if len({row["people"] for row in chosen}) < 2:
                continue
            people = [row["people"] for row in chosen]
            work = [row["people"] + row["ties"] for row in chosen]
            fit: dict[str, Any] = {"from": min(people), "to": max(people)}
            for clock in timing.CLOCKS:
                cost = [row["seconds_per_week"][clock][form] for row in chosen]
                fit[clock] = {
                    "exponent_people": timing.scaling_exponent(people, cost),
                    "exponent_people_and_ties": timing.scaling_exponent(work, cost),
                }
            result[kind][form] = fit
    return result
