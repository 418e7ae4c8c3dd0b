"""One person's run in the browser: the chosen scenario, the edits, the seed and the model.

Every browser session gets its own :class:`Session` (the page builds it with ``use_memo``), so
two people never share a run and a reload starts afresh. A session runs whichever model its
scenario is for (the learning organization or March's model); choosing the other model starts
that model's first scenario. Edits to the settings are validated
one at a time against the parameter table and take effect at the next reset, like *setup* in
NetLogo: a run is then always described exactly by one scenario and one seed, which is what the
export pack writes down.

This module knows nothing about Solara, so the tests drive it directly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from orglearn.scenarios import Scenario, ScenarioError, load_scenario, parameter_table
from orglearn.scenarios.models import DEFAULT_MODEL
from orglearn.scenarios.parameters import ParameterValueError
from orglearn.simulation.models import build_model

from .models import app_model

DEFAULT_SCENARIO = "school"
DEFAULT_SEED = 1
MAX_SEED = 2**63 - 1
SOURCE = "browser"


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
            raise InputError("problem.value", allowed=_allowed(name, model)) from None
        value = int(number) if parameter.type == "int" and number.is_integer() else number
    elif isinstance(raw, str) and parameter.type == "steps":
        parts = [p for p in raw.replace(";", ",").split(",") if p.strip()]
        if not all(p.strip().isdigit() for p in parts):
            raise InputError("problem.value", allowed=_allowed(name, model))
        value = [int(p) for p in parts]
    try:
        return parameter.coerce(value)
    except ParameterValueError:
        raise InputError("problem.value", allowed=_allowed(name, model)) from None


def _allowed(name: str, model: str) -> str:
    parameter = parameter_table(model)[name]
    if parameter.type in ("int", "float", "steps"):
        return f"{parameter.min:g} – {parameter.max:g}"
    return ", ".join(parameter.choices)


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
        lock: Held while the model changes, so Play and a click never step it at once.
    """

    scenario: Scenario = field(default_factory=lambda: load_scenario(DEFAULT_SCENARIO))
    seed: int = DEFAULT_SEED
    pending: Scenario = field(init=False)
    model: Any = field(init=False)
    running: Scenario = field(init=False)
    running_seed: int = field(init=False)
    problems: list[str] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def __post_init__(self) -> None:
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
        """Take a scenario (named or loaded), drop the edits, and start it."""
        self.scenario = self.pending = scenario
        self.problems = []
        self.reset()

    def choose_name(self, name: str) -> None:
        """Take a shipped scenario of the session's model by name and start it."""
        self.choose(load_scenario(name, model=self.model_name))

    def choose_model(self, model: str) -> None:
        """Switch to another model, starting with its first scenario (nothing happens for the same)."""
        if model != self.model_name:
            self.choose(load_scenario(app_model(model).start, model=model))

    def edit(self, name: str, raw: Any) -> None:
        """Change one setting for the next reset.

        Raises:
            InputError: If the value does not fit the parameter (``problem.value``), or fits
                but not together with the other settings (``problem.combination``; the model's
                explanation is in :attr:`problems`).
        """
        value = parse_value(name, raw, self.pending.model)
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
        """Build a new model from the pending settings and the seed: week 0 again."""
        model = build_model(self.pending, self.seed)
        with self.lock:
            self.model, self.running, self.running_seed = model, self.pending, self.seed

    def step(self, weeks: int = 1) -> None:
        """Run some weeks (a model at rest stays where it is)."""
        with self.lock:
            for _ in range(weeks):
                self.model.step()

    def people(self) -> int:
        """How many people (individuals) the running organization has."""
        return len(self.model.agents)
