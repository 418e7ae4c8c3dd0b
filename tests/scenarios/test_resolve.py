"""Every model resolves what it is built from the same way (orglearn.scenarios.resolve)."""

from __future__ import annotations

import pytest

from orglearn.scenarios import ScenarioError, resolve_scenario
from orglearn.scenarios.scenario import scenario_folder
from orglearn.simulation.march1991.model import March1991
from orglearn.simulation.model import LearningOrganization


@pytest.mark.parametrize("model", ["orglearn", "march1991"])
def test_nothing_a_dict_a_name_and_a_scenario_resolve_for_either_model(model):
    defaults = resolve_scenario(None, model)
    assert defaults.model == model and defaults.name == "defaults"
    named = resolve_scenario("baseline", model)
    assert named.model == model and named.name == "baseline"
    assert resolve_scenario(named, model) is named
    key = "march.p1" if model == "march1991" else "network.voice"
    assert resolve_scenario({key: 0.3}, model).values[key] == 0.3


def test_a_file_for_the_other_model_is_refused_naming_it():
    march_file = scenario_folder("march1991") / "baseline.toml"
    with pytest.raises(ScenarioError, match="is a scenario for model 'march1991', not 'orglearn'"):
        LearningOrganization(str(march_file), seed=1)
    organization_file = scenario_folder("orglearn") / "rake.toml"  # names no model: read as March's
    with pytest.raises(ScenarioError, match=r"rake\.toml: network\.kind: unknown setting"):
        March1991(str(organization_file), seed=1)
