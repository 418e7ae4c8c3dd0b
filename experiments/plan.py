"""The plan of a sweep: everything checked and decided before the first run, and the last word.

:func:`prepare` checks the specification, every design point, the folder, the free space and
the memory, and opens (or lays out) the results folder; :func:`record` writes a new sweep's files;
:func:`settle` makes ``metadata.json`` say what the parts on disk hold. :mod:`.runner` then runs
what is missing.
"""

from __future__ import annotations

import dataclasses
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orglearn import __version__
from orglearn.experiments.design import build_design, check_design
from orglearn.experiments.executors import default_workers
from orglearn.experiments.folder import METADATA, SCENARIO, SWEEP, FolderError, check_new_folder
from orglearn.experiments.integrity import (
    check_inputs,
    check_memory,
    check_size,
    check_stamps,
    fingerprint_inputs,
    lost_metadata,
    set_aside,
)
from orglearn.experiments.seeds import new_master_seed
from orglearn.experiments.spec import SweepSpec, spec_from_dict
from orglearn.experiments.store import ResultStore
from orglearn.experiments.task import FAILED, OK, kept_weeks

BYTES_PER_VALUE = 8.0
"""Disk bytes per stored metric value: a float64 uncompressed (compressed Parquet took 6.2)."""


@dataclass
class SweepOptions:
    """How to run a sweep (none of this changes its results).

    Attributes:
        out: The results folder.
        resume: Only continue a sweep already in ``out`` (refuse to start a new one).
        retry_failed: Run again the runs recorded as failed.
        quiet: No progress bar.
        serial: Run in this process.
        workers: Local worker processes (default: one per core).
        scheduler: Address of a Dask scheduler.
        dask_local: Worker processes of a Dask LocalCluster.
        command: The command line, for the record.
        yes: Go ahead with more than :data:`~.integrity.MAX_RUNS` runs.
    """

    out: Path
    resume: bool = False
    retry_failed: bool = False
    quiet: bool = False
    serial: bool = False
    workers: int | None = None
    scheduler: str | None = None
    dask_local: int | None = None
    command: list[str] = field(default_factory=list)
    yes: bool = False

    @property
    def workers_at_once(self) -> int | None:
        """How many runs go at once on this machine (None: on a cluster elsewhere)."""
        if self.serial:
            return 1
        if self.scheduler:
            return None
        return self.dask_local or self.workers or default_workers()


@dataclass
class SweepReport:
    """What a session of a sweep did."""

    spec: SweepSpec
    folder: Path
    total: int
    points: int
    before: int
    ok: int = 0
    failed: int = 0
    wall: float = 0.0
    run_seconds: float = 0.0
    workers: int = 1
    executor: str = ""
    status: str = "running"
    failed_total: int = 0
    missing: int = 0
    lost: int = 0

    @property
    def overhead(self) -> float:
        """Share of the workers' time not spent inside runs (NaN when nothing ran)."""
        capacity = self.wall * self.workers
        return 1.0 - self.run_seconds / capacity if capacity > 0 and self.ok + self.failed else float("nan")


