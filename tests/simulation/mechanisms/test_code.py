"""The organization's code: it learns only from those who beat it, and teaches everyone."""

import numpy as np
import pytest

from orglearn.scenarios import scenario_from_values
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.agreement import agreement
from orglearn.simulation.mechanisms import code
from orglearn.simulation.population import RULES


def small(**changes):
    scenario = scenario_from_values({"organization.people": 20, "organization.themes": 2, **changes})
    return Engine(scenario, 3).state, dict(scenario.values)


def test_the_code_starts_as_how_things_are_done_here():
    state, _ = small()
    np.testing.assert_allclose(state.code, state.meaning[RULES].mean(axis=0))


def test_one_person_is_socialized_toward_the_code_and_nobody_else_changes():
    state, _ = small()
    state.code[:] = [0.5, -0.5]
    before = state.meaning.copy()
    changed = code.socialize(4, state.meaning[RULES], state.code, 0.1)
    step = 0.1 * (state.code - before[RULES, 4])
    np.testing.assert_allclose(state.meaning[RULES, 4], before[RULES, 4] + step)
    assert changed == pytest.approx(np.abs(step).sum())
    others = np.arange(20) != 4
    assert np.array_equal(state.meaning[:, others], before[:, others])


def test_the_code_learns_from_those_who_beat_it_and_only_from_them():
    state, values = small(**{"code.learning": 0.5})
    state.environment[:] = [0.0, 0.0]
    state.code[:] = [0.6, 0.6]
    rules = state.meaning[RULES]
    rules[:] = 0.9  # everyone further from what is asked than the code ...
    rules[:3] = [[0.1, 0.0], [0.0, 0.2], [-0.1, 0.1]]  # ... except three
    state.performance[:] = 1.0 - np.mean((rules - state.environment) ** 2, axis=1) / (2 / 3)
    mean, count = code.better_mean(rules, state.performance, code.code_performance(state))
    assert count == 3
    np.testing.assert_allclose(mean, rules[:3].mean(axis=0))
    code.apply(state, None, values)
    np.testing.assert_allclose(state.code, [0.6 + 0.5 * (0.0 - 0.6), 0.6 + 0.5 * (0.1 - 0.6)])
    assert np.all(rules[3:] == 0.9)  # no socialization: nobody was taught


def test_a_code_nobody_beats_stays_where_it_is():
    state, values = small(**{"code.learning": 0.5})
    state.code[:] = state.environment
    state.performance[:] = agreement(state.meaning[RULES], state.environment)
    before = state.code.copy()
    code.apply(state, None, values)
    assert np.array_equal(state.code, before)


def test_socialization_makes_rules_shared_and_counts_as_change_from_others():
    """Paired seeds: with the code taught, rules are more alike, and more change comes from others."""
    taught = {"code.learning": 0.1, "code.socialization": 0.05, "environment.shocks": [60]}
    for seed in (1, 2, 3):
        plain = LearningOrganization({"environment.shocks": [60]}, seed=seed).run(100)
        coded = LearningOrganization(taught, seed=seed).run(100)
        for column, since in (("shared_meaning_rules_org", 70), ("social_learning_share", 1)):
            assert coded[column].iloc[since:].mean() > plain[column].iloc[since:].mean(), (seed, column)
