"""Running a claim: one sweep for the main contrast, and one per robustness condition.

A claim's arms are written as scenario files (each extends its named scenario and changes what
the arm changes), and each sweep varies ``scenario`` over them with common seeds: replication
*r* of every arm runs on the same seed, so arms are compared run by run. Everything runs through
the sweep machinery, so it uses every core, can go to a Dask cluster, and an interrupted
``orglearn claims`` continues where it stopped when run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orglearn.experiments.claims.spec import Claim
from orglearn.experiments.runner import SweepOptions, SweepReport, run_sweep
from orglearn.experiments.spec import Source, build_spec

ARMS = "arms"
MAIN = "main"
ROBUST = "robustness"


@dataclass(frozen=True)
class Condition:
    """One sweep of a claim: the main contrast, or the arms with one factor set to one value."""

    folder: Path
    factor: str | None = None
    value: Any = None

    @property
    def label(self) -> str:
        """How the condition is named in the report."""
        return "main" if self.factor is None else f"{self.factor} = {self.value}"


def claim_folder(out: Path, claim: Claim) -> Path:
    """Where a claim's sweeps and arm files go."""
    return out / f"claim{claim.number}"


def write_arms(claim: Claim, folder: Path) -> dict[str, str]:
    """Write each arm as a scenario file; return the arm's file, relative to ``folder``, by name."""
    (folder / ARMS).mkdir(parents=True, exist_ok=True)
    refs = {}
    for name, arm in claim.arms.items():
        path = folder / ARMS / f"{name}.toml"
        text = arm.as_scenario_file()
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
        refs[name] = f"{ARMS}/{name}.toml"
    return refs


def conditions(claim: Claim, out: Path, robustness: bool = True) -> list[Condition]:
    """The main condition and, if asked, one per value of each robustness factor."""
    folder = claim_folder(out, claim)
    found = [Condition(folder / MAIN)]
    if robustness:
        for factor, values in claim.robustness_factors().items():
            found += [Condition(folder / ROBUST / f"{factor}={value}", factor, value) for value in values]
    return found


def run_condition(
    claim: Claim,
    condition: Condition,
    folder: Path,
    refs: dict[str, str],
    replications: int,
    options: dict[str, Any],
) -> SweepReport:
    """Run (or finish) the sweep of one condition.

    Args:
        claim: The claim.
        condition: Which sweep.
        folder: The claim's folder (the arms' files are relative to it).
        refs: The arms' scenario files, by arm.
        replications: Paired runs per arm.
        options: Executor options for :class:`~orglearn.experiments.runner.SweepOptions`.

    Returns:
        The sweep's report.
    """
    source = Source(folder=folder)
    source.values = {
        "name": f"claim{claim.number}-{condition.label}",
        "description": claim.title["en"],
        "scenario": "baseline",
        "replications": replications,
        "steps": claim.steps,
        "seed": claim.seed,
        "metrics": claim.metrics,
        "common_seeds": True,
    }
    source.vary = {"scenario": [refs[name] for name in claim.arms]}
    if condition.factor is not None:
        source.settings = {condition.factor: condition.value}
    spec = build_spec(source)
    return run_sweep(spec, SweepOptions(out=condition.folder, **options))


def run_claim(
    claim: Claim,
    out: Path,
    replications: int | None = None,
    robustness_replications: int | None = None,
    robustness: bool = True,
    options: dict[str, Any] | None = None,
) -> list[tuple[Condition, SweepReport]]:
    """Run every sweep of a claim that is not finished yet.

    Args:
        claim: The claim.
        out: The folder of all claims' results.
        replications: Paired runs per arm in the main contrast (default: the claim's).
        robustness_replications: Paired runs per arm in each robustness condition.
        robustness: Whether to run the robustness conditions.
        options: Executor options (``workers``, ``serial``, ``scheduler``, ``quiet``...).

    Returns:
        Each condition with its sweep's report.
    """
    folder = claim_folder(out, claim)
    refs = write_arms(claim, folder)
    done = []
    for condition in conditions(claim, out, robustness):
        reps = claim.replications if condition.factor is None else claim.robustness_replications
        if condition.factor is None and replications:
            reps = replications
        if condition.factor is not None and robustness_replications:
            reps = robustness_replications
        report = run_condition(claim, condition, folder, refs, reps, dict(options or {}))
        done.append((condition, report))
    return done
