"""Direction: shared blind spots that averaging cannot remove, looking ahead, adjusting where needed."""

from types import SimpleNamespace

import numpy as np
import pytest

from orglearn.scenarios import scenario_from_values
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.agreement import agreement
from orglearn.simulation.mechanisms import direction

OPENNESS = 0.8  # a blur of 0.2: errors stay well inside [-1, 1], so clipping plays no part


def organization(**changes):
    """120 people (20 leaders, four departments), everyone's view counting fully."""
    settings = {"network.voice": 1.0, "communication.external_openness": OPENNESS, **changes}
    values = scenario_from_values(settings).values
    return Engine(scenario_from_values(settings), 1).state, values


def management_error(shared: float, spanners: float, trials: int = 300) -> float:
    """Root mean square of management's perceived error, in units of one looker's error."""
    changes = {"direction.shared_blind_spot": shared, "direction.boundary_spanners": spanners}
    state, values = organization(**changes)
    rng = np.random.default_rng(7)
    errors = []
    for _ in range(trials):
        state.environment[:] = 0.0
        state.blind_spot[:] = rng.standard_normal(state.blind_spot.shape)
        noise = rng.standard_normal((state.size, state.themes))
        direction.look(state, noise, np.zeros_like(noise), values)
        errors.append(state.perceived / (1.0 - OPENNESS))
    return float(np.sqrt(np.mean(np.square(errors))))


def test_independent_errors_average_away_but_a_shared_blind_spot_does_not():
    # 20 leaders look, no spanners. Independent errors: 1/sqrt(20) of one looker's; with half the
    # variance shared, sqrt(0.5 + 0.5/20): averaging cannot take the shared half out.
    assert management_error(0.0, 0.0) == pytest.approx(np.sqrt(1 / 20), rel=0.08)
    assert management_error(0.5, 0.0) == pytest.approx(np.sqrt(0.5 + 0.5 / 20), rel=0.08)


def test_with_errors_entirely_shared_management_sees_exactly_the_leaders_blind_spot():
    state, values = organization(**{"direction.shared_blind_spot": 1.0, "direction.boundary_spanners": 0.0})
    noise = np.random.default_rng(2).standard_normal((state.size, state.themes))
    direction.look(state, noise, np.zeros_like(noise), values)
    expected = state.environment + (1.0 - OPENNESS) * state.blind_spot[0]
    np.testing.assert_allclose(state.perceived, np.clip(expected, -1, 1), atol=1e-12)


def test_spanners_from_other_departments_dilute_the_leaders_blind_spot():
    # All errors shared. Everyone a spanner: 20 leaders and four departments of 25 staff, each
    # group with a blind spot of its own, so the error is sqrt((20² + 4 × 25²) / 120²) ≈ 0.45.
    alone, diverse = management_error(1.0, 0.0), management_error(1.0, 1.0)
    assert alone == pytest.approx(1.0, rel=0.08)
    assert diverse == pytest.approx(np.sqrt(20**2 + 4 * 25**2) / 120, rel=0.1)
    assert management_error(0.0, 1.0) == pytest.approx(np.sqrt(1 / 120), rel=0.1)  # independent: far less


def test_a_blind_spot_lasts_about_as_long_as_set_and_keeps_its_size():
    start = np.random.default_rng(3).standard_normal((4000, 1))
    state = SimpleNamespace(blind_spot=start.copy())
    rng, year = np.random.default_rng(4), {"direction.blind_spot_weeks": 52.0}
    for _ in range(52):
        direction.move_blind_spots(state, rng.standard_normal(start.shape), year)
    assert np.corrcoef(start[:, 0], state.blind_spot[:, 0])[0, 1] == pytest.approx(np.exp(-1), abs=0.04)
    assert state.blind_spot.std() == pytest.approx(1.0, abs=0.04)
    direction.move_blind_spots(state, start, {"direction.blind_spot_weeks": 0.0})
    assert np.array_equal(state.blind_spot, start)  # 0 weeks: a new blind spot every week


def test_shared_blind_spots_leave_every_other_draw_as_it_was():
    def run(shared):
        changes = {"direction.shared_blind_spot": shared, "direction.evaluation_interval": 3}
        engine = Engine(scenario_from_values(changes), 5)
        seen = []
        for _ in range(12):
            draws = engine.step()
            assert (draws.blind_spot_noise is not None) == (shared > 0)
            if draws.perception_noise is not None:
                seen.append((draws.perception_noise.copy(), draws.report_noise.copy(), draws.feedback.copy()))
        return engine.state, seen

    (off, seen_off), (on, seen_on) = run(0.0), run(0.6)
    assert np.array_equal(off.environment, on.environment)
    for a, b in zip(seen_off, seen_on, strict=True):
        assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(off.vision, on.vision)


