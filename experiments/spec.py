"""The sweep specification: what to run, read from an experiment file and the command line.

An experiment is declared once: the base scenario, the settings that are fixed, the factors that
vary, the design, the replications, the weeks, the master seed, and which metrics to keep how
often. The command line and a TOML file say the same things with the same words, and the flags
override the file. The base scenario says which model the sweep is for (``model`` only chooses
where a scenario's name is looked up, and must agree with a scenario file); the factors, the
fixed settings and the metrics are checked against that model's tables. Every problem is
reported at once, each naming the file or flag, the key and what is allowed, before anything
runs.

The specification is also what makes a results folder resumable: its canonical form (with every
value of the base scenario resolved) is stored in the folder, and a sweep may continue there only
if its own canonical form is identical.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from orglearn.experiments.factors import DESIGNS, GRID, Factor, FactorError, parse_factor
from orglearn.experiments.source import (
    KEYS,
    SECTION,
    Source,
    SweepError,
    experiment_folder,
    experiment_names,
    locate_experiment,
    merge,
    read_experiment,
    repeated,
)
from orglearn.registry import DEFAULT_MODEL, MODELS, describe_model
from orglearn.scenarios import Scenario, ScenarioError, load_scenario, parameter_table, scenario_from_values

__all__ = [  # what reads experiment files lives in .source; these names stay importable from here
    "KEYS",
    "SECTION",
    "Source",
    "SweepError",
    "SweepSpec",
    "build_spec",
    "experiment_folder",
    "experiment_names",
    "locate_experiment",
    "merge",
    "read_experiment",
    "spec_from_dict",
]

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

    @property
    def model(self) -> str:
        """The model the sweep runs: the base scenario's."""
        return self.base.model

    def to_dict(self) -> dict[str, Any]:
        """The specification as plain JSON-able data (stored in ``metadata.json``)."""
        return {
            "name": self.name,
            "description": self.description,
            "model": self.model,
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
        if self.model != DEFAULT_MODEL:  # orglearn's sweeps keep the fingerprints they always had
            keep["model"] = self.model
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
    declared = values.get("model")
    if declared is not None and not (isinstance(declared, str) and declared in MODELS):
        problems.append(f"{at('model')}: {declared!r} is not allowed: use one of {', '.join(MODELS)}")
        declared = None
    scenario_ref = values.get("scenario", "baseline")
    base = None
    if not isinstance(scenario_ref, str):
        problems.append(f"{at('scenario')}: {scenario_ref!r}: give a scenario name or file")
    else:
        settings = _checked_file_settings(source, declared or DEFAULT_MODEL, problems)
        try:
            base = _load_base(scenario_ref, source.folder, settings, declared)
        except ScenarioError as err:
            problems += err.problems
    model = base.model if base is not None else declared or DEFAULT_MODEL
    metrics = _metrics(
        values.get("metrics"), at("metrics"), list(describe_model(model).sweep_metrics()), problems
    )
    factors: list[Factor] = []
    for name, raw in source.vary.items():
        label = "--vary" if where.get(f"vary:{name}", "--vary") == "--vary" else where[f"vary:{name}"]
        try:
            factors.append(parse_factor(name, raw, design, label, model))
        except FactorError as err:
            problems.append(str(err))
    problems += _repeated_factors(source, [f.name for f in factors])
    table = parameter_table(model)
    fixed = {table.resolve(name) or name for name in source.settings}
    both = sorted(fixed & {f.name for f in factors})
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


def _repeated_factors(source: Source, resolved: list[str]) -> list[str]:
    """Refuse a parameter varied twice: by the same name, or by a short and a full name."""
    problems = [
        f"{source.where.get(f'vary:{name}', '--vary')} {name}: given twice; vary each parameter once, "
        f"with all its levels (for example --vary {name}=0.1,0.5,0.9)"
        for name in dict.fromkeys(repeated(source.vary))
    ]
    if len(resolved) == len(source.vary):  # a factor that failed to parse is reported already
        names: dict[str, list[str]] = {}
        for given, full in zip(source.vary, resolved, strict=True):
            names.setdefault(full, []).append(given)
        problems += [
            f"{source.where.get(f'vary:{given[-1]}', '--vary')} {' and '.join(given)}: both name {full}; "
            "vary it once"
            for full, given in names.items()
            if len(given) > 1
        ]
    return problems


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
                arm = _load_base(ref, source.folder, source.settings, base.model if base else None)
            except ScenarioError as err:
                problems.extend(f"--vary scenario: {p}" for p in err.problems)
                continue
            if base is not None and arm.model != base.model:
                problems.append(f"--vary scenario: {ref} is for model {arm.model}, the base for {base.model}")
            arms[ref] = dict(arm.values)
    return arms


def _checked_file_settings(source: Source, model: str, problems: list[str]) -> dict[str, Any]:
    """The settings, less those from an experiment file's [set] that the table refuses.

    Each refused value is a problem that names the file (the scenario's own check would name
    ``--set``, where a command-line value comes from).
    """
    table = parameter_table(model)
    kept = dict(source.settings)
    for name, value in source.settings.items():
        where = source.where.get(f"set:{name}", "--set")
        if where == "--set" or name not in table:
            continue  # the command line's, or a name the scenario's check resolves or refuses
        try:
            table[name].coerce(value)
        except ValueError as err:
            problems.append(f"{where} {name}: {err}")
            del kept[name]
    return kept


def _load_base(ref: str, folder: Path, settings: Mapping[str, Any], model: str | None) -> Scenario:
    """A scenario by name (among the model's) or file (which says its own model), with the settings."""
    candidate = folder / ref
    name = str(candidate) if (not Path(ref).is_absolute() and candidate.is_file()) else ref
    return load_scenario(name, dict(settings) or None, model)


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
    model = str(data.get("model") or DEFAULT_MODEL)
    base = scenario_from_values(data["base"], name=str(data.get("scenario", "stored")), model=model)
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
