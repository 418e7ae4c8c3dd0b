"""The Learn tab: lessons with predict, run, and explain.

A lesson's text and steps come from its file (:mod:`..lessons`); this module only shows them.
Before each run the learner commits to a prediction (which scenario ends higher, or where a
measure will end); the Run button stays disabled until then. After the run the prediction is
drawn against what happened, with the lesson's explanation. Switching language redraws the
words and keeps the prediction and the run.
"""

from __future__ import annotations

import threading
from typing import Any

import solara

from ..charts import prediction_figure
from ..lessons import CHOICES, Lesson, Step, StepResult, load_lessons, run_step, step_start
from ..model_view import app_model
from ..schedule import marks
from ..text import number, pick, scenario_label
from .background import use_background
from .common import Prose, Ui
from .prediction import ValuePrediction


@solara.component
def LessonList(ui: Ui, lessons: list[Lesson], chosen: solara.Reactive[str]) -> None:  # noqa: N802
    """The lessons as a list of buttons, in their order."""
    lang = ui.lang.value
    with solara.Column(gap="4px", classes=["orglearn-lessons"]):
        Prose(f"### {ui.t('learn.lessons')}")
        for lesson in lessons:
            solara.Button(
                pick(lesson.title, lang),
                on_click=lambda lesson=lesson: chosen.set(lesson.id),
                text=lesson.id != chosen.value,
                color="primary" if lesson.id == chosen.value else None,
                style={"justify-content": "flex-start", "text-transform": "none", "white-space": "normal"},
                classes=["orglearn-lesson-button"],
            )


@solara.component
def LessonText(ui: Ui, lesson: Lesson) -> None:  # noqa: N802
    """The lesson's sections: what it is, how it works (the model's own rules), what to notice."""
    lang = ui.lang.value
    Prose(f"## {pick(lesson.title, lang)}")
    Prose(f"#### {ui.t('learn.what_is_it')}\n\n{pick(lesson.what_is_it, lang)}")
    rules = "\n".join(f"- **{title}**: {sentence}" for title, sentence in lesson.how_it_works(lang))
    Prose(f"#### {ui.t('learn.how_it_works')}\n\n{rules}")
    notice = "\n".join(f"- {item}" for item in pick(lesson.things_to_notice, lang))
    Prose(f"#### {ui.t('learn.things_to_notice')}\n\n{notice}")


def step_marks(step: Step, lang: str, last: int | None = None) -> list[tuple[int, str]]:
    """The interventions of a step's scenarios (a journey's own and the step's), for its chart."""
    return sorted({mark for name in step.scenarios for mark in marks(step.scenario(name), lang, last)})


def _names(ui: Ui, step: Step) -> dict[str, str]:
    """The step's scenarios (A, B) and metric by their display names, in the page's language."""
    lang = ui.lang.value
    names = {
        side: scenario_label(name, lang, step.model)
        for side, name in zip("ab", (step.scenarios[0], step.scenarios[-1]), strict=True)
    }
    return {**names, "metric": ui.t(f"series.{step.metric}")}


