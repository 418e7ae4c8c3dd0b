"""Executors: where the runs of a sweep happen, from this process to a Dask cluster.

All three speak :class:`concurrent.futures.Executor`, so one loop (:func:`stream`) drives them:
it keeps a bounded number of runs in flight (the parent's memory does not grow with the sweep),
yields each outcome as it finishes, and wakes up every second even when nothing finishes so the
caller can write what it has. The executors differ only in how they recover from a lost worker:

- ``serial`` runs in this process, one run at a time (for debugging and tiny sweeps).
- ``processes``, the default, is a :class:`~concurrent.futures.ProcessPoolExecutor` with one
  worker per core. A killed worker breaks the whole pool; the pool is started again and the runs
  that were in flight are run again, up to :data:`ATTEMPTS` times each.
- ``dask`` is a :class:`distributed.Client`, on an existing cluster (``tcp://HOST:PORT``) or a
  :class:`~distributed.LocalCluster` started for the sweep. Dask itself reschedules the runs of
  a lost worker, up to its own limit, after which it says ``KilledWorker``.

A run whose worker died under it that often is recorded as :data:`INTERRUPTED`, not failed: the
worker may have been killed by someone else or by the memory of its neighbours, and every run in
flight when a pool breaks shares its fate. Such a run counts as not done, so running the sweep
again runs it again; only an exception raised by the model marks a run failed.

Worker processes watch their parent: if the sweep is killed outright (``kill -9``, the OOM
killer), its workers notice within a second and exit rather than run on for nobody.

A run's numbers depend only on its task, never on the executor or the number of workers.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from orglearn.experiments.task import RunOutcome, RunTask, failed, run_one, worker_version

ATTEMPTS = 3
TICK = 1.0
INTERRUPTED = "interrupted"
"""The status of a run whose worker died under it: not done, and run again by a plain rerun."""
WATCH_SECONDS = 0.5
"""How often a worker looks whether the sweep that started it is still there."""
EXIT_ORPHANED = 70
_PR_SET_PDEATHSIG = 1


class ExecutorError(OSError):
    """The executor itself failed (a cluster that cannot be reached or was lost)."""


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class SerialExecutor(Executor):
    """Runs each task in this process when it is submitted."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:  # noqa: D102
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _start_worker(parent: int, poll: float = WATCH_SECONDS) -> None:
    """Prepare a worker process: leave Ctrl-C to the parent, exit with it, import the model once.

    The parent alone handles Ctrl-C (it stops the sweep and saves what finished). A pool's
    workers hold both ends of its task queue, so they never see the parent go and would wait
    for tasks for ever (and with them the resource tracker); :func:`_exit_with` makes them leave.
    Importing the model here keeps the import out of the first run's measured time.

    Args:
        parent: The sweep's process id, taken in the parent (a worker whose parent died before
            it started sees another one already).
        poll: Seconds between looks at the parent.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with(parent, poll)
    import orglearn.simulation.engine
    import orglearn.simulation.march1991.engine
    import orglearn.simulation.recorder  # noqa: F401


def _exit_with(parent: int, poll: float) -> None:
    """Make this process exit as soon as ``parent`` is no longer its parent.

    On Linux the kernel kills it when its parent dies (``PR_SET_PDEATHSIG``; the pool is made
    and closed by one thread of the sweep, which is what the kernel watches); everywhere a
    daemon thread also compares ``os.getppid()`` with the parent every ``poll`` seconds, which
    catches a parent that died before this process could ask the kernel.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # no prctl here: the thread alone watches
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name="orglearn-parent-watch", daemon=True).start()


def lost(task: RunTask, why: str) -> RunOutcome:
    """The record of a run that did not finish because its worker died: not done, not failed."""
    return dataclasses.replace(failed(task, why), status=INTERRUPTED)


@dataclass
class Runner:
    """An executor plus what the sweep loop needs to know about it.

    Attributes:
        kind: ``serial``, ``processes`` or ``dask``.
        workers: How many runs can go at once.
        label: A description for people (``2 worker processes``).
        window: How many runs to keep in flight.
    """

    kind: str
    workers: int
    label: str
    window: int
    make: Callable[[], Executor] = field(repr=False)
    executor: Executor | None = field(default=None, repr=False)
    generation: int = 0
    closers: list[Callable[[], object]] = field(default_factory=list, repr=False)

    def start(self) -> None:
        """Start (or, after a broken pool, restart) the executor."""
        self.executor = self.make()
        self.generation += 1

    def submit(self, task: RunTask) -> tuple[Future, int]:
        """Submit one task; return its future and the executor generation it went to."""
        assert self.executor is not None
        try:
            return self.executor.submit(run_one, task), self.generation
        except BrokenProcessPool:
            self.restart(self.generation)
            return self.executor.submit(run_one, task), self.generation

    def restart(self, generation: int) -> None:
        """Replace a broken pool, once per breakage."""
        if generation == self.generation and self.executor is not None:
            self.executor.shutdown(wait=False)
            self.start()

    def close(self, cancel: bool = False) -> None:
        """Stop the executor; with ``cancel``, stop runs in progress too (Ctrl-C)."""
        if cancel and self.kind == "dask":
            # Dask's event loop may still try to set the result of a run cancelled here, and tornado
            # logs each such attempt as an error with a traceback. Those runs are accounted for (the
            # sweep resumes them), so after Ctrl-C the one line that says so is all that is shown.
            logging.getLogger("tornado.application").setLevel(logging.CRITICAL)
        if self.executor is not None:
            if self.kind == "dask":  # Dask's executor cancels on shutdown(wait=False)
                self.executor.shutdown(wait=not cancel)
            else:
                self.executor.shutdown(wait=not cancel, cancel_futures=True)
            self.executor = None
        if cancel and self.kind == "processes":
            for child in multiprocessing.active_children():
                child.terminate()
        for closer in reversed(self.closers):
            closer()
        self.closers.clear()


