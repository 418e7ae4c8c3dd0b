"""Learning together, and its test: does one person's change change how others behave?

The source text's criterion for organizational learning is that a change in one person carries
over into how others act and think. The experiment here makes that observable. Two runs of the
same scenario with the same seed are *twins*: every mechanism draws from a random stream of its
own (:mod:`orglearn.simulation.streams`), so the twins are number for number the same run. In
week t one twin's seed person (or a whole team) is given a change at one level (rules, insights
or principles); from then on, every difference between the twins was caused by that change.
Week by week, at every level, the experiment traces who differs from their twin by more than a
tolerance:

* **reach**: the share of the others (everyone but the seed people) who differ now; **ever**:
  the share who have differed at some week since the change;
* **speed**: the weeks until the reach first comes to a given share;
* **depth**: how far from the seed the changed people sit: steps over the ties (``hops``), rank
  gap, and the share of the changed who sit outside the seed's team;
* **others' share**: of all the difference between the twins at a level (summed over people),
  the share that sits in others rather than in the seed people themselves; and ``relative``,
  the others' summed difference per unit of the change given.

A person's difference at a level is the root mean square over the themes of their meaning in one
twin minus the other (the themes' scale is [-1, 1]). The default change moves every theme of the
seed's meaning by 0.5 toward the side of the scale with more room, so each theme moves by exactly
0.5 and never runs into the edge. That is meaningful at every level: in ``baseline`` at week 60
two colleagues' meanings lie about 0.20 apart on rules, 0.63 on insights and 0.75 on principles
(root mean square over themes, seed 1), so the change is two and a half times the usual difference on
rules and most of it on insights and principles. The default tolerance, 0.05, is a tenth of that
change: someone counts as changed when they moved by at least a tenth of what the seed was given.

The experiment only reads and writes the engine's public state arrays between weeks; it changes no
mechanism.

References:
    Swieringa, J. & Wierdsma, A. (1992). *Becoming a Learning Organization*. Addison-Wesley
    (an organization learns when individual learning changes collective behaviour).
    Argyris, C. & Schön, D. A. (1978). *Organizational Learning*. Addison-Wesley (individual
    learning becomes organizational only when it is carried into shared theories-in-use).
    Rogers, E. M. (2003). *Diffusion of Innovations*, 5th ed. Free Press (reach and speed of
    diffusion from a seed).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path

from orglearn.scenarios import Scenario
from orglearn.scenarios.interventions import check_weeks
from orglearn.simulation.engine import Engine
from orglearn.simulation.population import LEVELS
from orglearn.simulation.state import OrgState
from orglearn.simulation.stepping import Lockstep, advance
from orglearn.simulation.structure import ROLES, STAFF

WEEK = 60
"""Default week of the change: after the first weeks' settling in, before baseline's shock."""
WEEKS = 100
"""Default weeks traced after the change."""
SIZE = 0.5
"""Default size of the change per theme (see the module docstring for why)."""
TOLERANCE = 0.05
"""Default difference (root mean square over themes) above which someone counts as changed."""
SPEED_SHARE = 0.1
"""Default share of the others whose reach the speed is measured to."""
MAX_WEEKS = 100_000
"""The longest run the experiment accepts (the parameter table's longest interval)."""


class CascadeError(ValueError):
    """A setting of the experiment that cannot be used; the message names the option."""


@dataclass(frozen=True)
class Change:
    """What the seed people are given.

    Attributes:
        level: ``rules``, ``insights`` or ``principles``.
        size: How far each changed theme moves, toward the side of the scale with more room.
        to: Set the changed themes to this value instead of moving them (None: move).
        theme: The one theme to change (None: every theme).
    """

    level: str = "insights"
    size: float = SIZE
    to: float | None = None
    theme: int | None = None

    def describe(self) -> str:
        """The change in words, for tables and messages."""
        where = "every theme" if self.theme is None else f"theme {self.theme}"
        how = f"set to {self.to:g}" if self.to is not None else f"moved by {self.size:g}"
        return f"{self.level} {how} on {where}"

    def apply(self, meaning: np.ndarray, people: np.ndarray) -> None:
        """Change the seed people's meaning in place (``meaning`` is the state's (3, N, D))."""
        level = LEVELS.index(self.level)
        themes = slice(None) if self.theme is None else slice(self.theme, self.theme + 1)
        block = meaning[level][np.ix_(people, np.arange(meaning.shape[2])[themes])]
        if self.to is not None:
            new = np.full_like(block, self.to)
        else:
            new = block + np.where(block < 0.0, self.size, -self.size)
        meaning[level][np.ix_(people, np.arange(meaning.shape[2])[themes])] = np.clip(new, -1.0, 1.0)


@dataclass(frozen=True)
class Settings:
    """How the experiment runs and what counts as changed.

    Attributes:
        week: The week after which the change is given (0: before the first week).
        weeks: Weeks traced after the change.
        tolerance: Difference from one's twin above which a person counts as changed.
        speed_share: The reach whose first week is the speed.
    """

    week: int = WEEK
    weeks: int = WEEKS
    tolerance: float = TOLERANCE
    speed_share: float = SPEED_SHARE


@dataclass
class Cascade:
    """What one pair of twins showed.

    Attributes:
        seed: The run's seed.
        weeks: One row per level and week after the change (0 is the week of the change).
        people: One row per person: where they sit and, per level, when they first changed.
    """

    seed: int
    weeks: pd.DataFrame
    people: pd.DataFrame


def check(scenario: Scenario, change: Change, settings: Settings) -> None:
    """Refuse settings the experiment cannot use, with a message naming the option.

    Raises:
        CascadeError: For another model's scenario, an unknown level, a theme, size, value,
            week or tolerance out of range, or a scenario intervention after the run's end.
    """
    if scenario.model != "orglearn":
        raise CascadeError(f"--scenario {scenario.name}: cascades run the orglearn model only")
    if change.level not in LEVELS:
        raise CascadeError(f"--level {change.level}: use one of {', '.join(LEVELS)}")
    themes = int(scenario.values["organization.themes"])
    if change.theme is not None and not 0 <= change.theme < themes:
        raise CascadeError(f"--theme {change.theme}: use a theme from 0 to {themes - 1}")
    if change.to is None and not 0.0 < change.size <= 1.0:
        raise CascadeError(f"--size {change.size:g}: use a size above 0 and at most 1")
    if change.to is not None and not -1.0 <= change.to <= 1.0:
        raise CascadeError(f"--to {change.to:g}: use a value from -1 to 1")
    if not 0 <= settings.week <= MAX_WEEKS:
        raise CascadeError(f"--week {settings.week}: use a week from 0 to {MAX_WEEKS}")
    if not 1 <= settings.weeks <= MAX_WEEKS - settings.week:
        raise CascadeError(f"--weeks {settings.weeks}: use 1 to {MAX_WEEKS - settings.week} weeks")
    if settings.tolerance <= 0.0:
        raise CascadeError(f"--tolerance {settings.tolerance:g}: use a difference above 0")
    if not 0.0 < settings.speed_share <= 1.0:
        raise CascadeError(f"--speed-share {settings.speed_share:g}: use a share above 0 and at most 1")
    if problems := check_weeks(scenario.interventions, settings.week + settings.weeks):
        raise CascadeError(problems[0])


def seed_people(state: OrgState, person: str | None = None, team: int | None = None) -> np.ndarray:
    """The positions given the change: a person by id, a whole team, or the first staff member.

    Args:
        state: The organization (its chart names people and teams).
        person: A person's id (the chart's label: the position as text for generated charts).
        team: A team's number.

    Returns:
        The positions, ascending.

    Raises:
        CascadeError: For an id or team that does not exist.
    """
    chart = state.chart
    if person is not None:
        if person not in chart.labels:
            generated = chart.labels[-1] == str(chart.size - 1)
            shown = (
                f"an id from 0 to {chart.size - 1}"
                if generated
                else f"one of {', '.join(chart.labels[:3])}, ..."
            )
            raise CascadeError(f"--person {person}: no such person; use {shown}")
        return np.array([chart.labels.index(person)])
    if team is not None:
        if not 0 <= team < chart.n_teams:
            raise CascadeError(f"--team {team}: no such team; use a team from 0 to {chart.n_teams - 1}")
        return np.flatnonzero(chart.team == team)
    staff = np.flatnonzero(chart.rank == STAFF)
    return staff[:1] if len(staff) else np.array([chart.size - 1])


def hops_from(state: OrgState, people: np.ndarray) -> np.ndarray:
    """Each person's distance over the ties from the nearest seed person (-1: not connected)."""
    ties = state.ties
    graph = csr_matrix(
        (np.ones(len(ties.indices)), ties.indices, ties.indptr), shape=(state.size, state.size)
    )
    distance = shortest_path(graph, unweighted=True, indices=people)
    nearest = np.atleast_2d(distance).min(axis=0)
    return np.where(np.isfinite(nearest), nearest, -1).astype(np.int64)


def difference(a: OrgState, b: OrgState) -> np.ndarray:
    """(3, N) each person's difference between the twins per level: root mean square over themes."""
    return np.sqrt(np.mean((a.meaning - b.meaning) ** 2, axis=2))


def twin_run(
    scenario: Scenario,
    seed: int,
    change: Change,
    settings: Settings | None = None,
    person: str | None = None,
    team: int | None = None,
) -> Cascade:
    """Run the twins, give one the change after week ``settings.week``, and trace the difference.

    Args:
        scenario: A validated orglearn scenario.
        seed: The seed both twins run with.
        change: What the seed people are given.
        settings: When, for how long, and the tolerance.
        person: The seed person's id (see :func:`seed_people`).
        team: Or the seed team.

    Returns:
        The week-by-week and person-by-person traces.

    Raises:
        CascadeError: For settings the experiment cannot use (see :func:`check`).
        RuntimeError: If the twins differ before the change (the model would not be reproducible).
    """
    settings = settings or Settings()
    check(scenario, change, settings)
    base = Engine(scenario, np.random.default_rng(seed))
    twin = Engine(scenario, np.random.default_rng(seed))
    people = seed_people(base.state, person, team)
    advance(Lockstep((base, twin)), settings.week)
    if np.any(difference(base.state, twin.state)):
        raise RuntimeError(f"seed {seed}: the twins differ before the change; the run is not reproducible")
    change.apply(twin.state.meaning, people)
    tracer = Tracer(base.state, people, settings)
    tracer.record(0, difference(base.state, twin.state))

    def trace(twins: Lockstep) -> None:
        tracer.record(twins.steps, difference(base.state, twin.state))

    advance(Lockstep((base, twin)), settings.weeks, trace)
    return Cascade(seed, tracer.weeks(seed), tracer.people(seed))


class Tracer:
    """Turns each week's differences into the cascade's measures, keeping only what they need."""

    def __init__(self, state: OrgState, people: np.ndarray, settings: Settings) -> None:
        """Note where everyone sits relative to the seed people at the week of the change."""
        chart = state.chart
        self.chart, self.settings, self.seeds = chart, settings, people
        self.other = np.ones(chart.size, dtype=bool)
        self.other[people] = False
        self.hops = hops_from(state, people)
        self.rank_gap = np.abs(chart.rank.astype(np.int64)[:, None] - chart.rank[people]).min(axis=1)
        self.outside = ~np.isin(chart.team, chart.team[people])
        self.first = np.full((len(LEVELS), chart.size), -1, dtype=np.int64)
        self.peak = np.zeros((len(LEVELS), chart.size))
        self.last = np.zeros((len(LEVELS), chart.size))
        self.given = 0.0
        self.rows: list[dict[str, float | int | str]] = []

    def record(self, after: int, diff: np.ndarray) -> None:
        """Take the differences ``after`` weeks after the change."""
        if after == 0:
            self.given = float(diff[:, self.seeds].sum())
        moved = diff > self.settings.tolerance
        self.first[(self.first < 0) & moved] = after
        np.maximum(self.peak, diff, out=self.peak)
        self.last[:] = diff
        others = max(int(self.other.sum()), 1)
        for level, name in enumerate(LEVELS):
            changed = moved[level] & self.other
            count = int(changed.sum())
            seed_sum, others_sum = float(diff[level, self.seeds].sum()), float(diff[level, self.other].sum())
            total = seed_sum + others_sum
            hops = self.hops[changed]
            self.rows.append(
                {
                    "after": after,
                    "level": name,
                    "changed": count,
                    "reach": count / others,
                    "ever": int(((self.first[level] >= 0) & self.other).sum()) / others,
                    "max_hops": int(hops.max()) if count else 0,
                    "mean_hops": float(hops.mean()) if count else math.nan,
                    "max_rank_gap": int(self.rank_gap[changed].max()) if count else 0,
                    "outside_team": float(self.outside[changed].mean()) if count else math.nan,
                    "seed_change": float(diff[level, self.seeds].mean()),
                    "others_change": others_sum,
                    "others_share": others_sum / total if total > 0 else math.nan,
                    "relative": others_sum / self.given if self.given > 0 else math.nan,
                }
            )

    def weeks(self, seed: int) -> pd.DataFrame:
        """One row per week after the change and level."""
        frame = pd.DataFrame(self.rows)
        frame.insert(0, "week", frame["after"] + self.settings.week)
        frame.insert(0, "seed", seed)
        return frame

    def people(self, seed: int) -> pd.DataFrame:
        """One row per person: chart position, distance from the seed, and per level their trace."""
        chart = self.chart
        frame = pd.DataFrame(
            {
                "seed": seed,
                "id": list(chart.labels),
                "team": chart.team,
                "department": chart.department,
                "unit": chart.unit,
                "role": np.asarray(ROLES, dtype=object)[chart.rank],
                "given": ~self.other,
                "hops": self.hops,
                "rank_gap": self.rank_gap,
                "outside_team": self.outside,
            }
        )
        for level, name in enumerate(LEVELS):
            first = self.first[level]
            frame[f"{name}_first"] = pd.array([int(k) if k >= 0 else None for k in first], dtype="Int64")
            frame[f"{name}_peak"] = self.peak[level]
            frame[f"{name}_last"] = self.last[level]
        return frame


def run_cascades(
    scenario: Scenario,
    seeds: Sequence[int],
    change: Change,
    settings: Settings | None = None,
    person: str | None = None,
    team: int | None = None,
) -> list[Cascade]:
    """:func:`twin_run` for each seed, with the same change and settings."""
    return [twin_run(scenario, seed, change, settings or Settings(), person, team) for seed in seeds]


def speed(weeks: pd.DataFrame, share: float) -> pd.Series:
    """Per seed and level: the first week after the change whose reach came to ``share`` (NaN: never)."""
    reached = weeks[weeks["reach"] >= share - 1e-12]
    first = reached.groupby(["seed", "level"])["after"].min()
    index = pd.MultiIndex.from_frame(weeks[["seed", "level"]].drop_duplicates())
    return first.reindex(index)


def summary(
    cascades: Sequence[Cascade], settings: Settings, at: Sequence[int] = (1, 5, 20, 100)
) -> pd.DataFrame:
    """Per level: the mean over seeds of reach at the given weeks after the change, and the rest.

    Weeks beyond those traced are left out. Speed is the median over the seeds whose reach came
    to the share, and ``reached`` says how many did; ``seed_change`` is the seed people's own
    difference at the last week traced (what they kept of the change).
    """
    weeks = pd.concat([c.weeks for c in cascades], ignore_index=True)
    shown = [k for k in at if k <= settings.weeks]
    fast = speed(weeks, settings.speed_share).groupby(level="level")
    rows = []
    for name in LEVELS:
        level = weeks[weeks["level"] == name]
        row: dict[str, float | str] = {"level": name}
        for k in shown:
            row[f"reach_{k}"] = float(level.loc[level["after"] == k, "reach"].mean())
        final = level[level["after"] == settings.weeks]
        row["ever"] = float(final["ever"].mean())
        times = fast.get_group(name)
        row["speed"] = float(times.median()) if times.notna().any() else math.nan
        row["reached"] = int(times.notna().sum())
        row["max_hops"] = float(level.groupby("seed")["max_hops"].max().mean())
        for k in shown:
            row[f"others_share_{k}"] = float(level.loc[level["after"] == k, "others_share"].mean())
        row["seed_change"] = float(final["seed_change"].mean())  # what the seed people kept
        rows.append(row)
    return pd.DataFrame(rows)
