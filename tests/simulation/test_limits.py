"""Limit cases in which the model reduces to known models or to nothing at all."""

import math

import numpy as np
import pytest
from settings import QUIET

from orglearn.scenarios import scenario_from_values
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.limits import deffuant, degroot
from orglearn.simulation.metrics import subcultures
from orglearn.simulation.population import PRINCIPLES, RULES

NO_TALK = {
    **QUIET,
    "learning.experience_rate": 0.1,
    "learning.rule_anchoring": 0.05,
    "learning.reflection_threshold": 0.0,
    "learning.social_reflection": 0.0,
    "learning.principle_rate": 0.05,
    "learning.principle_anchoring": 0.02,
    "learning.meta_learning": 1.0,
    "environment.turbulence": 0.05,
    "environment.shocks": [10],
}
"""No communication and no management, but people learn from their own experience."""


def engine(values: dict, seed: int = 1) -> Engine:
    return Engine(scenario_from_values(values), np.random.default_rng(seed))


def test_with_nothing_switched_on_nobody_changes(quiet):
    e = engine({**quiet, "organization.people": 40})
    start = e.state.meaning.copy(), e.state.goal.copy()
    for _ in range(20):
        e.step()
    assert np.array_equal(e.state.meaning, start[0])
    assert np.array_equal(e.state.goal, start[1])


def test_without_communication_and_management_people_learn_only_from_experience():
    a, b = engine({**NO_TALK, "organization.people": 40}), engine({**NO_TALK, "organization.people": 40})
    b.state.meaning[:, 7] = -b.state.meaning[:, 7]  # one person thinks differently
    shares = []
    for _ in range(30):
        a.step()
        b.step()
        assert a.state.social_change == 0.0
        shares.append(a.state.own_change)
    others = np.arange(40) != 7
    assert np.array_equal(a.state.meaning[:, others], b.state.meaning[:, others])  # nobody noticed
    assert not np.array_equal(a.state.meaning[:, 7], b.state.meaning[:, 7])
    assert min(shares) > 0  # but everyone kept learning


@pytest.mark.parametrize("kind", ["small_world", "scale_free", "random", "rake"])
def test_meetings_only_is_exactly_degroot(kind):
    e = engine(degroot(kind), seed=4)
    x0 = e.state.meaning[RULES].copy()
    degree = e.state.ties.degree()
    expected = (degree + 1) @ x0 / np.sum(degree + 1)
    for _ in range(600):
        e.step()
    np.testing.assert_allclose(e.state.meaning[RULES], np.broadcast_to(expected, x0.shape), rtol=0, atol=1e-9)


@pytest.mark.slow
@pytest.mark.parametrize("d", [0.15, 0.2, 0.3])
def test_conversations_only_with_bounded_confidence_give_deffuant_clusters(d):
    # floor(1 / (2d)) is the usual count, not a certain one: at d = 0.15 (1 / (2d) = 3.3) 30 and 32
    # of 40 runs end in 3 clusters and the rest in 2, with one generator and with one stream per
    # mechanism alike. Over 20 seeds, every count is within one cluster of it and at least half
    # are exact (fails by chance with probability about 0.003 at d = 0.15, less elsewhere).
    expected = math.floor(1 / (2 * d))
    counts = []
    for seed in range(20):
        e = engine(deffuant(d, 300), seed=seed)
        for _ in range(200):
            e.step()
        counts.append(subcultures(e.state.meaning[PRINCIPLES], e.state.ties, 0.02, 0.05))
    assert all(abs(c - expected) <= 1 for c in counts), counts
    assert counts.count(expected) >= len(counts) / 2, counts


def test_a_single_team_has_team_metrics_equal_to_organization_metrics():
    model = LearningOrganization({"organization.people": 12, "organization.team_size": 12}, seed=2)
    frame = model.run(15)
    assert model.state.chart.n_teams == 1
    for level in ("rules", "insights", "principles"):
        assert np.allclose(frame[f"shared_meaning_{level}_team"], frame[f"shared_meaning_{level}_org"])
        assert frame[f"shared_meaning_{level}_between"].isna().all()
    assert np.allclose(frame["goal_alignment_team"], frame["goal_alignment_org"])
    assert np.allclose(frame["goal_coherence_team"], frame["goal_coherence_org"])
    assert np.allclose(frame["fit_team"], frame["fit_org"])


def test_the_proposed_values_switch_on_what_is_off_by_default():
    # Each is a real change from the default, allowed by its row, and the row says where it comes from.
    from orglearn.scenarios import parameter_table
    from orglearn.simulation.limits import PROPOSED

    table = parameter_table()
    for name, value in PROPOSED.items():
        assert table[name].coerce(value) != table[name].coerce(table[name].default), name
        assert table[name].source, name
