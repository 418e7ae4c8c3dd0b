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

import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import numpy as np

from orglearn.experiments.design import point_changes
from orglearn.experiments.executors import INTERRUPTED, Runner, open_runner, stream
from orglearn.experiments.plan import (
    Plan,
    SweepOptions,
    SweepReport,
    prepare,
    record,
    recorded_runs,
    settle,
    timestamp,
)
from orglearn.experiments.records import metrics_table, runs_table
from orglearn.experiments.seeds import run_seed
from orglearn.experiments.spec import SweepSpec
from orglearn.experiments.store import (
    ResultStore,
)
from orglearn.experiments.task import OK, RunContext, RunOutcome, RunTask

FLUSH_SECONDS = 1.0
"""Finished runs are written at least this often: what a hard kill can lose."""
FLUSH_RUNS = 2000
"""...or as soon as this many are waiting, which bounds the parent's memory for very fast runs."""


class StoreWriteError(OSError):
    """Results could not be written during the sweep; what was written before is kept."""


def _tasks(spec: SweepSpec, points: list[dict[str, Any]], skip: np.ndarray) -> Iterator[RunTask]:
    context = RunContext(spec.base, spec.steps, spec.metrics, spec.every)
    replications, seed = spec.replications, int(spec.seed or 0)
    for point, changes in enumerate(points):
        for replication in range(replications):
            run_id = point * replications + replication
            if not skip[run_id]:
                run = run_seed(seed, 0 if spec.common_seeds else point, replication)
                yield RunTask(run_id, point, replication, run, changes, context)


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
        ok, bad = recorded_runs(plan.store, total)
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
    session = {"started": timestamp(), "command": options.command, "executor": runner.label}
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
    ok_mask, bad_mask = recorded_runs(store, report.total)
    ok, failed = int(ok_mask.sum()), int(bad_mask.sum())
    report.failed_total, report.missing = failed, report.total - ok - failed
    report.status = "interrupted" if interrupted else ("complete" if report.missing == 0 else "incomplete")
    session.update(
        finished=timestamp(),
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
