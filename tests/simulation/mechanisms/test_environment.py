"""The world's momentum: steps as large as without it, whose direction lasts."""

import numpy as np
import pytest

from orglearn.scenarios import scenario_from_values
from orglearn.simulation import Engine


def steps(momentum: float, weeks: int = 400) -> np.ndarray:
    engine = Engine(scenario_from_values({"environment.momentum": momentum, "organization.people": 20}), 2)
    path = [engine.state.environment.copy()]
    for _ in range(weeks):
        engine.step()
        path.append(engine.state.environment.copy())
    return np.diff(np.array(path), axis=0)


def lag_one(x: np.ndarray) -> float:
    return float(np.mean([np.corrcoef(x[:-1, t], x[1:, t])[0, 1] for t in range(x.shape[1])]))


def test_with_momentum_a_step_keeps_its_size_and_its_direction_persists():
    walk, trend = steps(0.0), steps(0.9)
    assert walk.std() == pytest.approx(0.02, rel=0.1)
    assert trend.std() == pytest.approx(0.02, rel=0.15)  # the same size of weekly change
    assert abs(lag_one(walk)) < 0.1  # a random walk: every step new
    assert lag_one(trend) > 0.75  # a trend: this week's step much like last week's
