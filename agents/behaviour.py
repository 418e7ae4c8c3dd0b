"""What a person does in a week, person by person: the Mesa agent's side of each rule.

Each rule is written once, in its mechanism's module, as a function of one person's index over
the state arrays (:mod:`orglearn.simulation.mechanisms`), and compiled; the engine runs it for
everyone. Here each :class:`~orglearn.agents.StaffMember` calls the same function for itself,
so a user can step one person and see what the rule does to them, and :func:`readable_week`
runs a whole week person by person in the engine's order. Management's evaluation, the
environment and turnover act on the organization as a whole and are called as they are.

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
    actorship,
    agreements,
    aspiration,
    code,
    conversations,
    direction,
    environment,
    experience,
    goals,
    influence,
    management,
    meetings,
    metalearning,
    principles,
    reflection,
    trust,
    turnover,
)
from orglearn.simulation.population import LEVELS, PRINCIPLES, RULES

if TYPE_CHECKING:
    from orglearn.agents.staff import StaffMember
    from orglearn.simulation.model import LearningOrganization
    from orglearn.simulation.state import OrgState


def weight(
    s: OrgState, me: int, sender: int, quality: float, scale: float, values: Mapping[str, Any]
) -> float:
    """How much a message to ``me`` counts before the level's rate (see influence.message_weight).

    Messages are weighed before anyone hears them, so the principles read are the phase's start.
    """
    bound, voice = float(values["communication.confidence_bound"]), float(values["network.voice"])
    principles = s.meaning[PRINCIPLES]
    return influence.message_weight(
        me, sender, quality, scale, s.openness, s.chart.rank, principles, bound, voice
    )


Message = tuple[int, int, float, int]
"""Receiver, sender, weight before the level's rate, and the number of the message's noise."""


def hear(
    s: OrgState, levels: list[int], messages: list[Message], noise: Any, values: Mapping[str, Any]
) -> float:
    """Everyone hears the phase's messages (receiver, sender, weight, number of its noise)."""
    receiver, sender, base, slot = (np.array([m[k] for m in messages]) for k in range(4))
    arrays = (receiver.astype(np.int64), sender.astype(np.int64), base.astype(float), slot.astype(np.int64))
    return conversations.hear_messages(s, levels, *arrays, noise, values)


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


def converse(staff: list[StaffMember], s: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """This week's conversations, one initiator at a time in order of position."""
    levels = [LEVELS.index(level) for level in values["communication.levels"]]
    if not levels:
        return
    rate = float(values["communication.conversation_rate"])
    carried = trust.tie_weight(s)  # tie quality × the listener's trust in the speaker
    messages, number = [], 0
    for person in staff:
        i = person.position
        if not conversations.starts(i, draws.initiate, rate, s.actorship):
            continue
        half = person.choose_contact(draws.partner[i])
        if half is not None:
            j = int(s.ties.indices[half])
            for k, (me, sender, mine) in enumerate(((i, j, half), (j, i, s.ties.half_reverse[half]))):
                counts = weight(s, me, sender, carried[mine], 1.0, values)
                messages.append((me, sender, counts, 2 * number + k))
                s.heard[mine] = True
        number += 1
    if messages:
        s.social_change += hear(s, levels, messages, draws.message_noise, values)


def meet(staff: list[StaffMember], s: OrgState, draws: WeekDraws, values: Mapping[str, Any]) -> None:
    """This week's meetings: everyone forms a view of what was said, then moves toward it."""
    arguments = meetings.inputs(s, draws, values)
    if arguments is None:
        return
    views = [person.meeting_view(arguments) for person in staff]
    rates, openness, meaning, levels = arguments[0], arguments[1], arguments[2], arguments[4]
    for person, view in zip(staff, views, strict=True):
        s.social_change += meetings.move(person.position, meaning, view, levels, rates, openness)


def keep_code(staff: list[StaffMember], s: OrgState, values: Mapping[str, Any]) -> None:
    """The code: the better performers are chosen first, then everyone is socialized, then it learns."""
    learning, rate = values["code.learning"], values["code.socialization"]
    if learning <= 0 and rate <= 0:
        return
    bar = code.code_performance(s)
    better = [person.position for person in staff if s.performance[person.position] > bar]
    better_rules = s.meaning[RULES, better] if learning > 0 else s.meaning[RULES, :0]
    if rate > 0:
        for person in staff:
            person.socialize(values)
    if learning > 0:
        code.learn(s, better_rules, values)


def readable_week(model: LearningOrganization, draws: WeekDraws) -> None:
    """Run one week person by person, in the same order of phases as the engine."""
    s, values, staff = model.state, model.values, model.staff
    s.week = draws.week
    s.own_change = s.social_change = 0.0
    environment.apply(s, draws, values)
    for person in staff:
        person.work(draws, values)
    for person in staff:
        person.aspire(values)
    before = s.meaning.copy()
    for person in staff:
        person.reflect(before, values)
    for person in staff:
        person.anchor_insights(values)
    for person in staff:
        person.question_principles(values)
    converse(staff, s, draws, values)
    if draws.copy is not None:
        before_rules = s.meaning[RULES].copy()
        for person in staff:
            person.imitate(before_rules, draws, values)
    meet(staff, s, draws, values)
    if agreements.meets(draws, values):
        agreements.negotiate(*agreements.inputs(s, values))  # every team at once
    if values["communication.agreement_commitment"] > 0:
        for person in staff:
            person.hold_to_agreement(values)
    if values["management.directive_pressure"] > 0:
        before_rules = s.meaning[RULES].copy()
        for person in staff:
            person.comply(before_rules, values)
    management.hold_dialogue(s, draws, values)  # along every reporting line at once
    if trust.is_on(values):
        trust.hear_the_line(s, values)
        for person in staff:
            person.judge_colleagues(values)
    trust.forget(s)
    keep_code(staff, s, values)
    goals.align_teams(s, values)
    for person in staff:
        person.align_goal(values)
    direction.apply(s, draws, values)  # management's evaluation: one look over everyone
    for person in staff:
        person.learn_to_learn(values)
    if actorship.is_on(values):
        for person in staff:
            person.grow_actorship(values)
    turnover.apply(s, draws, values)
