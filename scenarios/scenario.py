"""Scenarios: named sets of parameter values, read from TOML files and checked against the table.

A scenario is nothing but parameter values; no mechanism ever looks at its name. A file may
extend another one and override some values, so each contrast (``rake`` against
``network_org``, say) differs from ``baseline`` only where the contrast needs it.

Every problem with a file is reported with the file, the key and what is allowed, all at once,
so a user fixes a scenario in one go instead of meeting one traceback after another.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import tomli_w

from orglearn.scenarios.parameters import (
    LANGUAGES,
    ParameterTable,
    ParameterValueError,
    parameter_table,
)

HEADER = "scenario"
HEADER_KEYS = ("name", "extends", "description")
BETA_TRAITS = (
    ("network.actorship_mean", "network.actorship_sd"),
    ("communication.openness_mean", "communication.openness_sd"),
    ("learning.capacity_mean", "learning.capacity_sd"),
    ("network.tie_quality_mean", "network.tie_quality_sd"),
)
GENERIC_NETWORKS = ("small_world", "scale_free", "random")


class ScenarioError(ValueError):
    """A scenario that cannot be used; the message lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Scenario:
    """A complete, validated set of parameter values.

    Attributes:
        name: The scenario's name (its file name without ``.toml`` for files).
        description: A short plain-language description per language.
        values: Every parameter of the table by dotted name, resolved and validated.
        sources: The files and overrides it was built from, base first.
    """

    name: str
    description: Mapping[str, str]
    values: Mapping[str, Any]
    sources: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def with_values(self, changes: Mapping[str, Any], source: str = "--set") -> Scenario:
        """Return a copy with some values changed, validated as one more layer.

        Args:
            changes: Dotted names and new values.
            source: How the changes are named in error messages.

        Returns:
            The new scenario.
        """
        layers = [Layer("(scenario " + self.name + ")", dict(self.values), Path.cwd())]
        layers.append(Layer(source, dict(changes), Path.cwd()))
        values = _resolve(layers)
        return Scenario(self.name, self.description, values, (*self.sources, source))

    def differences(self, other: Scenario) -> dict[str, tuple[Any, Any]]:
        """The parameters whose values differ from another scenario's, as (mine, theirs)."""
        return {k: (v, other.values[k]) for k, v in self.values.items() if other.values[k] != v}

    def to_toml(self) -> str:
        """Write the scenario as a TOML file that reproduces it exactly, every value included."""
        doc: dict[str, Any] = {
            HEADER: {"name": self.name, "description": dict(self.description)},
        }
        for name, value in self.values.items():
            group, key = name.split(".", 1)
            doc.setdefault(group, {})[key] = list(value) if isinstance(value, tuple) else value
        return tomli_w.dumps(doc)


@dataclass
class Layer:
    """Values set by one source (a file or the command line), in the order they apply."""

    source: str
    values: dict[str, Any]
    folder: Path


def scenario_folder() -> Path:
    """The folder of the named scenarios shipped with orglearn."""
    return Path(str(resources.files("orglearn.scenarios")))


def scenario_names() -> list[str]:
    """The names of the shipped scenarios, sorted."""
    return sorted(p.stem for p in scenario_folder().glob("*.toml") if p.stem != "parameters")


def load_scenario(name_or_path: str | Path, overrides: Mapping[str, Any] | None = None) -> Scenario:
    """Load a named scenario or a scenario file, follow ``extends``, and validate it.

    Args:
        name_or_path: A shipped scenario's name (``rake``) or a path to a TOML file.
        overrides: Values that win over the files (``--set`` on the command line).

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: With every problem found, each naming file, key and allowed values.
    """
    path = _locate(str(name_or_path), Path.cwd(), "the command line")
    layers, header = _read_chain(path, [])
    if overrides:
        layers.append(Layer("--set", dict(overrides), Path.cwd()))
    values = _resolve(layers)
    description = header.get("description", {})
    return Scenario(
        name=str(header.get("name", path.stem)),
        description={lang: str(description.get(lang, "")) for lang in LANGUAGES},
        values=values,
        sources=tuple(layer.source for layer in layers),
    )


def scenario_from_values(values: Mapping[str, Any], name: str = "custom") -> Scenario:
    """Build a validated scenario from defaults plus the given values (for code and the browser).

    Args:
        values: Dotted names and values; the rest take their defaults.
        name: A name for the result.

    Returns:
        The validated scenario.
    """
    values = _resolve([Layer("values", dict(values), Path.cwd())])
    return Scenario(name, dict.fromkeys(LANGUAGES, ""), values, ("values",))


def describe(name: str) -> dict[str, str]:
    """The description of a shipped scenario per language, without validating it fully."""
    raw = _read_toml(scenario_folder() / f"{name}.toml")
    return dict(raw.get(HEADER, {}).get("description", {}))


def parse_assignment(text: str) -> tuple[str, Any]:
    """Parse ``key=value`` from the command line; the value is read as TOML, else as text.

    Args:
        text: For example ``network.voice=0.8`` or ``network.kind=rake``.

    Returns:
        The key and the parsed value.
    """
    if "=" not in text:
        raise ScenarioError([f"--set {text}: expected KEY=VALUE, for example network.voice=0.8"])
    key, raw = (part.strip() for part in text.split("=", 1))
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return key, value


# --- reading files ---------------------------------------------------------------------------


