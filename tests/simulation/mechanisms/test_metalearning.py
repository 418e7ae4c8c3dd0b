"""Learning to learn changes when people reflect, not only how fast they learn."""

import numpy as np

from orglearn.scenarios import load_scenario
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.mechanisms import metalearning

LEARNED = {"learning.threshold_learning": 0.05}
"""The proposed step (× attention to learning to learn, 0.3 by default)."""


def judge(reflected, performance, start, shift, threshold=0.05, step=0.01):
    for i in range(len(shift)):
        metalearning.learn_when_to_reflect(i, reflected, performance, start, shift, threshold, step)


def test_a_reflection_that_paid_off_lowers_the_threshold_and_one_that_did_not_raises_it():
    reflected = np.array([False, False, True, False])
    performance = np.array([0.6, 0.4, 0.5, 0.7])
    start = np.array([0.5, 0.5, np.nan, np.nan])  # persons 0 and 1 reflected last week at 0.5
    shift = np.array([0.0, 0.0, 0.0, 0.0])
    judge(reflected, performance, start, shift)
    assert shift[0] == -0.01 and shift[1] == 0.01  # paid off / did not
    assert shift[2] == 0.0 and shift[3] == 0.0  # nothing to judge
    assert np.isnan(start[[0, 1, 3]]).all() and start[2] == 0.5  # this week's reflection awaits


def test_the_threshold_never_falls_below_zero():
    shift, start = np.array([-0.045]), np.array([0.1])
    judge(np.array([False]), np.array([0.9]), start, shift)
    assert shift[0] == -0.05


def test_switched_off_the_threshold_stays_where_it_was():
    model = LearningOrganization("crisis", seed=1)
    model.run(150)
    assert np.all(model.state.reflection_shift == 0.0)
    assert np.all(np.isnan(model.state.reflection_start) == ~model.state.reflected)
    assert model.staff[0].reflection_threshold == model.values["learning.reflection_threshold"]


def test_after_a_shock_learned_reflection_makes_people_reflect_more():
    """Paired seeds of the crisis: a learned threshold makes people reflect more after the shock.

    In the 20 weeks from the large shock of week 100, people reflect at least as often with a
    learned threshold as without, on every seed, and more in total; thresholds really moved.
    """
    after = {False: 0.0, True: 0.0}
    for seed in range(1, 6):
        seen = {}
        for learned in (False, True):
            e = Engine(load_scenario("crisis", LEARNED if learned else {}), np.random.default_rng(seed))
            total = 0
            for week in range(1, 121):
                e.step()
                if week >= 100:
                    total += int(e.state.reflected.sum())
            seen[learned] = total
            after[learned] += total
            if learned:
                assert (e.state.reflection_shift < 0).any()  # thresholds really moved
        assert seen[True] >= seen[False], (seed, seen)
    assert after[True] > after[False]
