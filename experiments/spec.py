"""The sweep specification: what to run, read from an experiment file and the command line.

An experiment is declared once: the base scenario, the settings that are fixed, the factors that
vary, the design, the replications, the weeks, the master seed, and which metrics to keep how
often. The command line and a TOML file say the same things with the same words, and the flags
override the file. Every problem is reported at once, each naming the file or flag, the key and
what is allowed, before anything runs.

The specification is also what makes a results folder resumable: its canonical form (with every
value of the base scenario resolved) is stored in the folder, and a sweep may continue there only
if its own canonical form is identical.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import tomli_w

from orglearn.experiments.factors import DESIGNS, GRID, Factor, FactorError, parse_factor
from orglearn.scenarios import Scenario, ScenarioError, load_scenario, scenario_from_values

SECTION = "experiment"
KEYS = (
    "name",
    "description",
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
SEED_LIMIT = 2**63
FINGERPRINTED = (
    "base",
    "vary",
    "design",
    "samples",
    "replications",
    "steps",
    "seed",
    "metrics",
    "every",
    "common_seeds",
    "arms",
)


class SweepError(ScenarioError):
    """A sweep that cannot be run; ``problems`` lists every reason, each naming its source."""


@dataclass(frozen=True)
class SweepSpec:
    """A complete, checked sweep.

    Attributes:
        name: A short name (the experiment file's name, or ``sweep``).
        description: What the sweep is for, in a sentence or two.
        scenario: The base scenario as it was named (a name or a file).
        base: The base scenario, with the fixed settings applied and every value resolved.
        factors: The varied parameters, in the order given.
        design: ``grid``, ``lhs``, ``sobol`` or ``morris``.
        samples: The sample size of a sampled design (None for a grid).
        replications: Runs per design point, each with its own seed.
        steps: Weeks per run.
        seed: The master seed every run's seed derives from (None until the runner draws one).
        metrics: The metrics kept, in the order of the model's metric table.
        every: Keep every ``every``-th week (week 0 and the last week are always kept).
        second_order: Whether a Sobol design also estimates second-order indices.
        levels: The grid levels of a Morris design.
        common_seeds: Give replication r the same seed at every design point (common random
            numbers), so points can be compared run by run, paired.
        arms: For a varied ``scenario``: each named scenario's values, with the fixed settings.
        out: The results folder named in the file (the command line's ``--out`` wins).
    """

    name: str
    description: str
    scenario: str
    base: Scenario
    factors: tuple[Factor, ...]
    design: str = GRID
    samples: int | None = None
    replications: int = 1
    steps: int = 200
    seed: int | None = None
    metrics: tuple[str, ...] = ()
    every: int = 1
    second_order: bool = False
    levels: int = 4
    common_seeds: bool = False
    arms: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    out: str | None = field(default=None, compare=False)

    @property
    def factor_names(self) -> list[str]:
        """The varied parameters' names."""
        return [f.name for f in self.factors]

    def to_dict(self) -> dict[str, Any]:
        """The specification as plain JSON-able data (stored in ``metadata.json``)."""
        return {
            "name": self.name,
            "description": self.description,
            "scenario": self.scenario,
            "design": self.design,
            "samples": self.samples,
            "replications": self.replications,
            "steps": self.steps,
            "seed": self.seed,
            "metrics": list(self.metrics),
            "every": self.every,
            "second_order": self.second_order,
            "levels": self.levels,
            "common_seeds": self.common_seeds,
            "vary": {f.name: f.describe() for f in self.factors},
            "base": _plain(self.base.values),
            "arms": {name: _plain(values) for name, values in self.arms.items()},
        }

    def canonical(self) -> dict[str, Any]:
        """The parts that decide the results; two sweeps with equal canonical forms are one sweep."""
        data = self.to_dict()
        keep = {k: data[k] for k in FINGERPRINTED}
        if self.design == "sobol":
            keep["second_order"] = self.second_order
        if self.design == "morris":
            keep["levels"] = self.levels
        return keep

    def fingerprint(self) -> str:
        """A hash of :meth:`canonical`, to recognize the same sweep in a results folder."""
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_toml(self) -> str:
        """The sweep as an experiment file; running it reproduces this sweep exactly."""
        experiment = {k: v for k, v in self.to_dict().items() if k not in ("vary", "base", "arms")}
        experiment = {k: v for k, v in experiment.items() if v is not None}
        experiment["scenario"] = "scenario.toml"
        doc = {SECTION: experiment, "vary": {f.name: f.describe() for f in self.factors}}
        return tomli_w.dumps(doc)


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


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
    vary: dict[str, Any] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    folder: Path = field(default_factory=Path.cwd)


def read_experiment(path: Path) -> Source:
    """Read an experiment file into a :class:`Source`, checking its layout (not its values yet)."""
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise SweepError([f"{path}: not valid TOML: {err}"]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise SweepError([f"{path}: cannot be read: {err}"]) from None
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
        if not isinstance(table, dict):
            problems.append(f"{path}: {section}: expected a [{section}] table")
            continue
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


def merge(file: Source | None, flags: Source) -> Source:
    """Lay the command line's settings over a file's: flags win, ``set`` and ``vary`` merge by name."""
    if file is None:
        return flags
    merged = Source(dict(file.values), dict(file.settings), dict(file.vary), dict(file.where), file.folder)
    merged.values.update(flags.values)
    merged.settings.update(flags.settings)
    merged.vary.update(flags.vary)
    merged.where.update(flags.where)
    return merged


def _whole(value: Any, where: str, low: int, high: int, problems: list[str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(f"{where}: {value!r} is not allowed: use a whole number from {low} to {high}")
        return low
    return value


def build_spec(source: Source, stored_arms: Mapping[str, Any] | None = None) -> SweepSpec:
    """Check every setting of a source and build the sweep; report all problems at once.

    Raises:
        SweepError: Listing each problem with its file or flag, key and allowed values.
    """
    from orglearn.simulation.metrics import COLUMNS

    values, where, problems = source.values, source.where, []

    def at(key: str) -> str:
        return where.get(key, f"{SECTION}.{key}")

    design = values.get("design", GRID)
    if design not in DESIGNS:
        problems.append(f"{at('design')}: {design!r} is not allowed: use one of {', '.join(DESIGNS)}")
        design = GRID
    samples = values.get("samples")
    if design == GRID and samples is not None:
        problems.append(f"{at('samples')}: samples are for the designs lhs, sobol and morris, not a grid")
        samples = None
    elif design != GRID:
        samples = _whole(samples, at("samples"), 1, 10_000_000, problems) if samples is not None else None
        if samples is None:
            problems.append(f"--samples: the {design} design needs a sample size, for example --samples 256")
    replications = _whole(values.get("replications", 1), at("replications"), 1, 1_000_000, problems)
    steps = _whole(values.get("steps", 200), at("steps"), 0, 1_000_000, problems)
    every = _whole(values.get("every", 1), at("every"), 1, 1_000_000, problems)
    levels = _whole(values.get("levels", 4), at("levels"), 2, 100, problems)
    seed = values.get("seed")
    if seed is not None:
        seed = _whole(seed, at("seed"), 0, SEED_LIMIT - 1, problems)
    second_order = values.get("second_order", False)
    if not isinstance(second_order, bool):
        problems.append(f"{at('second_order')}: {second_order!r} is not allowed: use true or false")
    common_seeds = values.get("common_seeds", False)
    if not isinstance(common_seeds, bool):
        problems.append(f"{at('common_seeds')}: {common_seeds!r} is not allowed: use true or false")
    metrics = _metrics(values.get("metrics"), at("metrics"), list(COLUMNS), problems)
    factors: list[Factor] = []
    for name, raw in source.vary.items():
        label = "--vary" if where.get(f"vary:{name}", "--vary") == "--vary" else where[f"vary:{name}"]
        try:
            factors.append(parse_factor(name, raw, design, label))
        except FactorError as err:
            problems.append(str(err))
    both = sorted(set(source.settings) & set(source.vary))
    problems += [f"{name}: is both fixed (set) and varied (vary); choose one" for name in both]
    if design != GRID and not factors:
        problems.append(f"--vary: the {design} design needs at least one varied parameter")
    if design == "sobol" and samples and samples & (samples - 1):
        low = 1 << (samples.bit_length() - 1)
        problems.append(
            f"{at('samples')}: {samples}: a Sobol design needs a power of two, for example {low} or {low * 2}"
        )
    if design == "morris" and levels % 2:
        problems.append(f"{at('levels')}: {levels} Morris levels: use an even number (4 is usual)")
    scenario_ref = values.get("scenario", "baseline")
    base = None
    if not isinstance(scenario_ref, str):
        problems.append(f"{at('scenario')}: {scenario_ref!r}: give a scenario name or file")
    else:
        try:
            base = _load_base(scenario_ref, source.folder, source.settings)
        except ScenarioError as err:
            problems += err.problems
    for key in ("name", "description", "out"):
        if key in values and not isinstance(values[key], str):
            problems.append(f"{at(key)}: {values[key]!r}: expected text")
    arms = dict(stored_arms) if stored_arms is not None else _arms(factors, source, base, problems)
    if problems:
        raise SweepError(problems)
    assert base is not None
    return SweepSpec(
        name=str(values.get("name", "sweep")),
        description=str(values.get("description", "")),
        scenario=str(scenario_ref),
        base=base,
        factors=tuple(factors),
        design=design,
        samples=samples,
        replications=replications,
        steps=steps,
        seed=seed,
        metrics=metrics,
        every=every,
        second_order=bool(second_order),
        levels=levels,
        common_seeds=bool(common_seeds),
        arms=arms,
        out=values.get("out"),
    )


def _arms(
    factors: list[Factor], source: Source, base: Scenario | None, problems: list[str]
) -> dict[str, dict[str, Any]]:
    """Resolve each varied scenario with the fixed settings; refuse one for another model."""
    arms: dict[str, dict[str, Any]] = {}
    for factor in factors:
        if not factor.is_scenario:
            continue
        for ref in factor.levels:
            try:
                arm = _load_base(ref, source.folder, source.settings)
            except ScenarioError as err:
                problems.extend(f"--vary scenario: {p}" for p in err.problems)
                continue
            if base is not None and arm.model != base.model:
                problems.append(f"--vary scenario: {ref} is for model {arm.model}, the base for {base.model}")
            arms[ref] = dict(arm.values)
    return arms


def _load_base(ref: str, folder: Path, settings: Mapping[str, Any]) -> Scenario:
    candidate = folder / ref
    name = str(candidate) if (not Path(ref).is_absolute() and candidate.is_file()) else ref
    return load_scenario(name, dict(settings) or None)


def _metrics(raw: Any, where: str, known: list[str], problems: list[str]) -> tuple[str, ...]:
    if raw is None or raw == "all" or raw == ["all"]:
        return tuple(known)
    names = [n.strip() for n in raw.split(",")] if isinstance(raw, str) else raw
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or not names:
        problems.append(f"{where}: {raw!r}: give a list of metric names, or all")
        return tuple(known)
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            problems.append(f"{where}: {name}: unknown metric.{hint} Known: {', '.join(known)}")
    return tuple(n for n in known if n in names)


def spec_from_dict(data: Mapping[str, Any]) -> SweepSpec:
    """Rebuild a sweep from what :meth:`SweepSpec.to_dict` stored (to resume from its folder alone)."""
    source = Source()
    source.values = {k: data[k] for k in KEYS if k in data and data[k] is not None and k != "scenario"}
    source.vary = dict(data["vary"])
    source.where = {k: f"metadata.json: spec.{k}" for k in source.values}
    source.where.update({f"vary:{k}": "metadata.json: spec.vary" for k in source.vary})
    base = scenario_from_values(data["base"], name=str(data.get("scenario", "stored")))
    arms = {name: dict(values) for name, values in data.get("arms", {}).items()}
    spec = build_spec(source, stored_arms=arms)
    return SweepSpec(
        **{
            **spec.__dict__,
            "base": base,
            "scenario": str(data.get("scenario", "")),
            "seed": data["seed"],
            "arms": arms,
        }
    )
