"""The rugged task: the NK landscape, local search, imitation, and the switch back to the smooth task."""

import itertools
import math

import numpy as np
import pytest
from settings import QUIET

from orglearn.scenarios import ScenarioError, scenario_from_values
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.agreement import agreement
from orglearn.simulation.mechanisms import conversations, experience, task
from orglearn.simulation.population import RULES


def every_choice(themes: int) -> np.ndarray:
    """Every set of choices as positions (+1 for, -1 against), (2^N, N)."""
    return np.array(list(itertools.product((-1.0, 1.0), repeat=themes)))


@pytest.mark.parametrize(("themes", "k"), [(6, 0), (8, 3), (9, 8)])
def test_mean_and_best_are_those_of_every_set_of_choices(themes, k):
    landscape = task.draw_landscape(themes, k, np.random.default_rng(k))
    scores = task.fitness_rows(every_choice(themes), landscape.neighbours, landscape.table, 0.0, 1.0)
    assert landscape.exact
    assert landscape.best == pytest.approx(scores.max(), abs=1e-15)
    assert landscape.mean == pytest.approx(scores.mean(), abs=1e-12)
    normalized = task.fitness_rows(every_choice(themes), *landscape.arrays())
    assert normalized.max() == pytest.approx(1.0, abs=1e-12)
    assert normalized.mean() == pytest.approx(0.0, abs=1e-12)


def test_each_theme_depends_on_itself_and_k_others():
    landscape = task.draw_landscape(10, 4, np.random.default_rng(1))
    for i, row in enumerate(landscape.neighbours):
        assert row[0] == i and len(set(row)) == 5
    assert landscape.table.shape == (10, 32)


def test_interaction_makes_the_task_rugged_and_k_zero_keeps_it_smooth():
    """With K = 0 every local peak is the global one (Kauffman); with large K most are not."""

    def local_peaks(k: int) -> list[float]:
        landscape = task.draw_landscape(10, k, np.random.default_rng(3))
        starts = np.random.default_rng(4).random((40, 10)) < 0.5
        return [task.climb(s, landscape.neighbours, landscape.table) / landscape.best for s in starts]

    assert min(local_peaks(0)) == pytest.approx(1.0)
    assert np.mean(np.isclose(local_peaks(7), 1.0)) < 0.5


def test_beyond_the_exact_limit_the_best_is_a_climbed_peak():
    landscape = task.draw_landscape(task.EXACT_UP_TO + 2, 2, np.random.default_rng(2))
    assert not landscape.exact
    assert landscape.mean < landscape.best <= 1.0


def test_a_smooth_task_builds_no_landscape_and_draws_nothing():
    engine = Engine(scenario_from_values({}), 1)
    assert engine.state.task is None
    draws = engine.draw()
    assert draws.trial is None and draws.copy is None


def test_performance_mixes_agreement_and_fitness_by_the_ruggedness():
    values = {"organization.themes": 8, "task.ruggedness": 0.4, "task.interdependence": 3}
    state = Engine(scenario_from_values(values), 2).state
    rules = state.meaning[RULES]
    fit = agreement(rules, state.environment)
    expected = 0.6 * fit + 0.4 * task.fitness_rows(rules, *state.task.arrays())
    np.testing.assert_allclose(state.performance, expected, rtol=0, atol=1e-14)
    assert not np.allclose(state.performance, fit)


def test_the_landscape_comes_from_its_own_stream():
    """A rugged task leaves the world and the people as they were on the same seed."""
    smooth = Engine(scenario_from_values({}), 5).state
    rugged = Engine(scenario_from_values({"task.ruggedness": 1.0}), 5).state
    np.testing.assert_array_equal(smooth.environment, rugged.environment)
    np.testing.assert_array_equal(smooth.meaning, rugged.meaning)


def test_local_search_keeps_a_change_only_when_it_feels_better():
    landscape = task.draw_landscape(6, 2, np.random.default_rng(7))
    rng = np.random.default_rng(8)
    for _ in range(200):
        rules = rng.uniform(-1, 1, (1, 6))
        signal = rng.uniform(-1, 1, (1, 6))
        before = rules.copy()
        arrays = (landscape.neighbours, landscape.table, landscape.mean, landscape.span)
        felt_before = experience.felt(0, rules, signal, 0.5, arrays)
        changed = experience.search(0, rules, signal, 0.5, rng.random(1), *arrays)
        felt_after = experience.felt(0, rules, signal, 0.5, arrays)
        moved = np.flatnonzero(rules[0] != before[0])
        if changed > 0:
            assert len(moved) == 1 and rules[0, moved[0]] == -before[0, moved[0]]
            assert felt_after > felt_before
            assert changed == pytest.approx(2 * abs(before[0, moved[0]]))
        else:
            assert len(moved) == 0


