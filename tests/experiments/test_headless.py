"""Sweeps of March's (1991) model: the engine, the metrics and the tables follow the scenario's model."""

import json
import math

import numpy as np
import pandas as pd
import pytest

import orglearn.experiments.task as task_module
from orglearn.experiments.results import SweepResults
from orglearn.experiments.seeds import run_seed
from orglearn.experiments.spec import (
    Source,
    SweepError,
    build_spec,
    experiment_names,
    locate_experiment,
    read_experiment,
    spec_from_dict,
)
from orglearn.experiments.store import ResultStore
from orglearn.experiments.summarize import summarize
from orglearn.experiments.task import RunContext, RunTask, run_one
from orglearn.registry import EQUILIBRIUM_PERIOD, MODELS, describe_model
from orglearn.scenarios import load_scenario
from orglearn.simulation.march1991 import March1991
from orglearn.simulation.march1991.metrics import COLUMNS as MARCH_COLUMNS

MARCH = tuple(describe_model("march1991").sweep_metrics())


def march_spec(vary=None, settings=None, **values):
    """A small March sweep: closed worlds run to rest within the 300 periods."""
    source = Source()
    source.values = {"model": "march1991", "replications": 3, "steps": 300, "every": 100, "seed": 11}
    source.values.update(values)
    source.settings = dict(settings or {})
    source.vary = dict(vary if vary is not None else {"p1": "0.1,0.9", "p2": [0.5]})
    return build_spec(source)


def test_every_model_says_how_a_sweep_runs_it():
    assert all(callable(entry.run_headless) for entry in MODELS.values())
    assert describe_model(None).name == "orglearn"  # results written before sweeps knew models
    assert list(MARCH) == [*MARCH_COLUMNS, EQUILIBRIUM_PERIOD]


def test_a_march_run_is_the_mesa_models_run_carried_forward_from_rest():
    scenario = load_scenario(model="march1991", overrides={"p1": 0.5, "p2": 0.5})
    outcome = run_one(RunTask(0, 0, 0, 42, {}, RunContext(scenario, 200, MARCH, 1)))
    assert outcome.status == "ok", outcome.error
    model = March1991(scenario, seed=42)
    frame = model.run(200)
    rest = int(frame["step"].iloc[-1])
    assert 0 < rest < 200 and not model.running
    got = pd.DataFrame(outcome.data, columns=MARCH)
    expected = frame[list(MARCH_COLUMNS)]
    pd.testing.assert_frame_equal(got.loc[:rest, list(MARCH_COLUMNS)], expected, check_dtype=False)
    after = got.loc[rest:, list(MARCH_COLUMNS)]
    assert (after.nunique() == 1).all(), "rows after rest repeat the row at rest"
    assert got[EQUILIBRIUM_PERIOD].iloc[:rest].isna().all()
    assert (got[EQUILIBRIUM_PERIOD].iloc[rest:] == rest).all()
    np.testing.assert_array_equal(outcome.weeks, np.arange(201))


def test_kept_periods_of_a_march_run_are_those_of_a_run_that_kept_all():
    scenario = load_scenario("turbulent", model="march1991")
    full = run_one(RunTask(0, 0, 0, 5, {}, RunContext(scenario, 30, MARCH, 1)))
    sparse = run_one(RunTask(0, 0, 0, 5, {}, RunContext(scenario, 30, MARCH, 7)))
    assert sparse.weeks.tolist() == [0, 7, 14, 21, 28, 30]
    np.testing.assert_array_equal(sparse.data, full.data[[0, 7, 14, 21, 28, 30]])
    assert np.isnan(full.data[:, MARCH.index(EQUILIBRIUM_PERIOD)]).all()  # an open world never rests


def test_a_march_sweep_names_its_model_and_checks_against_march_tables():
    spec = march_spec(vary={"p1": "0.1:0.9:3"}, settings={"p2": 0.9})
    assert spec.model == "march1991" and spec.factor_names == ["march.p1"]
    assert spec.factors[0].levels == (0.1, 0.5, 0.9)
    assert spec.base["march.p2"] == 0.9 and spec.metrics == MARCH
    assert spec.to_dict()["model"] == "march1991" and spec.canonical()["model"] == "march1991"
    assert spec_from_dict(json.loads(json.dumps(spec.to_dict()))).fingerprint() == spec.fingerprint()


def test_the_sweep_toml_of_a_march_sweep_reproduces_it(tmp_path):
    spec = march_spec(vary={"p1": "0.1,0.9"}, settings={"p2": 0.9})
    (tmp_path / "scenario.toml").write_text(spec.base.to_toml())
    (tmp_path / "sweep.toml").write_text(spec.to_toml())
    again = build_spec(read_experiment(tmp_path / "sweep.toml"))
    assert again.model == "march1991" and again.fingerprint() == spec.fingerprint()


def test_the_shipped_march_experiments_are_march_sweeps():
    names = [name for name in experiment_names() if name.startswith("march_")]
    assert names == ["march_figure1", "march_figure2", "march_turbulence", "march_turnover"]
    for name in names:
        spec = build_spec(read_experiment(locate_experiment(name)))
        assert spec.model == "march1991" and spec.replications >= 1000


