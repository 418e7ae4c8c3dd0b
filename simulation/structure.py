"""The organization chart: who sits in which team, department and unit, in which role.

An organization is a configuration of people, teams, departments and larger units held together
by reporting lines. The chart fixes that configuration; everything people learn happens on top
of it. It is built from sizes (the usual case) or read from a file (:mod:`.orgchart`).

Roles have ranks: staff 0, team lead 1, manager 2, director 3. There is one director at the
top, to whom the managers of the departments report. The managers of each unit's departments
form that unit's management team, and the director sits in the first one (team 0), so with a
single unit the director and all managers form one leadership team. Every other team is a work
team whose lead reports to the manager of their department.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

ROLES = ("staff", "team_lead", "manager", "director")
STAFF, TEAM_LEAD, MANAGER, DIRECTOR = range(4)
NO_SUPERIOR = -1
ABOVE_DEPARTMENTS = -1


@dataclass(frozen=True)
class OrgChart:
    """The fixed structure of an organization, one entry per person.

    Attributes:
        team: Team index per person (0 .. n_teams - 1).
        department: Department index per person; -1 for the director, who stands above them.
        unit: Unit index per person; -1 for the director.
        rank: Role rank per person: 0 staff, 1 team lead, 2 manager, 3 director.
        superior: Index of the person one reports to; -1 for the director.
        labels: A name per person (the ids of a chart file, or their index as text).
    """

    team: np.ndarray
    department: np.ndarray
    unit: np.ndarray
    rank: np.ndarray
    superior: np.ndarray
    labels: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.labels:
            object.__setattr__(self, "labels", tuple(str(i) for i in range(len(self.team))))

    @property
    def size(self) -> int:
        """The number of people."""
        return len(self.team)

    @cached_property
    def n_teams(self) -> int:
        """The number of teams."""
        return int(self.team.max()) + 1

    @cached_property
    def leaders(self) -> np.ndarray:
        """Mask of everyone with a leading role (team lead and up)."""
        return self.rank >= TEAM_LEAD

    def role_names(self) -> np.ndarray:
        """The role of each person as a word."""
        return np.asarray(ROLES, dtype=object)[self.rank]

    def reporting_lines(self) -> tuple[np.ndarray, np.ndarray]:
        """Every reporting line as (subordinate, superior) index arrays (shared: do not change them)."""
        return self._lines

    @cached_property
    def _lines(self) -> tuple[np.ndarray, np.ndarray]:
        sub = np.flatnonzero(self.superior != NO_SUPERIOR)
        return sub, self.superior[sub]


def _department_count(people: int, team_size: int, teams_per_department: int) -> int:
    """The smallest number of departments whose managers leave room for the teams they head."""
    departments = max(1, (people - 1) // (team_size * teams_per_department + 1))
    while (
        departments > 1
        and _teams_need(people, departments - 1, team_size, teams_per_department) <= departments - 1
    ):
        departments -= 1
    while _teams_need(people, departments, team_size, teams_per_department) > departments:
        departments += 1
    return departments


def _teams_need(people: int, departments: int, team_size: int, teams_per_department: int) -> int:
    staff = people - 1 - departments
    teams = math.ceil(staff / team_size)
    return math.ceil(teams / teams_per_department)


def build_chart(
    people: int, team_size: int, teams_per_department: int, departments_per_unit: int
) -> OrgChart:
    """Build a chart from sizes: teams of about ``team_size``, grouped into departments and units.

    Args:
        people: Everyone in the organization, leaders included.
        team_size: People per team, the lead included.
        teams_per_department: Teams per manager.
        departments_per_unit: Departments per unit.

    Returns:
        The chart. An organization no larger than one team is one team led by the director.
    """
    if people <= team_size:
        rank = np.zeros(people, dtype=np.int8)
        rank[0] = DIRECTOR
        superior = np.zeros(people, dtype=np.int64)
        superior[0] = NO_SUPERIOR
        zeros = np.zeros(people, dtype=np.int64)
        return OrgChart(zeros, zeros.copy(), zeros.copy(), rank, superior)

    n_dept = _department_count(people, team_size, teams_per_department)
    n_staff = people - 1 - n_dept
    n_work = math.ceil(n_staff / team_size)
    n_units = math.ceil(n_dept / departments_per_unit)
    sizes = np.full(n_work, n_staff // n_work, dtype=np.int64)
    sizes[: n_staff % n_work] += 1
    work_dept = np.arange(n_work) * n_dept // n_work
    dept_unit = np.arange(n_dept) * n_units // n_dept

    # Management teams, one per unit: the managers of its departments (positions 1 .. n_dept);
    # the director (position 0) sits in the first one. Then the work teams, lead first.
    managers_team = dept_unit
    team = np.concatenate([[0], managers_team, np.repeat(np.arange(n_units, n_units + n_work), sizes)])
    first = 1 + n_dept + np.concatenate([[0], np.cumsum(sizes)[:-1]])  # each work team's lead
    department = np.concatenate([[ABOVE_DEPARTMENTS], np.arange(n_dept), np.repeat(work_dept, sizes)])
    unit = np.where(department >= 0, dept_unit[np.maximum(department, 0)], ABOVE_DEPARTMENTS)
    rank = np.full(people, STAFF, dtype=np.int8)
    rank[0], rank[1 : 1 + n_dept], rank[first] = DIRECTOR, MANAGER, TEAM_LEAD
    superior = np.empty(people, dtype=np.int64)
    superior[0] = NO_SUPERIOR
    superior[1 : 1 + n_dept] = 0
    superior[1 + n_dept :] = np.repeat(first, sizes)
    superior[first] = 1 + work_dept
    return OrgChart(team, department.astype(np.int64), unit.astype(np.int64), rank, superior)
