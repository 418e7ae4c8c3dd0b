"""Interventions: a scenario's timeline of changes made to the organization during a run.

The source text calls the road to a learning organization "a learning path that asks for
interim evaluation and, where needed, adjustment". An intervention is such an adjustment: at a
week (or gradually, over a window of weeks) it sets some parameters to new values, for example a
new director who leads by aligning instead of directing. A scenario file lists them as
``[[interventions]]`` tables::

    [[interventions]]
    name = "new_director"                     # how sweeps and --set refer to it
    week = 100                                # the first week run under the new values
    until = 120                               # optional: change gradually, linearly, until then
    set = { "management.style" = "aligning" }
    label.en = "New director"
    label.nl = "Nieuwe directeur"

Every value is checked against the parameter table like any other, presets included (the style
fills in effort, participation and pressure). A parameter whose table entry says ``in_run =
"fixed"`` is read once, when the organization is built or a person arrives, so no intervention
may set it; one that says ``"restructure"`` rebuilds the network in the week it changes. A file
that extends another keeps the other's interventions; one of the same name replaces it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from orglearn.scenarios.parameters import LANGUAGES, Parameter, ParameterTable

KEYS = ("name", "week", "until", "set", "label")
PREFIX = "interventions."
"""Overrides (``--set``, sweep factors) that start with this address an intervention."""


@dataclass(frozen=True)
class Intervention:
    """One change of the organization during a run.

    Attributes:
        name: Its name, unique in the scenario (``interventions.NAME.week`` in sweeps).
        week: The first week that runs under the new values.
        until: For a gradual change, the week from which the new values hold in full; numbers
            move linearly from their old value at ``week`` to their new one at ``until``, other
            values switch at ``week``. Equal to ``week`` for a sudden change.
        set: The parameter values it sets, as given (before presets are filled in).
        label: A short description per language.
        source: The file (or ``--intervene``) it came from, for messages.
    """

    name: str
    week: int
    until: int
    set: Mapping[str, Any]
    label: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    @property
    def where(self) -> str:
        """How messages name it: its source, its name and its week."""
        return f"{self.source}: intervention {self.name!r} (week {self.week})"

    def to_table(self) -> dict[str, Any]:
        """As a TOML table, the way a scenario file writes it."""
        table: dict[str, Any] = {"name": self.name, "week": self.week}
        if self.until != self.week:
            table["until"] = self.until
        table["set"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.set.items()}
        if any(self.label.values()):
            table["label"] = dict(self.label)
        return table


def parse_interventions(raw: Any, source: str, table: ParameterTable) -> tuple[list[Intervention], list[str]]:
    """Read a file's ``[[interventions]]`` list, reporting every problem found.

    Args:
        raw: What the file holds under ``interventions``.
        source: The file, for messages.
        table: The model's parameter table (keys are resolved against it).

    Returns:
        The interventions, and the problems (each naming file, intervention and key).
    """
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        return [], [f"{source}: interventions: expected a list of [[interventions]] tables"]
    found: list[Intervention] = []
    problems: list[str] = []
    seen: set[Any] = set()
    for number, item in enumerate(raw, start=1):
        name = item.get("name", f"intervention_{number}")
        where = f"{source}: intervention {name!r}"
        before = len(problems)
        if isinstance(name, str) and name in seen:
            # interventions.NAME.week and a child file's replacement would not know which one
            problems.append(f"{where}: name: used by an earlier intervention too; give each its own name")
        seen.add(name if isinstance(name, str) else None)
        for key in item:
            if key not in KEYS:
                close = difflib.get_close_matches(key, KEYS, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                problems.append(f"{where}: {key}: unknown key.{hint} Allowed: {', '.join(KEYS)}")
        if not isinstance(name, str) or not name.isidentifier():
            problems.append(f"{where}: name: use letters, digits and _ (it is used as interventions.NAME)")
        week = item.get("week")
        if not _is_week(week):
            problems.append(f"{where}: week: {week!r} is not allowed: use a week from 1 up")
        until = item.get("until", week)
        if not _is_week(until) or (_is_week(week) and until < week):
            problems.append(f"{where}: until: {until!r} is not allowed: use a week from {week} up")
        settings = item.get("set")
        if not isinstance(settings, dict) or not settings:
            problems.append(
                f'{where}: set: expected a table of settings, e.g. set = {{ "network.voice" = 1.0 }}'
            )
            settings = {}
        label = item.get("label", {})
        if not isinstance(label, dict) or not all(isinstance(label.get(lang, ""), str) for lang in LANGUAGES):
            problems.append(f'{where}: label: expected label.en = "..." and label.nl = "..."')
            label = {}
        resolved = {}
        for given, value in _flat(settings).items():
            key = table.resolve(given)
            if key is None:
                close = difflib.get_close_matches(given, list(table), n=1, cutoff=0.6)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                problems.append(f"{where}: set: {given}: unknown setting.{hint}")
                continue
            if table[key].in_run == "fixed":
                problems.append(f"{where}: set: {key}: {fixed_reason(key)}")
                continue
            resolved[key] = value
        if len(problems) == before:
            labels = {lang: str(label.get(lang, "")) for lang in LANGUAGES}
            found.append(Intervention(name, int(week), int(until), resolved, labels, source))
    return found, problems


def parse_intervene(text: str, number: int, table: ParameterTable) -> tuple[list[Intervention], list[str]]:
    """Read ``WEEK:KEY=VALUE`` from the command line (``--intervene 100:management.style=aligning``).

    Args:
        text: The argument.
        number: Its place among the ``--intervene`` arguments, for its name (``intervene_1``).
        table: The parameter table.

    Returns:
        The intervention (one, or none when there are problems) and the problems.
    """
    import tomllib

    where = f"--intervene {text}"
    week, colon, assignment = text.partition(":")
    key, equals, raw = assignment.partition("=")
    if not colon or not equals or not week.strip().isdigit():
        return [], [
            f"{where}: expected WEEK:KEY=VALUE, for example --intervene 100:management.style=aligning"
        ]
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    item = {"name": f"intervene_{number}", "week": int(week), "set": {key.strip(): value}}
    return parse_interventions([item], "--intervene", table)


def override_parameter(given: str, table: ParameterTable) -> Parameter | None:
    """What an override of an intervention may take, as a parameter (for sweep factors).

    ``interventions.NAME.week`` and ``.until`` take weeks; ``interventions.NAME.KEY`` takes what
    the setting KEY takes. None if ``given`` does not address an intervention this way.
    """
    if not given.startswith(PREFIX):
        return None
    name, _, key = given[len(PREFIX) :].partition(".")
    if key in ("week", "until"):
        text = {"en": f"Week of intervention {name}", "nl": f"Week van ingreep {name}"}
        return Parameter(given, "int", 1, "organization", "week", text, text, min=1, max=100_000)
    full = table.resolve(key)
    if not name or full is None or table[full].in_run == "fixed":
        return None
    return replace(table[full], name=given)


def check_weeks(interventions: tuple[Intervention, ...], steps: int) -> list[str]:
    """Problems with interventions that a run of ``steps`` weeks would never reach."""
    return [
        f"{item.where}: comes after the last week of the run ({steps}); use a week from 1 to {steps} "
        "or run longer"
        for item in interventions
        if item.week > steps
    ]


def fixed_reason(key: str) -> str:
    """Why a parameter cannot change during a run, for messages."""
    return (
        "cannot change during a run: it is read once, when the organization is built or a person "
        "arrives (organization size and chart, themes, starting culture, the traits people arrive "
        "with, boundary spanners and the metrics' settings are of this kind)"
    )


def merge(base: list[Intervention], own: list[Intervention]) -> list[Intervention]:
    """A parent's interventions with a child file's: one of the same name replaces the parent's."""
    names = {item.name for item in own}
    return [item for item in base if item.name not in names] + own


