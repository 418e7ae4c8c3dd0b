"""The claims of the source text, as experiments: arms, hypotheses, horizon and replications.

Each claim file in this folder names the contrasting arms (a scenario, optionally with some
values changed), the hypotheses (a metric, the weeks it is read over, and which arm is expected
higher), and may override the shared settings of ``defaults.toml`` (weeks, paired replications,
master seed, the robustness factors). Every problem in a file is reported with the file and key.

A hypothesis compares two arms on the same seeds (common random numbers), so its verdict rests
on paired differences, not on two independent means.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from orglearn.scenarios import ScenarioError, load_scenario
from orglearn.scenarios.scenario import read_toml
from orglearn.simulation.metrics import COLUMNS

LANGUAGES = ("en", "nl")
EXPECT = ("higher", "lower")
DEFAULTS = "defaults.toml"


class ClaimError(ScenarioError):
    """A claim file that cannot be used; ``problems`` names file and key for each."""


@dataclass(frozen=True)
class Arm:
    """One side of a contrast: a named scenario with some values changed."""

    name: str
    scenario: str
    changes: Mapping[str, Any] = field(default_factory=dict)

    def as_scenario_file(self) -> str:
        """A scenario file that extends the arm's scenario with its changes (for the sweep)."""
        lines = ["[scenario]", f'extends = "{self.scenario}"', f'name = "{self.name}"']
        groups: dict[str, list[str]] = {}
        for key, value in self.changes.items():
            group, name = key.split(".", 1)
            shown = repr(value).lower() if isinstance(value, bool) else repr(value).replace("'", '"')
            groups.setdefault(group, []).append(f"{name} = {shown}")
        for group, entries in groups.items():
            lines += ["", f"[{group}]", *entries]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Hypothesis:
    """One testable consequence of a claim.

    Attributes:
        id: Short name, unique within the claim.
        text: The hypothesis in plain words, per language.
        control: The arm expected to be lower (or higher, with ``expect = "lower"``).
        treatment: The arm the hypothesis is about.
        metric: The metric compared (a column of ``metrics.csv``).
        weeks: First and last week (inclusive) of the window the metric is averaged over.
        expect: ``higher``: treatment above control; ``lower``: below.
    """

    id: str
    text: Mapping[str, str]
    control: str
    treatment: str
    metric: str
    weeks: tuple[int, int]
    expect: str = "higher"


@dataclass(frozen=True)
class Claim:
    """A claim of the source text, with everything needed to test it."""

    number: int
    title: Mapping[str, str]
    statement: Mapping[str, str]
    arms: Mapping[str, Arm]
    hypotheses: tuple[Hypothesis, ...]
    steps: int
    replications: int
    seed: int
    robustness: Mapping[str, tuple[Any, ...]]
    robustness_replications: int
    source: str = ""

    @property
    def metrics(self) -> list[str]:
        """The metrics its hypotheses read, in the order of the metric table."""
        wanted = {h.metric for h in self.hypotheses}
        return [m for m in COLUMNS if m in wanted]

    def robustness_factors(self) -> dict[str, tuple[Any, ...]]:
        """The robustness factors this claim does not set itself (in an arm's changes or scenario)."""
        named: set[str] = set()
        for arm in self.arms.values():
            named |= set(arm.changes)
            named |= set(load_scenario(arm.scenario).differences(load_scenario("baseline")))
        return {k: v for k, v in self.robustness.items() if k not in named}


def claims_folder() -> Path:
    """The folder of the shipped claim files."""
    return Path(str(resources.files(__package__)))


def _texts(raw: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict) or set(raw) != set(LANGUAGES) or not all(raw.values()):
        problems.append(f"{where}: give the text in both languages, as {{ en = ..., nl = ... }}")
        return dict.fromkeys(LANGUAGES, "")
    return {k: str(v) for k, v in raw.items()}


def _arms(raw: Any, where: str, problems: list[str]) -> dict[str, Arm]:
    arms: dict[str, Arm] = {}
    if not isinstance(raw, dict) or not raw:
        problems.append(f'{where}: [arms]: name at least two arms, e.g. rake = {{ scenario = "rake" }}')
        return arms
    for name, entry in raw.items():
        if not isinstance(entry, dict) or "scenario" not in entry or set(entry) - {"scenario", "set"}:
            problems.append(
                f"{where}: [arms] {name}: give {{ scenario = NAME }} and optionally set = {{...}}"
            )
            continue
        arm = Arm(name, str(entry["scenario"]), dict(entry.get("set", {})))
        try:
            load_scenario(arm.scenario, dict(arm.changes))
        except ScenarioError as err:
            problems.extend(f"{where}: [arms] {name}: {p}" for p in err.problems)
            continue
        arms[name] = arm
    return arms


