"""Interventions during a run: the same run until week t, a different one after."""

import numpy as np
import pytest

from orglearn.scenarios import load_scenario
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.run import run_model


def with_timeline(base: str, *items: dict):
    scenario = load_scenario(base)
    from orglearn.scenarios.interventions import Intervention

    added = [
        Intervention(i["name"], i["week"], i.get("until", i["week"]), i["set"], {}, "test") for i in items
    ]
    return scenario.with_interventions(added)


NEW_DIRECTOR = {"name": "new_director", "week": 30, "set": {"management.style": "aligning"}}
RESTRUCTURE = {
    "name": "restructure",
    "week": 25,
    "set": {"network.kind": "network_org", "network.voice": 1.0},
}


def test_a_run_is_byte_identical_before_the_intervention_and_differs_after():
    switched = run_model(with_timeline("directive", NEW_DIRECTOR), 60, seed=4).metrics
    stayed = run_model(load_scenario("directive"), 60, seed=4).metrics
    numbers = [c for c in stayed.columns]
    assert switched[numbers].iloc[:30].equals(stayed.iloc[:30])
    after = switched[numbers].iloc[30:]["goal_alignment_org"] - stayed.iloc[30:]["goal_alignment_org"]
    assert (after.iloc[-10:] > 0.05).all()  # aligning management raises goal alignment
    assert list(switched.loc[switched.intervention != "", "step"]) == [30]


@pytest.mark.parametrize("items", [(NEW_DIRECTOR,), (RESTRUCTURE, NEW_DIRECTOR)])
def test_the_readable_week_honours_interventions_as_the_engine_does(items):
    scenario = with_timeline("rake", *items)
    fast = LearningOrganization(scenario, seed=2)
    readable = LearningOrganization(scenario, seed=2, engine="readable")
    fast.run(45)
    readable.run(45)
    np.testing.assert_allclose(readable.state.meaning, fast.state.meaning, rtol=0, atol=1e-12)
    np.testing.assert_allclose(readable.state.goal, fast.state.goal, rtol=0, atol=1e-12)


def test_a_gradual_change_moves_linearly_over_its_window():
    scenario = with_timeline(
        "baseline", {"name": "g", "week": 10, "until": 20, "set": {"network.voice": 1.0}}
    )
    engine = Engine(scenario, np.random.default_rng(1))
    start = scenario["network.voice"]
    seen = {}
    for _ in range(25):
        engine.step()
        seen[engine.state.week] = engine.values["network.voice"]
    assert seen[9] == start and seen[10] == start and seen[20] == 1.0 and seen[25] == 1.0
    assert seen[15] == pytest.approx(start + 0.5 * (1.0 - start))


def test_a_restructuring_lays_new_ties_over_the_same_people_and_mesa_follows():
    model = LearningOrganization(with_timeline("rake", RESTRUCTURE), seed=3)
    model.run(24)
    before, meaning = len(model.state.ties.source), model.state.meaning.copy()
    model.step()
    assert len(model.state.ties.source) > 2 * before
    assert model.grid._cells[7] is model.staff[7].cell and len(model.agents) == model.state.size
    assert {c.coordinate for c in model.staff[7].cell.neighborhood} == set(
        model.state.ties.indices[model.state.ties.indptr[7] : model.state.ties.indptr[8]].tolist()
    )
    assert not np.array_equal(model.state.meaning, meaning)


def test_interventions_leave_the_environment_and_turnover_alone():
    items = (NEW_DIRECTOR, {"name": "talk", "week": 10, "set": {"communication.conversation_rate": 0.9}})
    a = Engine(with_timeline("baseline", *items).with_values({"organization.turnover": 0.02}), 6)
    b = Engine(load_scenario("baseline", {"organization.turnover": 0.02}), 6)
    for _ in range(60):
        da, db = a.step(), b.step()
        assert np.array_equal(a.state.environment, b.state.environment)
        assert np.array_equal(da.leave, db.leave)
