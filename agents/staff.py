"""A member of staff: a Mesa agent whose attributes are views into the model's arrays.

Each person is a real Mesa agent on a cell of the model's network, so users and the browser can
select, group and inspect people as usual (``model.agents.select(...)``,
``model.agents.groupby("team")``). Their meanings, goals and traits are not copies: they are
rows of the arrays the engine updates, so reading an agent always shows the current state and
writing to ``agent.rules[:]`` changes the model.

What each person does in a week, written out person by person, is in :mod:`.behaviour`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import Cell, FixedAgent

from orglearn.agents.behaviour import Behaviour
from orglearn.simulation.population import INSIGHTS, PRINCIPLES, RULES
from orglearn.simulation.structure import ROLES

if TYPE_CHECKING:
    from orglearn.simulation.model import LearningOrganization
    from orglearn.simulation.state import OrgState


class StaffMember(Behaviour, FixedAgent):
    """One person in the organization.

    Attributes:
        position: The person's row in the model's arrays (kept by a newcomer who takes the place).
    """

    model: LearningOrganization

    def __init__(self, model: LearningOrganization, position: int, cell: Cell) -> None:
        """Seat a person at a position of the org chart and a cell of the network.

        Args:
            model: The model.
            position: Row in the state arrays.
            cell: The network cell of this position.
        """
        super().__init__(model)
        self.position = position
        self.cell = cell

    def __repr__(self) -> str:
        return f"StaffMember({self.label!r}, {self.role}, team {self.team})"

    @property
    def state(self) -> OrgState:
        """The model's state arrays."""
        return self.model.state

    # --- where the person sits -------------------------------------------------------------

    @property
    def label(self) -> str:
        """The person's name in the org chart (their position number for a built chart)."""
        return self.state.chart.labels[self.position]

    @property
    def team(self) -> int:
        """The team the person belongs to."""
        return int(self.state.chart.team[self.position])

    @property
    def department(self) -> int:
        """The department (-1 for the director, who stands above them)."""
        return int(self.state.chart.department[self.position])

    @property
    def unit(self) -> int:
        """The unit (-1 for the director)."""
        return int(self.state.chart.unit[self.position])

    @property
    def rank(self) -> int:
        """0 staff, 1 team lead, 2 manager, 3 director."""
        return int(self.state.chart.rank[self.position])

    @property
    def role(self) -> str:
        """The role as a word: staff, team_lead, manager or director."""
        return ROLES[self.rank]

    @property
    def superior(self) -> StaffMember | None:
        """The person this one reports to (None for the director)."""
        boss = int(self.state.chart.superior[self.position])
        return None if boss < 0 else self.model.staff[boss]

    @property
    def contacts(self) -> list[StaffMember]:
        """The people this one is tied to, in ascending position."""
        ties = self.state.ties
        return [self.model.staff[j] for j in ties.indices[ties.contacts(self.position)]]

    # --- what the person means, wants and is like (views into the arrays) -------------------

    @property
    def rules(self) -> np.ndarray:
        """What the person thinks one must and may do, per theme."""
        return self.state.meaning[RULES, self.position]

    @property
    def insights(self) -> np.ndarray:
        """Why the rules are as they are, as the person understands it, per theme."""
        return self.state.meaning[INSIGHTS, self.position]

    @property
    def principles(self) -> np.ndarray:
        """What the person wants and is, per theme."""
        return self.state.meaning[PRINCIPLES, self.position]

    @property
    def goal(self) -> np.ndarray:
        """What the person wants to achieve, per theme."""
        return self.state.goal[self.position]

    @property
    def actorship(self) -> float:
        """How much the person takes responsibility, speaks up and initiates (it can change)."""
        return float(self.state.actorship[self.position])

    @property
    def trust(self) -> np.ndarray:
        """How much the person trusts each contact, in the order of ``contacts`` (a view)."""
        return self.state.trust[self.state.ties.contacts(self.position)]

    @property
    def openness(self) -> float:
        """How open the person is to what others say."""
        return float(self.state.openness[self.position])

    @property
    def capacity(self) -> float:
        """Learning capacity (meta-learning changes it)."""
        return float(self.state.capacity[self.position])

    @property
    def performance(self) -> float:
        """This week's agreement of the person's rules with what the environment asks."""
        return float(self.state.performance[self.position])

    @property
    def aspiration(self) -> float:
        """The performance the person aims for (see the aspiration mechanism)."""
        return float(self.state.aspiration[self.position])

    @property
    def reflection_threshold(self) -> float:
        """How far remembered performance must fall below aspiration before the person reflects."""
        base = float(self.model.values["learning.reflection_threshold"])
        return max(base + float(self.state.reflection_shift[self.position]), 0.0)

    @property
    def reflected(self) -> bool:
        """Whether the person reflected (double loop) this week."""
        return bool(self.state.reflected[self.position])
