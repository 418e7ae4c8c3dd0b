"""Metrics on tiny organizations, against values computed by hand."""

import math

import numpy as np
import pytest

from orglearn.scenarios import scenario_from_values
from orglearn.simulation import metrics, sharing
from orglearn.simulation.state import new_state
from orglearn.simulation.streams import Streams
from orglearn.simulation.structure import OrgChart
from orglearn.simulation.ties import Ties


def tiny_state(themes: int = 1):
    """Four people in two teams: 0 (director) and 1 in team 0; 2 (lead) and 3 in team 1."""
    chart = OrgChart(
        team=np.array([0, 0, 1, 1]),
        department=np.array([-1, 0, 0, 0]),
        unit=np.array([-1, 0, 0, 0]),
        rank=np.array([3, 0, 1, 0], dtype=np.int8),
        superior=np.array([-1, 0, 0, 2]),
    )
    ties = Ties.from_edges(
        4, np.array([0, 1, 2, 0]), np.array([1, 2, 3, 2]), np.ones(4), np.array([1, 0, 1, 1], bool)
    )
    values = scenario_from_values(
        {"organization.people": 4, "organization.team_size": 4, "organization.themes": themes}
    )
    state = new_state(chart, ties, values.values, Streams.spawn(0))
    return state, values.values


def test_shared_meaning_within_between_and_across_the_organization():
    # x = 0, 0 | 1, -1: within pairs (0,1)=0 and (2,3)=4; between four pairs of 1; all six pairs sum 8.
    state, _ = tiny_state()
    x = np.array([[0.0], [0.0], [1.0], [-1.0]])
    shared = metrics.shared_meaning(x, state.chart.team, 2)
    assert shared["team"] == pytest.approx(1 - (4 / 2) / (2 / 3))  # -2
    assert shared["between"] == pytest.approx(1 - (4 / 4) / (2 / 3))  # -0.5
    assert shared["org"] == pytest.approx(1 - (8 / 6) / (2 / 3))  # -1


@pytest.mark.parametrize("themes", [1, 2, 6, 13])
def test_pair_spread_is_the_sum_of_squared_differences_over_pairs(themes):
    rng = np.random.default_rng(themes)
    x = rng.uniform(-1, 1, (120, themes)) + 5.0  # off centre, where a sum of squares loses digits
    team = rng.integers(0, 7, 120)
    square = ((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=-1)
    upper = np.triu(np.ones((120, 120), bool), 1)
    same = team[:, None] == team[None, :]
    within, within_pairs, total, total_pairs = sharing.pair_spread(x, team, 7)
    assert within == pytest.approx(square[upper & same].sum(), rel=1e-12)
    assert total == pytest.approx(square[upper].sum(), rel=1e-12)
    assert (within_pairs, total_pairs) == (np.count_nonzero(upper & same), 120 * 119 / 2)


def test_identical_meanings_share_fully_and_single_teams_have_no_between():
    x = np.full((5, 3), 0.3)
    shared = metrics.shared_meaning(x, np.zeros(5, dtype=int), 1)
    assert shared["team"] == pytest.approx(1.0)
    assert shared["org"] == pytest.approx(1.0)
    assert math.isnan(shared["between"])


def test_independent_uniform_meanings_share_nothing_on_average():
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, size=(20000, 4))
    shared = metrics.shared_meaning(x, rng.integers(0, 50, 20000), 50)
    for value in shared.values():
        assert value == pytest.approx(0.0, abs=0.02)


def test_subcultures_are_connected_groups_of_like_minded_people():
    # ties 0-1, 1-2, 2-3, 0-2; meanings 0, 0.1 | 0.9, 1.0: only 0-1 and 2-3 are close.
    state, _ = tiny_state()
    x = np.array([[0.0], [0.1], [0.9], [1.0]])
    assert metrics.subcultures(x, state.ties, 0.25, 0.05) == 2
    assert metrics.subcultures(x, state.ties, 0.25, 0.6) == 0  # groups of 2 < 60% of 4
    assert metrics.subcultures(x, state.ties, 1.0, 0.05) == 1  # everyone close enough
    assert metrics.subcultures(x, state.ties, 0.05, 0.05) == 0  # nobody close enough


