"""The interventions of the Explore tab: the scenario's timeline, and a form to add to it.

The form offers a week, a setting the model reads during a run (its label from the parameter
table, in the page's language) and a new value; the server checks all three against what it
offered (:mod:`..schedule`) before anything changes. The list shows the scenario's own
interventions and the scheduled ones with their labels, and removes one whose week has not yet
been run.
"""

from __future__ import annotations

from typing import Any

import solara

from orglearn.scenarios import Parameter

from ..schedule import label_of, offered_settings, removable, schedule, unschedule
from ..session import InputError, offered
from ..text import choice_label, number
from .common import Problems, Ui

DEFAULT_SETTING = "management.style"
"""The setting the form starts with: a change of management style is the classic intervention."""


def number_text(value: float, lang: str) -> str:
    """A number as the page shows it (a decimal comma in Dutch)."""
    return number(value, lang)


def allowed_text(ui: Ui, parameter: Parameter) -> str:
    """The values a setting takes, in words of the page's language."""
    lang = ui.lang.value
    low, high = parameter.min, parameter.max
    if parameter.type in ("int", "float", "steps") and low is not None and high is not None:
        return ui.t("schedule.range", low=number_text(low, lang), high=number_text(high, lang))
    return ""


@solara.component
def ValueField(ui: Ui, parameter: Parameter, value: str, on_value) -> None:  # noqa: N802
    """The new value: a menu for a choice or a yes/no, a text field for numbers and weeks."""
    label = ui.t("schedule.value")
    if parameter.type == "choice":
        lang = ui.lang.value
        words = {choice_label(parameter.name, c, lang): c for c in parameter.choices}
        solara.Select(
            label,
            values=list(words),
            value=choice_label(parameter.name, value, lang) if value else None,
            # A word not offered goes on as typed text, and the schedule refuses it.
            on_value=lambda word: on_value(words.get(word, "") if isinstance(word, str) else ""),
            classes=["orglearn-schedule-choice"],
        )
    elif parameter.type == "bool":
        words = {ui.t("schedule.yes"): "true", ui.t("schedule.no"): "false"}
        shown = next((w for w, v in words.items() if v == value), None)
        solara.Select(
            label,
            values=list(words),
            value=shown,
            on_value=lambda w: on_value(words[w] if isinstance(w, str) and w in words else ""),
            classes=["orglearn-schedule-choice"],
        )
    else:
        solara.InputText(
            f"{label} ({allowed_text(ui, parameter)})",
            value=value,
            on_value=on_value,
            continuous_update=True,
            classes=["orglearn-schedule-value"],
        )


def read_value(parameter: Parameter, text: str) -> Any:
    """What the form sends for a value: yes/no as a truth value, everything else as typed."""
    if parameter.type == "bool":
        return {"true": True, "false": False}.get(text, text)
    return text


@solara.component
def InterventionPanel(ui: Ui) -> None:  # noqa: N802
    """The timeline of the scenario (with Remove) and the form that schedules a change.

    It reads ``ui.tick``: the timeline marks what the run has passed.
    """
    ui.edits.value  # noqa: B018
    ui.tick.value  # noqa: B018
    session = ui.session
    lang = ui.lang.value
    settings = {p.name: p for p in offered_settings(session.pending.model)}
    week_text, set_week_text = solara.use_state("")
    chosen, set_chosen = solara.use_state(DEFAULT_SETTING)
    value_text, set_value_text = solara.use_state("")
    label_text, set_label_text = solara.use_state("")
    error, set_error = solara.use_state("")
    if not settings:
        return  # March's model has no interventions
    parameter = settings.get(chosen) or settings[DEFAULT_SETTING]
    week = session.week

    def choose(shown: str) -> None:
        by_label = {p.label[lang]: p.name for p in settings.values()}
        try:
            name = by_label[offered(shown, list(by_label))]
        except InputError:
            set_error(ui.t("schedule.not_offered"))
            return
        set_error("")
        set_chosen(name)
        set_value_text("")

    def add() -> None:
        try:
            schedule(session, week_text, parameter.name, read_value(parameter, value_text), label_text)
        except InputError as problem:
            set_error(ui.message(problem))
            ui.settings_changed()
            return
        set_error("")
        set_label_text("")
        ui.settings_changed()
        ui.model_changed()

    def remove(name: str) -> None:
        try:
            unschedule(session, name)
        except InputError as problem:
            set_error(ui.message(problem))
            return
        set_error("")
        ui.settings_changed()
        ui.model_changed()

    with (
        solara.Details(summary=ui.t("schedule.title"), expand=True),
        solara.Column(gap="4px", classes=["orglearn-schedule"]),
    ):
        solara.Text(ui.t("schedule.help"), style={"font-size": "0.8em", "color": "#555"})
        items = session.pending.interventions
        if not items:
            solara.Text(ui.t("schedule.none"), style={"font-size": "0.85em"})
        for item in items:
            with solara.Row(gap="4px", style={"align-items": "center"}, classes=["orglearn-timeline-item"]):
                solara.Text(
                    ui.t("schedule.item", week=item.week, label=label_of(item, lang)),
                    classes=["orglearn-timeline-label"],
                )
                if removable(session, item):
                    solara.Button(
                        ui.t("schedule.remove"),
                        on_click=lambda name=item.name: remove(name),
                        text=True,
                        classes=["orglearn-unschedule"],
                    )
                elif item.week <= week and item not in session.running.interventions:
                    solara.Text(ui.t("schedule.at_reset"), style={"font-size": "0.8em", "color": "#777"})
        solara.InputText(
            ui.t("schedule.week"),
            value=week_text,
            on_value=set_week_text,
            continuous_update=True,
            classes=["orglearn-schedule-week"],
        )
        solara.Select(
            ui.t("schedule.setting"),
            values=[p.label[lang] for p in settings.values()],
            value=parameter.label[lang],
            on_value=choose,
            classes=["orglearn-schedule-setting"],
        )
        ValueField(ui, parameter, value_text, set_value_text)
        solara.InputText(
            ui.t("schedule.label"),
            value=label_text,
            on_value=set_label_text,
            continuous_update=True,
            classes=["orglearn-schedule-label"],
        )
        solara.Button(ui.t("schedule.add"), on_click=add, outlined=True, classes=["orglearn-schedule-add"])
        if error:
            solara.Text(error, style={"font-size": "0.85em", "color": "#c62828"}, classes=["orglearn-error"])
        Problems(ui.t("problem.combination"), session.problems if error else [])
