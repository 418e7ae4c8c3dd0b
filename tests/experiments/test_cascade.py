"""The twin-run cascade experiment: twins stay twins, isolation stops a change, talk spreads it."""

import numpy as np
import pytest
from settings import EVERYTHING

from orglearn.experiments.cascade import (
    LEVELS,
    CascadeError,
    Change,
    Settings,
    check,
    difference,
    seed_people,
    summary,
    twin_run,
)
from orglearn.scenarios import load_scenario, scenario_from_values
from orglearn.simulation.engine import Engine
from orglearn.simulation.limits import degroot

ISOLATED = {
    "organization.people": 30,
    "communication.conversation_rate": 0.0,
    "communication.meeting_interval": 0,
    "management.style": "laissez_faire",  # no directive pressure, no dialogue along the lines
    "direction.evaluation_interval": 0,  # the vision never moves toward what people report
    "organization.turnover": 0.02,
    "environment.shocks": [30],
}
"""Nobody hears anyone: no conversations, meetings, management or evaluation (the rest as in baseline)."""


def test_twins_without_a_change_never_diverge():
    scenario = scenario_from_values(EVERYTHING)  # turnover, a shock, evaluations, every level exchanged
    a, b = Engine(scenario, np.random.default_rng(11)), Engine(scenario, np.random.default_rng(11))
    for _ in range(40):
        a.step()
        b.step()
        assert not np.any(difference(a.state, b.state))
        assert np.array_equal(a.state.goal, b.state.goal)
        assert np.array_equal(a.state.vision, b.state.vision)


@pytest.mark.parametrize("level", LEVELS)
def test_a_change_to_an_isolated_person_reaches_nobody(level):
    settings = Settings(week=20, weeks=40, tolerance=1e-12)
    cascade = twin_run(scenario_from_values(ISOLATED), 3, Change(level=level), settings)
    weeks = cascade.weeks
    assert weeks["others_change"].max() == 0.0
    assert weeks["reach"].max() == 0.0
    assert weeks["ever"].max() == 0.0
    given = weeks[(weeks["level"] == level) & (weeks["after"] == 0)]
    assert given["seed_change"].item() == pytest.approx(0.5)  # the seed's own change was meaningful


def test_meetings_spread_a_change_hop_by_hop_to_the_degroot_consensus():
    values = degroot(people=20)  # one team meeting every week, rules only, equal weights, no noise
    scenario = scenario_from_values(values)
    cascade = twin_run(scenario, 3, Change(level="rules"), Settings(week=5, weeks=60, tolerance=0.01))
    rules = cascade.weeks[cascade.weeks["level"] == "rules"].set_index("after")
    assert rules.loc[1, "max_hops"] == 1  # one meeting carries the change to direct contacts only
    assert rules.loc[1, "changed"] == (cascade.people["hops"] == 1).sum()
    assert rules.loc[60, "reach"] == 1.0
    assert rules["max_hops"].max() == cascade.people["hops"].max()
    # DeGroot: the consensus moves by the seed's weight (degree + 1) / sum(degree + 1) of its change.
    engine = Engine(scenario, np.random.default_rng(3))
    degree = np.diff(engine.state.ties.indptr) + 1
    seed = seed_people(engine.state)[0]
    expected = 0.5 * degree[seed] / degree.sum()
    assert cascade.people["rules_last"].to_numpy() == pytest.approx(expected, rel=1e-6)
    assert rules.loc[60, "others_share"] == pytest.approx(19 / 20, rel=1e-6)


def test_with_talk_and_trust_a_staff_members_change_reaches_others_on_every_seed():
    talk = {**ISOLATED, "communication.conversation_rate": 1.0, "communication.meeting_interval": 1}
    talk["communication.confidence_bound"] = 2.0  # everyone trusts everyone (else whom one hears varies)
    for seed in range(5):
        cascade = twin_run(scenario_from_values(talk), seed, Change(level="insights"), Settings(20, 40, 0.01))
        final = cascade.weeks[cascade.weeks["after"] == 40].set_index("level")
        assert final.loc["insights", "others_change"] > 0.0
        assert final.loc["insights", "ever"] > 0.0


def test_a_change_moves_each_theme_by_its_size_toward_the_side_with_more_room():
    meaning = np.array([[[-0.9, 0.9, 0.0, 0.3]], [[0.0] * 4], [[0.0] * 4]])
    Change(level="rules", size=0.5).apply(meaning, np.array([0]))
    assert meaning[0, 0] == pytest.approx([-0.4, 0.4, -0.5, -0.2])
    Change(level="insights", to=0.7, theme=2).apply(meaning, np.array([0]))
    assert meaning[1, 0] == pytest.approx([0.0, 0.0, 0.7, 0.0])


def test_a_team_is_given_the_change_together():
    scenario = scenario_from_values({"organization.people": 30})
    cascade = twin_run(scenario, 1, Change(level="principles"), Settings(week=2, weeks=3), team=1)
    given = cascade.people[cascade.people["given"]]
    assert set(given["team"]) == {1} and len(given) == (cascade.people["team"] == 1).sum()
    start = cascade.weeks[(cascade.weeks["after"] == 0) & (cascade.weeks["level"] == "principles")]
    assert start["seed_change"].item() == pytest.approx(0.5)


def test_the_summary_has_reach_per_level_and_leaves_out_weeks_not_traced():
    scenario = scenario_from_values(ISOLATED)
    cascades = [twin_run(scenario, s, Change(), Settings(week=3, weeks=10)) for s in (1, 2)]
    table = summary(cascades, Settings(week=3, weeks=10))
    assert list(table["level"]) == list(LEVELS)
    assert "reach_5" in table.columns and "reach_20" not in table.columns
    assert (table["reached"] == 0).all() and table["speed"].isna().all()


@pytest.mark.parametrize(
    ("change", "settings", "message"),
    [
        (Change(level="deep"), Settings(), "--level deep: use one of rules, insights, principles"),
        (Change(theme=6), Settings(), "--theme 6: use a theme from 0 to 5"),
        (Change(size=0.0), Settings(), "--size 0: use a size above 0 and at most 1"),
        (Change(to=-2.0), Settings(), "--to -2: use a value from -1 to 1"),
        (Change(), Settings(tolerance=0.0), "--tolerance 0: use a difference above 0"),
        (Change(), Settings(weeks=0), "--weeks 0: use 1 to"),
    ],
)
def test_bad_settings_are_refused_with_the_option_and_its_range(change, settings, message):
    with pytest.raises(CascadeError, match="^" + message.replace("(", r"\(")):
        check(load_scenario("baseline"), change, settings)


def test_unknown_people_and_teams_are_refused():
    state = Engine(load_scenario("baseline"), np.random.default_rng(1)).state
    with pytest.raises(CascadeError, match="--person 120: no such person; use an id from 0 to 119"):
        seed_people(state, person="120")
    with pytest.raises(CascadeError, match="--team 17: no such team; use a team from 0 to 16"):
        seed_people(state, team=17)
