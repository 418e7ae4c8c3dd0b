"""What a person does in a week, person by person: the Mesa agent's side of each rule.

Each rule is written once, in its mechanism's module, as a function of one person's index over
the state arrays (:mod:`orglearn.simulation.mechanisms`), and compiled; the engine runs it for
everyone. Here each :class:`~orglearn.agents.StaffMember` calls the same function for itself,
so a user can step one person and see what the rule does to them. :func:`readable_week` runs a
week person by person as a loop over the mechanisms: each module's ``readable`` has its people
call their rule in turn, in the engine's order. Management's evaluation, the environment and
turnover act on the organization as a whole and are called as they are.

Within a phase everyone acts on what they saw at the start of it (``before``): nobody hears a
message that was changed by another message of the same phase. A test checks that the readable
week and the engine give the same trajectories, and another that the compiled rules and the same
rules run as plain Python (``NUMBA_DISABLE_JIT=1``) do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from orglearn.simulation.draws import WeekDraws
from orglearn.simulation.mechanisms import (
    WEEK,
    actorship,
    agreements,
    aspiration,
    code,
    conversations,
    experience,
    goals,
    management,
    meetings,
    metalearning,
    principles,
    reflection,
    trust,
)
from orglearn.simulation.population import RULES

if TYPE_CHECKING:
    from orglearn.simulation.model import LearningOrganization
    from orglearn.simulation.state import OrgState


class Behaviour:
    """The per-person rules of a week, mixed into :class:`~orglearn.agents.StaffMember`."""

    position: int

    @property
    def state(self) -> OrgState:
        """The organization's state arrays: read, never replaced (the agent gives its model's)."""
        raise NotImplementedError

    def work(self, draws: WeekDraws, values: Mapping[str, Any]) -> None:
        """Single loop: feel how the rules worked, move them toward what works (see experience)."""
        self.state.own_change += experience.work(self.position, *experience.inputs(self.state, draws, values))

    def aspire(self, values: Mapping[str, Any]) -> None:
        """Aim for what one's own, one's peers' and the vision's performance suggest (see aspiration)."""
        aspiration.aspire(self.position, *aspiration.inputs(self.state, values))

    def reflect(self, before: np.ndarray, values: Mapping[str, Any]) -> None:
        """Double loop: if performance disappoints, revise insights and re-derive rules."""
        inputs = reflection.inputs(self.state, values)
        self.state.own_change += reflection.reflect(self.position, before, *inputs)

    def anchor_insights(self, values: Mapping[str, Any]) -> None:
        """Principles pull insights back toward who one is."""
        reflection.anchor(self.position, self.state.meaning, float(values["learning.principle_anchoring"]))

    def question_principles(self, values: Mapping[str, Any]) -> None:
        """Triple loop: lasting conflict between insights and principles moves the principles."""
        principles.question(self.position, *principles.inputs(self.state, values))

    def choose_contact(self, uniform: float) -> int | None:
        """Pick a contact with probability proportional to tie quality; return the half-tie."""
        ties = self.state.ties
        half = conversations.choose_contact(self.position, uniform, ties.indptr, ties.choice_cdf)
        return None if half < 0 else half

    def imitate(self, before: np.ndarray, draws: WeekDraws, values: Mapping[str, Any]) -> None:
        """Copy rules of the best-performing trusted contact, if better (see conversations)."""
        inputs = conversations.imitation_inputs(self.state, draws, values)
        self.state.social_change += conversations.imitate(self.position, before, *inputs)

    def meeting_view(self, arguments: tuple[Any, ...]) -> np.ndarray:
        """One's weighted average of oneself and the present contacts, per level (see meetings)."""
        heard = arguments[2:]  # after the levels' rates and everyone's openness
        view = np.empty((len(heard[2]), self.state.themes))
        meetings.meeting_view(self.position, view, *heard)
        return view

    def hold_to_agreement(self, values: Mapping[str, Any]) -> None:
        """Colleagues hold one to what the team agreed (see agreements)."""
        s = self.state
        arguments = (s.agreed, agreements.levels_of(values), s.chart.team)
        commitment = float(values["communication.agreement_commitment"])
        s.social_change += agreements.hold(self.position, s.meaning, *arguments, commitment)

    def comply(self, before_rules: np.ndarray, values: Mapping[str, Any]) -> None:
        """Directive pressure: move one's rules toward the superior's (the director's: the vision)."""
        s = self.state
        arguments = (s.chart.superior, s.vision, s.line_quality, values["management.directive_pressure"])
        s.social_change += management.comply(self.position, before_rules, s.meaning[RULES], *arguments)

    def judge_colleagues(self, values: Mapping[str, Any]) -> None:
        """Trust grows in the colleagues heard whose rules work better than one's own, else falls."""
        trust.judge(self.position, *trust.inputs(self.state, values))

    def grow_actorship(self, values: Mapping[str, Any]) -> None:
        """Actorship grows with voice and participation and erodes under directive control."""
        actorship.grow(self.position, *actorship.inputs(self.state, values))

    def socialize(self, values: Mapping[str, Any]) -> None:
        """Socialization: move one's rules toward the organization's code (see code)."""
        s, rate = self.state, float(values["code.socialization"])
        s.social_change += code.socialize(self.position, s.meaning[RULES], s.code, rate)

    def align_goal(self, values: Mapping[str, Any]) -> None:
        """Move one's goal toward the team's goal (as far as the line carries) and one's principles."""
        goals.align(self.position, *goals.inputs(self.state, values))

    def learn_to_learn(self, values: Mapping[str, Any]) -> None:
        """Meta-learning: capacity and the threshold for reflection follow what paid off."""
        metalearning.learn(self.position, *metalearning.inputs(self.state, values))
        metalearning.learn_when_to_reflect(self.position, *metalearning.reflection_inputs(self.state, values))


def readable_week(model: LearningOrganization, draws: WeekDraws) -> None:
    """Run one week person by person: each mechanism's readable form, in the engine's order."""
    s = model.state
    s.week = draws.week
    s.own_change = s.social_change = 0.0
    for mechanism in WEEK:
        mechanism.readable(model.staff, s, draws, model.values)
