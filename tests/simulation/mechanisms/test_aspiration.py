"""Aspiration: one's own history by default; peers and the vision when switched on."""

import numpy as np
import pytest

from orglearn.scenarios import load_scenario, scenario_from_values
from orglearn.simulation import Engine
from orglearn.simulation.mechanisms import aspiration

SOCIAL = {"learning.aspiration_own_weight": 0.5}
"""Equal weights for one's own performance and the team's (the proposed setting)."""


def engine(values: dict, seed: int) -> Engine:
    return Engine(scenario_from_values(values), np.random.default_rng(seed))


def test_by_default_aspiration_follows_own_performance_exactly_as_before():
    e = engine({"organization.people": 60, "organization.turnover": 0.0}, seed=2)
    adapt = e.values["learning.aspiration_adaptation"]
    for _ in range(30):
        before = e.state.aspiration.copy()
        e.step()
        expected = before.copy()
        expected += adapt * (e.state.performance - before)  # the earlier rule, bit for bit
        assert np.array_equal(e.state.aspiration, expected), e.state.week


def test_the_social_reference_is_the_mean_of_the_others_in_the_team():
    performance = np.array([0.1, 0.5, 0.9, 0.3])
    indptr, indices = np.array([0, 3, 6, 9, 10]), np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 3])
    line = np.ones(4)
    wanted = np.zeros(4)
    for i in range(4):
        aspiration.aspire(i, performance, wanted, line, indptr, indices, 0.0, 1.0, 0.5, 0.0)
    assert wanted[0] == pytest.approx(0.5 * 0.1 + 0.5 * 0.7)
    assert wanted[2] == pytest.approx(0.5 * 0.9 + 0.5 * 0.3)
    assert wanted[3] == pytest.approx(0.3)  # alone in the team: one's own performance


def test_the_vision_pulls_as_far_as_the_line_carries_it():
    performance, line = np.array([0.2, 0.6]), np.array([1.0, 0.5])
    indptr, indices = np.array([0, 2, 4]), np.array([0, 1, 0, 1])
    wanted = np.zeros(2)
    for i in range(2):
        aspiration.aspire(i, performance, wanted, line, indptr, indices, 0.9, 1.0, 1.0, 0.4)
    assert wanted[0] == pytest.approx(0.6 * 0.2 + 0.4 * 0.9)
    assert wanted[1] == pytest.approx(0.8 * 0.6 + 0.2 * 0.9)


def test_team_rows_list_each_persons_team():
    e = engine({"organization.people": 60}, seed=1)
    indptr, indices = aspiration.team_members(e.state)
    team = e.state.chart.team
    for i in range(e.state.size):
        assert sorted(indices[indptr[i] : indptr[i + 1]]) == list(np.flatnonzero(team == team[i]))


def test_people_behind_their_team_keep_reflecting_when_they_compare():
    """Paired seeds: comparing with the team keeps those who stay behind it reflecting.

    Those whose remembered performance stays more than 0.05 below their team's mean reflect in a
    larger share of their weeks than with their own history alone: on no seed less, and over all
    seeds by at least 5 points (weeks 41-300 of the school; over 10 seeds the shares are 0.02 and
    0.16).
    """
    pooled = np.zeros(2)
    for seed in range(1, 6):
        shares = []
        for values in ({}, SOCIAL):
            e = Engine(load_scenario("school", values), np.random.default_rng(seed))
            team, reflected, weeks = e.state.chart.team, 0, 0
            for week in range(1, 301):
                e.step()
                if week > 40:
                    mean = np.bincount(team, e.state.memory) / np.bincount(team)
                    behind = e.state.memory < mean[team] - 0.05
                    reflected += int(e.state.reflected[behind].sum())
                    weeks += int(behind.sum())
            shares.append(reflected / max(weeks, 1))
        assert shares[1] >= shares[0], (seed, shares)
        pooled += shares
    assert pooled[1] / 5 > pooled[0] / 5 + 0.05, pooled / 5
