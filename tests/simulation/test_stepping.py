"""The one run loop and the one clock (orglearn.simulation.stepping)."""

from __future__ import annotations

import numpy as np
import pytest

from orglearn.simulation.engine import Engine
from orglearn.simulation.march1991.model import March1991
from orglearn.simulation.model import LearningOrganization
from orglearn.simulation.recorder import RecordedEngine
from orglearn.simulation.stepping import Lockstep, advance

CLOSED = {"march.p1": 0.5, "march.p2": 0.5}  # March's closed world: comes to rest in about 20 periods


def test_advance_calls_after_each_step_and_stops_when_until_holds():
    seen: list[int] = []
    model = advance(
        LearningOrganization("school", seed=1), 50, lambda m: seen.append(m.week), until=lambda m: m.week == 7
    )
    assert seen == list(range(1, 8))
    assert model.week == 7
    assert len(model.metrics()) == 8


def test_advance_stops_a_model_at_rest_and_a_lockstep_keeps_it_in_place():
    rested = advance(March1991(CLOSED, seed=2), 5000)
    rest = rested.week
    assert not rested.running and 0 < rest < 5000
    advance(rested, 10)
    assert rested.week == rest  # not stepped any more

    resting, turbulent = March1991(CLOSED, seed=2), March1991("turbulent", seed=1)
    both = advance(Lockstep((resting, turbulent)), rest + 30)
    assert both.steps == rest + 30 and both.running
    assert resting.week == rest and turbulent.week == rest + 30


def test_a_lockstep_of_twins_stays_identical():
    scenario = LearningOrganization("school", seed=3).setup
    twins = Lockstep([Engine(scenario, np.random.default_rng(3)) for _ in range(2)])
    advance(twins, 20)
    a, b = (engine.state for engine in twins.models)
    assert a.week == b.week == 20
    np.testing.assert_array_equal(a.meaning, b.meaning)


def test_a_lockstep_needs_a_model():
    with pytest.raises(ValueError, match="at least one"):
        Lockstep(())


def test_the_headless_engine_records_what_the_mesa_model_records():
    model = advance(LearningOrganization("school", seed=4), 12)
    headless = advance(RecordedEngine(Engine(model.setup, np.random.default_rng(4))), 12)
    assert headless.week == 12
    np.testing.assert_array_equal(headless.metrics().to_numpy(), model.metrics().to_numpy())


def test_mesa_steps_and_time_read_the_one_clock_of_the_state():
    model = LearningOrganization("school", seed=5)
    model.run_for(5)  # Mesa's own way of running
    assert model.week == model.steps == model.state.week == 5
    assert model.time == 5
    assert len(model.metrics()) == 6
    model.engine.step()  # the engine stepped on its own moves the one clock
    assert model.steps == 6


def test_a_model_at_rest_does_not_count_steps_it_ignores():
    model = March1991(CLOSED, seed=2)
    model.run(5000)
    rest = model.week
    model.step()
    assert model.steps == model.week == model.state.period == rest


def test_runs_that_came_to_rest_earlier_keep_their_last_value():
    from orglearn.simulation.stepping import aligned

    table = aligned([np.array([0.0, 1.0, 2.0]), np.array([5.0])])
    np.testing.assert_array_equal(table, [[0.0, 1.0, 2.0], [5.0, 5.0, 5.0]])
    assert aligned([np.array([1.0, 2.0])], 4).tolist() == [[1.0, 2.0, 2.0, 2.0]]
