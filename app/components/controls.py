"""One control per parameter of the table, with its label and help, grouped by property.

Nothing about a parameter is written here: the kind of control, its range, its label and its
help text all come from the parameter table of the model the session runs
(``scenarios/parameters.toml``, ``scenarios/march1991/parameters.toml``). Numbers with a
short range get a slider, others a text field checked on entry; a choice gets a menu; levels
get a multiple choice; a list of weeks is typed. File paths are shown but cannot be changed in
the browser, because on a server they would name the server's files.
"""

from __future__ import annotations

from typing import Any

import solara

from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios import Parameter, parameter_table
from orglearn.scenarios.parameters import PROPERTIES

from ..limits import note_values
from ..session import InputError
from .common import Problems, Ui

SLIDER_SPAN = 1.0
"""Floats whose range is at most this wide get a slider (step 0.01)."""
SLIDER_INT_SPAN = 60
"""Whole numbers whose range is at most this wide get a slider."""


def control_kind(parameter: Parameter) -> str:
    """Which control suits a parameter: slider, number, toggle, select, multi, weeks or file."""
    if parameter.type == "float":
        narrow = parameter.max is not None and parameter.min is not None
        return "slider" if narrow and parameter.max - parameter.min <= SLIDER_SPAN else "number"
    if parameter.type == "int":
        narrow = parameter.max is not None and parameter.min is not None
        return "slider_int" if narrow and parameter.max - parameter.min <= SLIDER_INT_SPAN else "number"
    return {"bool": "toggle", "choice": "select", "levels": "multi", "steps": "weeks"}.get(
        parameter.type, "file"
    )


def display(value: Any) -> str:
    """A value as text in a field (lists of weeks as ``100, 150``)."""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


@solara.component
def ParameterControl(ui: Ui, parameter: Parameter) -> None:  # noqa: N802
    """The control of one parameter, its help text, and a message if the last entry was refused."""
    ui.edits.value  # redraw when the settings change (a preset may have set this one)  # noqa: B018
    lang = ui.lang.value
    error, set_error = solara.use_state("")
    if parameter.name not in ui.session.pending.values:
        return  # the session has just switched to another model; this control is on its way out
    value = ui.session.pending.values[parameter.name]
    label = parameter.label[lang] + (f" ({ui.t('unit.' + parameter.unit)})" if parameter.unit else "")

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
        if kind == "slider":
            solara.SliderFloat(
                label,
                value=value,
                min=parameter.min,
                max=parameter.max,
                step=0.01,
                on_value=change,
                thumb_label=True,
            )
        elif kind == "slider_int":
            solara.SliderInt(
                label, value=value, min=parameter.min, max=parameter.max, on_value=change, thumb_label=True
            )
        elif kind == "number":
            solara.InputText(
                label, value=display(value), on_value=change, continuous_update=False, error=bool(error)
            )
        elif kind == "toggle":
            solara.Checkbox(label=label, value=value, on_value=change)
        elif kind == "select":
            solara.Select(label, values=list(parameter.choices), value=value, on_value=change)
        elif kind == "multi":
            solara.SelectMultiple(
                label, values=list(value), all_values=list(parameter.choices), on_value=change
            )
        elif kind == "weeks":
            solara.InputText(
                label, value=display(value), on_value=change, continuous_update=False, error=bool(error)
            )
        else:
            solara.InputText(label, value=display(value) or "—", disabled=True)
            solara.Text(ui.t("controls.file_hint"), style={"font-size": "0.75em", "color": "#777"})
        solara.Text(
            parameter.help[lang], style={"font-size": "0.75em", "color": "#666", "line-height": "1.2"}
        )
        if error:
            solara.Text(error, style={"font-size": "0.8em", "color": "#c62828"}, classes=["orglearn-error"])


@solara.component
def ParameterGroups(ui: Ui) -> None:  # noqa: N802
    """Every parameter, grouped by the property of a learning organization it belongs to."""
    ui.edits.value  # noqa: B018
    model = ui.session.pending.model
    table = parameter_table(model)
    help_section = "property_help" if model == DEFAULT_MODEL else f"property_help_{model}"
    with solara.Column(gap="4px", classes=["orglearn-controls"]):
        Problems(ui.t("problem.combination"), ui.session.problems)
        if ui.session.refusal is not None:
            solara.Error(ui.message(ui.session.refusal), dense=True, classes=["orglearn-refused"])
        solara.Text(
            ui.t("controls.limits", **note_values()),
            style={"font-size": "0.75em", "color": "#777"},
            classes=["orglearn-limits"],
        )
        for prop in PROPERTIES:
            parameters = table.by_property(prop)
            if not parameters:
                continue
            with solara.Details(summary=ui.t(f"property.{prop}"), expand=False):
                solara.Text(
                    ui.t(f"{help_section}.{prop}"), style={"font-size": "0.8em", "font-style": "italic"}
                )
                for parameter in parameters:
                    ParameterControl(ui, parameter).key(parameter.name)
