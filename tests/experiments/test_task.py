import numpy as np
import pandas as pd
import pytest

from orglearn.experiments.task import FAILED, OK, RunContext, RunTask, kept_weeks, run_one
from orglearn.scenarios import load_scenario
from orglearn.simulation.metrics import COLUMNS
from orglearn.simulation.model import LearningOrganization

BASE = load_scenario("baseline", {"organization.people": 20, "organization.turnover": 0.05})
ALL = tuple(COLUMNS)


def task(changes=None, seed=123, steps=12, every=1, metrics=ALL):
    return RunTask(0, 0, 0, seed, changes or {}, RunContext(BASE, steps, metrics, every))


def test_a_run_gives_the_numbers_of_the_mesa_model_with_the_same_seed():
    outcome = run_one(task({"network.kind": "network_org"}, seed=99))
    assert outcome.status == OK, outcome.error
    model = LearningOrganization(BASE.with_values({"network.kind": "network_org"}), seed=99)
    expected = model.run(12)
    got = pd.DataFrame(outcome.data, columns=ALL)
    pd.testing.assert_frame_equal(got, expected[list(ALL)], check_dtype=False)
    np.testing.assert_array_equal(outcome.weeks, np.arange(13))


def test_keeping_every_kth_week_keeps_the_same_rows_convergence_included():
    low_threshold = BASE.with_values({"metrics.convergence_threshold": 0.0})
    full = run_one(RunTask(0, 0, 0, 5, {}, RunContext(low_threshold, 12, ALL, 1)))
    sparse = run_one(RunTask(0, 0, 0, 5, {}, RunContext(low_threshold, 12, ALL, 5)))
    assert sparse.weeks.tolist() == kept_weeks(12, 5) == [0, 5, 10, 12]
    np.testing.assert_array_equal(sparse.data, full.data[[0, 5, 10, 12]])
    converged = sparse.data[:, ALL.index("convergence_step_rules")]
    assert np.isfinite(converged[-1])  # it converged, and on the same week as when measured weekly


def test_the_seed_decides_the_numbers():
    a, b, c = run_one(task(seed=1)), run_one(task(seed=1)), run_one(task(seed=2))
    np.testing.assert_array_equal(a.data, b.data)
    assert not np.array_equal(a.data, c.data)


def test_values_report_what_presets_filled_in():
    outcome = run_one(task({"management.style": "directive"}))
    assert outcome.values["management.style"] == "directive"
    assert set(outcome.values) > {"management.style"}


def test_a_failing_run_comes_back_with_its_error():
    outcome = run_one(task({"organization.team_size": 500}))
    assert outcome.status == FAILED
    assert "organization.team_size" in outcome.error
    assert outcome.data.shape == (0, len(ALL))


@pytest.mark.parametrize("every", [1, 3])
def test_zero_weeks_keeps_week_zero(every):
    outcome = run_one(task(steps=0, every=every))
    assert outcome.weeks.tolist() == [0]
