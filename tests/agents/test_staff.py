"""Staff members are real Mesa agents whose attributes are views into the model's arrays."""

import gc
import weakref

import numpy as np
import pytest
from mesa.discrete_space import Network

from orglearn.agents import StaffMember
from orglearn.simulation import LearningOrganization


@pytest.fixture
def model():
    return LearningOrganization("school", seed=1)


def test_every_person_is_an_agent_on_their_cell(model):
    assert isinstance(model.grid, Network)
    assert len(model.agents) == model.state.size == 60
    for position, person in enumerate(model.staff):
        assert isinstance(person, StaffMember)
        assert person.position == position
        assert person.cell is model.grid._cells[position]


def test_attributes_are_live_views_into_the_arrays(model):
    person = model.staff[10]
    assert np.shares_memory(person.rules, model.state.meaning)
    before = person.insights.copy()
    model.step()
    assert np.array_equal(person.insights, model.state.meaning[1, 10])
    assert not np.array_equal(person.insights, before)
    person.rules[:] = 0.25
    assert np.all(model.state.meaning[0, 10] == 0.25)


def test_people_can_be_selected_and_grouped_as_usual(model):
    leads = model.agents.select(lambda a: a.role == "team_lead")
    assert len(leads) == np.count_nonzero(model.state.chart.rank == 1)
    teams = model.agents.groupby("team")
    assert sorted(teams.groups) == sorted(set(model.state.chart.team.tolist()))
    director = model.agents.select(lambda a: a.role == "director").to_list()[0]
    assert director.superior is None
    for person in model.staff[1:]:
        assert person.superior.rank > person.rank
        assert person.superior in person.contacts


def test_contacts_are_the_cell_neighbours(model):
    person = model.staff[20]
    neighbours = {agent for cell in person.cell.neighborhood for agent in cell.agents}
    assert set(person.contacts) == neighbours


def test_a_finished_model_is_freed():
    model = LearningOrganization("school", seed=1)
    model.run(3)
    ref = weakref.ref(model)
    del model
    gc.collect()
    assert ref() is None
