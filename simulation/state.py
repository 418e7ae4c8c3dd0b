"""The state of an organization at one moment, as arrays owned by the model.

Everything that changes lives here, one row per person: meanings at three levels, goals,
traits, memories. Mesa agents (:class:`orglearn.agents.StaffMember`) are views into these rows,
so the engine can update everyone at once while anyone can still inspect a single person.
Mechanisms change the arrays in place; they never replace them, so views stay valid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from orglearn.simulation.agreement import agreement_of
from orglearn.simulation.compiled import rule
from orglearn.simulation.population import (
    INSIGHTS,
    PRINCIPLES,
    RULES,
    Arrivals,
    culture_groups,
    draw_arrivals,
)
from orglearn.simulation.streams import Streams
from orglearn.simulation.structure import OrgChart
from orglearn.simulation.ties import Ties
from orglearn.simulation.workspace import Cache, Workspace

if TYPE_CHECKING:  # the mechanisms' package imports this module
    from orglearn.simulation.mechanisms.task import Landscape


@dataclass
class OrgState:
    """Everything about an organization that mechanisms read and change.

    Attributes:
        chart: Who sits where (fixed).
        ties: Who is tied to whom (fixed).
        meaning: (3, N, D) meanings at the levels rules, insights, principles.
        goal: (N, D) what each person wants to achieve.
        actorship: (N,) how much each person takes responsibility, speaks up and initiates.
        openness: (N,) how open each person is to what others say.
        capacity: (N,) learning capacity, changed by meta-learning.
        capacity_base: (N,) the capacity each person arrived with.
        performance: (N,) this week's performance (agreement of rules with the environment,
            mixed with the fitness of their choices on a rugged task: :mod:`.mechanisms.task`).
        memory: (N,) remembered performance (a moving average).
        aspiration: (N,) the performance each person aims for.
        conflict: (N,) remembered disagreement between one's insights and principles.
        signal: (N, D) what this week's feedback said the environment asks (on a rugged task,
            weighted by how far the environment counts: see :mod:`.mechanisms.experience`).
        progress: (N,) this week's change in remembered performance.
        reflected: (N,) whether each person reflected (double loop) this week.
        reflection_shift: (N,) how far each person's threshold for reflection has moved from
            ``learning.reflection_threshold`` through learning to learn (0 when they arrive).
        reflection_start: (N,) the performance that prompted each person's last reflection,
            until learning to learn has judged whether it paid off (NaN when nothing awaits).
        questioned: (N,) whether each person's principles moved (triple loop) this week.
        line_quality: (N,) quality of each person's reporting line (1 for the director).
        trust: (H,) how much each person relies on each contact, per half-tie (``ties.row``
            trusts ``ties.indices``), learned from exchanges that worked (:mod:`.mechanisms.trust`).
        heard: (H,) whether each person heard each contact this week (in a conversation, a
            meeting or along the reporting line); cleared when trust has weighed the week.
        spanner: (N,) whether each person is a boundary spanner.
        environment: (D,) what the outside world asks.
        vision: (D,) the organization's stated direction.
        team_goal: (T, D) each team's goal.
        agreed: (3, T, D) what each team has agreed it means, at each level (NaN: not yet).
        picture: (D,) management's picture of the organization's strength per theme.
        perceived: (D,) what management last perceived the environment to ask.
        velocity: (D,) the environment's latest weekly step (its trend, when steps persist).
        blind_spot: (G, D) the perception error each group of lookers outside shares: row 0
            management's, row 1 + d that of the boundary spanners of department d.
        trend: (D,) management's estimate of how fast, per week, the environment moves.
        code: (D,) the organization's code: the rules its memory keeps and teaches.
        last_look: The week management last looked outside.
        week: Weeks run so far.
        own_change: This week's summed rule change from one's own experience and reflection.
        social_change: This week's summed rule change that came from others.
        task: The rugged task's landscape (fixed for a run), or None when the task is smooth.
        work: Scratch memory the mechanisms and metrics reuse from week to week (no state).
        fixed: What the mechanisms derive once from the chart and the ties (no state).
    """

    chart: OrgChart
    ties: Ties
    meaning: np.ndarray
    goal: np.ndarray
    actorship: np.ndarray
    openness: np.ndarray
    capacity: np.ndarray
    capacity_base: np.ndarray
    performance: np.ndarray
    memory: np.ndarray
    aspiration: np.ndarray
    conflict: np.ndarray
    signal: np.ndarray
    progress: np.ndarray
    reflected: np.ndarray
    reflection_shift: np.ndarray
    reflection_start: np.ndarray
    questioned: np.ndarray
    line_quality: np.ndarray
    trust: np.ndarray
    heard: np.ndarray
    spanner: np.ndarray
    environment: np.ndarray
    vision: np.ndarray
    team_goal: np.ndarray
    agreed: np.ndarray
    picture: np.ndarray
    perceived: np.ndarray
    velocity: np.ndarray
    blind_spot: np.ndarray
    trend: np.ndarray
    code: np.ndarray
    week: int = 0
    last_look: int = 0
    own_change: float = 0.0
    social_change: float = 0.0
    task: Landscape | None = None
    work: Workspace = field(default_factory=Workspace, repr=False, compare=False)
    fixed: Cache = field(default_factory=Cache, repr=False, compare=False)

    @property
    def size(self) -> int:
        """The number of people."""
        return self.chart.size

    @property
    def themes(self) -> int:
        """The number of themes (D)."""
        return self.meaning.shape[2]

    def place(self, people: np.ndarray, arrivals: Arrivals, values: Mapping[str, Any]) -> None:
        """Seat arriving people in the given positions, with fresh memories.

        Args:
            people: The positions (rows) they take.
            arrivals: Their meanings, goals and traits.
            values: The scenario's values.
        """
        from orglearn.simulation.mechanisms.task import fitness_rows

        rugged, fitness = 0.0, np.zeros(len(people))
        if self.task is not None:
            rugged = float(values["task.ruggedness"])
            fitness = fitness_rows(arrivals.meaning[RULES], *self.task.arrays())
        newcomers = (
            arrivals.meaning,
            arrivals.goal,
            arrivals.actorship,
            arrivals.openness,
            arrivals.capacity,
        )
        traits = (self.actorship, self.openness, self.capacity, self.capacity_base)
        memories = (self.performance, self.memory, self.aspiration, self.conflict, self.signal, self.progress)
        threshold = (self.reflection_shift, self.reflection_start)
        ties = (self.ties.indptr, self.ties.half_reverse, self.trust, float(values["network.trust_start"]))
        arguments = (*newcomers, fitness, rugged, self.meaning, self.goal, *traits, self.environment)
        seat(np.asarray(people, dtype=np.int64), *arguments, *memories, *threshold, *ties)

    def lay_ties(self, ties: Ties, start: float) -> None:
        """Take a new network: new reporting-line quality, and trust at ``start`` on every tie."""
        self.ties = ties
        self.line_quality[:] = ties.line_quality(self.chart.superior)
        self.trust = np.full(len(ties.indices), start)
        self.heard = np.zeros(len(ties.indices), dtype=bool)


@rule
def seat(
    people: np.ndarray,
    meaning_in: np.ndarray,
    goal_in: np.ndarray,
    actorship_in: np.ndarray,
    openness_in: np.ndarray,
    capacity_in: np.ndarray,
    fitness: np.ndarray,
    rugged: float,
    meaning: np.ndarray,
    goal: np.ndarray,
    actorship: np.ndarray,
    openness: np.ndarray,
    capacity: np.ndarray,
    capacity_base: np.ndarray,
    environment: np.ndarray,
    performance: np.ndarray,
    memory: np.ndarray,
    aspiration: np.ndarray,
    conflict: np.ndarray,
    signal: np.ndarray,
    progress: np.ndarray,
    shift: np.ndarray,
    start: np.ndarray,
    indptr: np.ndarray,
    reverse: np.ndarray,
    trust: np.ndarray,
    trust_start: float,
) -> None:
    """Newcomer ``k`` takes position ``people[k]``: their meanings, goals and traits, fresh memories.

    What they remember of performance, and aim for, is how well their rules do now (agreement
    with the environment, on a rugged task mixed with the ``fitness`` of their choices by
    ``rugged``); the conflict they feel is the disagreement of their insights with their
    principles; they have not reflected yet and their threshold is unlearned; they and each of
    their contacts start out trusting each other ``trust_start``.
    """
    themes = meaning.shape[2]
    for k in range(len(people)):
        i = people[k]
        for level in range(meaning.shape[0]):
            for t in range(themes):
                meaning[level, i, t] = meaning_in[level, k, t]
        for t in range(themes):
            goal[i, t] = goal_in[k, t]
            signal[i, t] = environment[t]
        actorship[i], openness[i] = actorship_in[k], openness_in[k]
        capacity[i] = capacity_base[i] = capacity_in[k]
        fit = agreement_of(meaning[RULES, i], environment)
        now = fit if rugged == 0.0 else (1.0 - rugged) * fit + rugged * fitness[k]
        performance[i] = memory[i] = aspiration[i] = now
        conflict[i] = 1.0 - agreement_of(meaning[INSIGHTS, i], meaning[PRINCIPLES, i])
        progress[i], shift[i], start[i] = 0.0, 0.0, np.nan
        for half in range(indptr[i], indptr[i + 1]):
            trust[half] = trust[reverse[half]] = trust_start


def new_state(chart: OrgChart, ties: Ties, values: Mapping[str, Any], streams: Streams) -> OrgState:
    """Draw the people, the environment and the teams' goals of a new organization.

    Args:
        chart: The organization chart.
        ties: The network over it.
        values: The scenario's values.
        streams: The run's random streams (population, environment, direction, blind spots and,
            for a rugged task, the task's are used).

    Returns:
        The state at week 0, before management's first look outside.
    """
    from orglearn.simulation.mechanisms.task import build

    n, themes = chart.size, values["organization.themes"]
    people = streams.population
    group = culture_groups(chart.department, values["organization.cultures"])
    arrivals = draw_arrivals(people, n, values, values["organization.initial_culture"], group)
    team_goal = people.uniform(-1.0, 1.0, size=(chart.n_teams, themes))
    environment = streams.environment.uniform(-1.0, 1.0, size=themes)
    spanner = (chart.rank == 0) & (streams.direction.random(n) < values["direction.boundary_spanners"])
    groups = 2 + max(int(chart.department.max()), 0)  # management, then one per department
    blind_spot = streams.blind_spots.standard_normal((groups, themes))
    empty = np.zeros(n)
    state = OrgState(
        chart=chart,
        ties=ties,
        meaning=np.zeros((3, n, themes)),
        goal=np.zeros((n, themes)),
        actorship=empty.copy(),
        openness=empty.copy(),
        capacity=empty.copy(),
        capacity_base=empty.copy(),
        performance=empty.copy(),
        memory=empty.copy(),
        aspiration=empty.copy(),
        conflict=empty.copy(),
        signal=np.zeros((n, themes)),
        progress=empty.copy(),
        reflected=np.zeros(n, dtype=bool),
        reflection_shift=empty.copy(),
        reflection_start=np.full(n, np.nan),
        questioned=np.zeros(n, dtype=bool),
        line_quality=ties.line_quality(chart.superior),
        trust=np.ones(len(ties.indices)),
        heard=np.zeros(len(ties.indices), dtype=bool),
        spanner=spanner,
        environment=environment,
        vision=np.zeros(themes),
        team_goal=team_goal,
        agreed=np.full((3, chart.n_teams, themes), np.nan),  # agreed at a team's first meeting
        picture=np.zeros(themes),
        perceived=np.zeros(themes),
        task=build(values, streams.task),
        velocity=np.zeros(themes),
        blind_spot=blind_spot,
        trend=np.zeros(themes),
        code=np.zeros(themes),
    )
    state.place(np.arange(n), arrivals, values)
    state.code[:] = state.meaning[RULES].mean(axis=0)
    return state
