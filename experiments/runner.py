"""The sweep: from a specification to a complete results folder, resumable at every moment.

:func:`run_sweep` checks everything that can be checked before the first run (the
specification, every design point, the folder, the free space), starts the executor, records
the sweep in ``metadata.json``, and then streams runs to the executor and their outcomes to the
store, a few each second. A run that raises is recorded with its error (failed); a run whose worker
died under it again and again is recorded as interrupted, which counts as not done; Ctrl-C or a
``kill`` saves what has finished and stops; anything else that stops the process loses at most
the last second.

Running the same sweep into the same folder again runs only what is missing, so resuming needs
no special command; a folder that holds a different sweep is refused, naming the differences,
and so is one whose input files changed (:mod:`.integrity`). Whatever a session found on disk
wins over what ``metadata.json`` says: a rerun sets damaged parts aside, rebuilds a lost
``metadata.json`` from the parts and repairs one left stale, even when nothing is left to run.
"""

from __future__ import annotations

import dataclasses
import platform
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from orglearn import __version__
from orglearn.experiments.design import build_design, check_design, point_changes
from orglearn.experiments.executors import INTERRUPTED, Runner, default_workers, open_runner, stream
from orglearn.experiments.integrity import (
    check_inputs,
    check_memory,
    check_size,
    check_stamps,
    fingerprint_inputs,
    lost_metadata,
    set_aside,
)
from orglearn.experiments.records import metrics_table, runs_table
from orglearn.experiments.seeds import new_master_seed, run_seed
from orglearn.experiments.spec import SweepSpec, spec_from_dict
from orglearn.experiments.store import (
    METADATA,
    SCENARIO,
    SWEEP,
    FolderError,
    ResultStore,
    check_new_folder,
)
from orglearn.experiments.task import FAILED, OK, RunContext, RunOutcome, RunTask, kept_weeks

FLUSH_SECONDS = 1.0
"""Finished runs are written at least this often: what a hard kill can lose."""
FLUSH_RUNS = 2000
"""...or as soon as this many are waiting, which bounds the parent's memory for very fast runs."""
BYTES_PER_VALUE = 8.0
"""Disk bytes per stored metric value: a float64 uncompressed (compressed Parquet took 6.2)."""
PACKAGES = ("mesa", "numpy", "scipy", "pandas", "networkx", "pyarrow", "SALib", "dask", "distributed")