def trended(horizon: float, weeks: int = 40, speed: float = 0.01) -> tuple[float, float]:
    """One theme moving ``speed`` a week, seen clearly every week; the vision minus the world."""
    settings = {
        "organization.themes": 1,
        "environment.turbulence": 0.0,
        "communication.external_openness": 1.0,
        "management.participation": 0.0,
        "direction.vision_adaptation": 1.0,
        "direction.evaluation_interval": 1,
        "direction.trend_smoothing": 0.5,
        "direction.horizon": horizon,
    }
    engine = Engine(scenario_from_values(settings), 1)
    engine.state.environment[:] = -0.5
    for _ in range(weeks):
        engine.state.environment += speed
        engine.step()
    return float(engine.state.vision[0] - engine.state.environment[0]), float(engine.state.trend[0])


def test_looking_ahead_the_vision_leads_a_trending_environment():
    behind, trend = trended(0.0)
    ahead, _ = trended(10.0)
    assert trend == pytest.approx(0.01, rel=1e-6)  # the trend management estimates is the real one
    assert behind == pytest.approx(0.0, abs=1e-12)  # today: the vision is where the world is now
    assert ahead == pytest.approx(10 * 0.01, rel=1e-6)  # ten weeks on: where the world will be


def test_in_a_world_with_trends_looking_ahead_brings_the_vision_closer_to_what_will_be_asked():
    """Paired seeds: agreement of the vision with the world a quarter later, ahead vs today."""
    gains = []
    for seed in range(1, 9):
        fits = []
        for horizon in (0.0, 13.0):
            values = {"environment.momentum": 0.95, "direction.horizon": horizon, "environment.shocks": []}
            engine = Engine(scenario_from_values(values), seed)
            visions, worlds = [], []
            for _ in range(200):
                engine.step()
                visions.append(engine.state.vision.copy())
                worlds.append(engine.state.environment.copy())
            fits.append(np.mean([agreement(visions[w], worlds[w + 13]) for w in range(60, 187)]))
        gains.append(fits[1] - fits[0])
    assert np.mean(gains) > 0.01
    assert sum(g > 0 for g in gains) >= 7


def test_the_vision_moves_only_where_the_gap_exceeds_the_threshold():
    state, values = organization(**{"organization.themes": 2, "management.participation": 0.0})
    state.vision[:] = [0.0, 0.0]
    state.perceived[:] = [0.05, 0.5]
    state.picture[:] = 0.5  # equally strong everywhere: the rate is vision_adaptation on both
    direction.adjust_vision(state, {**values, "direction.adjustment_threshold": 0.1})
    np.testing.assert_allclose(state.vision, [0.0, 0.25])
    state.vision[:] = 0.0
    direction.adjust_vision(state, values)  # threshold 0: always moves
    np.testing.assert_allclose(state.vision, [0.025, 0.25])


def late_vision_fit(changes: dict, seed: int) -> float:
    frame = LearningOrganization({**changes, "environment.shocks": []}, seed=seed).run(150)
    return float(frame["vision_fit"].iloc[50:].mean())


@pytest.mark.parametrize(
    ("lever", "low", "high"),
    [("communication.external_openness", 0.0, 1.0), ("direction.boundary_spanners", 0.0, 0.3)],
)
def test_clear_eyes_and_more_spanners_matter_once_blind_spots_are_shared(lever, low, high):
    """Paired seeds, little openness otherwise: independent errors make the lever nearly inert."""
    effect = {}
    for shared in (0.0, 0.5):
        base = {"direction.shared_blind_spot": shared, "communication.external_openness": 0.2}
        high_fit = [late_vision_fit({**base, lever: high}, s) for s in range(1, 6)]
        low_fit = [late_vision_fit({**base, lever: low}, s) for s in range(1, 6)]
        effect[shared] = np.mean(high_fit) - np.mean(low_fit)
    assert abs(effect[0.0]) < 0.03
    assert effect[0.5] > 0.05
    assert effect[0.5] > 3 * abs(effect[0.0])