def override(
    interventions: list[Intervention], changes: Mapping[str, Any], source: str, table: ParameterTable
) -> tuple[list[Intervention], dict[str, Any], list[str]]:
    """Apply overrides that address interventions (``interventions.NAME.week``, ``.until``, ``.KEY``).

    Args:
        interventions: The scenario's interventions.
        changes: All overrides; those without the prefix are passed on untouched.
        source: How the overrides are named in messages (``--set``, a design point).
        table: The parameter table.

    Returns:
        The changed interventions, the remaining overrides, and the problems found.
    """
    by_name = {item.name: item for item in interventions}
    rest: dict[str, Any] = {}
    problems: list[str] = []
    for given, value in changes.items():
        if not given.startswith(PREFIX):
            rest[given] = value
            continue
        name, _, key = given[len(PREFIX) :].partition(".")
        if name not in by_name:
            known = ", ".join(by_name) or "none"
            problems.append(f"{source}: {given}: no intervention named {name!r} (the scenario has: {known})")
            continue
        item = by_name[name]
        if key in ("week", "until"):
            if not _is_week(value):
                problems.append(f"{source}: {given}: {value!r} is not allowed: use a week from 1 up")
                continue
            if key == "week":  # a window keeps its length
                by_name[name] = replace(item, week=int(value), until=int(value) + item.until - item.week)
            else:
                by_name[name] = replace(item, until=int(value))
        elif (full := table.resolve(key)) is not None and table[full].in_run != "fixed":
            by_name[name] = replace(item, set={**item.set, full: value})
        else:
            problems.append(
                f"{source}: {given}: use interventions.{name}.week, .until or .KEY with KEY a setting "
                "that can change during a run"
            )
    return list(by_name.values()), rest, problems


