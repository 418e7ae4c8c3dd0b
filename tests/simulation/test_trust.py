"""Trust on each half-tie follows whether a colleague's rules worked better than one's own."""

import numpy as np
import pytest
from settings import QUIET

from orglearn.scenarios import load_scenario, scenario_from_values
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.mechanisms import trust
from orglearn.simulation.metrics import measure
from orglearn.simulation.population import RULES

ON = {"network.trust_rate": 0.1, "network.trust_start": 0.7}


def test_one_person_trusts_the_better_colleague_more_and_the_worse_one_less():
    # person 0 is tied to 1 (better rules), 2 (worse) and 3 (not heard)
    indptr, indices = np.array([0, 3, 3, 3, 3]), np.array([1, 2, 3])
    signal = np.zeros((4, 2))
    rules = np.array([[0.5, 0.5], [0.1, 0.0], [0.9, -0.9], [0.0, 0.0]])
    held = np.array([0.5, 0.5, 0.5])
    heard = np.array([True, True, False])
    trust.judge(0, held, heard, indptr, indices, rules, signal, 0.2)
    assert held[0] > 0.5
    assert held[1] < 0.5
    assert held[2] == 0.5
    full = np.array([1.0, 0.0, 0.5])
    trust.judge(0, full, heard, indptr, indices, rules, signal, 1.0)
    assert full[0] == 1.0  # already full: cannot grow
    assert full[1] == 0.0  # already none: cannot fall


def test_switched_off_trust_never_changes():
    engine = Engine(load_scenario("network_org"), 4)
    assert np.all(engine.state.trust == 1.0)
    for _ in range(30):
        engine.step()
    assert np.all(engine.state.trust == 1.0)
    start = Engine(load_scenario("network_org", {"network.trust_start": 0.6}), 4)
    for _ in range(30):
        start.step()
    assert np.all(start.state.trust == 0.6)  # a lower start, but no learning: it stays


def test_trust_scales_influence():
    """Meetings only: less trust between colleagues leaves their rules further apart."""
    values = {**QUIET, "communication.meeting_interval": 1, "communication.levels": ["rules"]}
    shared = []
    for start in (1.0, 0.3, 0.0):
        engine = Engine(scenario_from_values({**values, "network.trust_start": start}), 1)
        before = measure(engine.state, engine.values)["shared_meaning_rules_team"]
        for _ in range(6):
            engine.step()
        shared.append(measure(engine.state, engine.values)["shared_meaning_rules_team"] - before)
    assert shared[0] > shared[1] + 0.03 > shared[2] + 0.03
    assert shared[2] == 0.0  # nobody trusted: nobody moved


def test_trust_grows_in_the_colleague_who_knows_what_is_asked():
    """Meetings only, exact feedback: teammates come to trust the one whose rules are right."""
    values = {
        **QUIET,
        **ON,
        "communication.meeting_interval": 1,
        "communication.levels": ["rules"],
        "learning.feedback_noise": 0.0,
        "communication.confidence_bound": 2.0,
    }
    gaps = []
    for seed in range(1, 11):
        engine = Engine(scenario_from_values(values), seed)
        s = engine.state
        expert = int(np.flatnonzero(s.chart.rank == 0)[0])
        engine.step()  # the first week's feedback: what is asked
        s.meaning[RULES, expert] = s.environment
        for _ in range(3):
            s.meaning[RULES, expert] = s.environment  # the expert keeps the right rules
            engine.step()
        team = s.chart.team[s.ties.row] == s.chart.team[expert]
        in_expert = team & (s.ties.indices == expert)
        in_others = team & (s.ties.indices != expert) & (s.ties.row != expert)
        assert s.trust[in_expert].mean() > 0.7, seed  # grew from where it started
        gaps.append(s.trust[in_expert].mean() - s.trust[in_others].mean())
    assert min(gaps) > 0


def test_heard_is_cleared_every_week_and_conversations_are_heard_both_ways():
    values = {**QUIET, "communication.conversation_rate": 1.0, "network.actorship_mean": 1.0}
    values["network.actorship_sd"] = 0.0
    engine = Engine(scenario_from_values(values), 2)
    s, draws = engine.state, engine.draw()
    from orglearn.simulation.mechanisms import conversations

    conversations.apply(s, draws, engine.values)
    assert s.heard.any()
    assert np.array_equal(s.heard, s.heard[s.ties.half_reverse])  # a conversation goes both ways
    trust.apply(s, draws, engine.values)
    assert not s.heard.any()


def test_a_newcomer_starts_as_a_stranger():
    values = {**ON, "organization.turnover": 0.05, "organization.people": 60}
    model = LearningOrganization(values, seed=5)
    s = model.state
    s.trust[:] = 0.2
    leavers = np.zeros(0, dtype=np.int64)
    while len(leavers) == 0:
        draws = model.engine.draw()
        leavers = np.flatnonzero(draws.leave)
        model.engine.advance(draws)
    ties = s.ties
    newcomer = int(leavers[0])
    own = ties.contacts(newcomer)
    assert np.all(s.trust[own] == 0.7)
    assert np.all(s.trust[ties.half_reverse[np.arange(own.start, own.stop)]] == 0.7)
    others = ~np.isin(ties.row, leavers) & ~np.isin(ties.indices, leavers)
    assert np.all(s.trust[others] < 0.7)
    assert np.array_equal(model.staff[newcomer].trust, s.trust[own])


def test_a_new_network_starts_trust_afresh():
    engine = Engine(load_scenario("rake_to_network", ON), 1)
    for _ in range(99):
        engine.step()
    rake = engine.state.ties
    assert not np.all(engine.state.trust == 0.7)
    engine.enter_week()  # week 100: restructured into a network organization
    s = engine.state
    assert s.ties is not rake
    assert len(s.trust) == len(s.heard) == len(s.ties.indices) > len(rake.indices)
    assert np.all(s.trust == 0.7)
    engine.advance(engine.draw())
    assert not np.all(s.trust == 0.7)


def test_the_half_ties_know_their_other_half():
    ties = Engine(load_scenario("network_org"), 1).state.ties
    back = ties.half_reverse
    assert np.array_equal(back[back], np.arange(len(back)))
    assert np.array_equal(ties.row[back], ties.indices)
    assert np.array_equal(ties.indices[back], ties.row)


def test_the_snapshot_shows_each_persons_trust_and_actorship():
    values = {**ON, "network.actorship_growth": 0.05, "organization.people": 40}
    model = LearningOrganization(values, seed=2)
    model.run(10)
    table, s = model.snapshot(), model.state
    person = model.staff[5]
    assert table.loc[5, "trust"] == person.trust.mean()
    assert table.loc[5, "actorship"] == person.actorship
    assert not np.allclose(table["trust"], 0.7)
    frame = model.metrics()
    assert frame["trust"].iloc[0] == pytest.approx(0.7)
    assert frame["trust"].iloc[-1] == pytest.approx(s.trust.mean())
    assert frame["actorship"].iloc[-1] != frame["actorship"].iloc[0]