def test_local_search_alone_climbs_to_a_peak_and_stays():
    values = {
        **QUIET,
        "organization.people": 20,
        "organization.themes": 10,
        "task.ruggedness": 1.0,
        "task.interdependence": 3,
    }
    engine = Engine(scenario_from_values(values), 3)
    start = engine.state.performance.copy()
    for _ in range(150):
        engine.step()
    state = engine.state
    assert np.all(state.performance >= start)
    rules = state.meaning[RULES]
    for i in range(len(rules)):  # no single flip pays any more: a local peak
        now = task.fitness(rules[i], *state.task.arrays())
        for t in range(10):
            flipped = rules[i].copy()
            flipped[t] = -flipped[t]
            assert task.fitness(flipped, *state.task.arrays()) <= now + 1e-12


def contacts(pairs: list[tuple[int, int]], people: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR contacts of an undirected edge list."""
    lists = [sorted({b for a, b in pairs if a == i} | {a for a, b in pairs if b == i}) for i in range(people)]
    indptr = np.cumsum([0] + [len(x) for x in lists]).astype(np.int64)
    return indptr, np.array([j for x in lists for j in x], dtype=np.int64)


def test_imitation_copies_the_best_trusted_contact_only_when_better():
    rules = np.array([[0.1, 0.2, 0.3], [0.9, -0.9, 0.9], [-0.5, 0.5, -0.5], [0.7, 0.7, 0.7]])
    performance = np.array([0.3, 0.5, 0.8, 0.9])
    principles = np.zeros((4, 3))
    principles[3] = 1.0  # person 3 is out of everyone's trust
    indptr, indices = contacts([(0, 1), (0, 2), (0, 3), (1, 2)], 4)
    before = rules.copy()
    copy = np.zeros((4, 3))
    copy[0, 1] = 0.9  # with strength 0.5 person 0 copies themes 0 and 2 only
    arguments = (rules, copy, 0.5, performance, indptr, indices, principles, 0.7)
    changed = conversations.imitate(0, before, *arguments)
    np.testing.assert_array_equal(rules[0], [-0.5, 0.2, -0.5])  # from person 2, not 3
    assert changed == pytest.approx(0.6 + 0.8)
    assert conversations.imitate(2, before, *arguments) == 0.0  # nobody trusted does better
    np.testing.assert_array_equal(rules[2], before[2])


def test_imitation_strength_zero_is_conversations_as_before():
    """Imitation at 0 draws nothing and changes nothing; above 0 it moves rules, only rules."""
    base = {"organization.people": 40, "task.ruggedness": 0.5}
    plain = LearningOrganization(base, seed=2).run(12)
    zero = LearningOrganization({**base, "communication.imitation": 0.0}, seed=2).run(12)
    copying = LearningOrganization({**base, "communication.imitation": 1.0}, seed=2)
    assert plain.equals(zero)
    copying.run(12)
    assert not np.allclose(copying.metrics()["shared_meaning_rules_org"], plain["shared_meaning_rules_org"])


def test_imitation_on_a_smooth_task_copies_who_fits_the_environment_better():
    values = {**QUIET, "organization.people": 30, "communication.imitation": 1.0, "network.kind": "complete"}
    values["communication.confidence_bound"] = 2.0
    model = LearningOrganization(values, seed=1)
    best = model.state.performance.max()
    model.run(1)
    assert np.all(model.state.performance <= best + 1e-12)
    assert model.metrics()["fit_individual"].iloc[-1] > model.metrics()["fit_individual"].iloc[0]


def test_task_metrics_are_empty_on_a_smooth_task_and_teams_combine_by_majority():
    smooth = LearningOrganization({"organization.people": 20}, seed=1).metrics()
    assert math.isnan(smooth["task_fitness_individual"].iloc[0])
    assert math.isnan(smooth["task_fitness_team"].iloc[0])
    values = {**QUIET, "organization.people": 16, "organization.team_size": 16, "task.ruggedness": 1.0}
    model = LearningOrganization(values, seed=1)
    state = model.state
    state.meaning[RULES] = state.meaning[RULES][:1]  # everyone shares one set of rules
    row = model.recorder.record(state)
    one = task.fitness(state.meaning[RULES][0], *state.task.arrays())
    assert row["task_fitness_individual"] == pytest.approx(one)
    assert row["task_fitness_team"] == pytest.approx(one)
    state.meaning[RULES, :9] = 0.5  # a majority for every theme
    state.meaning[RULES, 9:] = -0.5
    row = model.recorder.record(state)
    assert row["task_fitness_team"] == pytest.approx(task.fitness(np.full(6, 0.5), *state.task.arrays()))


def test_interdependence_beyond_the_other_themes_is_refused():
    with pytest.raises(ScenarioError, match=r"task\.interdependence"):
        scenario_from_values({"organization.themes": 4, "task.ruggedness": 0.5, "task.interdependence": 4})
    scenario_from_values({"organization.themes": 4, "task.interdependence": 4})  # smooth: unused
