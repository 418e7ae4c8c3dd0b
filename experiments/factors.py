"""Factors: the parameters a sweep varies, and the values each may take.

A factor is written the same way on the command line and in an experiment file, and always
checked against the parameter table of the sweep's model, so a sweep can never ask for a value
a single run would refuse. A name may be shortened to the part after the dot when that names
one parameter of the model (``p1`` for ``march.p1``). A grid needs explicit levels (``0:1:5``
is five evenly spaced values from 0 to 1, ``rake,network_org`` a list); a sampled design (Latin
hypercube, Sobol, Morris) needs a range (``0.2:0.8``, or nothing at all for the table's own
range) or, for a choice, the options to sample from.

Sampled designs work in the unit interval and :meth:`Factor.from_unit` maps a coordinate to a
value: linearly for numbers, to evenly wide bins for whole numbers and options. Keeping the unit
coordinates lets the sensitivity analysis treat every factor alike.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from typing import Any

import numpy as np

from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios import Parameter, parameter_table
from orglearn.scenarios.interventions import PREFIX, override_parameter
from orglearn.scenarios.parameters import ParameterValueError

GRID = "grid"
SAMPLED = ("lhs", "sobol", "morris")
DESIGNS = (GRID, *SAMPLED)
VARIABLE_TYPES = ("int", "float", "bool", "choice")
SCENARIO = "scenario"
"""A factor named ``scenario`` varies whole scenarios (named ones or files) on a grid."""
RANGE_KEYS = ("start", "stop", "count", "min", "max", "values")


MAX_LEVELS = 100_000
"""Levels one setting may take in a grid: as many as the runs a sweep makes without ``--yes``.
Checked before the levels are built, since building ten million of them takes minutes."""


class FactorError(ValueError):
    """A factor that cannot be used; the message says what is allowed."""


@dataclass(frozen=True)
class Factor:
    """One varied parameter.

    Attributes:
        name: The parameter's dotted name.
        levels: The values to use: every grid level, or the options a sampled design picks from.
        low: The lowest value of a sampled number (None for options and grids).
        high: The highest value of a sampled number.
        model: The model whose parameter table the name belongs to.
    """

    name: str
    levels: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None
    model: str = DEFAULT_MODEL

    @property
    def is_scenario(self) -> bool:
        """Whether the factor varies whole scenarios rather than one parameter."""
        return self.name == SCENARIO

    @property
    def parameter(self) -> Parameter:
        """The parameter table's entry (for an intervention's week or value, what it takes)."""
        table = parameter_table(self.model)
        return override_parameter(self.name, table) or table[self.name]

    @property
    def sampled_range(self) -> bool:
        """Whether a sampled design draws this factor from a numeric range (not from options)."""
        return self.low is not None

    def from_unit(self, u: float) -> Any:
        """Map a coordinate in [0, 1] to a value of the parameter.

        Numbers are linear in the range; whole numbers and options split [0, 1] into equally
        wide bins, so each gets the same share of the samples.
        """
        u = min(max(float(u), 0.0), 1.0)
        if self.low is None or self.high is None:
            return self.levels[min(int(u * len(self.levels)), len(self.levels) - 1)]
        if self.parameter.type == "int":
            low, high = int(self.low), int(self.high)
            return min(low + int(u * (high - low + 1)), high)
        return float(self.low + u * (self.high - self.low))

    def describe(self) -> Any:
        """The factor as plain data, for metadata and experiment files."""
        if self.low is not None:
            return {"min": self.low, "max": self.high}
        return list(self.levels)


def parse_factor(name: str, raw: Any, design: str, where: str, model: str = DEFAULT_MODEL) -> Factor:
    """Read one factor as written on the command line or in an experiment file.

    Args:
        name: The dotted parameter name.
        raw: What was written: a string (``"0:1:5"``, ``"0.2:0.8"``, ``"a,b"``, ``""``), a list
            of values, a table (``{start, stop, count}``, ``{min, max}``, ``{values}``), or
            ``true`` for the table's whole range.
        design: The design, one of :data:`DESIGNS`.
        where: How to name the source in messages (``--vary``, ``sweep.toml: [vary]``).
        model: The sweep's model, whose parameter table the name is looked up in.

    Returns:
        The factor.

    Raises:
        FactorError: With a message naming the source, the parameter and what is allowed.
    """
    if name == SCENARIO:
        return _scenarios(raw, design, where)
    table = parameter_table(model)
    if name.startswith(PREFIX):  # an intervention's week or value: interventions.NAME.week
        found = override_parameter(name, table)
        if found is None:
            raise FactorError(
                f"{where} {name}: vary interventions.NAME.week, .until or .KEY, with KEY a setting "
                "that can change during a run"
            )
        if found.unit == "week" and design != GRID and not isinstance(raw, dict) and ":" not in str(raw):
            raise FactorError(f"{where} {name}: give the weeks to sample from, e.g. {name}=50:150")
        full, parameter = name, found
    else:
        resolved = table.resolve(name)
        if resolved is None:
            hint = "" if model == DEFAULT_MODEL else f" --model {model}"
            raise FactorError(f"{where} {name}: unknown parameter (see `orglearn parameters{hint}`)")
        full, parameter = resolved, table[resolved]
    if parameter.type not in VARIABLE_TYPES:
        raise FactorError(
            f"{where} {name}: a {parameter.type} parameter cannot be varied; "
            f"vary whole numbers, numbers, true/false or choices, and fix it with --set"
        )
    try:
        if design == GRID:
            return Factor(full, _grid_levels(parameter, raw), model=model)
        return _sampled(parameter, raw, model)
    except (FactorError, ParameterValueError) as err:
        raise FactorError(f"{where} {name}={_show(raw)}: {err}") from None


def _scenarios(raw: Any, design: str, where: str) -> Factor:
    """Whole scenarios as the levels of a grid factor: ``rake,network_org`` or a list."""
    if design != GRID:
        raise FactorError(f"{where} {SCENARIO}: scenarios can be varied on a grid only, not in {design}")
    names = [n.strip() for n in raw.split(",")] if isinstance(raw, str) else raw
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
        raise FactorError(f"{where} {SCENARIO}={_show(raw)}: give scenario names or files: rake,network_org")
    if len(set(names)) != len(names):
        raise FactorError(f"{where} {SCENARIO}={_show(raw)}: a scenario is named twice")
    return Factor(SCENARIO, tuple(names))


def _show(raw: Any) -> str:
    return raw if isinstance(raw, str) else repr(raw)


def _example(option: str | bool) -> str:
    """One option as a user would type it (``true`` rather than Python's ``True``)."""
    return str(option).lower() if isinstance(option, bool) else option


def _scalar(text: str) -> Any:
    """Read one value the way ``--set`` does: as TOML if it parses, else as text."""
    try:
        return tomllib.loads(f"v = {text.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return text.strip()


def _grid_levels(parameter: Parameter, raw: Any) -> tuple[Any, ...]:
    if isinstance(raw, dict):
        if set(raw) == {"values"}:
            raw = raw["values"]
        elif set(raw) == {"start", "stop", "count"}:
            return _spaced(parameter, raw["start"], raw["stop"], raw["count"])
        else:
            raise FactorError("a grid factor is a table {start, stop, count} or {values}")
    if isinstance(raw, bool) or raw == "":
        if parameter.type in ("bool", "choice"):
            return _distinct(parameter, list(parameter.choices) if parameter.choices else [False, True])
        raise FactorError("a grid needs levels: START:STOP:COUNT or a list A,B,C")
    if isinstance(raw, str):
        parts = raw.split(":")
        if len(parts) == 3:
            return _spaced(parameter, *(_scalar(p) for p in parts))
        if len(parts) == 2:
            raise FactorError("a grid range needs a count: START:STOP:COUNT, for example 0:1:5")
        raw = [_scalar(p) for p in raw.split(",") if p.strip()]
    if not isinstance(raw, list | tuple):
        raw = [raw]
    return _distinct(parameter, raw)


def _distinct(parameter: Parameter, values: list[Any]) -> tuple[Any, ...]:
    levels = tuple(parameter.coerce(v) for v in values)
    if not levels:
        raise FactorError("no levels given")
    if len(set(levels)) != len(levels):
        raise FactorError("a level is listed twice")
    return levels


def _spaced(parameter: Parameter, start: Any, stop: Any, count: Any) -> tuple[Any, ...]:
    if parameter.type not in ("int", "float"):
        raise FactorError(f"START:STOP:COUNT is for numbers; list the options: {','.join(parameter.choices)}")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise FactorError(f"the count {count!r} must be a whole number of 1 or more")
    if count > MAX_LEVELS:
        raise FactorError(f"the count {count:,} is more than {MAX_LEVELS:,} levels of one setting; use fewer")
    for end in (start, stop):
        parameter.coerce(end)
    if count == 1:
        if start != stop:
            raise FactorError("a count of 1 needs START equal to STOP")
        return (parameter.coerce(start),)
    points = np.linspace(float(start), float(stop), count)
    if parameter.type == "int":
        if not np.allclose(points, np.round(points)):
            raise FactorError(
                f"{count} evenly spaced values from {start} to {stop} are not whole numbers; "
                f"choose a count so that (stop - start) / (count - 1) is whole"
            )
        points = np.round(points)
    # 12 significant digits: 0.3, not linspace's 0.30000000000000004
    return _distinct(parameter, [int(p) if parameter.type == "int" else float(f"{p:.12g}") for p in points])


def _sampled(parameter: Parameter, raw: Any, model: str) -> Factor:
    name = parameter.name
    if parameter.type in ("bool", "choice"):
        options = list(parameter.choices) if parameter.type == "choice" else [False, True]
        if isinstance(raw, dict) and set(raw) == {"values"}:
            raw = raw["values"]
        if raw is True or raw == "":
            return Factor(name, _distinct(parameter, options), model=model)
        if isinstance(raw, str):
            raw = [_scalar(p) for p in raw.split(",") if p.strip()]
        if not isinstance(raw, list | tuple) or len(raw) < 2:
            raise FactorError(
                "sample from two or more options, for example " + ",".join(map(_example, options[:2]))
            )
        return Factor(name, _distinct(parameter, list(raw)), model=model)
    low, high = _range(parameter, raw)
    return Factor(name, (), low, high, model)


def _range(parameter: Parameter, raw: Any) -> tuple[float, float]:
    if raw is True or raw == "":
        low, high = parameter.min, parameter.max
    elif isinstance(raw, dict) and set(raw) == {"min", "max"}:
        low, high = raw["min"], raw["max"]
    elif isinstance(raw, str) and len(raw.split(":")) == 2:
        low, high = (_scalar(p) for p in raw.split(":"))
    elif isinstance(raw, list | tuple) and len(raw) == 2:
        low, high = raw
    else:
        raise FactorError(
            "a sampled design needs a range MIN:MAX (or nothing, for the table's range "
            f"{parameter.min} to {parameter.max}); the number of samples is set by --samples"
        )
    low, high = parameter.coerce(low), parameter.coerce(high)
    if not low < high:
        raise FactorError(f"the range {low} to {high} is empty; give MIN below MAX")
    if not (math.isfinite(low) and math.isfinite(high)):
        raise FactorError("the range must be finite")
    return float(low), float(high)
