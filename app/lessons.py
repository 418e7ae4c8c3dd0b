"""Lessons: data files that walk a learner through predict, run, and explain.

A lesson is one TOML file in ``lessons/`` (or in a trainer's own folder), with the sections of
NetLogo's Info tab that matter in a course (WHAT IS IT, HOW IT WORKS, THINGS TO NOTICE, THINGS
TO TRY) in English and Dutch, and an ordered list of steps. A lesson is about one model
(``[lesson] model``, the learning organization unless it says ``march1991``): its scenarios,
metrics and rules are that model's. Each step sets scenarios and
parameters, asks a question, lets the learner predict, runs until a condition holds, and then
reveals the explanation next to what the model did. A step's scenario may be a journey (a
scenario with interventions, such as ``new_director``), and a step may add interventions of its
own (``[[steps.interventions]]``, as in a scenario file, with an optional ``scenario`` naming
the one of the step's scenarios it is for), so a learner can predict and then run past a
change. HOW IT WORKS is not written in the lesson: it names mechanisms, and their plain rule
sentences come from the model (:func:`orglearn.simulation.mechanisms.rule_sentences`, and March's in
:mod:`orglearn.simulation.march1991.rules`), so it can never drift from the code.

Lessons only set parameters and show what the model does: nothing here looks at a scenario's
name to produce an effect.
"""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from orglearn.registry import DEFAULT_MODEL, MODELS, build_model
from orglearn.scenarios import (
    Intervention,
    Scenario,
    ScenarioError,
    load_scenario,
    parameter_table,
    scenario_names,
)
from orglearn.scenarios.interventions import parse_interventions
from orglearn.scenarios.parameters import LANGUAGES
from orglearn.simulation.stepping import Lockstep, advance, aligned

from .model_view import app_model, latest

PROPERTIES = ("direction", "learning", "network", "alignment", "communication", "individual")
PREDICTIONS = ("compare", "value")
CHOICES = ("a_higher", "same", "b_higher")
LESSONS_ENV = "ORGLEARN_LESSONS"
"""A folder of extra lessons (a trainer's own), read next to the shipped ones."""
TEXTS = ("title", "what_is_it")
LISTS = ("things_to_notice", "things_to_try")


class LessonError(ValueError):
    """A lesson file that cannot be used; the message names the file and every problem."""


@dataclass(frozen=True)
class Until:
    """When a step's run stops: at a week, or when a metric passes a level (at most ``max_week``)."""

    week: int
    metric: str | None = None
    at_least: float | None = None
    at_most: float | None = None

    def reached(self, values: Mapping[str, float]) -> bool:
        """Whether the metric condition holds for these values (False without one)."""
        if self.metric is None:
            return False
        value = values[self.metric]
        if self.at_least is not None and value >= self.at_least:
            return True
        return self.at_most is not None and value <= self.at_most


@dataclass(frozen=True)
class Step:
    """One step of a lesson: set, ask, predict, run, explain (``model``: the lesson's)."""

    scenarios: tuple[str, ...]
    settings: Mapping[str, Any]
    seed: int
    runs: int
    metric: str
    predict: str
    tolerance: float
    until: Until
    question: Mapping[str, str]
    explanation: Mapping[str, str]
    model: str = DEFAULT_MODEL
    interventions: tuple[tuple[str | None, Intervention], ...] = ()
    """The step's own interventions, each with the scenario it is for (None: every one)."""

    def scenario(self, name: str) -> Scenario:
        """One of the step's scenarios, with the step's settings and its interventions for it."""
        scenario = load_scenario(name, model=self.model).with_values(self.settings, source="lesson")
        added = [item for target, item in self.interventions if target in (None, name)]
        return scenario.with_interventions(added) if added else scenario


@dataclass(frozen=True)
class Lesson:
    """A lesson as read from its file (see the module docstring for the sections)."""

    id: str
    order: int
    property: str
    title: Mapping[str, str]
    what_is_it: Mapping[str, str]
    mechanisms: tuple[str, ...]
    things_to_notice: Mapping[str, tuple[str, ...]]
    things_to_try: Mapping[str, tuple[str, ...]]
    steps: tuple[Step, ...]
    path: str
    model: str = DEFAULT_MODEL

    def how_it_works(self, lang: str) -> list[tuple[str, str]]:
        """The rule of each mechanism the lesson names, as (title, sentence), from the model."""
        rules = app_model(self.model).rules()
        return [(rules[m]["title"][lang], rules[m][lang]) for m in self.mechanisms]