class StoreWriteError(OSError):
    """Results could not be written during the sweep; what was written before is kept."""


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


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
    from orglearn.simulation.run import git_commit

    metadata = {
        "orglearn_version": __version__,
        "git_commit": git_commit(),
        "fingerprint": spec.fingerprint(),
        "seed": spec.seed,
        "points": len(design),
        "replications": spec.replications,
        "runs": total,
        "started": _now(),
        "finished": None,
        "status": "running",
        "counts": {"ok": 0, "failed": 0, "missing": total},
        "spec": spec.to_dict(),
        "sessions": [],
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": _versions(),
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
    ok, bad = _recorded(store, total)
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
            metadata["finished"] = metadata.get("finished") or _now()
    if status == "complete":
        store.compact()
    store.write_metadata(metadata)
    return report


def _tasks(spec: SweepSpec, points: list[dict[str, Any]], skip: np.ndarray) -> Iterator[RunTask]:
    context = RunContext(spec.base, spec.steps, spec.metrics, spec.every)
    replications, seed = spec.replications, int(spec.seed or 0)
    for point, changes in enumerate(points):
        for replication in range(replications):
            run_id = point * replications + replication
            if not skip[run_id]:
                run = run_seed(seed, 0 if spec.common_seeds else point, replication)
                yield RunTask(run_id, point, replication, run, changes, context)


def _recorded(store: ResultStore, total: int) -> tuple[np.ndarray, np.ndarray]:
    """Which runs have a record that says ok, and which one that says failed."""
    runs = store.runs_arrow(["status"])
    ids = runs["run_id"].to_numpy()
    status = np.asarray(runs["status"].to_pylist() if runs.num_rows else [], dtype=object)
    ok = np.zeros(total, dtype=bool)
    bad = np.zeros(total, dtype=bool)
    ok[ids[status == OK]] = True
    bad[ids[status == FAILED]] = True
    return ok, bad


class _Terminated(KeyboardInterrupt):
    """``kill`` (SIGTERM) stops a sweep the way Ctrl-C does: saving what has finished."""


def _on_terminate(signum: int, frame: Any) -> None:
    raise _Terminated


def run_sweep(spec: SweepSpec | None, options: SweepOptions) -> SweepReport:
    """Run what is missing of a sweep into its folder and return what happened.

    Everything is checked before the executor starts, and the folder is written only once the
    executor is ready, so a sweep that cannot start leaves no half-made folder behind.

    Args:
        spec: The sweep, or None to continue the one stored in ``options.out``.
        options: Where and how to run.

    Returns:
        The session's report (``status`` is ``complete``, ``incomplete`` or ``interrupted``).
    """
    plan = prepare(spec, options)
    try:
        total = len(plan.design) * plan.spec.replications
        ok, bad = _recorded(plan.store, total)
        skip = ok if options.retry_failed else ok | bad
        for note in plan.notes:
            print(f"orglearn sweep: {note}", file=sys.stderr)
        report = SweepReport(plan.spec, options.out, total, len(plan.design), int(skip.sum()))
        if report.before == total:
            settle(plan, report)
            for repair in plan.repairs:
                print(f"orglearn sweep: {repair}", file=sys.stderr)
            return report
        runner = open_runner(options.serial, options.workers, options.scheduler, options.dask_local)
        try:
            record(plan)
        except BaseException:
            runner.close(cancel=True)
            raise
        return _run(plan, options, skip, report, runner)
    finally:
        plan.store.unlock()


def _run(
    plan: Plan, options: SweepOptions, skip: np.ndarray, report: SweepReport, runner: Runner
) -> SweepReport:
    from tqdm import tqdm

    spec, store, metadata, design, total = plan.spec, plan.store, plan.metadata, plan.design, report.total
    report.workers, report.executor = runner.workers, runner.label
    session = {"started": _now(), "command": options.command, "executor": runner.label}
    bar = tqdm(
        total=total, initial=report.before, unit="run", desc="sweep", disable=options.quiet, file=sys.stderr
    )
    bar.set_postfix(failed=0, refresh=False)
    buffer: list[RunOutcome] = []
    clock = last_flush = time.perf_counter()
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_terminate) if main_thread else None
    interrupted = False

    def flush() -> None:
        if not buffer:
            return
        try:
            store.append(
                runs_table(buffer, spec.base.values, spec.model), metrics_table(buffer, spec.metrics)
            )
        except OSError as err:
            buffer.clear()
            raise StoreWriteError(
                f"writing results into {options.out} failed ({err.strerror or err}); what was written "
                "before is kept: fix the cause and run the same command again to finish the sweep"
            ) from None
        buffer.clear()

    try:
        points = point_changes(spec, design)
        for outcome in stream(runner, _tasks(spec, points, skip)):
            if outcome is not None:
                buffer.append(outcome)
                report.run_seconds += outcome.seconds
                if outcome.status == OK:
                    report.ok += 1
                elif outcome.status == INTERRUPTED:
                    report.lost += 1
                else:
                    report.failed += 1
                    bar.set_postfix(failed=report.failed, refresh=False)
                bar.update(1)
            if buffer and (time.perf_counter() - last_flush >= FLUSH_SECONDS or len(buffer) >= FLUSH_RUNS):
                flush()
                last_flush = time.perf_counter()
        flush()
    except KeyboardInterrupt:
        interrupted = True
        flush()
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        bar.close()
        report.wall = time.perf_counter() - clock
        runner.close(cancel=interrupted)
        failing = sys.exc_info()[0] is not None
        try:
            _finish(store, metadata, report, session, interrupted)
        except OSError:
            if not failing:  # the disk that refused the results may refuse the metadata too
                raise
    return report


def _finish(
    store: ResultStore,
    metadata: dict[str, Any],
    report: SweepReport,
    session: dict[str, Any],
    interrupted: bool,
) -> None:
    ok_mask, bad_mask = _recorded(store, report.total)
    ok, failed = int(ok_mask.sum()), int(bad_mask.sum())
    report.failed_total, report.missing = failed, report.total - ok - failed
    report.status = "interrupted" if interrupted else ("complete" if report.missing == 0 else "incomplete")
    session.update(
        finished=_now(),
        status=report.status,
        ok=report.ok,
        failed=report.failed,
        workers=report.workers,
        wall_seconds=round(report.wall, 3),
        run_seconds=round(report.run_seconds, 3),
    )
    metadata["sessions"].append(session)
    metadata["counts"] = {"ok": ok, "failed": failed, "missing": report.missing}
    metadata["status"] = report.status
    if report.status == "complete":
        metadata["finished"] = session["finished"]
        store.compact()
    store.write_metadata(metadata)
