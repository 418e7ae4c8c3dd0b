"""The model against the literature: limit cases run and compared with known results.

Before trusting what the model says about the source text's claims, the report shows that, in
the settings where it should, orglearn reduces to models whose results are known: DeGroot's
consensus (exact), Deffuant–Weisbuch's clusters under bounded confidence (their number against
⌊1/(2d)⌋ over several seeds), March's (1991) Figure 1, and Lazer & Friedman's (2007) finding on
a rugged task (the dense network ahead early, behind at the end). Each check gives the number expected,
the number obtained and the tolerance, and whether it passed.

References:
    DeGroot, M. H. (1974). Reaching a consensus. *JASA* 69(345), 118-121.
    Deffuant, G., Neau, D., Amblard, F. & Weisbuch, G. (2000). Mixing beliefs among interacting
    agents. *Advances in Complex Systems* 3, 87-98.
    March, J. G. (1991). Exploration and exploitation in organizational learning. *Organization
    Science* 2(1), 71-87.
    Lazer, D. & Friedman, A. (2007). The network structure of exploration and exploitation.
    *Administrative Science Quarterly* 52(4), 667-694.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from orglearn.registry import build_model
from orglearn.scenarios import Scenario, scenario_from_values
from orglearn.simulation.engine import Engine
from orglearn.simulation.limits import deffuant, degroot
from orglearn.simulation.metrics import subcultures
from orglearn.simulation.population import PRINCIPLES, RULES
from orglearn.simulation.stepping import advance


@dataclass(frozen=True)
class Check:
    """One comparison with the literature."""

    name: str
    setting: str
    expected: str
    obtained: str
    tolerance: str
    passed: bool


def degroot_check(
    kinds: tuple[str, ...] = ("small_world", "scale_free", "random"), weeks: int = 600
) -> Check:
    """Meetings only on a connected network converge exactly to DeGroot's weighted average."""
    errors = []
    for seed, kind in enumerate(kinds, start=1):
        engine = Engine(scenario_from_values(degroot(kind)), np.random.default_rng(seed))
        start = engine.state.meaning[RULES].copy()
        degree = engine.state.ties.degree()
        expected = (degree + 1) @ start / np.sum(degree + 1)
        advance(engine, weeks)
        errors.append(float(np.abs(engine.state.meaning[RULES] - expected).max()))
    worst = max(errors)
    return Check(
        "DeGroot (1974): consensus",
        f"meetings only, one level, openness 1, no noise, equal weights; 50 people on {', '.join(kinds)}",
        "Σ(dᵢ+1)·xᵢ(0) / Σ(dᵢ+1)",
        f"largest difference {worst:.1e}",
        "1e-9",
        worst <= 1e-9,
    )


def deffuant_check(
    ds: tuple[float, ...] = (0.15, 0.2, 0.3), seeds: int = 5, people: int = 300, weeks: int = 200
) -> Check:
    """Conversations only with bounded confidence give about ⌊1/(2d)⌋ major clusters."""
    found, ok = [], True
    for d in ds:
        expected = math.floor(1 / (2 * d))
        counts = []
        for seed in range(seeds):
            engine = advance(
                Engine(scenario_from_values(deffuant(d, people)), np.random.default_rng(seed)), weeks
            )
            counts.append(subcultures(engine.state.meaning[PRINCIPLES], engine.state.ties, 0.02, 0.05))
        usual = max(set(counts), key=counts.count)
        ok &= usual == expected and all(abs(c - expected) <= 1 for c in counts)
        found.append(f"d={d}: {counts} (expected {expected})")
    return Check(
        "Deffuant–Weisbuch (2000): clusters",
        f"conversations only, complete mixing, mu = 0.5; {people} people, {weeks} weeks, {seeds} seeds per d",
        "⌊1/(2d)⌋ major clusters (at least 5% of people)",
        "; ".join(found),
        "the usual count exact, every run within one",
        ok,
    )


MARCH_FIGURE_1 = {0.1: 0.97, 0.9: 0.72}
"""March (1991), Figure 1, p2 = 0.9: equilibrium knowledge read off the figure at p1 = 0.1 and 0.9."""


def _march(p1: float, p2: float) -> Scenario:
    """March's closed world at his defaults, with the two learning rates of a point of Figure 1."""
    return scenario_from_values({"march.p1": p1, "march.p2": p2}, model="march1991")


def march_check(runs: int = 40, tolerance: float = 0.06) -> Check:
    """March's Figure 1 at p2 = 0.9: knowledge at equilibrium for slow and fast socialization."""
    obtained, ok = {}, True
    for p1, expected in MARCH_FIGURE_1.items():
        finals = [
            advance(build_model(_march(p1, 0.9), seed), 5000).metrics()["code_knowledge"].iloc[-1]
            for seed in range(runs)
        ]
        obtained[p1] = float(np.mean(finals))
        ok &= abs(obtained[p1] - expected) <= tolerance
    return Check(
        "March (1991): Figure 1",
        f"m = 30, n = 50, p2 = 0.9, closed world, {runs} runs per point, the variant of March's program",
        ", ".join(f"{v:.2f} at p1 = {p}" for p, v in MARCH_FIGURE_1.items()) + " (read off the figure)",
        ", ".join(f"{v:.3f} at p1 = {p}" for p, v in obtained.items()),
        f"±{tolerance}",
        ok,
    )


def lazer_friedman_check(
    seeds: int = 20, people: int = 100, themes: int = 20, interdependence: int = 5, weeks: int = 60
) -> Check:
    """On a rugged task everyone tied is ahead early and behind at the end of a rake (paired seeds)."""
    from orglearn.experiments.docking import DENSE, SPARSE, run_docking, verdict

    docking = run_docking(seeds, weeks, people, themes, interdependence, (DENSE, SPARSE))
    early = docking.difference(2)
    late = docking.difference(weeks)
    return Check(
        "Lazer & Friedman (2007): dense fast, sparse higher",
        docking.settings + f"; {DENSE} against {SPARSE} (reporting lines only)",
        "complete − rake above 0 in week 2, below 0 at the end",
        "week 2: {:+.3f} [{:+.3f}, {:+.3f}]; week {}: {:+.3f} [{:+.3f}, {:+.3f}]".format(
            *early, weeks, *late
        ),
        "paired 95% t intervals excluding 0",
        verdict(docking, 2, weeks),
    )


def literature_checks(quick: bool = False) -> list[Check]:
    """Run every check; ``quick`` makes them smaller (for tests), not looser."""
    if quick:
        return [
            degroot_check(("small_world",)),
            deffuant_check((0.2,), seeds=3, people=200),
            march_check(runs=40),
            lazer_friedman_check(people=40, themes=14, weeks=30),
        ]
    return [degroot_check(), deffuant_check(), march_check(), lazer_friedman_check()]
