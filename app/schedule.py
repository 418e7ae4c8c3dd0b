"""Interventions scheduled in the browser: a week, a setting and its new value, during a run.

A person may plan a change ("a new director in week 20") before a run or while it plays. The
change joins the scenario the next reset runs and, when its week still lies ahead, the running
model too: a run with an intervention in week t is the same run as the one without it up to
week t - 1, so the running model, the seed and the scenario with the new intervention still
describe one reproducible run, and nothing has to be rebuilt. An intervention whose week has
already been run waits for the next reset. Everything the page sends (the week, the setting, the
value, the label) is checked here against what the page offered.

This module knows nothing about Solara, so the tests drive it directly.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from typing import Any

from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios import Intervention, Parameter, Scenario, ScenarioError, parameter_table
from orglearn.simulation.timeline import Timeline

from .player import MAX_WEEK
from .session import SOURCE, InputError, Session, parse_value, parse_whole
from .text import LANGUAGES, choice_label, number, t

SCHEDULED = "scheduled_"
"""Name prefix of the interventions scheduled in the browser (``scheduled_1``, ...)."""
TYPES = ("int", "float", "bool", "choice", "steps")
"""Parameter types a single field can set."""
LABEL_LENGTH = 80
"""Longest label a person may type."""


def offered_settings(model: str = DEFAULT_MODEL) -> list[Parameter]:
    """The settings an intervention may change: those the model reads during a run.

    Interventions are for orglearn's own model; March's model is offered none.
    """
    if model != DEFAULT_MODEL:
        return []
    table = parameter_table(model)
    return [p for p in table.values() if p.in_run in ("live", "restructure") and p.type in TYPES]


def clean_label(text: Any) -> str:
    """A typed label as plain text: control characters removed, spaces collapsed, length capped."""
    cleaned = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", str(text or "")[: 4 * LABEL_LENGTH])
    return " ".join(cleaned.split())[:LABEL_LENGTH]


def label_of(item: Intervention, lang: str) -> str:
    """How an intervention is named on screen: its label in ``lang``, else its name."""
    return item.label.get(lang) or item.label.get("en") or item.name


def marks(scenario: Scenario, lang: str, last: int | None = None) -> list[tuple[int, str]]:
    """(week, label) of a scenario's interventions up to week ``last``, for the charts' lines."""
    return [
        (item.week, label_of(item, lang))
        for item in scenario.interventions
        if last is None or item.week <= last
    ]


def _next_name(scenario: Scenario) -> str:
    taken = {item.name for item in scenario.interventions}
    number = 1
    while f"{SCHEDULED}{number}" in taken:
        number += 1
    return f"{SCHEDULED}{number}"


def _default_label(parameter: Parameter, value: Any, lang: str) -> str:
    shown = ", ".join(str(v) for v in value) if isinstance(value, tuple | list) else value
    if isinstance(shown, bool):
        shown = t(lang, "schedule.yes" if shown else "schedule.no")
    elif isinstance(shown, int | float):
        shown = number(shown, lang)
    elif isinstance(shown, str) and parameter.type == "choice":
        shown = choice_label(parameter.name, shown, lang)
    return t(lang, "schedule.default_label", setting=parameter.label[lang], value=shown)


def schedule(session: Session, week_text: Any, name: Any, raw: Any, label: Any = "") -> Intervention:
    """Schedule a change of one setting from a week on, for the next reset and, if ahead, now.

    Args:
        session: The browser session.
        week_text: The week typed (the first week run under the new value).
        name: The setting's dotted name, as offered by :func:`offered_settings`.
        raw: The value typed or chosen (checked against the setting's range or choices).
        label: An optional label typed by the person (the same in every language).

    Returns:
        The intervention as scheduled.

    Raises:
        InputError: ``problem.whole`` for a week out of range, ``schedule.not_offered`` for a setting
            not on offer, ``problem.value`` for a value out of range, ``problem.combination``
            if the change does not fit the scenario (the model's words are in
            ``session.problems``).
    """
    if len(str(week_text)) > len(str(MAX_WEEK)) + 4:  # no week is that long; int() of it is slow
        raise InputError("problem.whole", low=1, high=MAX_WEEK)
    week = parse_whole(week_text, 1, MAX_WEEK)
    names = {p.name: p for p in offered_settings(session.pending.model)}
    if not isinstance(name, str) or name not in names:
        raise InputError("schedule.not_offered")
    parameter = names[name]
    value = parse_value(name, raw, session.pending.model)
    typed = clean_label(label)
    labels = {lang: typed or _default_label(parameter, value, lang) for lang in LANGUAGES}
    item = Intervention(_next_name(session.pending), week, week, {name: value}, labels, SOURCE)
    try:
        pending = session.pending.with_interventions([item])
    except ScenarioError as err:
        session.problems = list(err.problems)
        raise InputError("problem.combination") from None
    session.problems = []
    with session.lock:
        session.pending = pending
        if week > session.model.week and session.running.model == DEFAULT_MODEL:
            # One that fits the edited settings but not the running ones waits for the reset.
            with contextlib.suppress(ScenarioError):
                _adopt(session, session.running.with_interventions([item]))
    return item


def removable(session: Session, item: Intervention) -> bool:
    """Whether an intervention can still be removed: the running model has not reached its week.

    One that waits for the next reset (scheduled after its week was run) can always go.
    """
    running = any(other.name == item.name for other in session.running.interventions)
    return item.week > session.week or not running


def unschedule(session: Session, name: Any) -> None:
    """Remove an intervention whose week has not been run yet (scheduled or the scenario's own).

    Raises:
        InputError: ``schedule.not_removable`` if there is no such intervention or its week has been run.
    """
    with session.lock:
        found = [item for item in session.pending.interventions if item.name == name]
        if not found or not removable(session, found[0]):
            raise InputError("schedule.not_removable")
        session.pending = _without(session.pending, name)
        if any(item.name == name for item in session.running.interventions):
            _adopt(session, _without(session.running, name))


def _without(scenario: Scenario, name: str) -> Scenario:
    """The scenario without one intervention, the others checked again against its values."""
    rest = [item for item in scenario.interventions if item.name != name]
    return (
        replace(scenario, interventions=()).with_interventions(rest)
        if rest
        else replace(scenario, interventions=())
    )


def _adopt(session: Session, running: Scenario) -> None:
    """Give the running model a new timeline (the caller holds the lock; past weeks unchanged)."""
    model = session.model
    model.engine.timeline = Timeline(running)
    model.engine.scenario = model.setup = running
    session.running = running
