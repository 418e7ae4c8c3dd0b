"""The parameter table: every setting of the model, its type, default, range and texts.

One table is read by validation, the command line, the browser controls and sweep designs,
so a range or a label is never written twice. The table itself is data
(`parameters.toml`), with English and Dutch labels and help texts next to each entry.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

TYPES = ("int", "float", "bool", "choice", "levels", "steps", "path")
IN_RUN = ("live", "restructure", "fixed")
"""What an intervention during a run may do with a parameter (see ``in_run`` in the table)."""
PROPERTIES = (
    "organization",
    "direction",
    "learning",
    "network",
    "alignment",
    "communication",
    "measurement",
)
LANGUAGES = ("en", "nl")


class ParameterValueError(ValueError):
    """A value that does not fit its parameter; the message names the allowed range."""


@dataclass(frozen=True)
class Parameter:
    """One setting of the model, as the table describes it.

    Attributes:
        name: Dotted name, ``group.key`` (for example ``network.voice``).
        type: One of ``TYPES``.
        default: The value used when no scenario sets it.
        belongs_to: The property of a learning organization it belongs to (see ``PROPERTIES``).
        unit: What one unit means, for display.
        label: Short name per language.
        help: One or two sentences per language.
        min: Lowest allowed number (numbers and steps), or None.
        max: Highest allowed number, or None.
        choices: Allowed values for ``choice`` and ``levels``.
        presets: For a choice: the values of other parameters each option fills in.
        in_run: ``live`` (read every week), ``restructure`` (a change rebuilds the network) or
            ``fixed`` (read once, so an intervention cannot change it).
        source: Where the default and range come from (a reference), or ``assumed`` where they
            are a modelling choice; empty while a row has not been sourced yet.
    """

    name: str
    type: str
    default: Any
    belongs_to: str
    unit: str
    label: Mapping[str, str]
    help: Mapping[str, str]
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    presets: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    in_run: str = "live"
    source: str = ""

    @property
    def group(self) -> str:
        """The section of a scenario file the parameter sits in."""
        return self.name.split(".", 1)[0]

    @property
    def key(self) -> str:
        """The name inside its section."""
        return self.name.split(".", 1)[1]

    def allowed(self) -> str:
        """Describe the allowed values in words, for error messages and help."""
        if self.type in ("int", "float"):
            return f"a{'n integer' if self.type == 'int' else ' number'} from {self.min} to {self.max}"
        if self.type == "bool":
            return "true or false"
        if self.type == "choice":
            return "one of " + ", ".join(self.choices)
        if self.type == "levels":
            return "a list drawn from " + ", ".join(self.choices)
        if self.type == "steps":
            return f"a list of weeks from {int(self.min or 0)} to {int(self.max or 0)}"
        return "a file path (or empty for none)"

    def coerce(self, value: Any) -> Any:
        """Return ``value`` as this parameter's type, or raise with the allowed range.

        Args:
            value: A value as read from TOML or the command line.

        Returns:
            The value in canonical form (int, float, bool, str, or a tuple for lists).

        Raises:
            ParameterValueError: If the value has the wrong type or lies outside the range.
        """
        wrong = ParameterValueError(f"{value!r} is not allowed: use {self.allowed()}")
        if self.type == "int":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise wrong
            if isinstance(value, float) and not value.is_integer():
                raise wrong
            value = int(value)
        elif self.type == "float":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise wrong
            value = float(value)
            if not math.isfinite(value):
                raise wrong
        elif self.type == "bool":
            if not isinstance(value, bool):
                raise wrong
            return value
        elif self.type == "choice":
            if value not in self.choices:
                raise wrong
            return str(value)
        elif self.type == "levels":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list | tuple) or any(v not in self.choices for v in value):
                raise wrong
            if len(set(value)) != len(value):
                raise ParameterValueError(f"{list(value)!r} names a level twice")
            return tuple(c for c in self.choices if c in value)
        elif self.type == "steps":
            if not isinstance(value, list | tuple):
                raise wrong
            steps = tuple(self._one_step(v, wrong) for v in value)
            return tuple(sorted(set(steps)))
        elif self.type == "path":
            if not isinstance(value, str):
                raise wrong
            return value
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            raise wrong
        return value

    def _one_step(self, value: Any, wrong: ParameterValueError) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            raise wrong
        return value


class ParameterTable(Mapping[str, Parameter]):
    """All parameters by dotted name, in the order of the table file."""

    def __init__(self, parameters: list[Parameter]) -> None:
        self._by_name = {p.name: p for p in parameters}

    def __getitem__(self, name: str) -> Parameter:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def defaults(self) -> dict[str, Any]:
        """Every parameter at its default, in canonical form."""
        return {name: p.coerce(p.default) for name, p in self._by_name.items()}

    def by_property(self, prop: str) -> list[Parameter]:
        """The parameters that belong to one property of a learning organization."""
        return [p for p in self._by_name.values() if p.belongs_to == prop]

    def resolve(self, key: str) -> str | None:
        """The full name for ``key``: itself, or the one parameter whose name ends in ``.key``."""
        if key in self._by_name:
            return key
        matches = [name for name in self._by_name if name.split(".", 1)[1] == key]
        return matches[0] if len(matches) == 1 else None

    def numeric_ranges(self) -> dict[str, tuple[float, float]]:
        """The (min, max) of every int and float parameter, for sweep designs."""
        return {
            p.name: (float(p.min), float(p.max))  # type: ignore[arg-type]
            for p in self._by_name.values()
            if p.type in ("int", "float")
        }


def _parse_entry(name: str, entry: Mapping[str, Any]) -> Parameter:
    if entry.get("type") not in TYPES:
        raise ValueError(f"parameters.toml: {name}: type must be one of {TYPES}")
    if entry.get("property") not in PROPERTIES:
        raise ValueError(f"parameters.toml: {name}: property must be one of {PROPERTIES}")
    if entry.get("in_run", "live") not in IN_RUN:
        raise ValueError(f"parameters.toml: {name}: in_run must be one of {IN_RUN}")
    for text in ("label", "help"):
        if set(entry.get(text, {})) != set(LANGUAGES):
            raise ValueError(f"parameters.toml: {name}: {text} needs exactly {LANGUAGES}")
    return Parameter(
        name=name,
        type=entry["type"],
        default=entry["default"],
        belongs_to=entry["property"],
        unit=entry.get("unit", ""),
        label=dict(entry["label"]),
        help=dict(entry["help"]),
        min=entry.get("min"),
        max=entry.get("max"),
        choices=tuple(entry.get("choices", ())),
        presets={k: dict(v) for k, v in entry.get("presets", {}).items()},
        in_run=entry.get("in_run", "live"),
        source=str(entry.get("source", "")),
    )


@cache
def parameter_table(model: str = "orglearn") -> ParameterTable:
    """Load a model's parameter table (read once, then cached).

    Args:
        model: ``orglearn`` (the learning organization) or ``march1991``.

    Returns:
        The table.
    """
    from orglearn.registry import describe_model

    text = (describe_model(model).folder() / "parameters.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    parameters = [
        _parse_entry(f"{group}.{key}", entry)
        for group, entries in raw.items()
        for key, entry in entries.items()
    ]
    table = ParameterTable(parameters)
    for p in table.values():
        p.coerce(p.default)
        for option, values in p.presets.items():
            if option not in p.choices:
                raise ValueError(f"parameters.toml: {p.name}: preset for unknown option {option}")
            for other, v in values.items():
                table[other].coerce(v)
    return table