@solara.component
def StepView(ui: Ui, lesson: Lesson, index: int, on_next, on_previous) -> None:  # noqa: N802
    """One step: the question, the prediction, Run, and then the result with the explanation."""
    lang = ui.lang.value
    step = lesson.steps[index]
    names = _names(ui, step)
    prediction: solara.Reactive[Any] = solara.use_reactive(None)  # a float, a choice, or none yet
    frozen = solara.use_reactive(None)
    result: solara.Reactive[StepResult | None] = solara.use_reactive(None)
    progress = solara.use_reactive(0.0)
    started = solara.use_reactive(0)
    start = solara.use_memo(lambda: step_start(step), [lesson.id, index])

    def work(cancel: threading.Event) -> None:
        if not started.value:
            return
        progress.value = 0.01
        try:
            result.value = run_step(step, progress.set, cancel)
        finally:
            progress.value = 0.0

    use_background(work, started.value)

    def predict(value: object) -> None:
        """Take the learner's prediction, until the run starts; then it is frozen."""
        if frozen.value is None and progress.value == 0 and result.value is None:
            prediction.set(value)

    def run() -> None:
        if prediction.value is None or frozen.value is not None:
            return
        frozen.set(prediction.value)  # what the verdict is about, whatever is sent later
        started.set(started.value + 1)

    def explore() -> None:
        # The lesson's run (arm B of a comparison, or its only scenario) on its first seed, at
        # the week the step reached: an export from Explore then holds what the learner saw.
        scenario = step.scenario(step.scenarios[-1])
        weeks = int(result.value.weeks[-1]) if result.value is not None else 0
        ui.session.seed = step.seed
        ui.session.choose(scenario)
        ui.session.step(weeks)
        ui.settings_changed()
        ui.model_changed()
        ui.tab.value = "explore"

    locked = frozen.value is not None
    with solara.Card(
        ui.t("learn.step", number=index + 1, total=len(lesson.steps)), classes=["orglearn-step"]
    ):
        Prose(pick(step.question, lang))
        if len(step.scenarios) == 2:
            solara.Text(ui.t("learn.sides", **names), style={"font-size": "0.85em", "color": "#555"})
        changes = [
            ui.t("schedule.in_step", week=week, label=label, scenario=scenario_label(name, lang, step.model))
            for name in step.scenarios
            for week, label in marks(step.scenario(name), lang)
        ]
        if changes:
            solara.Text("; ".join(changes), style={"font-size": "0.85em"}, classes=["orglearn-step-marks"])
        Prose(f"**{ui.t('learn.predict')}**")
        if step.predict == "compare":
            # Separate buttons, not a toggle group: a toggle group selects its first option by itself,
            # and the learner must choose before the run.
            with solara.Row(gap="6px", style={"flex-wrap": "wrap"}, classes=["orglearn-prediction"]):
                for choice in CHOICES:
                    solara.Button(
                        ui.t(f"learn.choice.{choice}", **names),
                        on_click=lambda choice=choice: predict(choice),
                        color="secondary" if prediction.value == choice else None,
                        outlined=prediction.value != choice,
                        disabled=locked and prediction.value != choice,
                        style={"text-transform": "none"},
                    )
        else:
            ValuePrediction(ui, start, names["metric"], prediction.value, predict, locked)
        with solara.Row(gap="8px"):
            solara.Button(
                ui.t(
                    "learn.run" if app_model(step.model).unit == "week" else "learn.run_period",
                    weeks=step.until.week,
                ),
                on_click=run,
                disabled=prediction.value is None or locked,
                color="primary",
                classes=["orglearn-step-run"],
            )
            if prediction.value is None:
                solara.Text(ui.t("learn.predict_first"), style={"font-size": "0.85em", "color": "#777"})
        # The bar and the outcome have places of their own: when one comes or goes, the buttons
        # below keep theirs, so a click on "Next step" just as a run ends reaches a live button.
        with solara.Column(gap="0px", classes=["orglearn-step-progress"]):
            if progress.value > 0:
                solara.ProgressLinear(value=progress.value * 100)
        with solara.Column(gap="0px"):
            if result.value is not None:
                Outcome(ui, step, result.value, frozen.value, names)
        with solara.Row(gap="8px"):
            solara.Button(ui.t("learn.previous"), on_click=on_previous, disabled=index == 0, text=True)
            solara.Button(
                ui.t("learn.next"),
                on_click=on_next,
                disabled=index + 1 >= len(lesson.steps) or result.value is None,
            )
            solara.Button(
                ui.t("learn.open_in_explore"), on_click=explore, text=True, icon_name="mdi-open-in-app"
            )


@solara.component
def Outcome(ui: Ui, step: Step, result: StepResult, prediction, names: dict[str, str]) -> None:  # noqa: N802
    """What happened, against the prediction, and the explanation."""
    lang = ui.lang.value
    outcome = result.outcome(step)
    right = prediction is not None and result.right(step, prediction)
    series = {}
    for side, scenario in enumerate(step.scenarios):
        series[scenario_label(scenario, lang, step.model)] = result.series[side].mean(axis=0)
    predicted = float(prediction) if step.predict == "value" and prediction is not None else None
    lines = step_marks(step, lang, int(result.weeks[-1]))
    unit = app_model(step.model).unit
    figure = prediction_figure(result.weeks, series, names["metric"], lang, predicted, unit, lines)
    if step.predict == "compare":
        said = ui.t(f"learn.choice.{prediction}", **names) if prediction else "—"
        happened = ui.t(f"learn.choice.{outcome}", **names)
    else:
        said = number(float(prediction), lang, 2) if prediction is not None else "—"
        happened = number(float(outcome), lang, 2)
    with solara.Column(gap="4px", classes=["orglearn-outcome"]):
        solara.FigureMatplotlib(figure, format="png")
        box = solara.Success if right else solara.Warning
        box(ui.t("learn.right" if right else "learn.different", said=said, happened=happened), dense=True)
        if step.runs > 1:
            solara.Text(ui.t("learn.runs_note", runs=step.runs), style={"font-size": "0.85em"})
        Prose(f"**{ui.t('learn.explanation')}** {pick(step.explanation, lang)}")


@solara.component
def LearnTab(ui: Ui) -> None:  # noqa: N802
    """The lesson list, the chosen lesson's text, and its steps one at a time."""
    lessons = solara.use_memo(load_lessons, [])
    chosen = solara.use_reactive(lessons[0].id)
    index = solara.use_reactive(0)
    lesson = next(item for item in lessons if item.id == chosen.value)
    solara.use_effect(lambda: index.set(0), [chosen.value])
    position = min(index.value, len(lesson.steps) - 1)
    with solara.Columns([1, 3], gutters_dense=True):
        LessonList(ui, lessons, chosen)
        with solara.Column(gap="8px", classes=["orglearn-lesson"]):
            LessonText(ui, lesson)
            StepView(
                ui,
                lesson,
                position,
                on_next=lambda: index.set(min(position + 1, len(lesson.steps) - 1)),
                on_previous=lambda: index.set(max(position - 1, 0)),
            ).key(f"{lesson.id}-{position}")
            tries = "\n".join(f"- {item}" for item in pick(lesson.things_to_try, ui.lang.value))
            Prose(f"#### {ui.t('learn.things_to_try')}\n\n{tries}")
