"""One run of the model, from scenario to files on disk.

A run is what the command line's ``orglearn run`` does and what a sweep does many times: build
the model from a scenario and a seed, run it, and keep what was recorded. Every file a run
writes carries, or sits next to, its seed, its parameters, orglearn's version and the command
that made it, so any result can be reproduced.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from orglearn.registry import Simulation, build_model
from orglearn.scenarios import Scenario
from orglearn.simulation.model import EngineKind
from orglearn.simulation.outputs import (
    OWN_FILES,
    RUN,
    OutputError,
    check_folder,
    check_writable,
    write_folder,
)
from orglearn.simulation.provenance import provenance
from orglearn.simulation.stepping import advance
from orglearn.simulation.streams import new_seed

__all__ = [
    "RUN_FILES",
    "OutputError",
    "RunResult",
    "metadata",
    "prepare_folder",
    "run_model",
    "snapshot_weeks",
    "write_run",
]

RUN_FILES = OWN_FILES[RUN]
"""The files of a run folder; ``metadata.json``, written last, marks it as a complete run."""


@dataclass
class RunResult:
    """What a run recorded.

    Attributes:
        scenario: The scenario it ran under.
        seed: Its seed.
        steps: Weeks run.
        metrics: One row per week 0..steps.
        agents: Everyone's state at the snapshot weeks.
        network: The ties: source, target, quality, formal (None for a model without ties).
        started: When it started (UTC, ISO 8601).
        seconds: Wall time of building and running the model.
        engine: Which engine ran it.
    """

    scenario: Scenario
    seed: int
    steps: int
    metrics: pd.DataFrame
    agents: pd.DataFrame
    network: pd.DataFrame | None
    started: str
    seconds: float
    engine: str = "fast"
    extra: dict[str, Any] = field(default_factory=dict)


def snapshot_weeks(steps: int, every: int | None) -> set[int]:
    """Week 0, the last week, and every ``every`` weeks in between."""
    weeks = {0, steps}
    if every:
        weeks.update(range(0, steps + 1, every))
    return weeks


def run_model(
    scenario: Scenario,
    steps: int,
    seed: int | None = None,
    snapshot_every: int | None = None,
    engine: EngineKind = "fast",
) -> RunResult:
    """Build the model, run it for ``steps`` weeks, and return what was recorded.

    Args:
        scenario: The validated scenario.
        steps: Weeks to run.
        seed: The seed (drawn and recorded if None).
        snapshot_every: Also keep everyone's state every so many weeks.
        engine: ``"fast"`` or ``"readable"``.

    Returns:
        The run's records.
    """
    seed = new_seed() if seed is None else seed
    started = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    model = build_model(scenario, seed, engine)
    weeks = snapshot_weeks(steps, snapshot_every)
    snapshots = [model.snapshot()]

    def keep(model: Simulation) -> None:
        if model.week in weeks:
            snapshots.append(model.snapshot())

    advance(model, steps, keep)
    if model.week not in weeks:
        snapshots.append(model.snapshot())
    metrics = model.metrics()
    if scenario.interventions:  # mark the weeks in which interventions started
        metrics["intervention"] = model.interventions_by_week(metrics["step"])
    return RunResult(
        scenario,
        seed,
        steps,
        metrics,
        pd.concat(snapshots, ignore_index=True),
        model.ties_frame(),
        started,
        time.perf_counter() - clock,
        engine,
    )


def metadata(result: RunResult, command: list[str]) -> dict[str, Any]:
    """Everything needed to reproduce a run and to know where it came from."""
    return {
        "kind": RUN,
        **provenance(),
        "seed": result.seed,
        "steps": result.steps,
        "engine": result.engine,
        "model": result.scenario.model,
        "scenario": result.scenario.name,
        "weeks_run": int(result.metrics["step"].iloc[-1]),
        "scenario_sources": list(result.scenario.sources),
        "command": command,
        "started": result.started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(result.seconds, 3),
        "people": int(result.agents["id"].nunique()),
    }


def prepare_folder(folder: Path, overwrite: bool = False) -> None:
    """Refuse clearly, before anything is run, a folder the run could not or may not be written to.

    Nothing is created but the folder's parent: the run is written to a temporary folder beside
    it and swapped in only when complete (see :mod:`orglearn.simulation.outputs`).

    Raises:
        OutputError: If the folder is a file, holds a sweep or files orglearn did not write, holds
            an earlier run (unless ``overwrite``), or cannot be written.
    """
    check_folder(folder, RUN, overwrite)
    check_writable(folder)


def write_run(result: RunResult, folder: Path, command: list[str], overwrite: bool = False) -> list[Path]:
    """Write a run's files as one folder: all of them, or none and the earlier run kept.

    Args:
        result: The run.
        folder: Its folder: new, empty, or (with ``overwrite``) an earlier run's.
        command: The command that made it, for the metadata.
        overwrite: Whether an earlier run in the folder may be replaced.

    Returns:
        The files written.

    Raises:
        OutputError: If the folder may not be written or a write fails.
    """
    names = [name for name in RUN_FILES if name != "network.csv" or result.network is not None]

    def fill(tmp: Path) -> None:
        result.metrics.to_csv(tmp / "metrics.csv", index=False)
        result.agents.to_csv(tmp / "agents.csv", index=False)
        if result.network is not None:
            result.network.to_csv(tmp / "network.csv", index=False)
        (tmp / "scenario.toml").write_text(result.scenario.to_toml(), "utf-8")

    write_folder(folder, RUN, fill, metadata(result, command), overwrite)
    return [folder / name for name in names]
