"""Docking with Lazer & Friedman (2007): on a rugged task, the dense network is fast but ends lower.

Lazer & Friedman's (2007) agents search an NK landscape (N = 20, K = 5): each round they copy
the best-performing neighbour if that one does better, and otherwise try a one-bit change and
keep it if it pays. A network that spreads information efficiently (everyone tied) finds good
solutions fastest but converges on one of them early; an inefficient one keeps its diversity
longer and ends higher. orglearn's model reduced to local search and imitation on a fully
rugged task (:func:`~orglearn.simulation.limits.lazer_friedman`) is run on paired seeds (each
seed draws the same landscape and the same starting people for every network, because the task,
the population and the environment each have their own stream) with everyone tied
(``complete``), with only the reporting lines (``rake``, a tree) and with a ring plus the
reporting lines (``small_world`` with degree 2 and no rewiring). The outcome is the mean
fitness of people's choices (``task_fitness_individual``: 0 the mean over all choices, 1 the
best); the check passes when the complete network is ahead early (paired 95% interval of the
difference above 0) and behind at the end (interval below 0).

Run it with ``python -m orglearn.experiments.docking`` (see the README's section on it). With
``--scenarios network_org rake`` it runs named scenarios instead, with every mechanism as they
set it and only the task made rugged (ρ = 1, N, K and imitation 1 as given): whether the
finding survives the rest of the model.

References:
    Lazer, D. & Friedman, A. (2007). The network structure of exploration and exploitation.
    *Administrative Science Quarterly* 52(4), 667-694.
    Axtell, R., Axelrod, R., Epstein, J. M. & Cohen, M. D. (1996). Aligning simulation models:
    a case study and results. *Computational and Mathematical Organization Theory* 1(2),
    123-141 (docking).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from orglearn.experiments.stats import interval
from orglearn.scenarios import Scenario, load_scenario, parse_assignment, scenario_from_values
from orglearn.simulation.engine import Engine
from orglearn.simulation.limits import lazer_friedman
from orglearn.simulation.metrics import task_fitness
from orglearn.simulation.stepping import advance

KINDS = ("complete", "rake", "small_world")
DENSE, SPARSE = "complete", "rake"


@dataclass(frozen=True)
class Docking:
    """Trajectories of mean task fitness per network, on paired seeds.

    Attributes:
        settings: What was run, in words.
        fitness: Network kind (or scenario) to (seeds, weeks + 1) mean fitness of people's
            choices, week 0 first.
        dense: The arm expected to be ahead early.
        sparse: The arm expected to be ahead at the end.
    """

    settings: str
    fitness: dict[str, np.ndarray]
    dense: str = DENSE
    sparse: str = SPARSE

    def mean_interval(self, kind: str, week: int) -> tuple[float, float, float]:
        """Mean fitness of one network at a week, with its 95% t interval over seeds."""
        values = self.fitness[kind][:, week]
        low, high = interval(values.mean(), values.std(ddof=1), len(values))
        return float(values.mean()), float(low), float(high)

    def difference(self, week: int) -> tuple[float, float, float]:
        """Dense minus sparse at a week, paired by seed: mean and 95% t interval."""
        values = self.fitness[self.dense][:, week] - self.fitness[self.sparse][:, week]
        low, high = interval(values.mean(), values.std(ddof=1), len(values))
        return float(values.mean()), float(low), float(high)

    def table(self, weeks: tuple[int, ...]) -> str:
        """A Markdown table: mean [95% interval] per network and week, and the paired difference."""
        kinds = list(self.fitness)
        head = "| week | " + " | ".join(kinds) + f" | {self.dense} − {self.sparse} |"
        lines = [head, "|" + "---|" * (len(kinds) + 2)]
        for week in weeks:
            cells = ["{:.3f} [{:.3f}, {:.3f}]".format(*self.mean_interval(k, week)) for k in kinds]
            cells.append("{:+.3f} [{:+.3f}, {:+.3f}]".format(*self.difference(week)))
            lines.append(f"| {week} | " + " | ".join(cells) + " |")
        return "\n".join(lines)


def run_docking(
    seeds: int = 20,
    weeks: int = 60,
    people: int = 100,
    themes: int = 20,
    interdependence: int = 5,
    kinds: tuple[str, ...] = KINDS,
) -> Docking:
    """Run every network on the same seeds and record mean task fitness every week."""
    arms = {
        kind: scenario_from_values(lazer_friedman(kind, people, themes, interdependence)) for kind in kinds
    }
    settings = (
        f"{people} people, N = {themes} themes, K = {interdependence}, ruggedness 1, imitation 1, "
        f"only local search and imitation, turbulence 0; seeds 0-{seeds - 1}, {weeks} weeks"
    )
    return Docking(settings, {kind: trajectories(scenario, seeds, weeks) for kind, scenario in arms.items()})


def run_scenarios(
    names: tuple[str, ...],
    seeds: int = 10,
    weeks: int = 200,
    themes: int = 20,
    interdependence: int = 5,
    changes: Mapping[str, Any] | None = None,
) -> Docking:
    """The same comparison between named scenarios, only their task made rugged (first: dense).

    ``changes`` sets further values in both arms (to switch a mechanism off, say).
    """
    rugged = {
        "task.ruggedness": 1.0,
        "task.interdependence": interdependence,
        "communication.imitation": 1.0,
        "organization.themes": themes,
        **(changes or {}),
    }
    arms = {name: load_scenario(name).with_values(rugged) for name in names}
    settings = (
        f"the scenarios {', '.join(names)} as they are, with N = {themes} themes, K = {interdependence}, "
        f"ruggedness 1, imitation 1{''.join(f', {k} = {v}' for k, v in (changes or {}).items())}; "
        f"seeds 0-{seeds - 1}, {weeks} weeks"
    )
    fitness = {name: trajectories(scenario, seeds, weeks) for name, scenario in arms.items()}
    return Docking(settings, fitness, names[0], names[1])


def trajectories(scenario: Scenario, seeds: int, weeks: int) -> np.ndarray:
    """(seeds, weeks + 1) mean task fitness of one arm, seed 0 first."""
    runs = np.empty((seeds, weeks + 1))
    for seed in range(seeds):
        engine = Engine(scenario, np.random.default_rng(seed))

        def measure(engine: Engine, row: np.ndarray = runs[seed]) -> None:
            row[engine.state.week] = task_fitness(engine.state)["task_fitness_individual"]

        measure(engine)
        advance(engine, weeks, measure)
    return runs


def verdict(docking: Docking, early: int, late: int) -> bool:
    """Whether the dense network is ahead at ``early`` and behind at ``late`` (95% intervals)."""
    return docking.difference(early)[1] > 0 and docking.difference(late)[2] < 0


def main(argv: list[str] | None = None) -> None:
    """Run the docking check and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=60)
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--themes", type=int, default=20)
    parser.add_argument("--interdependence", type=int, default=5)
    parser.add_argument("--scenarios", nargs=2, metavar=("DENSE", "SPARSE"), help="named scenarios instead")
    parser.add_argument("--set", action="append", default=[], help="with --scenarios: KEY=VALUE in both")
    args = parser.parse_args(argv)
    if args.scenarios:
        changes = dict(parse_assignment(text) for text in args.set)
        names = tuple(args.scenarios)
        docking = run_scenarios(names, args.seeds, args.weeks, args.themes, args.interdependence, changes)
    else:
        docking = run_docking(args.seeds, args.weeks, args.people, args.themes, args.interdependence)
    shown = tuple(w for w in (0, 1, 2, 3, 5, 10, 20, 25, 40, 50, 60, 100, 150, 200) if w <= args.weeks)
    print(docking.settings)
    print(docking.table(shown))
    print("dense ahead at week 2 and behind at the end:", verdict(docking, 2, args.weeks))


if __name__ == "__main__":
    main()