def _texts(raw: Any, where: str, problems: list[str], is_list: bool = False) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) != set(LANGUAGES):
        problems.append(f"{where}: needs exactly the languages {', '.join(LANGUAGES)}")
        return dict.fromkeys(LANGUAGES, () if is_list else "")
    if is_list:
        lengths = {lang: len(raw[lang]) if isinstance(raw[lang], list) else -1 for lang in LANGUAGES}
        if min(lengths.values()) < 1 or len(set(lengths.values())) != 1:
            problems.append(f"{where}: needs lists of the same length in every language, got {lengths}")
        return {lang: tuple(str(x) for x in raw[lang]) if isinstance(raw[lang], list) else () for lang in raw}
    if not all(isinstance(raw[lang], str) and raw[lang].strip() for lang in LANGUAGES):
        problems.append(f"{where}: every language needs a non-empty text")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def _step(raw: Mapping[str, Any], where: str, problems: list[str], model: str) -> Step:
    names = raw.get("compare") or ([raw["scenario"]] if "scenario" in raw else [])
    predict = raw.get("predict", "compare" if len(names) == 2 else "value")
    if len(names) not in (1, 2) or any(n not in scenario_names(model) for n in names):
        problems.append(
            f"{where}: needs `scenario` (one name) or `compare` (two names) of {scenario_names(model)}"
        )
    if predict not in PREDICTIONS or (predict == "compare") != (len(names) == 2):
        problems.append(f"{where}: predict must be 'compare' for two scenarios, 'value' for one")
    settings = dict(raw.get("set", {}))
    interventions = _interventions(raw.get("interventions", []), names, where, problems, model)
    for name in names:
        try:
            scenario = load_scenario(name, model=model).with_values(settings, source=where)
            added = [item for target, item in interventions if target in (None, name)]
            if added:
                scenario.with_interventions(added)
        except ScenarioError as err:
            problems.extend(err.problems)
        except KeyError:
            pass
    columns = app_model(model).metrics()
    metric = raw.get("metric", "")
    if metric not in columns:
        problems.append(f"{where}: metric {metric!r} is not one the model records")
    until_raw = raw.get("until", {})
    until = Until(
        int(until_raw.get("week", until_raw.get("max_week", 150))),
        until_raw.get("metric"),
        until_raw.get("at_least"),
        until_raw.get("at_most"),
    )
    if until.metric is not None and until.metric not in columns:
        problems.append(f"{where}: until.metric {until.metric!r} is not one the model records")
    if not 1 <= until.week <= 2000:
        problems.append(f"{where}: until.week must be from 1 to 2000")
    problems.extend(
        f"{item.where}: comes after the step's last week ({until.week}): the learner would never see it"
        for _, item in interventions
        if item.week > until.week
    )
    runs = int(raw.get("runs", 1))
    if not 1 <= runs <= 50:
        problems.append(f"{where}: runs must be from 1 to 50")
    return Step(
        scenarios=tuple(names),
        settings=settings,
        seed=int(raw.get("seed", 1)),
        runs=runs,
        metric=metric,
        predict=predict,
        tolerance=float(raw.get("tolerance", 0.03 if predict == "compare" else 0.1)),
        until=until,
        question=_texts(raw.get("question"), f"{where}: question", problems),
        explanation=_texts(raw.get("explanation"), f"{where}: explanation", problems),
        model=model,
        interventions=tuple(interventions),
    )


def _interventions(
    raw: Any, names: Sequence[str], where: str, problems: list[str], model: str
) -> list[tuple[str | None, Intervention]]:
    """A step's ``[[steps.interventions]]``: each read like a scenario file's, with its target."""
    if not raw:
        return []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append(f"{where}: interventions: expected a list of [[steps.interventions]] tables")
        return []
    found: list[tuple[str | None, Intervention]] = []
    for number, item in enumerate(raw, start=1):
        target = item.get("scenario")
        if target is not None and target not in names:
            problems.append(
                f"{where}: interventions: scenario {target!r} is not one of the step's {list(names)}"
            )
            continue
        body = {"name": f"lesson_{number}", **{k: v for k, v in item.items() if k != "scenario"}}
        read, wrong = parse_interventions([body], where, parameter_table(model))
        problems.extend(wrong)
        found.extend((target, intervention) for intervention in read)
    return found


