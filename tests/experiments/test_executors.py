"""Executors: a lost worker is the machine's fault, not the run's, and workers never outlive the sweep."""

import os
import subprocess
import sys
import time
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool

import pytest

import orglearn.experiments.runner as runner_module
from orglearn.experiments.executors import ATTEMPTS, INTERRUPTED, Runner, stream
from orglearn.experiments.store import ResultStore
from orglearn.experiments.task import run_one


class Breaking(Executor):
    """A pool whose worker dies under the runs in ``doomed`` (as a kill or the OOM killer does)."""

    def __init__(self, doomed: set[int]) -> None:
        self.doomed = doomed

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        task = args[0]
        if task.run_id in self.doomed:
            future.set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def breaking_runner(doomed: set[int]) -> Runner:
    runner = Runner("processes", 1, "a pool that loses workers", 2, lambda: Breaking(doomed))
    runner.start()
    return runner


def test_a_run_whose_worker_keeps_dying_is_interrupted_not_failed(spec_factory):
    from orglearn.experiments.design import build_design, point_changes
    from orglearn.experiments.runner import _tasks

    spec = spec_factory()
    tasks = list(_tasks(spec, point_changes(spec, build_design(spec)), [False] * 6))
    runner = breaking_runner({2})
    outcomes = [o for o in stream(runner, tasks) if o is not None]
    lost = [o for o in outcomes if o.run_id == 2]
    assert len(outcomes) == 6 and len(lost) == 1
    assert lost[0].status == INTERRUPTED != "failed"
    assert f"died {ATTEMPTS} times" in lost[0].error
    assert runner.generation == 1 + ATTEMPTS  # the pool was started again each time
    assert run_one(tasks[0]).status == "ok"


def test_a_plain_rerun_runs_again_what_lost_its_worker(sweep, spec_factory, monkeypatch):
    spec = spec_factory()
    monkeypatch.setattr(runner_module, "open_runner", lambda *args: breaking_runner({1, 4}))
    first = sweep(spec, serial=False)
    assert (first.status, first.ok, first.failed_total, first.missing) == ("incomplete", 4, 0, 2)
    store = ResultStore(first.folder)
    assert store.read_metadata()["counts"] == {"ok": 4, "failed": 0, "missing": 2}
    monkeypatch.undo()
    second = sweep(spec)  # no --retry-failed
    assert (second.status, second.before, second.ok, second.failed_total) == ("complete", 4, 2, 0)
    runs = store.runs(["status"])
    assert runs["status"].eq("ok").all() and runs["run_id"].tolist() == list(range(6))


WATCHED = """
import os, sys, time
from orglearn.experiments.executors import _start_worker
_start_worker(int(sys.argv[1]), 0.05)
print("started", flush=True)
time.sleep(30)
"""


@pytest.mark.slow
def test_a_worker_whose_parent_is_gone_exits():
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        # the worker is told its parent is `parent`; as it is not, it acts as an orphan would
        worker = subprocess.Popen(
            [sys.executable, "-c", WATCHED, str(parent.pid)], stdout=subprocess.PIPE, text=True
        )
        start = time.monotonic()
        assert worker.wait(timeout=20) != 0
        assert time.monotonic() - start < 20
        mine = subprocess.Popen(
            [sys.executable, "-c", WATCHED, str(os.getpid())], stdout=subprocess.PIPE, text=True
        )
        assert mine.stdout.readline().strip() == "started"
        time.sleep(0.5)
        assert mine.poll() is None  # its parent is alive: it stays
        mine.kill()
        mine.wait()
    finally:
        parent.kill()
        parent.wait()
