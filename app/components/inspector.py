"""The person inspector: click a person in the network to see what they hold and who they are.

Per theme, a small bar for each of the three levels of meaning (rules, insights, principles)
and for the person's goal, each a position from −1 to 1; beside them the person's role, team,
actorship, openness and learning capacity; below them the person's ties: who they are tied to,
whether along a reporting line or informally, the tie's quality (how far influence passes
along it) and how much the person trusts that colleague. The numbers are read from the model
under the session's lock and written in the page's number format. Which person is shown comes from a
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
MAX_TIES = 25
"""At most this many ties are listed (reporting lines first, then by quality); the rest are counted."""


@dataclass(frozen=True)
class Tie:
    """One of the person's ties, seen from the person."""

    label: str
    """The colleague at the other end."""
    role: str
    team: int
    formal: bool
    quality: float
    trust: float
    """How much the person relies on this colleague (NaN if the model keeps no trust)."""


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
    ties: tuple[Tie, ...] = ()
    """The ties listed (at most :data:`MAX_TIES`)."""
    more: int = 0
    """The ties beyond those listed."""


def ties_of(state, index: int) -> tuple[tuple[Tie, ...], int]:
    """The person's ties: reporting lines first, then by quality, at most :data:`MAX_TIES`."""
    ties, chart = state.ties, state.chart
    half = np.arange(ties.indptr[index], ties.indptr[index + 1])
    order = half[np.lexsort((-ties.half_quality[half], ~ties.half_formal[half]))]
    trust = np.asarray(state.trust, dtype=float)
    roles = chart.role_names()
    listed = tuple(
        Tie(
            label=chart.labels[other],
            role=roles[other],
            team=int(chart.team[other]),
            formal=bool(ties.half_formal[h]),
            quality=float(ties.half_quality[h]),
            trust=float(trust[h]) if len(trust) == len(ties.indices) else float("nan"),
        )
        for h in order[:MAX_TIES]
        for other in (int(ties.indices[h]),)
    )
    return listed, max(0, len(order) - MAX_TIES)


def person_of(model, label: object) -> Person | None:
    """The person a click named, or None if the chart drew no such person (a browser can send anything)."""
    state = model.state
    labels = state.chart.labels
    if not isinstance(label, str) or label not in labels:
        return None
    index = labels.index(label)
    listed, more = ties_of(state, index)
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
        ties=listed,
        more=more,
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


def ties_table(ui: Ui, person: Person) -> str:
    """The person's ties as rows: colleague, role, team, kind of tie, quality and trust."""
    lang = ui.lang.value
    heads = ("person", "role", "team")
    head = "".join(f"<th style='text-align:left'>{html.escape(ui.t('network.' + h))}</th>" for h in heads)
    head += "".join(
        f"<th style='text-align:left'>{html.escape(ui.t('inspector.' + h))}</th>"
        for h in ("tie", "quality", "trust")
    )
    rows = []
    for tie in person.ties:
        role = ui.t(f"role.{tie.role}") if tie.role in ROLES else tie.role
        trust = "–" if np.isnan(tie.trust) else number(tie.trust, lang, 2)
        cells = (
            tie.label,
            role,
            str(tie.team),
            ui.t("network.formal" if tie.formal else "network.informal"),
            number(tie.quality, lang, 2),
            trust,
        )
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    return f"<table style='border-spacing:8px 1px;font-size:0.8em'><tr>{head}</tr>{''.join(rows)}</table>"


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
        count = len(person.ties) + person.more
        solara.Text(
            ui.t("inspector.ties", count=count),
            style={"font-weight": "500", "font-size": "0.9em"},
            classes=["orglearn-person-ties-count"],
        )
        if person.ties:
            solara.HTML(tag="div", unsafe_innerHTML=ties_table(ui, person), classes=["orglearn-person-ties"])
        if person.more:
            solara.Text(ui.t("inspector.more_ties", more=person.more), style={"font-size": "0.8em"})
        solara.Button(
            ui.t("inspector.close"), on_click=on_close, text=True, classes=["orglearn-person-close"]
        )
