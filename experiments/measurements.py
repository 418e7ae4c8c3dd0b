"""Does the model say something? The measurements a researcher makes first, in one table.

Each measurement asks whether a property of a learning organization changes how well the
organization does, not only how alike its people are: how far apart the named scenarios end, how
often the double and triple loops fire, what tie quality, external openness and boundary spanners
do, how much shared meaning needs communication, and whether the history of management style
matters. The same measurements run on any settings laid over every scenario (``--set``), so the
model with a mechanism switched on can be set beside the model without it, on the same seeds::

    python -m orglearn.experiments.measurements --seeds 5
    python -m orglearn.experiments.measurements --seeds 5 --set communication.agreement_commitment=0.02
    python -m orglearn.experiments.measurements --seeds 5 --proposed

``--proposed`` switches on every mechanism that is off by default, at the values its parameter
rows propose (:data:`~orglearn.simulation.limits.PROPOSED`).

Every number is a mean over the seeds (1 .. ``--seeds``) of the scenario's own settings plus the
laid-over ones; contrasts are paired (the same seeds on both sides).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from orglearn.scenarios import Scenario, load_scenario, scenario_names
from orglearn.scenarios.scenario import ScenarioError, parse_assignment
from orglearn.simulation.limits import PROPOSED
from orglearn.simulation.run import run_model

WEEKS = 300
AT = 150
"""The week at which the spread across scenarios and the contrasts are read."""

GOALS = "goal_alignment_org"

SILENT_TALK = {
    "communication.conversation_rate": 0.0,
    "communication.meeting_interval": 0,
    "management.directive_pressure": 0.0,
    "management.alignment_effort": 0.0,
}
"""No conversations, no meetings, no pressure down the line, no alignment: nobody talks."""


def _runs(scenario: Scenario, seeds: int, weeks: int = WEEKS) -> list[pd.DataFrame]:
    return [run_model(scenario, weeks, seed=seed).metrics for seed in range(1, seeds + 1)]


def _at(runs: list[pd.DataFrame], metric: str, week: int = AT) -> float:
    return float(np.mean([frame.loc[frame["step"] == week, metric].iloc[0] for frame in runs]))


def _contrast(
    base: Scenario, key: str, low: Any, high: Any, metric: str, seeds: int, extra: Mapping[str, Any]
) -> tuple[float, float]:
    lows = _runs(base.with_values({**extra, key: low}), seeds, AT)
    highs = _runs(base.with_values({**extra, key: high}), seeds, AT)
    return _at(lows, metric), _at(highs, metric)


def measure(seeds: int, extra: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every measurement, as (what was measured, what came out) pairs, in reading order.

    Args:
        seeds: Paired seeds per setting (1 .. seeds).
        extra: Settings laid over every scenario.
    """
    rows: list[tuple[str, str]] = []
    named = [name for name in scenario_names() if not load_scenario(name).interventions]
    ends: dict[str, dict[str, float]] = {}
    reflecting, questioning = {}, {}
    for name in named:
        runs = _runs(load_scenario(name).with_values(dict(extra)), seeds)
        ends[name] = {m: _at(runs, m) for m in ("fit_org", "shared_meaning_rules_org", "vision_fit")}
        reflecting[name] = float(np.mean([frame["reflecting_share"].iloc[1:].mean() for frame in runs]))
        questioning[name] = float(
            np.mean([frame.loc[frame["step"] > 40, "questioning_share"].mean() for frame in runs])
        )
    table = pd.DataFrame(ends).T
    for metric in table.columns:
        rows.append(
            (
                f"{metric} at week {AT}, across {len(named)} scenarios",
                f"{table[metric].min():.3f} to {table[metric].max():.3f}",
            )
        )
    low, high = min(reflecting, key=reflecting.__getitem__), max(reflecting, key=reflecting.__getitem__)
    rows.append(
        (
            "person-weeks reflecting (double loop)",
            f"{100 * reflecting[low]:.2f}% ({low}) to {100 * reflecting[high]:.2f}% ({high})",
        )
    )
    rows.append(
        ("questioning_share after week 40, mean over scenarios", f"{np.mean(list(questioning.values())):.4f}")
    )
    baseline = load_scenario("baseline")
    for key, low_value, high_value, metric in (
        ("network.tie_quality_mean", 0.3, 0.9, "fit_org"),
        ("communication.external_openness", 0.0, 1.0, "vision_fit"),
        ("direction.boundary_spanners", 0.0, 0.3, "vision_fit"),
        ("direction.boundary_spanners", 0.0, 0.3, "fit_org"),
    ):
        a, b = _contrast(baseline, key, low_value, high_value, metric, seeds, extra)
        rows.append((f"{key} {low_value} -> {high_value}: {metric}", f"{a:.3f} -> {b:.3f} ({b - a:+.3f})"))
    silent = _at(_runs(baseline.with_values({**extra, **SILENT_TALK}), seeds, AT), "shared_meaning_rules_org")
    talking = _at(_runs(baseline.with_values(dict(extra)), seeds, AT), "shared_meaning_rules_org")
    rows.append(("shared rules, nobody talks vs baseline", f"{silent:.3f} vs {talking:.3f}"))
    switch = _runs(load_scenario("new_director").with_values(dict(extra)), seeds)
    aligning = _runs(load_scenario("aligning").with_values(dict(extra)), seeds)
    for week in (100, 150, 300):
        rows.append(
            (
                f"goal_alignment_org at week {week}: directive -> aligning at 100 vs always aligning",
                f"{_at(switch, GOALS, week):.3f} vs {_at(aligning, GOALS, week):.3f}",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the measurements for the model as it is, or with settings laid over every scenario."""
    parser = argparse.ArgumentParser(
        prog="python -m orglearn.experiments.measurements", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seeds", type=int, default=5, help="paired seeds per setting (default 5)")
    parser.add_argument(
        "--proposed",
        action="store_true",
        help="every mechanism that is off by default, at its proposed value",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a setting laid over every scenario"
    )
    args = parser.parse_args(argv)
    try:
        extra = {**(PROPOSED if args.proposed else {}), **dict(parse_assignment(text) for text in args.set)}
        load_scenario("baseline").with_values(extra)  # every laid-over value checked before a run
    except ScenarioError as problem:
        print(f"{parser.prog}: {problem}", file=sys.stderr)
        return 2
    for what, value in measure(args.seeds, extra):
        print(f"{what:78s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
