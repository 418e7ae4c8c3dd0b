"""Recovery time and path dependence, on hand-made series and on a real journey."""

import math

import numpy as np
import pandas as pd
import pytest

from orglearn.scenarios import load_scenario
from orglearn.simulation import LearningOrganization
from orglearn.simulation.history import path_dependence, recovery_weeks


def series(values, start=0):
    return pd.Series(values, index=range(start, start + len(values)), dtype=float)


def test_recovery_counts_weeks_until_the_metric_stays_in_the_band():
    # flat 0.5 until week 10, a drop, then back by week 14 and level after
    values = [0.5] * 10 + [0.1, 0.2, 0.3, 0.45, 0.49] + [0.5] * 30
    assert recovery_weeks(series(values), 10, band=0.02, settle=20) == 4.0  # week 14 is 0.49


def test_a_metric_that_never_left_the_band_recovers_at_once_and_a_short_run_cannot_tell():
    assert recovery_weeks(series([0.5] * 40), 10) == 0.0
    assert math.isnan(recovery_weeks(series([0.5] * 25), 10, settle=20))


def test_a_metric_that_leaves_the_band_again_recovers_only_after_its_last_excursion():
    values = [0.5] * 10 + [0.1, 0.5, 0.5, 0.9, 0.5] + [0.5] * 30
    assert recovery_weeks(series(values), 10, band=0.02) == 4.0


def test_path_dependence_is_the_difference_at_the_week_asked():
    a, b = series([0.1, 0.2, 0.4]), series([0.1, 0.3, 0.3])
    assert path_dependence(a, b, 1) == pytest.approx(-0.1)
    assert path_dependence(a, b, 2) == pytest.approx(0.1)
    assert math.isnan(path_dependence(a, b, 5))


def test_a_new_directors_effect_on_goal_alignment_settles_in_measurable_time():
    model = LearningOrganization(load_scenario("new_director"), seed=1)
    frame = model.run(200).set_index("step")
    weeks = recovery_weeks(frame["goal_alignment_org"], 100)
    assert 0 < weeks < 100  # it moved, and it settled before the run ended
    always = LearningOrganization(load_scenario("aligning"), seed=1).run(200).set_index("step")
    gap = [path_dependence(frame["goal_alignment_org"], always["goal_alignment_org"], w) for w in (100, 199)]
    assert np.isfinite(gap).all()