def parse_lesson(text: str, path: str) -> Lesson:
    """Read and check one lesson file's text.

    Raises:
        LessonError: With every problem found, each naming the file and the section.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise LessonError(f"{path}: not valid TOML: {err}") from None
    problems: list[str] = []
    head = raw.get("lesson", {})
    if head.get("property") not in PROPERTIES:
        problems.append(f"{path}: [lesson] property must be one of {PROPERTIES}")
    model = head.get("model", DEFAULT_MODEL)
    if model not in MODELS:
        raise LessonError(f"{path}: [lesson] model must be one of {', '.join(MODELS)}")
    rules = app_model(model).rules()
    mechanisms = tuple(head.get("mechanisms", ()))
    unknown = [m for m in mechanisms if m not in rules]
    if unknown or not mechanisms:
        problems.append(f"{path}: [lesson] mechanisms: name some of {list(rules)}; unknown {unknown}")
    texts = {key: _texts(raw.get(key), f"{path}: {key}", problems) for key in TEXTS}
    lists = {key: _texts(raw.get(key), f"{path}: {key}", problems, is_list=True) for key in LISTS}
    steps = tuple(
        _step(s, f"{path}: step {i + 1}", problems, model) for i, s in enumerate(raw.get("steps", []))
    )
    if not steps:
        problems.append(f"{path}: needs at least one [[steps]]")
    if problems:
        raise LessonError("\n".join(problems))
    return Lesson(
        id=str(head.get("id", Path(path).stem)),
        order=int(head.get("order", 99)),
        property=head["property"],
        mechanisms=mechanisms,
        steps=steps,
        path=path,
        model=model,
        **texts,
        **lists,
    )


def lesson_files(extra: Sequence[str | Path] = ()) -> list[tuple[str, str]]:
    """(path, text) of the shipped lessons and of any extra folders (and ``$ORGLEARN_LESSONS``)."""
    shipped = resources.files("orglearn.app").joinpath("lessons")
    files = [
        (f"lessons/{f.name}", f.read_text("utf-8")) for f in shipped.iterdir() if f.name.endswith(".toml")
    ]
    folders = [Path(p) for p in extra]
    if os.environ.get(LESSONS_ENV):
        folders.append(Path(os.environ[LESSONS_ENV]))
    for folder in folders:
        files += [(str(p), p.read_text("utf-8")) for p in sorted(folder.glob("*.toml"))]
    return files


def load_lessons(extra: Sequence[str | Path] = ()) -> list[Lesson]:
    """Every lesson, in their ``order``; a broken extra lesson is reported, not skipped silently."""
    lessons = [parse_lesson(text, path) for path, text in lesson_files(extra)]
    return sorted(lessons, key=lambda lesson: (lesson.order, lesson.id))


@dataclass(frozen=True)
class StepResult:
    """What a step's runs did: the metric per side as (runs, weeks) arrays."""

    weeks: np.ndarray
    series: tuple[np.ndarray, ...]
    start: float

    def end(self, side: int = 0) -> float:
        """The mean over runs of the metric in the last week."""
        return float(np.nanmean(self.series[side][:, -1]))

    def outcome(self, step: Step) -> str | float:
        """For a comparison, which side ended higher (one of :data:`CHOICES`); else the end value."""
        if step.predict == "value":
            return self.end(0)
        difference = self.end(1) - self.end(0)
        if abs(difference) <= step.tolerance:
            return "same"
        return "b_higher" if difference > 0 else "a_higher"

    def right(self, step: Step, prediction: str | float) -> bool:
        """Whether a prediction matches what happened (within the step's tolerance)."""
        outcome = self.outcome(step)
        if step.predict == "value":
            return abs(float(prediction) - float(outcome)) <= step.tolerance
        return prediction == outcome


def step_start(step: Step) -> float:
    """The metric at week 0 of the step's first scenario and seed (a hint for predicting)."""
    return float(latest(build_model(step.scenario(step.scenarios[0]), step.seed))[step.metric])


def run_step(
    step: Step, progress: Callable[[float], None] | None = None, cancel: threading.Event | None = None
) -> StepResult:
    """Run a step: every scenario on seeds ``seed`` .. ``seed + runs - 1``, until its condition.

    The run stops at ``until.week``, or earlier once the metric condition holds on average in
    every scenario, or once every run has come to rest (March's closed world at equilibrium).
    A run that came to rest earlier than others keeps its last value from then on.
    """
    scenarios = [step.scenario(name) for name in step.scenarios]
    models = [[build_model(s, step.seed + r) for r in range(step.runs)] for s in scenarios]
    start = float(latest(models[0][0])[step.metric])
    runs = Lockstep(model for side in models for model in side)

    def report(runs: Lockstep) -> None:
        if progress is not None:
            progress(runs.steps / step.until.week)

    def done(runs: Lockstep) -> bool:
        if cancel is not None and cancel.is_set():
            return True
        metric = step.until.metric
        if not metric:
            return False
        return all(
            step.until.reached({metric: float(np.mean([latest(m)[metric] for m in side]))}) for side in models
        )

    if cancel is None or not cancel.is_set():
        advance(runs, step.until.week, report, done)
    weeks = runs.steps
    series = tuple(
        aligned([m.metrics()[step.metric].to_numpy(dtype=float) for m in side], weeks + 1) for side in models
    )
    return StepResult(np.arange(weeks + 1), series, start)
