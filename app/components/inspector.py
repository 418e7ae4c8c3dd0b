"""The person inspector: click a person in the network to see what they hold and who they are.

Per theme, a small bar for each of the three levels of meaning (rules, insights, principles)
and for the person's goal, each a position from −1 to 1; beside them the person's role, team,
actorship, openness and learning capacity. The numbers are read from the model under the
session's lock and written in the page's number format. Which person is shown comes from a
click in the browser, so it is taken only if it names a person the chart drew.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import solara

from orglearn.simulation.structure import ROLES

from ..text import number
from .common import Ui

LEVELS = ("rules", "insights", "principles")
BAR_COLOURS = {"rules": "#1e88e5", "insights": "#43a047", "principles": "#8e24aa", "goal": "#f4511e"}


@dataclass(frozen=True)
class Person:
    """One person as the model holds them this week (copied under the lock)."""

    label: str
    role: str
    team: int
    actorship: float
    openness: float
    capacity: float
    meaning: np.ndarray
    """(3, themes): rules, insights, principles."""
    goal: np.ndarray
    week: int


def person_of(model, label: object) -> Person | None:
    """The person a click named, or None if the chart drew no such person (a browser can send anything)."""
    state = model.state
    labels = state.chart.labels
    if not isinstance(label, str) or label not in labels:
        return None
    index = labels.index(label)
    return Person(
        label=label,
        role=state.chart.role_names()[index],
        team=int(state.chart.team[index]),
        actorship=float(state.actorship[index]),
        openness=float(state.openness[index]),
        capacity=float(state.capacity[index]),
        meaning=state.meaning[:, index, :].copy(),
        goal=state.goal[index].copy(),
        week=int(state.week),
    )


def bar(value: float, colour: str, lang: str) -> str:
    """A bar from the middle (0) to the value (−1 left, 1 right), with the value written beside it."""
    share = max(-1.0, min(1.0, float(value)))
    left = 50 + min(share, 0) * 50
    width = abs(share) * 50
    return (
        '<div style="display:flex;align-items:center;gap:4px">'
        '<div style="position:relative;width:80px;height:10px;background:#eee">'
        '<div style="position:absolute;left:50%;top:0;bottom:0;width:1px;background:#999"></div>'
        f'<div style="position:absolute;left:{left:.1f}%;width:{width:.1f}%;top:1px;bottom:1px;'
        f'background:{colour}"></div></div>'
        f'<span style="font-size:0.75em;min-width:36px">{html.escape(number(share, lang, 2))}</span></div>'
    )


def table(ui: Ui, person: Person) -> str:
    """The themes as rows, the three levels and the goal as columns of bars."""
    lang = ui.lang.value
    columns = [*LEVELS, "goal"]
    head = "".join(f"<th style='text-align:left'>{html.escape(ui.t('inspector.' + c))}</th>" for c in columns)
    rows = []
    for theme in range(person.goal.shape[0]):
        values = [*person.meaning[:, theme], person.goal[theme]]
        cells = "".join(
            f"<td>{bar(v, BAR_COLOURS[c], lang)}</td>" for c, v in zip(columns, values, strict=True)
        )
        name = html.escape(ui.t("inspector.theme", number=theme + 1))
        rows.append(f"<tr><td style='font-size:0.8em'>{name}</td>{cells}</tr>")
    return f"<table style='border-spacing:6px 2px'><tr><th></th>{head}</tr>{''.join(rows)}</table>"


@solara.component
def PersonInspector(ui: Ui, person: Person, on_close) -> None:  # noqa: N802
    """The chosen person: who they are, and what they hold at each level, per theme."""
    lang = ui.lang.value
    role = ui.t(f"role.{person.role}") if person.role in ROLES else person.role
    with solara.Card(
        ui.t("inspector.title", person=person.label, week=person.week), classes=["orglearn-person"]
    ):
        solara.Text(
            ui.t(
                "inspector.facts",
                role=role,
                team=person.team,
                actorship=number(person.actorship, lang, 2),
                openness=number(person.openness, lang, 2),
                capacity=number(person.capacity, lang, 2),
            ),
            classes=["orglearn-person-facts"],
        )
        solara.Text(ui.t("inspector.help"), style={"font-size": "0.8em", "color": "#555"})
        solara.HTML(tag="div", unsafe_innerHTML=table(ui, person), classes=["orglearn-person-table"])
        solara.Button(
            ui.t("inspector.close"), on_click=on_close, text=True, classes=["orglearn-person-close"]
        )
