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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from orglearn.registry import DEFAULT_MODEL, MODELS, build_model
from orglearn.scenarios import Scenario, ScenarioError, load_scenario, parameter_table, scenario_names
from orglearn.scenarios.parameters import ParameterValueError

from .limits import beyond
from .models import app_model
from .player import FASTEST, MAX_WEEK, SPEEDS, Player
from .team_lines import TeamHistory

DEFAULT_SCENARIO = "school"
DEFAULT_SEED = 1
MAX_SEED = 2**63 - 1
SOURCE = "browser"
NOT_OFFERED = "problem.not_offered"
"""The one answer to a value the page never offered: the same whatever the value names."""
MAX_UPLOADS = 20
"""Uploaded scenarios a session keeps to choose again by name."""


class InputError(ValueError):
    """Input that cannot be used, with a key into the string files and the values to fill in."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(f"{key} {values}")


def parse_seed(text: str | int) -> int:
    """Turn what a person typed into a seed, or explain why it is not one.

    Seeds are whole numbers from 0 to 2**63 - 1. Text is converted here, because a string
    seed fails deep inside numpy (Mesa issue 3516).

    Raises:
        InputError: ``problem.seed`` with the text, if it is not such a number.
    """
    if isinstance(text, bool):
        raise InputError("problem.seed", text=str(text))
    if isinstance(text, int):
        value = text
    else:
        cleaned = str(text).strip().replace("_", "")
        if not cleaned.isdigit():
            raise InputError("problem.seed", text=str(text))
        value = int(cleaned)
    if not 0 <= value <= MAX_SEED:
        raise InputError("problem.seed", text=str(text))
    return value


def offered(value: Any, options: Sequence[Any]) -> Any:
    """``value`` if it is one of the ``options`` the page offered, else the neutral refusal.

    A select's value can be forged in the browser, so it is never used before this check, and
    it is never used as a path: a refused value gets the same answer whether or not it names
    something on the server.

    Raises:
        InputError: :data:`NOT_OFFERED`, for anything not among the options (also other types).
    """
    for option in options:
        if type(value) is type(option) and value == option:
            return option
    raise InputError(NOT_OFFERED)


def check_size(values: Any) -> None:
    """Refuse settings that make a model larger than the app builds (see :mod:`.limits`).

    Raises:
        InputError: ``problem.limit_people`` or ``problem.limit_dimensions``, with the limit.
    """
    for _name, most, unit in beyond(values):
        raise InputError(f"problem.limit_{unit}", most=most)


def parse_speed(raw: Any, offered: Sequence[int] = SPEEDS) -> int:
    """A speed the page offered, or an explanation (anything else may be forged in the browser).

    Raises:
        InputError: ``problem.speed``, if ``raw`` is not one of the offered speeds.
    """
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise InputError("problem.speed") from None
    if value not in offered:
        raise InputError("problem.speed")
    return value


def parse_whole(text: Any, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` typed into a field, or the range in words.

    Raises:
        InputError: ``problem.whole`` with the range, for anything else (also ``"3.5"``, ``True``).
    """
    if isinstance(text, bool):
        raise InputError("problem.whole", low=low, high=high)
    cleaned = str(text).strip().replace("_", "")
    if not cleaned.isdigit():
        raise InputError("problem.whole", low=low, high=high)
    value = int(cleaned)
    if not low <= value <= high:
        raise InputError("problem.whole", low=low, high=high)
    return value


def parse_value(name: str, raw: Any, model: str = DEFAULT_MODEL) -> Any:
    """Turn a control's raw value into the parameter's type, or explain the allowed range.

    Text from number fields and week lists (``"100, 150"``) is read here; everything else is
    checked by the parameter's own :meth:`~orglearn.scenarios.Parameter.coerce`.

    Args:
        name: The parameter's dotted name.
        raw: What the control gave.
        model: The model whose parameter table the name belongs to.

    Raises:
        InputError: ``problem.value`` with the allowed values in words.
    """
    parameter = parameter_table(model)[name]
    value = raw
    if isinstance(raw, str) and parameter.type in ("int", "float"):
        try:
            number = float(raw.strip().replace(",", "."))
        except ValueError:
            raise _refused(name, model, raw) from None
        value = int(number) if parameter.type == "int" and number.is_integer() else number
    elif isinstance(raw, str) and parameter.type == "steps":
        parts = [p for p in raw.replace(";", ",").split(",") if p.strip()]
        if not all(p.strip().isdigit() for p in parts):
            raise _refused(name, model, raw)
        value = [int(p) for p in parts]
    try:
        return parameter.coerce(value)
    except ParameterValueError:
        raise _refused(name, model, raw) from None


def _refused(name: str, model: str, raw: Any) -> InputError:
    """``problem.value`` for a value that does not fit; for a number, with its range and the text.

    The range travels as numbers (``low``, ``high``), so the page writes it in its language's
    number format; ``allowed`` is the same range (or the choices) in plain text.
    """
    parameter = parameter_table(model)[name]
    values: dict[str, Any] = {"allowed": _allowed(name, model)}
    if parameter.type in ("int", "float") and parameter.min is not None and parameter.max is not None:
        whole = parameter.type == "int"
        values.update(low=parameter.min, high=parameter.max, text=str(raw)[:40], whole=whole)
    return InputError("problem.value", **values)


def _allowed(name: str, model: str) -> str:
    parameter = parameter_table(model)[name]
    if parameter.type in ("int", "float", "steps"):
        return f"{parameter.min:g} – {parameter.max:g}"
    return ", ".join(parameter.choices)


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
        teams: Each team's values week by week while a line per team is shown, else None.
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
            if self.teams is not None:
                self.show_teams(True)

    def step(self, weeks: int = 1) -> None:
        """Run some weeks now (a model at rest stays where it is)."""
        with self.lock:
            for _ in range(weeks):
                self.model.step()
                self._after_week(self.model)

    def _after_week(self, model: Any) -> None:
        if self.teams is not None:
            self.teams.record(model)

    def show_teams(self, on: Any) -> None:
        """Keep each team's values from now on (``True``), or stop and forget them (``False``).

        Only a learning organization has teams; for another model nothing is kept.

        Raises:
            InputError: :data:`NOT_OFFERED`, for anything but ``True`` or ``False`` (a toggle's
                value can be forged in the browser).
        """
        on = offered(on, [True, False])
        with self.lock:
            has_teams = hasattr(getattr(self.model, "state", None), "chart")
            self.teams = TeamHistory.start(self.model) if on and has_teams else None

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
