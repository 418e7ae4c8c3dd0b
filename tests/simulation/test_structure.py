import numpy as np
import pytest

from orglearn.simulation.structure import DIRECTOR, MANAGER, STAFF, TEAM_LEAD, build_chart


@pytest.mark.parametrize(
    ("people", "team_size", "per_department", "per_unit"),
    [(120, 8, 4, 3), (60, 10, 3, 3), (9, 8, 4, 3), (1000, 12, 5, 4), (2001, 7, 3, 2)],
)
def test_a_built_chart_is_a_proper_hierarchy(people, team_size, per_department, per_unit):
    chart = build_chart(people, team_size, per_department, per_unit)
    assert chart.size == people
    assert np.count_nonzero(chart.rank == DIRECTOR) == 1
    director = int(np.flatnonzero(chart.rank == DIRECTOR)[0])
    assert chart.superior[director] == -1
    others = np.flatnonzero(chart.superior >= 0)
    assert len(others) == people - 1
    assert np.all(chart.rank[chart.superior[others]] > chart.rank[others])  # bosses rank higher
    sizes = np.bincount(chart.team)
    assert sizes.max() <= max(team_size, per_unit + 1)  # management teams hold a unit's managers
    work_teams = np.unique(chart.team[chart.rank == STAFF])
    assert np.all(np.bincount(chart.team[chart.rank == TEAM_LEAD], minlength=chart.n_teams)[work_teams] == 1)
    managers = np.flatnonzero(chart.rank == MANAGER)
    assert np.all(chart.superior[managers] == director)
    leads = np.flatnonzero(chart.rank == TEAM_LEAD)
    assert np.all(np.bincount(chart.department[leads]) <= per_department)
    assert np.all(chart.department[chart.superior[leads]] == chart.department[leads])
    departments_in_unit = np.bincount(chart.unit[managers])
    assert np.all(departments_in_unit <= per_unit)


def test_an_organization_no_larger_than_a_team_is_one_team_led_by_the_director():
    chart = build_chart(8, 8, 4, 3)
    assert chart.n_teams == 1
    assert chart.rank[0] == DIRECTOR
    assert np.all(chart.superior[1:] == 0)


def test_with_one_unit_the_director_and_all_managers_form_the_leadership_team():
    chart = build_chart(60, 10, 3, 3)
    assert np.count_nonzero(chart.rank == MANAGER) == 2
    leadership = np.flatnonzero(chart.team == 0)
    assert set(chart.rank[leadership]) == {DIRECTOR, MANAGER}
    assert np.count_nonzero(chart.rank == MANAGER) == len(leadership) - 1
    assert chart.leaders.sum() == np.count_nonzero(chart.rank >= TEAM_LEAD)


def test_with_several_units_each_unit_has_its_own_management_team():
    chart = build_chart(2001, 7, 3, 2)
    managers = np.flatnonzero(chart.rank == MANAGER)
    for unit in np.unique(chart.unit[managers]):
        teams = np.unique(chart.team[managers[chart.unit[managers] == unit]])
        assert len(teams) == 1
        assert np.all(chart.rank[chart.team == teams[0]] >= MANAGER)