def _locate(ref: str, folder: Path, where: str) -> Path:
    candidate = Path(ref)
    if not candidate.is_absolute():
        candidate = folder / candidate
    if candidate.is_file():
        return candidate.resolve()
    shipped = scenario_folder() / f"{ref}.toml"
    if "/" not in ref and not ref.endswith(".toml") and shipped.is_file():
        return shipped
    hint = _did_you_mean(ref, scenario_names())
    raise ScenarioError(
        [
            f"{where}: no scenario named or file called {ref!r}.{hint} "
            f"Named scenarios: {', '.join(scenario_names())}."
        ]
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError([f"{path}: not valid TOML: {err}"]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ScenarioError([f"{path}: cannot be read: {err}"]) from None


def _read_chain(path: Path, seen: list[Path]) -> tuple[list[Layer], dict[str, Any]]:
    if path in seen:
        chain = " -> ".join(str(p) for p in [*seen, path])
        raise ScenarioError([f"{path}: extends itself through {chain}"])
    raw = _read_toml(path)
    header = raw.pop(HEADER, {})
    problems = [
        f"{path}: [{HEADER}] {key}: unknown key; allowed: {', '.join(HEADER_KEYS)}"
        for key in header
        if key not in HEADER_KEYS
    ]
    values, flat_problems = _flatten(raw, str(path))
    if problems + flat_problems:
        raise ScenarioError(problems + flat_problems)
    layers: list[Layer] = []
    if "extends" in header:
        parent = _locate(str(header["extends"]), path.parent, f"{path}: [{HEADER}] extends")
        layers, _ = _read_chain(parent, [*seen, path])
    layers.append(Layer(str(path), values, path.parent))
    return layers, header


def _flatten(raw: Mapping[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for group, entries in raw.items():
        if not isinstance(entries, dict):
            problems.append(f"{source}: {group}: expected a [section] of settings")
            continue
        for key, value in entries.items():
            values[f"{group}.{key}"] = value
    return values, problems


# --- resolving and validating ----------------------------------------------------------------


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" Did you mean {close[0]!r}?" if close else ""


def _resolve(layers: list[Layer]) -> dict[str, Any]:
    """Apply layers base first; a value with presets fills them in before its layer's own values."""
    table = parameter_table()
    values = table.defaults()
    origin: dict[str, str] = {}
    problems: list[str] = []
    for layer in layers:
        explicit: dict[str, Any] = {}
        for key, raw in layer.values.items():
            if key not in table:
                hint = _did_you_mean(key, table)
                problems.append(f"{layer.source}: {key}: unknown setting.{hint}")
                continue
            try:
                value = table[key].coerce(raw)
            except ParameterValueError as err:
                problems.append(f"{layer.source}: {key}: {err}")
                continue
            if table[key].type == "path" and value:
                value = str((layer.folder / value).resolve())
            explicit[key] = value
        for key, value in explicit.items():
            for other, preset in table[key].presets.get(value, {}).items():
                values[other], origin[other] = table[other].coerce(preset), layer.source
        for key, value in explicit.items():
            values[key], origin[key] = value, layer.source
    if problems:
        raise ScenarioError(problems)
    problems = _check_combinations(values, origin, table)
    if problems:
        raise ScenarioError(problems)
    return values


def _check_combinations(
    values: Mapping[str, Any], origin: Mapping[str, str], table: ParameterTable
) -> list[str]:
    """Find values that are each allowed but do not fit together."""

    def where(key: str) -> str:
        return origin.get(key, "defaults")

    problems = []
    people, team = values["organization.people"], values["organization.team_size"]
    if not values["organization.chart"] and team > people:
        problems.append(
            f"{where('organization.team_size')}: organization.team_size: {team} is larger than "
            f"organization.people ({people}); use a team size from 2 to {people}"
        )
    for mean_key, sd_key in BETA_TRAITS:
        mean, sd = values[mean_key], values[sd_key]
        limit = math.sqrt(mean * (1 - mean))
        if sd > 0 and sd >= limit:
            problems.append(
                f"{where(sd_key)}: {sd_key}: {sd} is too large for {mean_key} = {mean}; "
                f"use a spread from 0 to below {limit:.3f} (the square root of mean × (1 − mean))"
            )
    kind, degree = values["network.kind"], values["network.degree"]
    if kind in GENERIC_NETWORKS and not values["organization.chart"] and degree >= people:
        problems.append(
            f"{where('network.degree')}: network.degree: {degree} ties per person need more "
            f"than {degree} people; use a degree from 1 to {people - 1}"
        )
    if kind == "small_world" and degree < 2:
        problems.append(
            f"{where('network.degree')}: network.degree: a small world needs at least 2 ties "
            "per person; use a degree from 2 up"
        )
    chart, ties = values["organization.chart"], values["network.ties"]
    if kind == "chart" and not chart:
        problems.append(
            f"{where('network.kind')}: network.kind: 'chart' takes the ties from an org chart "
            "file; set organization.chart too"
        )
    if kind == "chart" and chart.lower().endswith(".csv") and not ties:
        problems.append(
            f"{where('network.kind')}: network.kind: 'chart' with a people CSV needs "
            "network.ties, an edge-list CSV"
        )
    if ties and kind != "chart":
        problems.append(
            f"{where('network.ties')}: network.ties: a ties file is used only with "
            f"network.kind = 'chart' (now {kind!r})"
        )
    return problems
