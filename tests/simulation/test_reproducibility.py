"""Same seed, same results, byte for byte; a different seed, different results."""

import hashlib

import numpy as np
import pytest

from orglearn.scenarios import load_scenario
from orglearn.simulation import Engine, LearningOrganization
from orglearn.simulation.run import run_model, write_run


def digest(folder, name):
    return hashlib.sha256((folder / name).read_bytes()).hexdigest()


@pytest.mark.parametrize("scenario", ["network_org", "small_world_turnover"])
def test_same_seed_gives_identical_files_and_another_seed_differs(tmp_path, scenario):
    if scenario == "small_world_turnover":
        setup = load_scenario("baseline", {"network.kind": "small_world", "organization.turnover": 0.02})
    else:
        setup = load_scenario(scenario)
    folders = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        folder = tmp_path / name
        folder.mkdir()
        write_run(run_model(setup, 30, seed), folder, ["test"])
        folders.append(folder)
    a, b, c = folders
    for name in ("metrics.csv", "agents.csv", "network.csv", "scenario.toml"):
        assert digest(a, name) == digest(b, name), name
    assert digest(a, "metrics.csv") != digest(c, "metrics.csv")
    assert digest(a, "agents.csv") != digest(c, "agents.csv")


def test_the_headless_engine_and_the_mesa_model_give_the_same_state():
    setup = load_scenario("network_org", {"organization.turnover": 0.02})
    model = LearningOrganization(setup, seed=5)
    engine = Engine(setup, np.random.default_rng(5))
    for _ in range(25):
        model.step()
        engine.step()
    assert np.array_equal(model.state.meaning, engine.state.meaning)
    assert np.array_equal(model.state.vision, engine.state.vision)


def test_the_seed_is_recorded_even_when_drawn():
    result = run_model(load_scenario("school"), 2)
    again = run_model(load_scenario("school"), 2, result.seed)
    assert result.metrics.equals(again.metrics)
