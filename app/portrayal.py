"""How the organization is drawn: what colours people, and the network and team charts.

Colours show one measure at a time, chosen on screen: the team, the role, the meaning at one
level, or goal alignment. Meaning is a position on several themes, so it is shown as the
position along the organization's main line of disagreement (its first principal axis) on a
fixed scale: one colour everywhere means consensus, two colours mean two camps. Reporting lines
are drawn solid and dark, informal ties thin and light, so a rake and a network look different.

Beyond :data:`GROUP_ABOVE` people each team is drawn as one disc (its size the team's size, its
colour the team's average), which keeps the page responsive at 1,000 people and more; the page
says so. Charts are Altair (Vega-Lite) so that clicking a person or a team reports its team.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from orglearn.simulation.agreement import agreement
from orglearn.simulation.population import LEVELS
from orglearn.simulation.state import OrgState
from orglearn.simulation.structure import ROLES

from .layout import Layout
from .vega import filled, named, records, template

GROUP_ABOVE = 400
"""Above this many people the network is drawn team by team."""
MEASURES = ("team", "role", *(f"meaning_{level}" for level in LEVELS), "goal_alignment")
CATEGORICAL = ("team", "role")
FORMAL_COLOUR = "#37474f"
INFORMAL_COLOUR = "#90a4ae"
HIGHLIGHT_COLOUR = "#d81b60"
SIZE = 420
NODES, TIES, TEAMS = "nodes", "ties", "teams"
"""The tables the charts read by name: people (or teams), ties, and the bars per team."""


def person_values(state: OrgState, measure: str) -> np.ndarray:
    """The value of a measure for each person (team and role as numbers).

    Args:
        state: The organization.
        measure: One of :data:`MEASURES`.

    Returns:
        (N,) values; meanings lie roughly in [-1, 1], goal alignment in [-1, 1].
    """
    chart = state.chart
    if measure == "team":
        return chart.team.astype(float)
    if measure == "role":
        return chart.rank.astype(float)
    if measure == "goal_alignment":
        return np.asarray(agreement(state.goal, state.vision), dtype=float)
    if measure.startswith("meaning_"):
        x = state.meaning[LEVELS.index(measure.removeprefix("meaning_"))]
        centred = x - x.mean(axis=0)
        if len(x) < 2 or not np.any(centred):
            return np.zeros(len(x))
        axis = np.linalg.svd(centred, full_matrices=False)[2][0]
        axis = axis if axis[np.argmax(np.abs(axis))] > 0 else -axis
        return centred @ axis / np.sqrt(x.shape[1])
    raise ValueError(f"unknown measure {measure!r}; use one of {MEASURES}")


def _colour(measure: str, title: str, labels: dict[str, str]) -> alt.Color:
    if measure == "team":
        return alt.Color("team:N", title=title, legend=None, scale=alt.Scale(scheme="tableau20"))
    if measure == "role":
        return alt.Color(
            "role_label:N",
            title=title,
            scale=alt.Scale(domain=[labels[r] for r in ROLES], scheme="set1"),
        )
    if measure == "goal_alignment":
        return alt.Color("value:Q", title=title, scale=alt.Scale(scheme="viridis", domain=[-0.2, 1]))
    return alt.Color("value:Q", title=title, scale=alt.Scale(scheme="redblue", domain=[-0.6, 0.6]))


def _ties_frame(state: OrgState, layout: Layout, team: int | None) -> pd.DataFrame:
    ties = state.ties
    chart = state.chart
    frame = pd.DataFrame(
        {
            "x": layout.x[ties.source],
            "y": layout.y[ties.source],
            "x2": layout.x[ties.target],
            "y2": layout.y[ties.target],
            "kind": np.where(ties.formal, "formal", "informal"),
        }
    )
    inside = (
        (chart.team[ties.source] == team) | (chart.team[ties.target] == team)
        if team is not None
        else np.ones(len(frame), dtype=bool)
    )
    frame["opacity"] = np.where(inside, 1.0, 0.15)
    return frame


def _team_ties_frame(state: OrgState, layout: Layout) -> pd.DataFrame:
    """Ties between teams, counted: one line per pair of teams, formal if any reporting line.

    Counted with numpy (each pair of teams as one number), in the order of the pairs: at 1,000
    people this is drawn every week, and pandas' groupby took 8 ms of it, numpy well under one.
    """
    ties, team, teams = state.ties, state.chart.team, state.chart.n_teams
    a, b = team[ties.source], team[ties.target]
    between = a != b
    pair = np.minimum(a, b)[between].astype(np.int64) * teams + np.maximum(a, b)[between]
    pairs, which = np.unique(pair, return_inverse=True)
    count = np.bincount(which, minlength=len(pairs))
    formal = np.bincount(which, weights=ties.formal[between], minlength=len(pairs)) > 0
    lo, hi = pairs // teams, pairs % teams
    return pd.DataFrame(
        {
            "x": layout.team_x[lo],
            "y": layout.team_y[lo],
            "x2": layout.team_x[hi],
            "y2": layout.team_y[hi],
            "kind": np.where(formal, "formal", "informal"),
            "opacity": np.clip(0.25 + 0.1 * count, 0.25, 1.0),
        }
    )


def network_chart(
    state: OrgState,
    layout: Layout,
    measure: str,
    labels: dict[str, str],
    team: int | None = None,
) -> tuple[dict[str, Any], bool]:
    """The network as a Vega-Lite spec: people (or teams) coloured by a measure, ties beneath.

    The chart is built once per measure, wording and drawing (people or teams) and filled with
    the week's people and ties (:mod:`.vega`).

    Args:
        state: The organization.
        layout: Its cached positions.
        measure: One of :data:`MEASURES`.
        labels: Display words: ``measure``, ``person``, ``team``, ``formal``, ``informal``,
            ``value``, ``members`` and one per role name.
        team: The team to highlight, or None.

    Returns:
        The spec, and whether teams were drawn as groups.
    """
    grouped = state.size > GROUP_ABOVE
    values = person_values(state, measure)
    chart = state.chart
    if grouped:
        counts = np.bincount(chart.team, minlength=chart.n_teams)
        sums = np.bincount(chart.team, weights=values, minlength=chart.n_teams)
        nodes = pd.DataFrame(
            {
                "x": layout.team_x,
                "y": layout.team_y,
                "team": np.arange(chart.n_teams),
                "value": np.round(sums / np.maximum(counts, 1), 3),
                "members": counts,
            }
        )
        nodes["role_label"] = labels["team_lead"]
        edges = _team_ties_frame(state, layout)
    else:
        nodes = pd.DataFrame(
            {
                "x": layout.x,
                "y": layout.y,
                "team": chart.team,
                "person": list(chart.labels),
                "role_label": [labels[r] for r in chart.role_names()],
                "value": np.round(values, 3),
                "members": 1,
            }
        )
        edges = _ties_frame(state, layout, team)
    nodes["opacity"] = 1.0 if team is None else np.where(nodes["team"] == team, 1.0, 0.2)
    nodes["selected"] = nodes["team"] == team
    spec = _network_template(measure, tuple(labels.items()), grouped)
    return filled(spec, {NODES: records(nodes), TIES: records(edges)}), grouped


@lru_cache(maxsize=64)
def _network_template(measure: str, labels: tuple[tuple[str, str], ...], grouped: bool) -> str:
    return template(_layers(measure, dict(labels), grouped))


def _layers(measure: str, labels: dict[str, str], grouped: bool) -> alt.LayerChart:
    axis = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    scale = alt.Scale(domain=[-1.05, 1.05])
    kind = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=["formal", "informal"], range=[FORMAL_COLOUR, INFORMAL_COLOUR]),
        legend=None,
    )
    lines = (
        alt.Chart(named(TIES))
        .mark_rule()
        .encode(
            x=alt.X("x:Q", axis=axis, scale=scale),
            y=alt.Y("y:Q", axis=axis, scale=scale),
            x2="x2:Q",
            y2="y2:Q",
            color=kind,
            strokeWidth=alt.StrokeWidth(
                "kind:N", scale=alt.Scale(domain=["formal", "informal"], range=[1.8, 0.6]), legend=None
            ),
            strokeDash=alt.StrokeDash(
                "kind:N", scale=alt.Scale(domain=["formal", "informal"], range=[[1, 0], [3, 2]]), legend=None
            ),
            opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
        )
    )
    tooltip: list[Any] = [alt.Tooltip("team:N", title=labels["team"])]
    if not grouped:
        tooltip += [
            alt.Tooltip("person:N", title=labels["person"]),
            alt.Tooltip("role_label:N", title=labels.get("role", "Role")),
        ]
    else:
        tooltip.append(alt.Tooltip("members:Q", title=labels["members"]))
    if measure not in CATEGORICAL:
        tooltip.append(alt.Tooltip("value:Q", title=labels["value"], format=".2f"))
    size = alt.Size("members:Q", scale=alt.Scale(range=[30, 600]), legend=None) if grouped else alt.value(90)
    points = (
        alt.Chart(named(NODES))
        .mark_circle(stroke=HIGHLIGHT_COLOUR)
        .encode(
            x=alt.X("x:Q", axis=axis, scale=scale),
            y=alt.Y("y:Q", axis=axis, scale=scale),
            color=_colour(measure, labels["measure"], labels),
            size=size,
            opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
            strokeWidth=alt.condition("datum.selected", alt.value(2), alt.value(0)),
            tooltip=tooltip,
        )
    )
    return (
        alt.layer(lines, points)
        .resolve_scale(color="independent")
        .properties(width=SIZE, height=SIZE)
        .configure_view(stroke=None)
    )


def team_frame(state: OrgState, measure: str) -> pd.DataFrame:
    """Per team: its size, its average of a numeric measure and its goal alignment."""
    chart = state.chart
    counts = np.bincount(chart.team, minlength=chart.n_teams)
    values = person_values(state, measure if measure not in CATEGORICAL else "goal_alignment")
    mean = np.bincount(chart.team, weights=values, minlength=chart.n_teams) / np.maximum(counts, 1)
    return pd.DataFrame({"team": np.arange(chart.n_teams), "members": counts, "value": np.round(mean, 3)})


def team_chart(
    state: OrgState, measure: str, title: str, labels: dict[str, str], team: int | None
) -> dict[str, Any]:
    """A bar per team showing its average of the measure; a click on a bar picks the team.

    Returns:
        A Vega-Lite spec (built once per wording, filled with the week's teams).
    """
    frame = team_frame(state, measure)
    frame["opacity"] = 1.0 if team is None else np.where(frame["team"] == team, 1.0, 0.3)
    frame["top"], frame["bottom"] = 1.0, -0.6
    spec = _team_template(title, labels["team"], labels["members"])
    return filled(spec, {TEAMS: records(frame)})


@lru_cache(maxsize=64)
def _team_template(title: str, team_word: str, members_word: str) -> str:
    labels = {"team": team_word, "members": members_word}
    x = alt.X("team:O", title=labels["team"], axis=alt.Axis(labelAngle=0, labelOverlap=True))
    tooltip = [
        alt.Tooltip("team:N", title=labels["team"]),
        alt.Tooltip("members:Q", title=labels["members"]),
        alt.Tooltip("value:Q", title=title, format=".2f"),
    ]
    # An almost invisible full-height column per team, so a click anywhere above a team picks it,
    # even where its bar is a pixel high.
    columns = (
        alt.Chart(named(TEAMS))
        .mark_bar(color="#000000", opacity=0.01)
        .encode(x=x, y="bottom:Q", y2="top:Q", tooltip=tooltip)
    )
    bars = (
        alt.Chart(named(TEAMS))
        .mark_bar(color="#5c6bc0")
        .encode(
            x=x,
            y=alt.Y("value:Q", title=title, scale=alt.Scale(domain=[-0.6, 1])),
            opacity=alt.Opacity("opacity:Q", scale=None, legend=None),
            tooltip=tooltip,
        )
    )
    return template(alt.layer(columns, bars).properties(width=SIZE, height=150))


def clicked_team(datum: Any) -> int | None:
    """The team a click on either chart refers to (None for a click on empty space)."""
    if isinstance(datum, dict) and "team" in datum:
        try:
            return int(datum["team"])
        except (TypeError, ValueError):
            return None
    return None


def offered_team(datum: Any, teams: int) -> int | None:
    """The team a click refers to, if it is one of the ``teams`` drawn (a browser can send anything)."""
    team = clicked_team(datum)
    return team if team is not None and 0 <= team < teams else None
