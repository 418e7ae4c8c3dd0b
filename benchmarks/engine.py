"""The cost of a week per person: the array engine with Mesa agents, headless, and the readable step.

At each size and network kind three forms of the same model are built from the same seed, with
every mechanism on and every metric recorded every week:

- ``mesa``: :class:`~orglearn.simulation.LearningOrganization` with the array engine (what users
  run; the people are Mesa agents whose attributes are views into the arrays);
- ``headless``: the bare :class:`~orglearn.simulation.Engine` and a recorder (what sweeps run);
- ``readable``: the Mesa model stepping person by person through :mod:`orglearn.agents.behaviour`,
  the executable specification.

They follow the same trajectory (a test shows it), so timing them over the same weeks compares
equal work. Larger sizes time the headless engine alone.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from orglearn.benchmarks import timing
from orglearn.benchmarks.config import BASE_SCENARIO, Sizes, settings

SEED = 1
"""Every timed model starts from this seed, so runs of the benchmark time the same weeks."""

Log = Callable[[str], None]


def build(
    kind: str, people: int, forms: tuple[str, ...]
) -> tuple[dict[str, Callable[[], object]], dict, int]:
    """Build the forms of one organization.

    Args:
        kind: Network kind.
        people: Its size.
        forms: Which of ``mesa``, ``headless`` and ``readable`` to build.

    Returns:
        Name to a function running one week; name to seconds spent building; the number of ties.
    """
    from orglearn.scenarios import load_scenario
    from orglearn.simulation import Engine, LearningOrganization
    from orglearn.simulation.recorder import Recorder

    scenario = load_scenario(BASE_SCENARIO, settings(kind, people))
    steps: dict[str, Callable[[], object]] = {}
    seconds: dict[str, float] = {}
    ties = 0
    for form in forms:
        start = time.perf_counter()
        if form == "headless":
            engine = Engine(scenario, np.random.default_rng(SEED))
            recorder = Recorder(engine.values)
            recorder.record(engine.state)
            steps[form] = _headless_week(engine, recorder)
            ties = engine.state.ties.count
        else:
            model = LearningOrganization(scenario, seed=SEED, engine="fast" if form == "mesa" else "readable")
            steps[form] = model.step
            ties = model.state.ties.count
        seconds[form] = time.perf_counter() - start
    return steps, seconds, ties


def _headless_week(engine: Any, recorder: Any) -> Callable[[], object]:
    def week() -> object:
        engine.step()
        return recorder.record(engine.state)

    return week


def time_size(kind: str, people: int, forms: tuple[str, ...], sizes: Sizes) -> dict[str, Any]:
    """Time the forms of one organization side by side.

    Returns:
        One row of the engine table: costs per week and per person-week, ratios, spreads.
    """
    steps, build_seconds, ties = build(kind, people, forms)
    slowest = max(timing.time_once(step, sizes.warmup) for step in steps.values())
    weeks = timing.weeks_for(slowest, sizes.budget)
    seconds = timing.lockstep(steps, weeks, sizes.repeats)
    del steps
    gc.collect()
    row: dict[str, Any] = {
        "kind": kind,
        "people": people,
        "ties": ties,
        "weeks_per_repeat": weeks,
        "repeats": sizes.repeats,
        "build_seconds": build_seconds,
        "seconds_per_week": {form: timing.median(values) for form, values in seconds.items()},
        "us_per_person_week": {
            form: timing.median(values) / people * 1e6 for form, values in seconds.items()
        },
        "spread": {form: timing.spread(values) for form, values in seconds.items()},
        "samples": seconds,
        "ratios": {},
    }
    for numerator, denominator in (("readable", "mesa"), ("readable", "headless"), ("mesa", "headless")):
        if numerator in seconds and denominator in seconds:
            value, spread = timing.paired_ratio(seconds[numerator], seconds[denominator])
            row["ratios"][f"{numerator}/{denominator}"] = {"median": value, "spread": spread}
    return row


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
            log("  " + ", ".join(f"{f} {v:.2f} µs" for f, v in row["us_per_person_week"].items()))
    return {"rows": rows, "scaling": scaling(rows)}


def scaling(rows: list[dict[str, Any]], low: int = 1_000, high: int = 100_000) -> dict[str, Any]:
    """How the cost of a week grows from ``low`` to ``high`` people, per kind and form.

    The exponent is fitted on people and, separately, on people plus ties (what a week's work is
    proportional to).
    """
    result: dict[str, Any] = {}
    for kind in sorted({row["kind"] for row in rows}):
        result[kind] = {}
        for form in ("headless", "mesa"):
            points = [
                (row["people"], row["ties"], row["seconds_per_week"][form])
                for row in rows
                if row["kind"] == kind and low <= row["people"] <= high and form in row["seconds_per_week"]
            ]
            if len({p for p, _, _ in points}) < 2:
                continue
            people, ties, cost = zip(*points, strict=True)
            result[kind][form] = {
                "from": min(people),
                "to": max(people),
                "exponent_people": timing.scaling_exponent(people, cost),
                "exponent_people_and_ties": timing.scaling_exponent(
                    [p + t for p, t in zip(people, ties, strict=True)], cost
                ),
            }
    return result
