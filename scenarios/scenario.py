"""Scenarios: named sets of parameter values, read from TOML files and checked against the table.

A scenario is nothing but parameter values; no mechanism ever looks at its name. A file may
extend another one and override some values, so each contrast (``rake`` against
``network_org``, say) differs from ``baseline`` only where the contrast needs it.

Every problem with a file is reported with the file, the key and what is allowed, all at once,
so a user fixes a scenario in one go instead of meeting one traceback after another.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from orglearn.registry import DEFAULT_MODEL, describe_model
from orglearn.scenarios.interventions import (
    Intervention,
    merge,
    override,
    parse_interventions,
    resolve_timeline,
)
from orglearn.scenarios.limits import MAX_EXTENDS, header_problems, kind, read_limited
from orglearn.scenarios.parameters import LANGUAGES, ParameterValueError, parameter_table

HEADER = "scenario"
HEADER_KEYS = ("name", "extends", "description", "model")
TIMELINE = "interventions"


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
        model: The model it is for (``orglearn`` or ``march1991``).
        interventions: Changes made during a run, in week order (see :mod:`.interventions`);
            ``values`` hold before the first.
    """

    name: str
    description: Mapping[str, str]
    values: Mapping[str, Any]
    sources: tuple[str, ...] = ()
    model: str = DEFAULT_MODEL
    interventions: tuple[Intervention, ...] = ()

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
        interventions, changes, problems = override(
            list(self.interventions), changes, source, parameter_table(self.model)
        )
        if problems:
            raise ScenarioError(problems)
        layers = [Layer("(scenario " + self.name + ")", dict(self.values), Path.cwd())]
        layers.append(Layer(source, dict(changes), Path.cwd()))
        values = _resolve(layers, self.model)
        timeline = _timeline(interventions, values, self.model)
        return Scenario(self.name, self.description, values, (*self.sources, source), self.model, timeline)

    def with_interventions(self, added: list[Intervention]) -> Scenario:
        """Return a copy with more interventions (``--intervene``), checked with the others.

        Args:
            added: The interventions to add; one with the name of an existing one replaces it.

        Returns:
            The new scenario.
        """
        timeline = _timeline(merge(list(self.interventions), added), dict(self.values), self.model)
        sources = (*self.sources, *sorted({item.source for item in added}))
        return Scenario(self.name, self.description, self.values, sources, self.model, timeline)

    def differences(self, other: Scenario) -> dict[str, tuple[Any, Any]]:
        """The parameters whose values differ from another scenario's, as (mine, theirs)."""
        return {k: (v, other.values[k]) for k, v in self.values.items() if other.values[k] != v}

    def to_toml(self) -> str:
        """Write the scenario as a TOML file that reproduces it exactly, every value included."""
        header: dict[str, Any] = {"name": self.name, "description": dict(self.description)}
        if self.model != DEFAULT_MODEL:
            header["model"] = self.model
        doc: dict[str, Any] = {HEADER: header}
        for name, value in self.values.items():
            group, key = name.split(".", 1)
            doc.setdefault(group, {})[key] = list(value) if isinstance(value, tuple) else value
        if self.interventions:
            doc[TIMELINE] = [item.to_table() for item in self.interventions]
        return tomli_w.dumps(doc)


@dataclass
class Layer:
    """Values set by one source (a file or the command line), in the order they apply."""

    source: str
    values: dict[str, Any]
    folder: Path


def scenario_folder(model: str = DEFAULT_MODEL) -> Path:
    """The folder of a model's named scenarios."""
    return describe_model(model).folder()


def scenario_names(model: str = DEFAULT_MODEL) -> list[str]:
    """The names of a model's shipped scenarios, sorted."""
    return sorted(p.stem for p in scenario_folder(model).glob("*.toml") if p.stem != "parameters")


