"""The named journeys: scenarios whose organization changes during the run."""

import numpy as np
import pytest

from orglearn.scenarios import load_scenario, scenario_names
from orglearn.simulation import LearningOrganization
from orglearn.simulation.agreement import agreement
from orglearn.simulation.population import PRINCIPLES, culture_groups

JOURNEYS = ["new_director", "rake_to_network", "merger", "crisis", "school_development"]


def test_the_journeys_are_shipped_with_interventions_described_in_both_languages():
    for name in JOURNEYS:
        assert name in scenario_names()
        scenario = load_scenario(name)
        assert scenario.interventions, name
        assert scenario.description["en"] and scenario.description["nl"], name
        for item in scenario.interventions:
            assert item.label["en"] and item.label["nl"], (name, item.name)


@pytest.mark.parametrize("name", JOURNEYS)
def test_each_journey_runs_through_its_interventions(name):
    scenario = load_scenario(name)
    model = LearningOrganization(scenario, seed=1)
    model.run(max(item.until for item in scenario.interventions) + 1)
    assert sorted(model.marks) == sorted({item.week for item in scenario.interventions})
    last = {}
    for item in scenario.interventions:
        last.update(item.set)
    for key, value in last.items():
        assert model.values[key] == value, (name, key)


def test_the_merger_starts_with_two_cultures_and_ends_with_ties_across_them():
    scenario = load_scenario("merger")
    model = LearningOrganization(scenario, seed=2)
    group = culture_groups(model.state.chart.department, scenario["organization.cultures"])
    principles = model.state.meaning[PRINCIPLES]

    def mean_agreement(a, b):
        return np.mean([agreement(principles[i], principles[j]) for i in a[:30] for j in b[:30] if i != j])

    first, second = np.flatnonzero(group == 0), np.flatnonzero(group == 1)
    assert mean_agreement(first, first) > mean_agreement(first, second) + 0.2

    def across():
        ties = model.state.ties
        return int(np.sum(group[ties.source] != group[ties.target]))

    before = across()
    model.run(100)
    assert across() > before + 10
