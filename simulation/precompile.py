"""Compile the model's rules once, at install, rather than in the first run that needs them.

The rules and the metrics' sums are compiled by numba on first use and kept in its on-disk cache
(``cache=True``: next to the source, or in the user's cache folder where the install cannot be
written). Without this step a fresh install pays the compiler, about 20 s on a laptop, inside
the first ``make demo``, the browser app's first Step, or each worker's first run of a sweep;
with it, a process loads the cached machine code in about 0.3 s. ``make setup`` runs
``python -m orglearn.simulation.precompile``; a test checks that it reaches every compiled rule,
so a rule added later cannot silently be left to compile in front of a class.

Each warm-up runs a small organization for a few weeks in both forms (the fast engine and the
readable week of Mesa agents), since the agents call the same rules from Python, and measures
each team on its own, as the browser app's line per team does.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from collections.abc import Iterator, Mapping
from typing import Any

from numba.core.registry import CPUDispatcher

from orglearn import simulation
from orglearn.simulation import mechanisms, metrics
from orglearn.simulation.draws import COMPILED_FROM
from orglearn.simulation.limits import EVERY_MECHANISM, FORESIGHT_AND_CODE
from orglearn.simulation.model import LearningOrganization
from orglearn.simulation.population import LEVELS

EVERYTHING = {
    **EVERY_MECHANISM,
    "organization.people": 30,
    "organization.turnover": 0.05,
    "learning.aspiration_own_weight": 0.5,
    "learning.aspiration_vision": 0.2,
    "learning.reflection_threshold": 0.02,
    "learning.threshold_learning": 0.2,
    "learning.questioning_escalation": 0.5,
}
WARM_UPS: tuple[Mapping[str, Any], ...] = (
    EVERYTHING,
    {
        **EVERYTHING,
        "organization.themes": 8,
        "task.ruggedness": 0.7,
        "task.interdependence": 3,
        "communication.imitation": 0.6,
    },
    {**EVERYTHING, **FORESIGHT_AND_CODE},
    {**EVERYTHING, "organization.themes": 25, "task.ruggedness": 0.7, "task.interdependence": 2},
    {**EVERYTHING, "organization.people": COMPILED_FROM // 4},  # feedback alone: people × themes
)
"""Every mechanism on; then a rugged task with imitation; then trends, shared blind spots,
foresight and a code of conduct (the switches every mechanism's defaults leave off); then a
task too large to search exhaustively, whose best is estimated by hill climbs; then an
organization large enough that its noise is drawn by compiled code (:data:`.draws.COMPILED_FROM`)."""
WEEKS = 4


def compiled_rules() -> Iterator[tuple[str, CPUDispatcher]]:
    """Every compiled function of the model, by its qualified name.

    They are found, not listed: every module of :mod:`orglearn.simulation` and of its mechanisms
    is searched, so a rule compiled in a new module is warmed up (and forgotten) with the rest.
    """
    packages = (simulation, mechanisms)
    names = [
        f"{package.__name__}.{info.name}"
        for package in packages
        for info in pkgutil.iter_modules(package.__path__)
        if not info.ispkg
    ]
    for module_name in names:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if isinstance(value, CPUDispatcher) and value.__module__ == module_name:
                yield f"{module_name}.{name}", value


def forget() -> None:
    """Empty the cache of every compiled function, so the warm-up compiles them all anew.

    numba checks a cached function against its own source file only; a rule inlined from another
    file (:mod:`.compiled`) would otherwise keep its old machine code after that file changed.
    """
    for _, compiled in compiled_rules():
        compiled._cache.flush()  # type: ignore[attr-defined]  # every cache=True dispatcher has one


def precompile(warm_ups: tuple[Mapping[str, Any], ...] = WARM_UPS, weeks: int = WEEKS) -> list[str]:
    """Run each warm-up in both forms, compiling (or loading) every rule it reaches.

    Returns:
        The compiled functions this process holds no machine code for. After a cold compile
        that is what no warm-up reached; from a warm cache it also lists the functions only
        ever called from other compiled code, whose machine code is loaded inside their
        callers' and never on its own.
    """
    for values in warm_ups:
        for engine in ("fast", "readable"):
            model = LearningOrganization(dict(values), seed=1, engine=engine)
            for _ in range(weeks):
                model.step()
            metrics.team_goal_alignment(model.state)
            metrics.team_fit(model.state)
            for level in range(len(LEVELS)):
                metrics.team_shared_meaning(model.state, level=level)
    return [name for name, rule in compiled_rules() if not rule.signatures]


def main(argv: list[str] | None = None) -> int:
    """Compile (or load) every rule and say how long it took."""
    parser = argparse.ArgumentParser(
        prog="python -m orglearn.simulation.precompile",
        description="Compile the model's rules into numba's cache, so the first run does not wait.",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="forget the cached machine code first (after an edit of a rule: orglearn.simulation.compiled)",
    )
    arguments = parser.parse_args(argv)
    start = time.perf_counter()
    if arguments.fresh:
        forget()
    precompile()
    print(f"orglearn: the model's compiled rules are ready ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