def load_scenario(
    name_or_path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    model: str | None = None,
) -> Scenario:
    """Load a named scenario or a scenario file, follow ``extends``, and validate it.

    Args:
        name_or_path: A shipped scenario's name (``rake``) or a path to a TOML file; None for the
            model's default scenario.
        overrides: Values that win over the files (``--set`` on the command line); a key may be
            shortened to the part after the dot when that names one parameter (``p1``).
        model: Look names up among this model's scenarios (default: orglearn's). A file says
            which model it is for itself; naming another model here is an error.

    Returns:
        The validated scenario.

    Raises:
        ScenarioError: With every problem found, each naming file, key and allowed values.
    """
    settings = describe_model(model or DEFAULT_MODEL)
    ref = settings.default if name_or_path is None else str(name_or_path)
    path = _locate(ref, Path.cwd(), "the command line", settings.name)
    layers, header = _read_chain(path, [], settings.name if model else None)
    found = header.get("model", DEFAULT_MODEL)
    if model and found != model:
        raise ScenarioError([f"{path}: is a scenario for model {found!r}, not {model!r}"])
    interventions = header.get(TIMELINE, [])
    if overrides:
        interventions, overrides, problems = override(
            interventions, overrides, "--set", parameter_table(found)
        )
        if problems:
            raise ScenarioError(problems)
        layers.append(Layer("--set", dict(overrides), Path.cwd()))
    values = _resolve(layers, found)
    description = header.get("description", {})
    return Scenario(
        name=str(header.get("name", path.stem)),
        description={lang: str(description.get(lang, "")) for lang in LANGUAGES},
        values=values,
        sources=tuple(layer.source for layer in layers),
        model=found,
        interventions=_timeline(interventions, values, found),
    )


def scenario_from_values(
    values: Mapping[str, Any], name: str = "custom", model: str = DEFAULT_MODEL
) -> Scenario:
    """Build a validated scenario from defaults plus the given values (for code and the browser).

    Args:
        values: Dotted names and values; the rest take their defaults.
        name: A name for the result.
        model: The model the values are for.

    Returns:
        The validated scenario.
    """
    values = _resolve([Layer("values", dict(values), Path.cwd())], model)
    return Scenario(name, dict.fromkeys(LANGUAGES, ""), values, ("values",), model)


def describe(name: str, model: str = DEFAULT_MODEL) -> dict[str, str]:
    """The description of a shipped scenario per language, without validating it fully."""
    raw = read_toml(scenario_folder(model) / f"{name}.toml")
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


def _locate(ref: str, folder: Path, where: str, model: str) -> Path:
    candidate = Path(ref)
    if not candidate.is_absolute():
        candidate = folder / candidate
    if candidate.is_file():
        return candidate.resolve()
    shipped = scenario_folder(model) / f"{ref}.toml"
    if "/" not in ref and not ref.endswith(".toml") and shipped.is_file():
        return shipped
    names = scenario_names(model)
    hint = _did_you_mean(ref, names)
    raise ScenarioError(
        [
            f"{where}: no scenario named or file called {ref!r}.{hint} "
            f"Named scenarios{'' if model == DEFAULT_MODEL else ' of ' + model}: {', '.join(names)}."
        ]
    )


def read_toml(
    path: Path, error: type[ScenarioError] = ScenarioError, tables: Iterable[str] = ()
) -> dict[str, Any]:
    """Read a TOML file of orglearn's (scenario, experiment, claim), or say what is wrong with it.

    Every such file is read here, within the limits of :mod:`.limits` (size, depth, number of
    values, 64-bit whole numbers), so no file can end in a traceback from the parser.

    Args:
        path: The file.
        error: The kind of error to raise, so each caller's own ``except`` catches it.
        tables: Top-level names that must be tables where present.

    Raises:
        ScenarioError: (or ``error``) naming the file (and key), for bad TOML, a file that cannot
            be read, or one beyond the limits.
    """
    return read_limited(path, error, tables)


