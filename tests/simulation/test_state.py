"""Seating newcomers: what a person who takes a place brings, and what starts afresh."""

import numpy as np
import pytest

from orglearn.scenarios import scenario_from_values
from orglearn.simulation import Engine
from orglearn.simulation.agreement import agreement
from orglearn.simulation.mechanisms.task import fitness_rows
from orglearn.simulation.population import INSIGHTS, PRINCIPLES, RULES, draw_arrivals


def seated(**values):
    scenario = scenario_from_values({"organization.people": 30, "network.trust_start": 0.4, **values})
    engine = Engine(scenario, 2)
    for _ in range(5):
        engine.step()
    state, values = engine.state, engine.values
    before = {name: getattr(state, name).copy() for name in ("meaning", "trust", "performance", "signal")}
    state.reflection_shift[:] = 0.3
    people = np.array([4, 17])
    arrivals = draw_arrivals(np.random.default_rng(9), len(people), values)
    state.place(people, arrivals, values)
    return state, people, arrivals, before


@pytest.mark.parametrize("rugged", [0.0, 0.6])
def test_newcomers_bring_their_own_views_and_start_with_fresh_memories(rugged):
    task = {"task.ruggedness": rugged, "task.interdependence": 2} if rugged else {}
    state, people, arrivals, before = seated(**task)
    np.testing.assert_array_equal(state.meaning[:, people], arrivals.meaning)
    np.testing.assert_array_equal(state.goal[people], arrivals.goal)
    np.testing.assert_array_equal(state.capacity_base[people], arrivals.capacity)
    fit = agreement(arrivals.meaning[RULES], state.environment)
    if rugged:
        fit = (1 - rugged) * fit + rugged * fitness_rows(arrivals.meaning[RULES], *state.task.arrays())
    for memory in (state.performance, state.memory, state.aspiration):
        np.testing.assert_allclose(memory[people], fit, rtol=0, atol=1e-12)
    conflict = 1 - agreement(arrivals.meaning[INSIGHTS], arrivals.meaning[PRINCIPLES])
    np.testing.assert_allclose(state.conflict[people], conflict, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(state.signal[people], np.broadcast_to(state.environment, (2, state.themes)))
    assert np.all(state.progress[people] == 0) and np.all(state.reflection_shift[people] == 0)
    assert np.all(np.isnan(state.reflection_start[people]))
    others = np.setdiff1d(np.arange(state.size), people)
    np.testing.assert_array_equal(state.meaning[:, others], before["meaning"][:, others])
    assert np.all(state.reflection_shift[others] == 0.3)


def test_newcomers_and_their_contacts_start_out_trusting_each_other_afresh():
    state, people, _, before = seated(**{"network.trust_rate": 0.2})
    ties = state.ties
    mine = np.isin(ties.row, people)
    theirs = mine[ties.half_reverse]
    assert np.any(before["trust"][mine] != 0.4)  # trust had moved before they came
    assert np.all(state.trust[mine | theirs] == 0.4)
    np.testing.assert_array_equal(state.trust[~(mine | theirs)], before["trust"][~(mine | theirs)])