def _hypothesis(
    raw: Any, index: int, where: str, arms: Mapping[str, Arm], steps: int, problems: list[str]
) -> Hypothesis | None:
    at = f"{where}: [[hypotheses]] {index + 1}"
    if not isinstance(raw, dict):
        problems.append(f"{at}: expected a table")
        return None
    missing = [k for k in ("id", "text", "control", "treatment", "metric", "weeks") if k not in raw]
    if missing:
        problems.append(f"{at}: missing {', '.join(missing)}")
        return None
    for side in ("control", "treatment"):
        if raw[side] not in arms:
            problems.append(f"{at}: {side} {raw[side]!r} is not one of the arms ({', '.join(arms)})")
    if raw["metric"] not in COLUMNS:
        problems.append(f"{at}: metric {raw['metric']!r} is not a metric (see the README's list)")
    weeks = raw["weeks"]
    if not (
        isinstance(weeks, list)
        and len(weeks) == 2
        and all(isinstance(w, int) for w in weeks)
        and 0 <= weeks[0] <= weeks[1] <= steps
    ):
        problems.append(f"{at}: weeks {weeks!r}: give [first, last] with 0 <= first <= last <= {steps}")
        weeks = [0, steps]
    expect = raw.get("expect", "higher")
    if expect not in EXPECT:
        problems.append(f"{at}: expect {expect!r}: use one of {', '.join(EXPECT)}")
    text = _texts(raw["text"], f"{at} text", problems)
    return Hypothesis(
        str(raw["id"]), text, raw["control"], raw["treatment"], raw["metric"], (weeks[0], weeks[1]), expect
    )


def _read(path: Path) -> dict[str, Any]:
    return read_toml(path, ClaimError, tables=("claim", "robustness", "arms"))


def read_claim(path: Path, defaults: Mapping[str, Any]) -> Claim:
    """Read and check one claim file; every problem is reported at once.

    Raises:
        ClaimError: Naming the file and key of each problem.
    """
    raw, problems, where = _read(path), [], str(path)
    head = {**defaults.get("claim", {}), **raw.get("claim", {})}
    robustness = dict(defaults.get("robustness", {}))
    robustness.update(raw.get("robustness", {}))
    robustness_replications = robustness.pop("replications", 10)
    if (
        not isinstance(robustness_replications, int)
        or isinstance(robustness_replications, bool)
        or (robustness_replications < 1)
    ):
        shown = repr(robustness_replications)
        problems.append(f"{where}: [robustness] replications: {shown}: use a whole number of at least 1")
        robustness_replications = 10
    steps, replications, seed = (head.get(k) for k in ("steps", "replications", "seed"))
    whole: dict[str, int] = {}  # the numbers that passed, by key
    for key, value, low in (("steps", steps, 1), ("replications", replications, 2), ("seed", seed, 0)):
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            problems.append(f"{where}: [claim] {key}: {value!r}: use a whole number of at least {low}")
        else:
            whole[key] = value
    steps = steps if isinstance(steps, int) else 1
    arms = _arms(raw.get("arms"), where, problems)
    hypotheses = [
        h
        for i, entry in enumerate(raw.get("hypotheses", []))
        if (h := _hypothesis(entry, i, where, arms, steps, problems)) is not None
    ]
    if not hypotheses:
        problems.append(f"{where}: no [[hypotheses]]: a claim needs at least one")
    ids = [h.id for h in hypotheses]
    if len(set(ids)) != len(ids):
        problems.append(f"{where}: hypothesis ids must be unique within the claim")
    title = _texts(head.get("title"), f"{where}: [claim] title", problems)
    statement = _texts(head.get("statement"), f"{where}: [claim] statement", problems)
    if problems:
        raise ClaimError(problems)
    return Claim(
        number=int(head.get("number", 0)),
        title=title,
        statement=statement,
        arms=arms,
        hypotheses=tuple(hypotheses),
        steps=steps,
        replications=whole["replications"],
        seed=whole["seed"],
        robustness={k: tuple(v) for k, v in robustness.items()},
        robustness_replications=robustness_replications,
        source=where,
    )


def load_claims(folder: Path | None = None, numbers: list[int] | None = None) -> list[Claim]:
    """Every claim file of a folder (default: the shipped claims), in the order of their numbers.

    Args:
        folder: Where the claim files and ``defaults.toml`` are.
        numbers: Only these claims.

    Raises:
        ClaimError: For any problem in any file, or a number that names no claim.
    """
    folder = folder or claims_folder()
    defaults = _read(folder / DEFAULTS) if (folder / DEFAULTS).is_file() else {}
    files = sorted(p for p in folder.glob("*.toml") if p.name != DEFAULTS)
    claims, problems = [], []
    for path in files:
        try:
            claims.append(read_claim(path, defaults))
        except ClaimError as err:
            problems += err.problems
    if problems:
        raise ClaimError(problems)
    claims.sort(key=lambda c: c.number)
    if numbers:
        known = [c.number for c in claims]
        unknown = [n for n in numbers if n not in known]
        if unknown:
            raise ClaimError([f"--claims: {unknown}: no such claim; the claims are {known}"])
        claims = [c for c in claims if c.number in numbers]
    return claims