def _read_chain(path: Path, seen: list[Path], model: str | None) -> tuple[list[Layer], dict[str, Any]]:
    """Read a file and the files it extends, base first; all must be for the same model."""
    if path in seen:
        chain = " -> ".join(str(p) for p in [*seen, path])
        raise ScenarioError([f"{path}: extends itself through {chain}"])
    if len(seen) >= MAX_EXTENDS:
        raise ScenarioError(
            [f"{seen[0]}: [{HEADER}] extends: a chain of more than {MAX_EXTENDS} files (stopped at {path})"]
        )
    raw = read_toml(path, tables=(HEADER,))
    header = raw.pop(HEADER, {})
    timeline = raw.pop(TIMELINE, None)
    problems = header_problems(header, f"{path}: [{HEADER}]", HEADER_KEYS)
    values, flat_problems = _flatten(raw, str(path))
    own = header.get("model", model)
    if own is not None and not problems:
        describe_model(str(own))  # an unknown model is refused, naming the models there are
    interventions: list[Intervention] = []
    if timeline is not None and not _is_timeline(timeline):
        flat_problems.append(
            f"{path}: {TIMELINE}: expected [[{TIMELINE}]] tables (week = ..., set = {{...}}), "
            f"found {kind(timeline)}"
        )
    elif timeline is not None and not problems:
        interventions, timeline_problems = parse_interventions(
            timeline, str(path), parameter_table(str(own or DEFAULT_MODEL))
        )
        flat_problems += timeline_problems
    if problems + flat_problems:
        raise ScenarioError(problems + flat_problems)
    layers: list[Layer] = []
    if "extends" in header:
        where = f"{path}: [{HEADER}] extends"
        parent = _locate(str(header["extends"]), path.parent, where, own or DEFAULT_MODEL)
        layers, parent_header = _read_chain(parent, [*seen, path], own)
        inherited = parent_header.get("model", DEFAULT_MODEL)
        if own is not None and inherited != own:
            raise ScenarioError([f"{where}: {parent} is for model {inherited!r}, this file for {own!r}"])
        own = inherited
        interventions = merge(parent_header.get(TIMELINE, []), interventions)
    header = {**header, "model": own or DEFAULT_MODEL, TIMELINE: interventions}
    layers.append(Layer(str(path), values, path.parent))
    return layers, header


def _is_timeline(timeline: Any) -> bool:
    return isinstance(timeline, list) and all(isinstance(item, dict) for item in timeline)


def _flatten(raw: Mapping[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for group, entries in raw.items():
        if not isinstance(entries, dict):
            found = kind(entries)
            problems.append(
                f"{source}: {group}: expected a [{group}] section of settings (a table), found {found}"
            )
            continue
        for key, value in entries.items():
            values[f"{group}.{key}"] = value
    return values, problems


# --- resolving and validating ----------------------------------------------------------------


def _timeline(
    interventions: list[Intervention], values: dict[str, Any], model: str
) -> tuple[Intervention, ...]:
    """Check a scenario's interventions against its values and put them in week order."""
    if not interventions:
        return ()
    if model != DEFAULT_MODEL:
        raise ScenarioError(
            [f"{interventions[0].where}: interventions are for orglearn's own model, not {model}"]
        )

    def apply(current: Mapping[str, Any], settings: Mapping[str, Any], where: str) -> dict[str, Any]:
        return _resolve(
            [Layer("(before)", dict(current), Path.cwd()), Layer(where, dict(settings), Path.cwd())]
        )

    ordered, problems = resolve_timeline(interventions, values, apply)
    if problems:
        raise ScenarioError(problems)
    return tuple(ordered)


def _did_you_mean(word: str, options: Iterable[str], full: Mapping[str, str] | None = None) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" Did you mean {(full or {}).get(close[0], close[0])!r}?"


def _resolve(layers: list[Layer], model: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Apply layers base first; a value with presets fills them in before its layer's own values."""
    table = parameter_table(model)
    values = table.defaults()
    origin: dict[str, str] = {}
    problems: list[str] = []
    for layer in layers:
        explicit: dict[str, Any] = {}
        for given, raw in layer.values.items():
            key = table.resolve(given)
            if key is None:
                short = {name.split(".", 1)[1]: name for name in table}
                hint = _did_you_mean(given, table) or _did_you_mean(given, short, short)
                problems.append(f"{layer.source}: {given}: unknown setting.{hint}")
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
    problems = describe_model(model).checks(values, lambda key: origin.get(key, "defaults"))
    if problems:
        raise ScenarioError(problems)
    return values
