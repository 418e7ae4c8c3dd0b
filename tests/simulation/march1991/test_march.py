"""March's (1991) model: limit cases, equilibrium, reproducibility and the shape of Figure 1."""

import numpy as np
import pytest

from orglearn.scenarios import ScenarioError, load_scenario, scenario_names
from orglearn.simulation.march1991 import March1991, MarchEngine


def engine(seed: int = 1, **values) -> MarchEngine:
    scenario = load_scenario(model="march1991", overrides=values)
    return MarchEngine(scenario, np.random.default_rng(seed))


@pytest.mark.parametrize("variant", ["original", "text"])
def test_with_p1_zero_individuals_never_change(variant):
    e = engine(p1=0.0, p2=0.9, variant=variant)
    start = e.state.beliefs.copy()
    for _ in range(50):
        e.step()
    assert np.array_equal(e.state.beliefs, start)
    assert np.any(e.state.code != 0)  # while the code did learn


@pytest.mark.parametrize("variant", ["original", "text"])
def test_with_p2_zero_the_code_never_changes(variant):
    e = engine(p1=0.9, p2=0.0, variant=variant)
    start = e.state.beliefs.copy()
    for _ in range(50):
        e.step()
    assert np.all(e.state.code == 0)
    assert np.array_equal(e.state.beliefs, start)  # a neutral code socializes nobody


def test_socialization_is_gradual_in_the_original_and_a_jump_in_the_text():
    for variant in ("original", "text"):
        e = engine(seed=3, p1=1.0, p2=0.9, variant=variant)
        e.state.code[:] = 1
        before = e.state.beliefs.copy()
        e.step()
        moved = np.abs(e.state.beliefs.astype(int) - before.astype(int))
        was_minus = before == -1
        if variant == "original":  # -1 becomes 0, never +1 in one period
            assert np.all(moved[was_minus] <= 1)
            assert np.all(e.state.beliefs[was_minus] == 0)
        else:  # -1 jumps straight to the code
            assert np.all(e.state.beliefs[was_minus] == 1)


def test_a_closed_world_stops_at_equilibrium_and_stays_there():
    model = March1991({"march.p1": 0.5, "march.p2": 0.5}, seed=2)
    frame = model.run(5000)
    assert not model.running
    s = model.state
    assert frame["equilibrium"].iloc[-1] == 1.0
    assert frame["equilibrium"].iloc[:-1].eq(0).all()
    assert not np.any((s.code != 0) & (s.beliefs != s.code))  # nobody differs where the code has a view
    best = s.beliefs.astype(int) @ s.reality + np.count_nonzero(s.beliefs == 0, axis=1)
    assert np.all(best <= s.code.astype(int) @ s.reality)  # nobody can still beat the code
    weeks = model.week
    model.step()
    assert model.week == weeks  # at rest, nothing happens


def test_turnover_or_turbulence_runs_a_fixed_horizon():
    model = March1991("turbulent", seed=1)
    frame = model.run(100)
    assert model.running
    assert len(frame) == 101
    assert frame["equilibrium"].eq(0).all()


def test_same_seed_same_run_and_another_seed_differs():
    a = March1991("mixed_learners", seed=7).run(300)
    b = March1991("mixed_learners", seed=7).run(300)
    c = March1991("mixed_learners", seed=8).run(300)
    assert a.equals(b)
    assert not a.equals(c)


def test_individuals_are_agents_whose_beliefs_are_views():
    model = March1991("mixed_learners", seed=1)
    assert len(model.agents) == 50
    slow = model.agents.select(lambda a: a.p1 == 0.1)
    assert len(slow) == 25
    person = model.individuals[3]
    assert np.shares_memory(person.beliefs, model.state.beliefs)
    model.run(20)
    assert np.array_equal(person.beliefs, model.state.beliefs[3])


def equilibrium_knowledge(p1: float, p2: float, runs: int) -> float:
    finals = [
        March1991({"march.p1": p1, "march.p2": p2}, seed=s).run(5000)["code_knowledge"].iloc[-1]
        for s in range(runs)
    ]
    return float(np.mean(finals))


def test_figure_1_shape_slow_learners_help_when_the_code_learns_fast():
    """March (1991), Figure 1, p2 = 0.9: about 0.97 at p1 = 0.1 and 0.72 at p1 = 0.9 (40 runs each)."""
    slow, middle, fast = (equilibrium_knowledge(p1, 0.9, 40) for p1 in (0.1, 0.5, 0.9))
    assert slow > middle > fast
    assert slow == pytest.approx(0.97, abs=0.04)
    assert fast == pytest.approx(0.72, abs=0.06)


def test_march_scenarios_load_and_refuse_other_models_keys():
    assert {"baseline", "fast_learners", "mixed_learners", "turbulent"} <= set(scenario_names("march1991"))
    assert load_scenario("mixed_learners", model="march1991").model == "march1991"
    with pytest.raises(ScenarioError, match=r"network\.voice: unknown setting"):
        load_scenario(model="march1991", overrides={"network.voice": 0.5})
    with pytest.raises(ScenarioError, match="no scenario named"):
        load_scenario("rake", model="march1991")