def test_goal_alignment_and_fit_by_hand():
    # vision = environment = 0.5; goals = rules = 0.5, 0.5 | -0.5, -0.5.
    state, _ = tiny_state()
    state.vision[:] = 0.5
    state.environment[:] = 0.5
    state.goal[:] = [[0.5], [0.5], [-0.5], [-0.5]]
    state.meaning[0] = state.goal
    align = metrics.goal_alignment(state)
    assert align["goal_alignment_individual"] == pytest.approx(0.25)  # (1 + 1 - 0.5 - 0.5) / 4
    assert align["goal_alignment_individual_sd"] == pytest.approx(0.75)
    assert align["goal_alignment_team"] == pytest.approx(0.25)  # teams' means 0.5 and -0.5
    assert align["goal_alignment_org"] == pytest.approx(1 - 0.25 * 1.5)  # mean goal 0
    assert align["goal_coherence_team"] == pytest.approx(1.0)
    assert align["goal_coherence_org"] == pytest.approx(0.0)  # four pairs of 1 among six
    fit = metrics.fit(state)
    assert fit["fit_individual"] == pytest.approx(0.25)
    assert fit["fit_team"] == pytest.approx(0.25)
    assert fit["fit_org"] == pytest.approx(0.625)
    assert fit["vision_fit"] == pytest.approx(1.0)


def test_self_knowledge_is_the_correlation_of_picture_and_real_strengths():
    # rules (1, 0) against environment (1, 1): real strengths 1 and -0.5 per theme.
    state, _ = tiny_state(themes=2)
    state.meaning[0] = [[1.0, 0.0]] * 4
    state.environment[:] = [1.0, 1.0]
    state.picture[:] = [0.2, 0.1]
    assert metrics.self_knowledge(state) == pytest.approx(1.0)
    state.picture[:] = [0.1, 0.3]
    assert metrics.self_knowledge(state) == pytest.approx(-1.0)
    state.picture[:] = [0.1, 0.1]
    assert math.isnan(metrics.self_knowledge(state))


def test_social_learning_share_counts_change_that_came_from_others():
    state, _ = tiny_state()
    state.own_change, state.social_change = 3.0, 1.0
    assert metrics.social_learning_share(state) == pytest.approx(0.25)
    state.own_change = state.social_change = 0.0
    assert math.isnan(metrics.social_learning_share(state))


def test_measure_fills_every_column_but_the_convergence_steps():
    state, values = tiny_state()
    row = metrics.measure(state, values)
    assert set(row) == {c for c in metrics.COLUMNS if not c.startswith("convergence_step_")}


def test_the_chance_level_of_an_average_is_one_half_minus_one_over_twice_its_size():
    from orglearn.simulation.agreement import agreement, chance_of_average

    rng = np.random.default_rng(3)
    for size in (1, 2, 5, 40):
        people = rng.uniform(-1, 1, size=(20_000, size, 6))
        target = rng.uniform(-1, 1, size=(20_000, 6))
        measured = agreement(people.mean(axis=1), target).mean()
        assert measured == pytest.approx(chance_of_average(size), abs=0.01), size  # SE about 0.003


def test_fit_and_goal_alignment_beyond_chance_are_zero_on_average_before_anyone_learned():
    # 30 seeds of the school at week 0; the spread over seeds is about 0.37, so 3 SE is 0.2.
    from orglearn.simulation import LearningOrganization

    rows = [LearningOrganization("school", seed=seed).recorder.latest() for seed in range(30)]
    for name in ("fit_org", "fit_team", "goal_alignment_org", "goal_alignment_team"):
        corrected = np.mean([row[f"{name}_beyond_chance"] for row in rows])
        assert abs(corrected) < 0.2, name
    assert np.mean([row["fit_org"] for row in rows]) > 0.3  # the raw metric sits near its chance level


