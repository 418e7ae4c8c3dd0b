"""One person's run in the browser: the chosen scenario, the edits, the seed and the model.

Every browser session gets its own :class:`Session` (the page builds it with ``use_memo``), so
two people never share a run and a reload starts afresh. A session runs whichever model its
scenario is for (the learning organization or March's model); choosing the other model starts
that model's first scenario. Edits to the settings are validated
one at a time against the parameter table and take effect at the next reset, like *setup* in
NetLogo: a run is then always described exactly by one scenario and one seed, which is what the
export pack writes down.

Play and the runs of many weeks go through the session's run loop (:mod:`.player`), which steps
the model under the session's lock; whatever draws the page reads the model through
:meth:`Session.read` or :meth:`Session.view`, under the same lock, so it never sees half a week.

This module knows nothing about Solara, so the tests drive it directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from orglearn.registry import MODELS, build_model
from orglearn.scenarios import Scenario, ScenarioError, load_scenario, parameter_table, scenario_names
from orglearn.simulation.stepping import advance

from .inputs import (
    NOT_OFFERED,
    InputError,
    check_size,
    offered,
    parse_seed,
    parse_speed,
    parse_value,
    parse_whole,
)
from .model_view import app_model
from .player import FASTEST, MAX_WEEK, Player
from .team_lines import TeamHistory

DEFAULT_SCENARIO = "school"
DEFAULT_SEED = 1
SOURCE = "browser"
MAX_UPLOADS = 20
"""Uploaded scenarios a session keeps to choose again by name."""


T = TypeVar("T")


@dataclass(frozen=True)
class View:
    """The run in one reading under the lock: the week counter and what it describes.

    Attributes:
        week: Weeks (periods) run.
        people: People (individuals) in the organization.
        at_rest: Whether the model has stopped by itself.
        running: The scenario the model runs.
        seed: The seed it runs with.
    """

    week: int
    people: int
    at_rest: bool
    running: Scenario
    seed: int


@dataclass
class Session:
    """Everything one browser session has chosen and is running.

    Attributes:
        scenario: The scenario chosen or loaded, before any edits.
        pending: The scenario with the edits so far; the next reset runs it.
        seed: The seed the next reset uses.
        model: The running model (a ``LearningOrganization`` or a ``March1991``).
        running: The scenario the model runs (``pending`` at the last reset).
        running_seed: The seed the model runs with.
        problems: Messages about the last scenario loaded or edit refused, from the model.
        lock: Held while the model changes, so Play and a click never step it at once, and
            while the page reads the model, so it never draws half a week.
        player: The run loop (Play, and runs of many weeks); at most one per session.
        uploads: The scenarios this session uploaded, by name: the only names besides the
            shipped scenarios that its scenario select offers.
        refusal: The last choice refused because the page never offered it, or None.
        teams: Each team's values week by week since the last reset (:mod:`.team_lines`), kept
            whether or not they are shown, so the lines start at week 0 whenever they are
            switched on; None for a model without teams (March's).
        team_lines: Whether the charts show a line per team.
    """

    scenario: Scenario = field(default_factory=lambda: load_scenario(DEFAULT_SCENARIO))
    seed: int = DEFAULT_SEED
    pending: Scenario = field(init=False)
    model: Any = field(init=False)
    running: Scenario = field(init=False)
    running_seed: int = field(init=False)
    problems: list[str] = field(default_factory=list)
    uploads: dict[str, Scenario] = field(default_factory=dict, repr=False)
    refusal: InputError | None = None
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    player: Player = field(init=False, repr=False)
    teams: TeamHistory | None = field(default=None, repr=False)
    team_lines: bool = False

    def __post_init__(self) -> None:
        self.player = Player(self.lock, lambda: self.model, self._after_week)
        self.pending = self.scenario
        self.reset()

    @property
    def week(self) -> int:
        """Weeks (periods) the model has run."""
        return self.model.week

    @property
    def model_name(self) -> str:
        """The model the session runs: the chosen scenario's."""
        return self.scenario.model

    @property
    def at_rest(self) -> bool:
        """Whether the model has stopped by itself (a closed world in March's model at equilibrium)."""
        return not self.model.running

    @property
    def changed(self) -> bool:
        """Whether the settings or the seed differ from what the model runs."""
        return self.pending.values != self.running.values or self.seed != self.running_seed

    def choose(self, scenario: Scenario) -> None:
        """Take a scenario (named or loaded), drop the edits, and start it.

        Raises:
            InputError: ``problem.limit``, before anything is built, for a model beyond the
                app's limits (the session keeps what it had).
        """
        check_size(scenario.values)
        if scenario.name not in scenario_names(scenario.model):
            self.uploads.pop(scenario.name, None)
            self.uploads[scenario.name] = scenario
            while len(self.uploads) > MAX_UPLOADS:
                self.uploads.pop(next(iter(self.uploads)))
        self.scenario = self.pending = scenario
        self.problems, self.refusal = [], None
        self.reset()

    def offered_names(self) -> list[str]:
        """The scenario names the page offers: the model's shipped ones, then this session's own."""
        names = scenario_names(self.model_name)
        own = [n for n, s in self.uploads.items() if s.model == self.model_name and n not in names]
        return [*names, *own]

    def choose_name(self, name: Any) -> None:
        """Take an offered scenario (shipped, or uploaded in this session) by name and start it.

        Any other value changes nothing and reads nothing: :attr:`refusal` then holds the
        neutral :data:`NOT_OFFERED`, which the page shows with the settings (so a forged value
        gets the same answer wherever it comes from, and no error escapes into the page).
        """
        try:
            chosen = offered(name, self.offered_names())
        except InputError as refused:
            self.refusal = refused
            return
        if chosen in self.uploads and self.uploads[chosen].model == self.model_name:
            self.choose(self.uploads[chosen])
        else:
            self.choose(load_scenario(chosen, model=self.model_name))

    def choose_model(self, model: Any) -> None:
        """Switch to another model, starting with its first scenario (nothing happens for the same).

        Raises:
            InputError: :data:`NOT_OFFERED`, for a model the app does not offer.
        """
        model = offered(model, list(MODELS))
        if model != self.model_name:
            self.choose(load_scenario(app_model(model).start, model=model))

    def edit(self, name: str, raw: Any) -> None:
        """Change one setting for the next reset.

        Raises:
            InputError: If the value does not fit the parameter (``problem.value``), is beyond
                the app's limits (``problem.limit``), or fits but not together with the other
                settings (``problem.combination``; the model's explanation is in :attr:`problems`).
        """
        table = parameter_table(self.pending.model)
        if name not in table or table[name].type == "path":
            raise InputError(NOT_OFFERED)  # files are never named from the browser
        value = parse_value(name, raw, self.pending.model)
        check_size({name: value})
        try:
            self.pending = self.pending.with_values({name: value}, source=SOURCE)
        except ScenarioError as err:
            self.problems = list(err.problems)
            raise InputError("problem.combination") from None
        self.problems = []

    def revert(self) -> None:
        """Drop every edit: back to the chosen scenario."""
        self.pending = self.scenario
        self.problems = []

    def set_seed(self, text: str | int) -> None:
        """Set the seed of the next reset (see :func:`parse_seed`)."""
        self.seed = parse_seed(text)

    def reset(self) -> None:
        """Build a new model from the pending settings and the seed: week 0 again (stops Play)."""
        check_size(self.pending.values)
        self.player.stop()
        model = build_model(self.pending, self.seed)
        with self.lock:
            self.model, self.running, self.running_seed = model, self.pending, self.seed
            has_teams = hasattr(getattr(model, "state", None), "chart")
            self.teams = TeamHistory.start(model) if has_teams else None

    def step(self, weeks: int = 1) -> None:
        """Run some weeks now (a model at rest stays where it is)."""
        with self.lock:
            advance(self.model, weeks, self._after_week)

    def _after_week(self, model: Any) -> None:
        if self.teams is not None:
            self.teams.record(model)

    def show_teams(self, on: Any) -> None:
        """Show a line per team in the charts (``True``) or not (``False``).

        The values are kept either way (see :attr:`teams`); only a learning organization has teams.

        Raises:
            InputError: :data:`NOT_OFFERED`, for anything but ``True`` or ``False`` (a toggle's
                value can be forged in the browser).
        """
        on = offered(on, [True, False])
        with self.lock:
            self.team_lines = on

    def shown_teams(self) -> TeamHistory | None:
        """The teams' values to draw: while a line per team is shown and the model has teams."""
        return self.teams if self.team_lines else None

    def read(self, look: Callable[[Any], T]) -> T:
        """What ``look`` makes of the model, between two weeks (never while one runs)."""
        with self.lock:
            return look(self.model)

    def view(self) -> View:
        """The run as it stands, in one consistent reading (see :class:`View`)."""
        with self.lock:
            model = self.model
            return View(model.week, len(model.agents), not model.running, self.running, self.running_seed)

    def play(self, speed: Any) -> None:
        """Play at one of the offered speeds (weeks per second) until :data:`~.player.MAX_WEEK`.

        Raises:
            InputError: ``problem.speed``, for a speed the page did not offer.
        """
        self.player.start(parse_speed(speed), MAX_WEEK)

    def run_for(self, text: Any) -> int:
        """Run a typed number of weeks in the background, as fast as the model goes.

        Returns:
            The week the run will stop at.

        Raises:
            InputError: ``problem.whole`` (1 to :data:`~.player.MAX_WEEK`), or ``problem.beyond``
                if the run would pass that week.
        """
        weeks = parse_whole(text, 1, MAX_WEEK)
        week = self.week
        if week + weeks > MAX_WEEK:
            raise InputError("problem.beyond", week=week, most=MAX_WEEK - week, high=MAX_WEEK)
        return self._run_until(week + weeks)

    def run_to(self, text: Any) -> int:
        """Run in the background, as fast as the model goes, until a typed week.

        Returns:
            The week the run will stop at.

        Raises:
            InputError: ``problem.whole`` (1 to :data:`~.player.MAX_WEEK`), or ``problem.reached``
                if the run is already at or past that week.
        """
        week = parse_whole(text, 1, MAX_WEEK)
        if week <= self.week:
            raise InputError("problem.reached", week=self.week, high=MAX_WEEK)
        return self._run_until(week)

    def _run_until(self, week: int) -> int:
        self.player.start(FASTEST, week)
        return week

    def pause(self) -> None:
        """Stop Play or a run after the week it is in."""
        self.player.stop()

    def close(self) -> None:
        """The page is gone: stop the run loop, so nothing runs for nobody."""
        self.player.stop()

    def people(self) -> int:
        """How many people (individuals) the running organization has."""
        return len(self.model.agents)