def timestamp() -> str:
    """Now, in UTC, to the second (for the records of a sweep)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _differences(stored: dict[str, Any], mine: dict[str, Any]) -> list[str]:
    differences = []
    for key in sorted(set(stored) | set(mine)):
        there, here = stored.get(key), mine.get(key)
        if there == here:
            continue
        if key == "base" and isinstance(there, dict) and isinstance(here, dict):
            changed = [k for k in sorted(set(there) | set(here)) if there.get(k) != here.get(k)]
            differences += [f"{k}: {there.get(k)!r} there, {here.get(k)!r} here" for k in changed[:5]]
        else:
            differences.append(f"{key}: {there!r} there, {here!r} here")
    return differences


def _open_existing(store: ResultStore, spec: SweepSpec | None) -> tuple[SweepSpec, dict[str, Any]]:
    metadata = store.read_metadata()
    stored = spec_from_dict(metadata["spec"])
    recorded = metadata.setdefault("inputs", {})
    unrecorded = check_inputs(store.folder, recorded, spec or stored, scenario_files=spec is not None)
    if unrecorded:  # a sweep from before inputs were recorded: from now on they are
        now = fingerprint_inputs(spec or stored)
        recorded.update({path: now[path] for path in unrecorded if path in now})
    if spec is None:
        return stored, metadata
    if spec.seed is None:
        spec = dataclasses.replace(spec, seed=stored.seed)
    if spec.fingerprint() != metadata["fingerprint"]:
        differences = _differences(stored.canonical(), spec.canonical())
        raise FolderError(
            f"--out {store.folder}: holds a different sweep ({'; '.join(differences) or 'specification'}); "
            "choose another folder, or continue the one there with "
            f"`orglearn sweep --resume --out {store.folder}`"
        )
    return spec, metadata


@dataclass
class Plan:
    """A checked sweep with its folder, ready to run.

    Attributes:
        spec: The sweep, with its master seed.
        store: Its folder (locked by this process).
        metadata: What ``metadata.json`` holds (or will hold, for a new sweep).
        design: The design points.
        new: Whether the folder has yet to be written (see :func:`record`).
        notes: What was found and done to the folder before anything ran, for people.
        repairs: What :func:`settle` put right in ``metadata.json``, for people.
    """

    spec: SweepSpec
    store: ResultStore
    metadata: dict[str, Any]
    design: pd.DataFrame
    new: bool
    notes: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


def prepare(spec: SweepSpec | None, options: SweepOptions) -> Plan:
    """Check the sweep and its folder; nothing is run and, for a new sweep, nothing written yet.

    Raises:
        SweepError: For a bad specification or design.
        FolderError: For a folder that cannot be used.
    """
    store = ResultStore(options.out)
    if store.exists():
        spec, metadata = _open_existing(store, spec)
        if metadata.get("orglearn_version") != __version__:
            print(
                f"orglearn sweep: note: {options.out} was started with orglearn "
                f"{metadata.get('orglearn_version')}; this is {__version__}, which makes the missing runs",
                file=sys.stderr,
            )
        design = store.read_design()
        _check_memory(spec, design, options)
        store.lock()
        store.clean()
        plan = Plan(spec, store, metadata, design, new=False, notes=set_aside(store))
        check_stamps(store, metadata["fingerprint"])
        store.stamp_with(metadata["fingerprint"], spec.to_dict())
        return plan
    lost = bool(store.stamps())  # runs parts without the metadata.json that says whose they are
    if lost:
        spec = lost_metadata(store, spec)
    elif options.resume or spec is None:
        raise FolderError(f"--resume: {options.out} holds no sweep to resume")
    assert spec is not None
    if spec.seed is None:
        spec = dataclasses.replace(spec, seed=new_master_seed())
    size = check_size(spec, options.yes)
    if not options.quiet:
        print(f"orglearn sweep: {size}", file=sys.stderr)
    design = build_design(spec)
    check_design(spec, design)
    _check_memory(spec, design, options)
    total = len(design) * spec.replications
    values = len(kept_weeks(spec.steps, spec.every)) * (len(spec.metrics) + 2)
    check_new_folder(options.out, int(total * (values * BYTES_PER_VALUE + 2000)))
    store.lock()
    notes = [f"{METADATA} was lost; rebuilt from the sweep its runs parts name"] if lost else []
    notes += set_aside(store) if lost else []
    store.stamp_with(spec.fingerprint(), spec.to_dict())
    from orglearn.simulation.provenance import provenance

    metadata = {
        **provenance(),
        "fingerprint": spec.fingerprint(),
        "seed": spec.seed,
        "points": len(design),
        "replications": spec.replications,
        "runs": total,
        "started": timestamp(),
        "finished": None,
        "status": "running",
        "counts": {"ok": 0, "failed": 0, "missing": total},
        "spec": spec.to_dict(),
        "sessions": [],
        "inputs": fingerprint_inputs(spec),
    }
    return Plan(spec, store, metadata, design, new=True, notes=notes)


def _check_memory(spec: SweepSpec, design: pd.DataFrame, options: SweepOptions) -> None:
    workers = options.workers_at_once
    if workers is not None:
        check_memory(spec, design, workers)


def record(plan: Plan) -> None:
    """Write a new sweep's files; ``metadata.json`` last, since it marks the folder as a sweep."""
    if not plan.new:
        return
    plan.store.clean()
    plan.store.write_design(plan.design)
    plan.store.write_text(SCENARIO, plan.spec.base.to_toml())
    plan.store.write_text(SWEEP, plan.spec.to_toml())
    plan.store.write_metadata(plan.metadata)
    plan.new = False


def settle(plan: Plan, report: SweepReport | None = None) -> SweepReport:
    """Make ``metadata.json`` say what the parts hold, when no run is needed to finish it.

    A session that stopped in its last step (a crash, a file-size limit while compacting) leaves
    ``metadata.json`` saying ``running`` with the counts it started with; nothing then runs, so
    nothing else would ever write it again. What is on disk wins.
    """
    store, metadata = plan.store, plan.metadata
    total = len(plan.design) * plan.spec.replications
    report = report or SweepReport(plan.spec, store.folder, total, len(plan.design), 0)
    record(plan)
    ok, bad = recorded_runs(store, total)
    counts = {"ok": int(ok.sum()), "failed": int(bad.sum())}
    counts["missing"] = total - counts["ok"] - counts["failed"]
    said = metadata.get("status")
    status = (
        "complete"
        if not counts["missing"]
        else (said if said in ("interrupted", "incomplete") else "incomplete")
    )
    report.status, report.failed_total, report.missing = status, counts["failed"], counts["missing"]
    stale = metadata.get("counts") != counts or said != status
    if stale:
        old = metadata.get("counts") or {}
        plan.repairs.append(
            f"repaired {store.folder / METADATA}: it said {said}, {old.get('ok')} ok, {old.get('failed')} "
            f"failed, {old.get('missing')} missing; the parts hold {counts['ok']} ok, {counts['failed']} "
            f"failed, {counts['missing']} missing"
        )
        metadata["counts"], metadata["status"] = counts, status
        if status == "complete":
            metadata["finished"] = metadata.get("finished") or timestamp()
    if status == "complete":
        store.compact()
    store.write_metadata(metadata)
    return report


def recorded_runs(store: ResultStore, total: int) -> tuple[np.ndarray, np.ndarray]:
    """Which runs have a record that says ok, and which one that says failed."""
    runs = store.runs_arrow(["status"])
    ids = runs["run_id"].to_numpy()
    status = np.asarray(runs["status"].to_pylist() if runs.num_rows else [], dtype=object)
    ok = np.zeros(total, dtype=bool)
    bad = np.zeros(total, dtype=bool)
    ok[ids[status == OK]] = True
    bad[ids[status == FAILED]] = True
    return ok, bad