def test_questioning_counts_only_principles_that_moved():
    from orglearn.simulation import LearningOrganization

    settings = {"organization.people": 30, "learning.conflict_threshold": 0.0}
    moving = LearningOrganization({**settings, "learning.principle_rate": 0.1}, seed=1)
    fixed = LearningOrganization({**settings, "learning.principle_rate": 0.0}, seed=1)
    moving.step()
    fixed.step()
    assert moving.recorder.latest()["questioning_share"] > 0.5
    assert fixed.recorder.latest()["questioning_share"] == 0.0


def test_shared_meaning_team_by_team_pools_into_the_within_team_value():
    # Team 0 holds 0, 0 (one pair, no difference): 1; team 1 holds 1, -1 (one pair of 4): -5.
    state, _ = tiny_state()
    state.meaning[0][:] = [[0.0], [0.0], [1.0], [-1.0]]
    per_team = metrics.team_shared_meaning(state, 0)
    assert metrics.team_ids(state).tolist() == [0, 1]
    assert per_team == pytest.approx([1.0, 1 - 4 / (2 / 3)])
    pooled = metrics.shared_meaning(state.meaning[0], state.chart.team, 2)["team"]
    assert per_team.mean() == pytest.approx(pooled)  # one pair per team: pooled is the plain mean


def one_team_at_a_time(state, level: int) -> np.ndarray:
    """Each team's shared meaning as its definition reads: ``shared_meaning`` of its members alone."""
    x, team = state.meaning[level], state.chart.team
    values = []
    for number in metrics.team_ids(state):
        members = np.ascontiguousarray(x[team == number])
        values.append(metrics.shared_meaning(members, np.zeros(len(members), dtype=np.int64), 1)["org"])
    return np.asarray(values, dtype=float)


@pytest.mark.parametrize(
    ("people", "team_size", "seed"), [(60, 8, 1), (137, 5, 2), (1000, 8, 3), (40, 40, 4)]
)
def test_every_team_s_shared_meaning_in_one_pass_is_each_team_s_own(people, team_size, seed):
    from orglearn.simulation import LearningOrganization

    settings = {"organization.people": people, "organization.team_size": team_size}
    model = LearningOrganization(scenario_from_values(settings).values, seed=seed)
    for _ in range(3):
        model.step()
    state = model.state
    for level in range(len(state.meaning)):
        fast, slow = metrics.team_shared_meaning(state, level), one_team_at_a_time(state, level)
        assert fast.shape == slow.shape == metrics.team_ids(state).shape
        assert np.array_equal(np.isnan(fast), np.isnan(slow))
        assert np.allclose(fast, slow, rtol=0, atol=1e-12, equal_nan=True)


def test_a_team_of_one_has_no_shared_meaning_and_an_empty_team_no_value():
    state, _ = tiny_state()
    state.chart.team[:] = [0, 2, 2, 2]  # team 0 of one, team 1 empty
    state.chart.__dict__.pop("n_teams", None)  # counted again from the new teams
    values = metrics.team_shared_meaning(state, 0)
    assert len(values) == 2 and math.isnan(values[0]) and not math.isnan(values[1])


def test_team_goal_alignment_averages_to_the_recorded_team_value():
    state, _ = tiny_state(themes=2)
    state.goal[:] = [[1.0, 1.0], [0.0, 1.0], [-1.0, -1.0], [-1.0, 0.0]]
    state.vision[:] = [1.0, 1.0]
    per_team = metrics.team_goal_alignment(state)
    # Averages: team 0 (0.5, 1), 0.125 from the vision per theme; team 1 (-1, -0.5), 3.125.
    assert per_team == pytest.approx([1 - 0.125 / (2 / 3), 1 - 3.125 / (2 / 3)])
    assert per_team.mean() == metrics.goal_alignment(state)["goal_alignment_team"]


def test_team_fit_averages_to_the_recorded_team_fit():
    state, _ = tiny_state(themes=2)
    state.meaning[0][:] = [[1.0, 1.0], [0.0, 1.0], [-1.0, -1.0], [-1.0, 0.0]]
    state.environment[:] = [1.0, 1.0]
    per_team = metrics.team_fit(state)
    assert per_team == pytest.approx([1 - 0.125 / (2 / 3), 1 - 3.125 / (2 / 3)])
    assert per_team.mean() == metrics.fit(state)["fit_team"]
