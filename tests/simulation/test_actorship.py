"""Actorship grows with voice and participation and erodes under directive control, or stays put."""

import numpy as np
import pytest

from orglearn.scenarios import load_scenario, scenario_from_values
from orglearn.simulation import Engine
from orglearn.simulation.mechanisms import actorship

ON = {"network.actorship_growth": 0.01, "network.actorship_erosion": 0.1}
SEEDS = range(1, 11)


def run(style: str, extra: dict, seed: int, weeks: int) -> Engine:
    engine = Engine(load_scenario(style, extra), seed)
    for _ in range(weeks):
        engine.step()
    return engine


def test_one_person_grows_with_voice_and_shrinks_under_control():
    superior = np.array([-1, 0])
    line = np.array([1.0, 0.8])

    def after(voice, participation, pressure):
        a = np.array([0.5, 0.5])
        actorship.grow(1, a, superior, line, voice, participation, pressure, 0.1, 0.5)
        return a

    assert after(1.0, 1.0, 0.0)[1] == pytest.approx(0.5 + 0.1 * 1.0 * 0.5)
    assert after(0.0, 0.0, 1.0)[1] == pytest.approx(0.5 - 0.5 * 0.8 * 0.5)
    assert after(0.0, 0.0, 0.0)[1] == 0.5  # nothing invites or directs: nothing changes
    assert after(1.0, 1.0, 0.0)[0] == 0.5  # only person 1 moved
    a = np.array([0.5, 0.99])
    actorship.grow(1, a, superior, line, 1.0, 1.0, 0.0, 1.0, 0.0)
    assert a[1] == 1.0  # never beyond 1
    actorship.grow(1, a, superior, line, 0.0, 0.0, 1.0, 0.0, 1.0)
    assert 0.0 <= a[1] < 0.3


def test_the_director_feels_no_control():
    a = np.array([0.5])
    actorship.grow(0, a, np.array([-1]), np.array([1.0]), 0.0, 0.0, 1.0, 0.0, 1.0)
    assert a[0] == 0.5


@pytest.mark.parametrize("style", ["directive", "aligning", "baseline"])
def test_switched_off_actorship_never_changes(style):
    engine = Engine(load_scenario(style), 3)
    start = engine.state.actorship.copy()
    for _ in range(60):
        engine.step()  # no turnover in the named scenarios, so nobody new arrives
        assert np.array_equal(engine.state.actorship, start)


def test_actorship_falls_under_directive_pressure_and_rises_under_participation():
    """On 10 paired seeds, 150 weeks: directive below where people started, aligning above it."""
    for seed in SEEDS:
        start = Engine(load_scenario("directive", ON), seed).state.actorship.mean()
        directive = run("directive", ON, seed, 150).state.actorship.mean()
        aligning = run("aligning", ON, seed, 150).state.actorship.mean()
        assert directive < start - 0.1, seed
        assert aligning > start + 0.1, seed


def test_a_directive_past_leaves_lower_actorship_after_the_switch():
    """New director at week 100: 50 weeks later actorship is still below always-aligning's."""
    for seed in SEEDS:
        switched = run("new_director", ON, seed, 150).state.actorship.mean()
        always = run("aligning", ON, seed, 150).state.actorship.mean()
        assert switched < always - 0.1, seed


def test_lower_actorship_means_fewer_conversations():
    """What actorship feeds: the chance to start a conversation falls with it (same seed)."""
    values = {"management.style": "directive", "communication.conversation_rate": 0.5}
    off = Engine(scenario_from_values(values), 2)
    on = Engine(scenario_from_values({**values, **ON}), 2)
    for _ in range(100):
        off.step()
        on.step()
    assert on.draw().message_noise.shape[0] < 0.7 * off.draw().message_noise.shape[0]
