"""Every shipped scenario runs, and the mechanisms' rule sentences are in both languages."""

import re

import numpy as np
import pytest

from orglearn.registry import build_model
from orglearn.scenarios import load_scenario, scenario_names
from orglearn.simulation import LearningOrganization
from orglearn.simulation.mechanisms import WEEK, rule_sentences


@pytest.mark.parametrize("name", scenario_names())
def test_every_scenario_runs(name):
    model = LearningOrganization(name, seed=1)
    frame = model.run(8)
    assert len(frame) == 9
    assert np.isfinite(frame["fit_org"]).all()
    assert np.all(np.abs(model.state.meaning) <= 1.0)


@pytest.mark.parametrize("name", scenario_names("march1991"))
def test_every_march_scenario_runs(name):
    model = build_model(load_scenario(name, model="march1991"), seed=1)
    frame = model.run(8)
    assert 2 <= len(frame) <= 9
    assert frame["code_knowledge"].between(-1, 1).all()


def test_each_mechanism_states_its_rule_in_both_languages():
    rules = rule_sentences()
    names = [module.__name__.rsplit(".", 1)[1] for module in WEEK]
    assert set(names) <= set(rules)
    for rule in rules.values():
        assert rule["en"].strip()
        assert rule["nl"].strip()
        assert rule["title"]["en"]
        assert rule["title"]["nl"]


def test_each_docstring_opens_with_the_rule_shown_to_participants():
    import importlib

    rules = rule_sentences()
    for name, rule in rules.items():
        module = importlib.import_module(
            f"orglearn.simulation.{'networks' if name == 'networks' else 'mechanisms.' + name}"
        )
        doc = " ".join(module.__doc__.split())
        found = re.search(r"Rule: \*(.*?)\*", doc)
        assert found, name
        assert found.group(1) == rule["en"], name
        assert "References:" in module.__doc__, name
