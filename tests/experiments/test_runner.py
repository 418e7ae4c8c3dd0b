import errno
import json

import numpy as np
import pandas as pd
import pytest

import orglearn.experiments.task as task_module
from orglearn.experiments.folder import FolderError
from orglearn.experiments.runner import StoreWriteError
from orglearn.experiments.seeds import run_seed
from orglearn.experiments.store import ResultStore

SAME = ["run_id", "point", "replication", "seed", "status", "management.alignment_effort"]


def tables(report):
    store = ResultStore(report.folder)
    return store.runs()[SAME], store.metrics()


def test_a_sweep_runs_every_point_and_replication_with_derived_seeds(sweep, spec_factory):
    report = sweep(spec_factory())
    assert (report.status, report.total, report.ok, report.failed) == ("complete", 6, 6, 0)
    runs, metrics = tables(report)
    assert runs["point"].tolist() == [0, 0, 1, 1, 2, 2]
    assert runs["replication"].tolist() == [0, 1] * 3
    assert runs["seed"].tolist() == [run_seed(7, p, r) for p in range(3) for r in range(2)]
    assert runs["management.alignment_effort"].tolist() == [0.0, 0.0, 0.5, 0.5, 1.0, 1.0]
    assert len(metrics) == 6 * 7
    metadata = json.loads((report.folder / "metadata.json").read_text())
    assert metadata["seed"] == 7
    assert metadata["counts"] == {"ok": 6, "failed": 0, "missing": 0}
    assert metadata["spec"]["vary"] == {"management.alignment_effort": [0.0, 0.5, 1.0]}
    assert metadata["finished"] and metadata["sessions"][0]["status"] == "complete"


def test_serial_process_pool_and_dask_give_identical_results(sweep, spec_factory):
    spec = spec_factory(vary={"management.alignment_effort": "0:1:2", "network.kind": "rake,teams"})
    serial = tables(sweep(spec, "serial"))
    pool = tables(sweep(spec, "pool", serial=False, workers=2))
    dask = tables(sweep(spec, "dask", serial=False, dask_local=2))
    for other in (pool, dask):
        pd.testing.assert_frame_equal(serial[0], other[0])
        pd.testing.assert_frame_equal(serial[1], other[1])


def test_a_failing_run_is_recorded_and_the_rest_complete(sweep, spec_factory, monkeypatch):
    real = task_module.simulate
    unlucky = run_seed(7, 1, 0)

    def sometimes(scenario, seed, *args):
        if seed == unlucky:
            raise RuntimeError("a run that goes wrong")
        return real(scenario, seed, *args)

    monkeypatch.setattr(task_module, "simulate", sometimes)
    spec = spec_factory()
    report = sweep(spec)
    assert (report.status, report.ok, report.failed, report.failed_total) == ("complete", 5, 1, 1)
    runs = ResultStore(report.folder).runs()
    bad = runs[runs["status"] == "failed"].iloc[0]
    assert bad["run_id"] == 2
    assert "RuntimeError: a run that goes wrong" in bad["error"]
    # rerunning does not retry it; --retry-failed does, and then it is recorded once, ok
    monkeypatch.setattr(task_module, "simulate", real)
    assert sweep(spec).ok == 0
    again = sweep(spec, retry_failed=True)
    assert (again.ok, again.failed_total) == (1, 0)
    runs, metrics = tables(again)
    assert runs["status"].eq("ok").all() and runs["run_id"].is_unique
    assert metrics.groupby("run_id").size().eq(7).all()


def test_an_interrupted_sweep_resumes_to_the_same_results(sweep, spec_factory, monkeypatch):
    spec = spec_factory(replications=3)
    whole = tables(sweep(spec, "whole"))
    real, calls = task_module.simulate, []

    def interrupting(*args):
        calls.append(1)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(task_module, "simulate", interrupting)
    first = sweep(spec, "parts")
    assert first.status == "interrupted"
    assert len(ResultStore(first.folder).runs()) == 3
    monkeypatch.setattr(task_module, "simulate", real)
    second = sweep(spec, "parts")
    assert (second.status, second.before, second.ok) == ("complete", 3, 6)
    resumed = tables(second)
    pd.testing.assert_frame_equal(whole[0], resumed[0])
    pd.testing.assert_frame_equal(whole[1], resumed[1])


def test_a_folder_with_another_sweep_is_refused_and_left_alone(sweep, spec_factory):
    report = sweep(spec_factory())
    before = sorted(p.name for p in (report.folder / "runs").iterdir())
    with pytest.raises(FolderError, match="holds a different sweep") as info:
        sweep(spec_factory(steps=8))
    assert "steps: 6 there, 8 here" in str(info.value)
    with pytest.raises(FolderError, match=r"organization\.people: 20 there, 30 here"):
        sweep(spec_factory(settings={"organization.people": 30}))
    assert sorted(p.name for p in (report.folder / "runs").iterdir()) == before


def test_without_a_seed_a_sweep_draws_one_and_a_rerun_adopts_it(sweep, spec_factory):
    first = sweep(spec_factory(seed=None))
    assert first.spec.seed is not None
    again = sweep(spec_factory(seed=None))
    assert (again.spec.seed, again.ok, again.status) == (first.spec.seed, 0, "complete")


def test_resume_from_the_folder_alone(sweep, spec_factory):
    with pytest.raises(FolderError, match="holds no sweep to resume"):
        sweep(None, resume=True)
    sweep(spec_factory())
    report = sweep(None, resume=True)
    assert report.status == "complete" and report.spec.fingerprint() == spec_factory().fingerprint()


def test_a_full_disk_stops_the_sweep_and_keeps_what_was_written(sweep, spec_factory, monkeypatch, tmp_path):
    real, calls = ResultStore.append, []

    def filling(self, runs, metrics):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, runs, metrics)

    monkeypatch.setattr("orglearn.experiments.runner.FLUSH_SECONDS", 0.0)
    monkeypatch.setattr(ResultStore, "append", filling)
    spec = spec_factory()
    with pytest.raises(StoreWriteError, match=r"No space left on device.*run the same command again"):
        sweep(spec)
    assert len(ResultStore(tmp_path / "results").runs()) == 1
    monkeypatch.setattr(ResultStore, "append", real)
    report = sweep(spec)
    assert report.before == 1 and report.status == "complete"


def test_kept_metrics_and_weeks_follow_the_spec(sweep, spec_factory):
    report = sweep(spec_factory(metrics="fit_org", every=4, steps=10))
    metrics = ResultStore(report.folder).metrics()
    assert list(metrics.columns) == ["run_id", "step", "fit_org"]
    assert sorted(set(metrics["step"])) == [0, 4, 8, 10]
    assert np.isfinite(metrics["fit_org"]).all()