def resolve_timeline(
    interventions: list[Intervention],
    values: Mapping[str, Any],
    resolve: Callable[[Mapping[str, Any], Mapping[str, Any], str], dict[str, Any]],
) -> tuple[list[Intervention], list[str]]:
    """Order interventions by week and check each against the values in force when it comes.

    Args:
        interventions: The interventions, as listed.
        values: The scenario's values before any intervention.
        resolve: Applies one intervention's settings to values (presets and cross-parameter
            checks included) and returns the new values, or raises the scenario error.

    Returns:
        The interventions in week order with ``set`` completed by the presets they fill in,
        and the problems (an intervention starting inside the window of another that changes
        the same parameter, or values that do not fit together).
    """
    from orglearn.scenarios.scenario import ScenarioError

    ordered = sorted(interventions, key=lambda item: (item.week, item.until))
    current = dict(values)
    busy: dict[str, Intervention] = {}  # the last intervention that changed each parameter
    done: list[Intervention] = []
    problems: list[str] = []
    for item in ordered:
        try:
            after = resolve(current, item.set, item.where)
        except ScenarioError as err:
            problems.extend(err.problems)
            continue
        changed = {k: v for k, v in after.items() if v != current[k] or k in item.set}
        for key in changed:
            other = busy.get(key)
            if other is not None and item.week < other.until:
                problems.append(
                    f"{item.where}: set: {key}: starts in week {item.week}, inside the change of "
                    f"intervention {other.name!r} (weeks {other.week} to {other.until}); start it in "
                    f"week {other.until} or later"
                )
            busy[key] = item
        done.append(replace(item, set=changed))
        current = after
    return done, problems


def _is_week(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100_000


def _flat(settings: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"network": {"voice": 1}}`` and ``{"network.voice": 1}`` alike, as dotted names."""
    flat: dict[str, Any] = {}
    for key, value in settings.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flat(value, name + "."))
        else:
            flat[name] = value
    return flat
