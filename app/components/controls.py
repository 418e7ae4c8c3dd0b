"""One control per parameter of the table, with its label and help, grouped by property.

Nothing about a parameter is written here: the kind of control, its range, its label and its
help text all come from the parameter table of the model the session runs
(``scenarios/parameters.toml``, ``scenarios/march1991/parameters.toml``). Numbers with a
short range get a slider, others a text field checked on entry; a choice gets a menu; levels
get a multiple choice; a list of weeks is typed. File paths are shown but cannot be changed in
the browser, because on a server they would name the server's files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

import solara

from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios import Parameter, parameter_table
from orglearn.scenarios.parameters import PROPERTIES

from ..limits import note_values
from ..session import InputError
from ..text import as_text, choice_label, number
from .common import Problems, Slider, Ui

SLIDER_SPAN = 1.0
"""Floats whose range is at most this wide get a slider (step 0.01)."""
SLIDER_INT_SPAN = 60
"""Whole numbers whose range is at most this wide get a slider."""


def control_kind(parameter: Parameter) -> str:
    """Which control suits a parameter: slider, number, toggle, select, multi, weeks or file."""
    low, high = parameter.min, parameter.max
    span = high - low if low is not None and high is not None else None
    if parameter.type == "float":
        return "slider" if span is not None and span <= SLIDER_SPAN else "number"
    if parameter.type == "int":
        return "slider_int" if span is not None and span <= SLIDER_INT_SPAN else "number"
    return {"bool": "toggle", "choice": "select", "levels": "multi", "steps": "weeks"}.get(
        parameter.type, "file"
    )


def display(value: Any, lang: str = "en") -> str:
    """A value as text in a field (lists of weeks as ``100, 150``; ``0,8`` in Dutch)."""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(as_text(value, lang))


def labelled(label: str, unit: str) -> str:
    """A label with its unit in brackets, unless the label already names it ("Org chart file")."""
    if not unit or re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", label, re.IGNORECASE):
        return label
    return f"{label} ({unit})"


@solara.component
def ParameterControl(ui: Ui, parameter: Parameter) -> None:  # noqa: N802
    """The control of one parameter, its help text, and a message if the last entry was refused."""
    ui.edits.value  # redraw when the settings change (a preset may have set this one)  # noqa: B018
    lang = ui.lang.value
    error, set_error = solara.use_state("")
    if parameter.name not in ui.session.pending.values:
        return  # the session has just switched to another model; this control is on its way out
    value = ui.session.pending.values[parameter.name]
    label = labelled(parameter.label[lang], ui.t("unit." + parameter.unit) if parameter.unit else "")

    def change(raw: Any) -> None:
        try:
            ui.session.edit(parameter.name, raw)
        except InputError as problem:
            set_error(ui.message(problem))
        else:
            set_error("")
        ui.settings_changed()

    kind = control_kind(parameter)
    with solara.Column(gap="0px", classes=["orglearn-param"], style={"margin-bottom": "8px"}):
        if kind in ("slider", "slider_int"):
            SliderWithValue(ui, parameter, label, value, change, bool(error))
        elif kind == "number":
            solara.InputText(
                label, value=display(value, lang), on_value=change, continuous_update=False, error=bool(error)
            )
        elif kind == "toggle":
            solara.Checkbox(label=label, value=value, on_value=change)
        elif kind == "select":
            # The menu shows words; what it sends back is turned into the choice only if offered.
            words = {choice_label(parameter.name, c, lang): c for c in parameter.choices}
            solara.Select(
                label,
                values=list(words),
                value=choice_label(parameter.name, value, lang),
                on_value=ui.only_offered(words, lambda word: change(words[word])),
            )
        elif kind == "multi":
            words = {choice_label(parameter.name, c, lang): c for c in parameter.choices}
            solara.SelectMultiple(
                label,
                values=[choice_label(parameter.name, c, lang) for c in value],
                all_values=list(words),
                on_value=lambda chosen: change(_chosen(chosen, words)),
            )
        elif kind == "weeks":
            solara.InputText(
                label, value=display(value), on_value=change, continuous_update=False, error=bool(error)
            )
        else:
            # Only the file's name: the folder it is in is the server's business.
            solara.InputText(label, value=PurePath(str(value)).name if value else "—", disabled=True)
            solara.Text(ui.t("controls.file_hint"), style={"font-size": "0.75em", "color": "#777"})
        solara.Text(
            parameter.help[lang], style={"font-size": "0.75em", "color": "#666", "line-height": "1.2"}
        )
        if error:
            solara.Text(error, style={"font-size": "0.8em", "color": "#c62828"}, classes=["orglearn-error"])


def _slid(raw: Any, whole: bool) -> Any:
    """A slider's value for the session's check: whole numbers as ``int``, anything else as sent.

    The session's check (:func:`~..session.parse_value`) refuses a non-number or one out of range.
    """
    if whole and isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return raw


def _chosen(chosen: Any, words: dict[str, str]) -> Any:
    """The choices behind the words a multiple choice sent; anything not offered is sent as is.

    A forged entry then reaches the session's check (``problem.value``) instead of a lookup.
    """
    if not isinstance(chosen, list | tuple):
        return chosen
    return [words.get(word, word) if isinstance(word, str) else word for word in chosen]


@solara.component
def SliderWithValue(  # noqa: N802
    ui: Ui, parameter: Parameter, label: str, value: float, change: Callable[[Any], None], wrong: bool
) -> None:
    """A slider with its value beside it, always in view, in a field that takes a typed value.

    The field shows the value in the page's number format (``0,8`` in Dutch) and sends what is
    typed to the session like any browser value, which reads a decimal comma or point and
    checks the range; the slider has no thumb label of its own (it would write ``0.8``).
    """
    lang = ui.lang.value
    shown = number(value, lang)
    whole = parameter.type == "int"
    with solara.Row(gap="8px", style={"align-items": "center"}, classes=["orglearn-slider"]):
        with solara.Column(gap="0px", style={"flex": "1 1 auto", "min-width": "0"}):
            solara.Text(label, style={"font-size": "0.85em"}, classes=["orglearn-slider-label"])
            step = 1 if whole else 0.01
            low, high = parameter.min, parameter.max
            if low is None or high is None:  # control_kind gives a slider only to a bounded setting
                raise ValueError(f"{parameter.name}: a slider needs a range")
            Slider(value, low, high, step, lambda raw: change(_slid(raw, whole)))
        # A key per value: a refused typed entry gives way to the value the session kept.
        solara.InputText(
            ui.t("controls.value"),
            value=shown,
            on_value=change,
            continuous_update=False,
            error=wrong,
            style={"flex": "0 0 84px", "max-width": "84px"},
            classes=["orglearn-slider-value"],
        ).key(f"{parameter.name}-{shown}")


def groups(model: str) -> list[tuple[str, list[Parameter]]]:
    """The model's parameters by property, in the page's order, leaving out empty properties."""
    table = parameter_table(model)
    return [(prop, table.by_property(prop)) for prop in PROPERTIES if table.by_property(prop)]


def group_help(model: str, prop: str) -> str:
    """The text key of a property's short explanation, which differs between the models."""
    return f"property_help.{prop}" if model == DEFAULT_MODEL else f"property_help_{model}.{prop}"


