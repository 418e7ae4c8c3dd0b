"""Real interruptions of `orglearn sweep` in a subprocess: a hard kill, Ctrl-C, a killed worker."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from orglearn.cli import main
from orglearn.experiments.store import ResultStore

# 40 runs of about 0.2 s each: long enough to interrupt, short enough for a test. (The sweep must
# still be running when the first results are on disk, several flushes later than that: at 80
# weeks a run took 20 ms, the whole sweep fit in one flush, and Ctrl-C could land after the end.)
ARGS = [
    "sweep",
    "--vary",
    "management.alignment_effort=0:1:4",
    "--replications",
    "10",
    "--steps",
    "800",
    "--seed",
    "11",
    "--set",
    "organization.people=50",
    "--metrics",
    "fit_org,shared_meaning_rules_org",
]
TOTAL = 40
pytestmark = pytest.mark.slow  # each starts real sweeps in subprocesses: several seconds


def start(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "orglearn", *ARGS, "--out", str(out), "--quiet", "--workers", "2", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so a kill can take the workers too
    )


def wait_for_parts(out: Path, process: subprocess.Popen, parts: int = 1, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(list((out / "runs").glob("part-*.parquet"))) < parts:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no results were written in time"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame]:
    out = tmp_path_factory.mktemp("reference") / "whole"
    assert main([*ARGS, "--out", str(out), "--quiet", "--workers", "2"]) == 0
    store = ResultStore(out)
    return store.runs(["seed", "status"]), store.metrics()


def check_complete(out: Path, reference) -> None:
    store = ResultStore(out)
    runs = store.runs(["seed", "status"])
    assert runs["run_id"].tolist() == list(range(TOTAL))  # every run, exactly once
    pd.testing.assert_frame_equal(runs, reference[0])
    pd.testing.assert_frame_equal(store.metrics(), reference[1])
    raw = pd.concat(pd.read_parquet(p, columns=["run_id"]) for p in (out / "runs").glob("part-*.parquet"))
    assert raw["run_id"].is_unique


def test_a_hard_kill_loses_nothing_that_was_written_and_resume_completes(tmp_path, reference):
    out = tmp_path / "killed"
    process = start(out)
    wait_for_parts(out, process)
    os.killpg(process.pid, signal.SIGKILL)  # parent and workers at once, like a crash
    process.wait()
    saved = len(ResultStore(out).runs())
    assert 0 < saved < TOTAL
    process = start(out)
    assert process.wait(timeout=120) == 0, process.communicate()
    check_complete(out, reference)
    assert ResultStore(out).read_metadata()["sessions"][-1]["ok"] == TOTAL - saved  # only what was missing


def test_ctrl_c_saves_what_finished_and_says_how_to_finish(tmp_path, reference):
    out = tmp_path / "interrupted"
    process = start(out)
    wait_for_parts(out, process)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted;" in err and "Run the same command again" in err and "Traceback" not in err
    store = ResultStore(out)
    saved = len(store.runs())
    assert 0 < saved < TOTAL
    assert store.read_metadata()["sessions"][-1]["status"] == "interrupted"
    assert main([*ARGS, "--out", str(out), "--quiet", "--resume"]) == 0
    check_complete(out, reference)
    assert store.read_metadata()["sessions"][-1]["ok"] == TOTAL - saved


def test_a_killed_worker_is_replaced_and_its_runs_are_run_again(tmp_path, reference):
    out = tmp_path / "worker"
    process = start(out)
    wait_for_parts(out, process)
    workers = [p for p in psutil.Process(process.pid).children() if "spawn_main" in " ".join(p.cmdline())]
    assert len(workers) == 2
    workers[-1].kill()
    assert process.wait(timeout=120) == 0, process.communicate()
    check_complete(out, reference)


def test_workers_exit_when_the_sweep_is_killed_alone(tmp_path):
    out = tmp_path / "orphans"
    process = start(out)
    wait_for_parts(out, process)
    children = psutil.Process(process.pid).children(recursive=True)
    workers = [p for p in children if "spawn_main" in " ".join(p.cmdline())]
    assert len(workers) == 2
    process.kill()  # the parent only, as the OOM killer or a `kill -9 PID` does
    process.wait()
    deadline = time.monotonic() + 15
    while (alive := [p for p in children if running(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    for child in alive:
        child.kill()
    assert not alive, f"still running after their sweep was killed: {[p.pid for p in alive]}"


def running(process: psutil.Process) -> bool:
    """Whether a process still runs (an exited one that nobody reaped yet does not)."""
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_ctrl_c_on_a_dask_sweep_says_one_clear_line(tmp_path):
    out = tmp_path / "dask"
    process = subprocess.Popen(
        [sys.executable, "-m", "orglearn", *ARGS, "--out", str(out), "--quiet", "--dask-local", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    wait_for_parts(out, process)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends, to workers too
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("orglearn sweep: interrupted;"), err
    assert f"orglearn sweep --resume --out {out}" in lines[0]
