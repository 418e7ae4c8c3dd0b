"""One run of the model, from scenario to files on disk.

A run is what the command line's ``orglearn run`` does and what a sweep does many times: build
the model from a scenario and a seed, run it, and keep what was recorded. Every file a run
writes carries, or sits next to, its seed, its parameters, orglearn's version and the command
that made it, so any result can be reproduced.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pandas as pd

from orglearn import __version__
from orglearn.scenarios import Scenario
from orglearn.simulation.model import EngineKind, new_seed
from orglearn.simulation.models import build_model

RUN_FILES = ("metrics.csv", "agents.csv", "network.csv", "scenario.toml", "metadata.json")


class OutputError(OSError):
    """An output folder that cannot be written, found before the run starts."""


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
    for _ in range(steps):
        if not model.running:  # a closed world at rest (March's model)
            break
        model.step()
        if model.week in weeks:
            snapshots.append(model.snapshot())
    if model.week not in weeks:
        snapshots.append(model.snapshot())
    return RunResult(
        scenario,
        seed,
        steps,
        model.metrics(),
        pd.concat(snapshots, ignore_index=True),
        model.ties_frame(),
        started,
        time.perf_counter() - clock,
        engine,
    )


def git_commit() -> str | None:
    """The commit of the source tree orglearn runs from, if it is a git checkout."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (out.stdout.strip() or None) if out.returncode == 0 else None


def metadata(result: RunResult, command: list[str]) -> dict[str, Any]:
    """Everything needed to reproduce a run and to know where it came from."""
    return {
        "orglearn_version": __version__,
        "git_commit": git_commit(),
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
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": {name: version(name) for name in ("mesa", "numpy", "scipy", "pandas", "networkx")},
    }


def prepare_folder(folder: Path, overwrite: bool = False) -> None:
    """Create the output folder, or refuse clearly, before anything is run.

    Raises:
        OutputError: If the folder holds an earlier run (unless ``overwrite``), is a file, or
            cannot be written.
    """
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out {folder}: is a file, not a folder")
    existing = [name for name in RUN_FILES if (folder / name).exists()]
    if existing and not overwrite:
        raise OutputError(
            f"--out {folder}: already holds a run ({', '.join(existing)}); "
            "choose another folder or add --overwrite"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".orglearn-write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as err:
        raise OutputError(f"--out {folder}: cannot write there ({err.strerror or err})") from None


def write_run(result: RunResult, folder: Path, command: list[str]) -> list[Path]:
    """Write a run's files into a folder that :func:`prepare_folder` accepted.

    Returns:
        The files written.
    """
    paths = [folder / name for name in RUN_FILES]
    result.metrics.to_csv(paths[0], index=False)
    result.agents.to_csv(paths[1], index=False)
    if result.network is not None:
        result.network.to_csv(paths[2], index=False)
    else:
        paths.remove(paths[2])
    folder.joinpath("scenario.toml").write_text(result.scenario.to_toml(), "utf-8")
    folder.joinpath("metadata.json").write_text(
        json.dumps(metadata(result, command), indent=2) + "\n", "utf-8"
    )
    return paths