def test_orglearn_sweeps_keep_their_fingerprint(spec_factory):
    spec = spec_factory()
    assert spec.model == "orglearn" and "model" not in spec.canonical()


@pytest.mark.parametrize(
    ("values", "vary", "settings", "message"),
    [
        ({}, {"network.voice": "0,1"}, {}, "network.voice: unknown parameter (see `orglearn parameters --"),
        ({"metrics": "fit_org"}, None, {}, "fit_org: unknown metric"),
        ({"model": "march"}, None, {}, "model: 'march' is not allowed: use one of orglearn, march1991"),
        ({"scenario": "rake"}, None, {}, "no scenario named or file called 'rake'"),
        ({}, {"p1": "0:2:3"}, {}, "2 is not allowed: use a number from 0.0 to 1.0"),
        ({}, {"p1": "0.1,0.9"}, {"march.p1": 0.5}, "march.p1: is both fixed (set) and varied"),
    ],
)
def test_march_sweeps_refuse_what_march_does_not_have(values, vary, settings, message):
    with pytest.raises(SweepError) as err:
        march_spec(vary=vary, settings=settings, **values)
    assert message in str(err.value)


def test_a_scenario_file_says_its_model_and_must_agree_with_model(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[scenario]\nmodel = "march1991"\nextends = "baseline"\n[march]\np2 = 0.9\n')
    source = Source(values={"scenario": str(path), "replications": 1, "steps": 10}, vary={"p1": "0.1,0.9"})
    assert build_spec(source).model == "march1991"
    source.values["model"] = "orglearn"
    with pytest.raises(SweepError, match="is a scenario for model 'march1991', not 'orglearn'"):
        build_spec(source)


def test_serial_and_process_pool_give_identical_march_tables(sweep):
    spec = march_spec()
    serial, pool = sweep(spec, "serial"), sweep(spec, "pool", serial=False, workers=2)
    for report in (serial, pool):
        assert (report.status, report.ok) == ("complete", 6)
    a, b = ResultStore(serial.folder), ResultStore(pool.folder)
    columns = ["run_id", "point", "replication", "seed", "status", "march.p1", "march.p2", "march.n"]
    pd.testing.assert_frame_equal(a.runs()[columns], b.runs()[columns])
    pd.testing.assert_frame_equal(a.metrics(), b.metrics())
    runs = a.runs()
    assert "network.kind" not in runs.columns and runs["march.p1"].tolist() == [0.1] * 3 + [0.9] * 3
    assert sorted(set(a.metrics()["step"])) == [0, 100, 200, 300]


def test_an_interrupted_march_sweep_resumes_to_the_same_results(sweep, monkeypatch):
    spec = march_spec(replications=4)
    whole = ResultStore(sweep(spec, "whole").folder)
    real, calls = task_module.simulate, []

    def interrupting(*args):
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(task_module, "simulate", interrupting)
    assert sweep(spec, "parts").status == "interrupted"
    monkeypatch.setattr(task_module, "simulate", real)
    resumed = sweep(None, "parts", resume=True)
    assert (resumed.status, resumed.before, resumed.spec.model) == ("complete", 4, "march1991")
    parts = ResultStore(resumed.folder)
    pd.testing.assert_frame_equal(whole.metrics(), parts.metrics())
    pd.testing.assert_frame_equal(whole.runs()[["run_id", "seed"]], parts.runs()[["run_id", "seed"]])


def test_summarize_gives_the_equilibrium_knowledge_of_each_run(sweep, tmp_path):
    spec = march_spec()
    sweep(spec)
    results = SweepResults.open(tmp_path / "results")
    assert results.model == "march1991" and results.unit == "period"
    assert "at rest" in results.describe_statistic("final", 0) and "300 periods" in results.caption()
    table = summarize(results, metrics=["code_knowledge", "equilibrium", EQUILIBRIUM_PERIOD])
    for point, p1 in enumerate((0.1, 0.9)):
        scenario = spec.base.with_values({"march.p1": p1})
        models = [March1991(scenario, seed=run_seed(11, point, r)) for r in range(3)]
        frames = [model.run(300) for model in models]
        assert not any(model.running for model in models)
        rows = table[table["march.p1"] == p1].set_index("metric")
        expected = np.mean([frame["code_knowledge"].iloc[-1] for frame in frames])
        assert rows.loc["code_knowledge", "mean"] == pytest.approx(expected, abs=1e-12)
        assert rows.loc["equilibrium", "mean"] == 1.0
        periods = np.mean([frame["step"].iloc[-1] for frame in frames])
        assert rows.loc[EQUILIBRIUM_PERIOD, "mean"] == pytest.approx(periods)
    by_short_name = summarize(results, by=["p1"], metrics=["code_knowledge"])
    assert by_short_name.columns[0] == "march.p1"


def test_an_open_world_runs_to_the_last_period(sweep, tmp_path):
    spec = march_spec(vary={"p3": [0.0, 0.1]}, settings={"p4": 0.02}, steps=40, every=40)
    sweep(spec)
    results = SweepResults.open(tmp_path / "results")
    values = results.per_run(["equilibrium", EQUILIBRIUM_PERIOD])
    assert (values["equilibrium"] == 0).all() and values[EQUILIBRIUM_PERIOD].map(math.isnan).all()
