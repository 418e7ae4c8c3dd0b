"""Experiment files and command-line flags, read as they are written, before anything is checked.

An experiment is written the same way in a TOML file (``[experiment]``, ``[set]``, ``[vary]``) and
on the command line, and both are read into a :class:`Source`: the values with where each came
from, so that every problem found later can name its file or flag. The command line's source is
laid over a file's (:func:`merge`); :mod:`.spec` then checks the result and builds the sweep.
Shipped example experiments are found by name.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from orglearn.scenarios import ScenarioError
from orglearn.scenarios.scenario import read_toml

SECTION = "experiment"
KEYS = (
    "name",
    "description",
    "model",
    "scenario",
    "design",
    "samples",
    "replications",
    "steps",
    "seed",
    "metrics",
    "every",
    "second_order",
    "levels",
    "common_seeds",
    "out",
)


class SweepError(ScenarioError):
    """A sweep that cannot be run; ``problems`` lists every reason, each naming its source."""


class Entries(dict[str, Any]):
    """The factors of one source by name, remembering each name that was given twice.

    A second ``--vary`` for the same parameter would otherwise replace the first without a word;
    the names are kept so that :func:`~.spec.build_spec` can refuse them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.repeated: list[str] = []

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self:
            self.repeated.append(key)
        super().__setitem__(key, value)


def repeated(entries: Mapping[str, Any]) -> list[str]:
    """The names set more than once in one source (none for a plain mapping)."""
    return list(getattr(entries, "repeated", []))


def experiment_folder() -> Path:
    """The folder of the example experiments shipped with orglearn."""
    return Path(str(resources.files("orglearn.experiments")))


def experiment_names() -> list[str]:
    """The shipped example experiments, by name."""
    return sorted(p.stem for p in experiment_folder().glob("*.toml"))


def locate_experiment(ref: str) -> Path:
    """Find an experiment file by path, or a shipped example by name."""
    path = Path(ref)
    if path.is_file():
        return path.resolve()
    shipped = experiment_folder() / f"{ref}.toml"
    if "/" not in ref and not ref.endswith(".toml") and shipped.is_file():
        return shipped
    close = difflib.get_close_matches(ref, experiment_names(), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise SweepError(
        [f"{ref}: no such experiment file.{hint} Shipped examples: {', '.join(experiment_names())}."]
    )


@dataclass
class Source:
    """The settings of one source (an experiment file, or the command line), with their origin."""

    values: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    vary: dict[str, Any] = field(default_factory=Entries)
    where: dict[str, str] = field(default_factory=dict)
    folder: Path = field(default_factory=Path.cwd)


def read_experiment(path: Path) -> Source:
    """Read an experiment file into a :class:`Source`, checking its layout (not its values yet)."""
    raw = read_toml(path, SweepError, tables=(SECTION, "set", "vary"))
    source = Source(folder=path.parent)
    problems = [
        f"{path}: [{name}]: unknown section; allowed: [{SECTION}], [set], [vary]"
        for name in raw
        if name not in (SECTION, "set", "vary")
    ]
    for key, value in raw.get(SECTION, {}).items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            problems.append(f"{path}: [{SECTION}] {key}: unknown key.{hint} Allowed: {', '.join(KEYS)}")
            continue
        source.values[key] = value
        source.where[key] = f"{path}: [{SECTION}] {key}"
    for section in ("set", "vary"):
        table = raw.get(section, {})
        target = source.settings if section == "set" else source.vary
        for name, value in _dotted(table):
            target[name] = value
            source.where[f"{section}:{name}"] = f"{path}: [{section}]"
    if "name" not in source.values:
        source.values["name"] = path.stem
    if problems:
        raise SweepError(problems)
    return source


def _dotted(table: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Flatten ``{group: {key: v}}`` and ``{"group.key": v}`` into dotted names."""
    pairs: list[tuple[str, Any]] = []
    for key, value in table.items():
        if "." not in key and isinstance(value, dict) and not (set(value) & {"start", "min", "values"}):
            pairs.extend((f"{key}.{inner}", v) for inner, v in value.items())
        else:
            pairs.append((key, value))
    return pairs


def without_overrides(file: Source, flags: Source) -> Source | None:
    """The command line's settings less those that override the file's, or None if none do.

    Merged over the file, this is the sweep as the file alone says it where the flags would
    override it: a bad value in the file is an error even when a flag replaces it, since the file
    is what the next person runs.
    """
    values = [k for k in flags.values if k in file.values]
    settings = [k for k in flags.settings if k in file.settings]
    vary = [k for k in flags.vary if k in file.vary]
    if not (values or settings or vary):
        return None
    origins = {*values, *(f"set:{k}" for k in settings), *(f"vary:{k}" for k in vary)}
    return Source(
        {k: v for k, v in flags.values.items() if k not in values},
        {k: v for k, v in flags.settings.items() if k not in settings},
        Entries({k: v for k, v in flags.vary.items() if k not in vary}),
        {k: v for k, v in flags.where.items() if k not in origins},  # the file says where
        flags.folder,
    )


def merge(file: Source | None, flags: Source) -> Source:
    """Lay the command line's settings over a file's: flags win, ``set`` and ``vary`` merge by name."""
    if file is None:
        return flags
    merged = Source(dict(file.values), dict(file.settings), Entries(file.vary), dict(file.where), file.folder)
    merged.vary.repeated = repeated(file.vary) + repeated(flags.vary)  # type: ignore[attr-defined]
    merged.values.update(flags.values)
    merged.settings.update(flags.settings)
    merged.vary.update(flags.vary)
    merged.where.update(flags.where)
    return merged