@solara.component
def ParameterGroups(ui: Ui) -> None:  # noqa: N802
    """Every parameter, grouped by the property of a learning organization it belongs to."""
    ui.edits.value  # noqa: B018
    model = ui.session.pending.model
    lang = ui.lang.value
    with solara.Column(gap="4px", classes=["orglearn-controls"]):
        Problems(ui.t("problem.combination"), ui.session.problems)
        if ui.session.refusal is not None:
            solara.Error(ui.message(ui.session.refusal), dense=True, classes=["orglearn-refused"])
        solara.Text(
            ui.t("controls.limits", **{k: number(v, lang) for k, v in note_values().items()}),
            style={"font-size": "0.75em", "color": "#777"},
            classes=["orglearn-limits"],
        )
        for prop, parameters in groups(model):
            title, help_text = ui.t(f"property.{prop}"), ui.t(group_help(model, prop))
            ParameterGroup(ui, title, help_text, parameters).key(f"{model}-{prop}")


@solara.component
def ParameterGroup(ui: Ui, title: str, help_text: str, parameters: list[Parameter]) -> None:  # noqa: N802
    """One property's parameters in a panel that builds its controls the first time it opens.

    The page has some sixty controls, each several widgets; built at once they made the page
    several times heavier, and twenty people opening the app together on a small server were not
    all served. A closed panel holds nothing, an opened one keeps its controls when closed again
    (reopening is instant and a half-typed value survives), and the panel only takes the two
    states it offers from the browser.
    """
    shown = solara.use_reactive(False)
    built = solara.use_reactive(False)

    def toggle(index: int | None) -> None:
        shown.set(index == 0)
        if index == 0:
            built.set(True)

    with (
        solara.v.ExpansionPanels(
            v_model=0 if shown.value else None,
            on_v_model=ui.only_offered((0, None), toggle),
            class_="orglearn-group",
        ),
        solara.v.ExpansionPanel(),
    ):
        solara.v.ExpansionPanelHeader(children=[title])
        with solara.v.ExpansionPanelContent():
            if built.value:
                solara.Text(help_text, style={"font-size": "0.8em", "font-style": "italic"})
                for parameter in parameters:
                    ParameterControl(ui, parameter).key(parameter.name)