def open_runner(
    serial: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    dask_local: int | None = None,
) -> Runner:
    """Start the executor the command line asked for.

    Args:
        serial: Run in this process.
        workers: Worker processes of the local pool (default: one per core).
        scheduler: Address of an existing Dask scheduler.
        dask_local: Start a Dask LocalCluster with this many worker processes.

    Returns:
        A started runner; close it with :meth:`Runner.close`.
    """
    if serial:
        runner = Runner("serial", 1, "this process, one run at a time", 1, SerialExecutor)
    elif scheduler or dask_local:
        runner = _dask_runner(scheduler, dask_local)
    else:
        count = workers or default_workers()
        context = multiprocessing.get_context("spawn")

        parent = os.getpid()

        def make() -> Executor:
            return ProcessPoolExecutor(
                count, mp_context=context, initializer=_start_worker, initargs=(parent,)
            )

        label = f"{count} worker process{'es' if count > 1 else ''}"
        runner = Runner("processes", count, label, 2 * count, make)
    if runner.executor is None:
        runner.start()
    return runner


@contextlib.contextmanager
def _ctrl_c_to_parent() -> Iterator[None]:
    """Start processes that ignore Ctrl-C, as the pool's workers do; the sweep alone handles it.

    Ctrl-C in a terminal reaches every process of the sweep. A Dask worker process that gets it
    dies with a traceback of its event loop while the sweep is saving what finished; processes
    started while SIGINT is ignored keep ignoring it (it survives ``exec``, and Python and
    asyncio leave an ignored SIGINT alone), so the sweep's one line is all that is said.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _dask_runner(scheduler: str | None, dask_local: int | None) -> Runner:
    from distributed import Client, LocalCluster

    closers: list[Callable[[], object]] = []
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except Exception as err:  # an unreachable or malformed address, in whatever form Dask says it
            raise ExecutorError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({err})") from None
        where = f"the Dask cluster at {scheduler}"
    else:
        with _ctrl_c_to_parent():
            cluster = LocalCluster(
                n_workers=dask_local,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # a free port: a fixed one may be taken
                silence_logs=logging.ERROR,
            )
        closers.append(cluster.close)
        client = Client(cluster)
        where = f"a Dask LocalCluster of {dask_local} worker process{'es' if dask_local != 1 else ''}"
    closers.append(client.close)
    try:
        client.wait_for_workers(1, timeout=30)
        versions = set(client.run(worker_version).values())
    except (OSError, TimeoutError) as err:
        for closer in reversed(closers):
            closer()
        raise ExecutorError(f"{where}: no worker answered ({err})") from None
    if versions != {worker_version()}:
        for closer in reversed(closers):
            closer()
        raise ExecutorError(
            f"{where}: its workers run orglearn {', '.join(sorted(versions))}, this is "
            f"{worker_version()}; install the same version everywhere"
        )
    threads = sum(client.nthreads().values())
    runner = Runner("dask", threads, where, 2 * threads + 2, lambda: client.get_executor(pure=False))
    runner.closers = closers
    runner.start()
    return runner


def _lost_run(runner: Runner, error: BaseException) -> bool:
    """Whether an error means the run killed its worker (recorded) rather than a lost executor."""
    if runner.kind != "dask":
        return False
    from distributed.scheduler import KilledWorker

    return isinstance(error, KilledWorker)


def stream(runner: Runner, tasks: Iterable[RunTask]) -> Iterator[RunOutcome | None]:
    """Run tasks, yielding each outcome as it finishes, and None every second without one.

    Keeps at most ``runner.window`` tasks in flight. On exit (also by Ctrl-C or an error) it
    cancels the tasks not yet started.

    Raises:
        ExecutorError: If the executor fails in a way that is not one run's fault.
    """
    pending: dict[Future, tuple[RunTask, int]] = {}
    retry: deque[RunTask] = deque()
    attempts: Counter[int] = Counter()
    source = iter(tasks)
    exhausted = False
    try:
        while True:
            while len(pending) < runner.window and (retry or not exhausted):
                task = retry.popleft() if retry else next(source, None)
                if task is None:
                    exhausted = True
                    break
                future, generation = runner.submit(task)
                pending[future] = (task, generation)
            if not pending:
                return
            done, _ = wait(pending, timeout=TICK, return_when=FIRST_COMPLETED)
            if not done:
                yield None
            for future in done:
                task, generation = pending.pop(future)
                error = future.exception() if not future.cancelled() else ExecutorError("cancelled")
                if error is None:
                    yield future.result()
                elif isinstance(error, BrokenProcessPool):
                    attempts[task.run_id] += 1
                    if attempts[task.run_id] >= ATTEMPTS:
                        why = f"its worker process died {ATTEMPTS} times (killed? out of memory?)"
                        yield lost(task, why)
                    else:
                        retry.append(task)
                    runner.restart(generation)
                elif _lost_run(runner, error):
                    yield lost(task, f"its worker died ({type(error).__name__}: {error})")
                else:
                    raise ExecutorError(f"{runner.label}: {type(error).__name__}: {error}") from error
    finally:
        for future in pending:
            future.cancel()
