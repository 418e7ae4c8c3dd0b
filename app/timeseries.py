"""The charts of a run on screen: interactive Vega-Lite charts, drawn in the page.

They draw the same :class:`~.charts.ChartSpec` as the export pack's PNG files (matplotlib,
:mod:`.charts`): the same series under the same titles and names from the string files, the same
y range and the same chance line, so what the class saw and what a trainer downloads agree. The
browser draws them, so a week on screen costs building a small spec here, not a matplotlib
figure (about a third of a second).

Hovering a chart shows the week and every series' value there, written as the page's language
writes numbers (the tooltip and the axes follow the ``formatLocale`` the page is given). The
legend sits below the chart, never over its lines. At week 0 the one point is drawn as a dot on
an axis from 0 to 1, not a line of no length on an axis from -0.04 to 0.04.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from .charts import CHANCE_COLOUR, COLOURS, MARK_COLOUR, ChartSpec, Marks
from .text import t
from .vega import filled, named, template

WIDTH = 380
HEIGHT = 130
DIGITS = 3
"""Decimals sent to the page: the tooltip shows two, and the spec stays small at 5,000 weeks."""
DATA = "run"
"""The name under which a chart finds the run's data."""
TEAMS = "teams"
"""The name of the table of each team's values (step, team, value, selected), when drawn."""
TEAM_COLOUR = "#b0bec5"
HIGHLIGHT_COLOUR = "#d81b60"
"""The highlighted team's line: the colour that rings its members in the network."""
EXTENT = "extent"
"""The name of the table that sets the x axis: week 0 and the last week (at least 1)."""


def records(frame: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """The week and the given columns of the recorded table, rounded, one dict per week.

    A missing value (NaN, a team of one has no pairs) goes as null, which JSON knows. A table
    of one week flags its row as ``dot``, for the chart to draw it as dots.
    """
    steps = frame["step"].to_numpy()
    values = [frame[column].to_numpy(dtype=float).round(DIGITS) for column in columns]
    rows = []
    for index, step in enumerate(steps.tolist()):
        row: dict[str, Any] = {"step": step}
        for column, series in zip(columns, values, strict=True):
            value = float(series[index])
            row[column] = None if math.isnan(value) else value
        rows.append(row)
    if len(rows) == 1:
        rows[0]["dot"] = True
    return rows


def _label_expression(names: dict[str, str]) -> str:
    """A Vega expression naming a series by its column (the legend shows names, the data columns)."""
    return f"{json.dumps(names, ensure_ascii=False)}[datum.label]"


def _x(unit_label: str) -> alt.X:
    return alt.X(
        "step:Q",
        title=unit_label,
        scale=alt.Scale(nice=False, zero=True),
        axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=9, titleFontSize=9),
    )


def _y(spec: ChartSpec, lowest: float | None = None) -> alt.Y:
    if spec.ylim is None:
        scale = alt.Scale(domainMin=0, nice=True)
        axis = alt.Axis(format="d", tickMinStep=1, labelFontSize=9, title=None)
    else:
        bottom = spec.ylim[0] if lowest is None else min(spec.ylim[0], lowest)
        scale = alt.Scale(domain=[bottom, spec.ylim[1]], nice=False)
        axis = alt.Axis(format=".1f", labelFontSize=9, title=None)
    return alt.Y("value:Q", scale=scale, axis=axis)


def run_chart(
    spec: ChartSpec,
    lang: str,
    unit: str = "week",
    marks: Marks = (),
    teams: bool = False,
    lowest: float | None = None,
) -> alt.LayerChart:
    """One chart of one run: a line per series, a tooltip per week, the chance level and the marks.

    The chart reads the run from the table named :data:`DATA` (``step`` and the spec's
    columns, as :func:`records` writes them) and its x axis's extent from :data:`EXTENT`, so
    the same spec serves every week and the page only swaps its data.

    Args:
        spec: What to draw.
        lang: The page's language (titles, series names, the axis label).
        unit: ``week`` or ``period``, for the x axis and the tooltip.
        marks: Interventions to mark, as (week, label in the page's language).
        teams: Whether to draw a thin line per team under the series (from the table
            :data:`TEAMS`), the highlighted team's bold; only for a spec with ``per_team``.
        lowest: Where the y axis starts if that is below the spec's range (:func:`bottom`), so
            that no team's line is cut off; None keeps the spec's range (the series' own
            values stay within it, as in the export pack's pictures, which have no team lines).

    Returns:
        The layered chart; its hover selection is named after the chart's key.
    """
    unit_label = t(lang, f"chart.{unit}")
    names = {column: t(lang, f"series.{column}") for column in spec.columns}
    x, y = _x(unit_label), _y(spec, lowest)
    colour = alt.Color(
        "key:N",
        scale=alt.Scale(domain=list(spec.columns), range=list(COLOURS[: len(spec.columns)])),
        legend=alt.Legend(
            orient="bottom",
            title=None,
            columns=2,
            labelExpr=_label_expression(names),
            labelFontSize=9,
            labelLimit=WIDTH // 2 - 24,
        ),
    )
    base = alt.Chart(named(DATA))
    folded = base.transform_fold(list(spec.columns), as_=["key", "value"])
    lines = folded.mark_line(strokeWidth=1.6, clip=True).encode(x=x, y=y, color=colour)
    extent = alt.Chart(named(EXTENT)).mark_point(opacity=0).encode(x=x)
    layers: list[Any] = [extent]
    picker = None
    chosen = None
    if teams and spec.per_team:
        others, chosen, picker = _team_layers(x, y, lang, spec.key)
        layers.append(others)
    layers.append(lines)
    if chosen is not None:  # over the series, or a team close to the mean would be hidden under it
        layers.append(chosen)
    # A run of one week is drawn as dots, since a line needs two (:func:`records` flags it); not
    # clipped, or the dots on the y axis would show only their right halves.
    dots = folded.transform_filter("datum.dot").mark_point(filled=True, size=40)
    layers.append(dots.encode(x=x, y=y, color=colour))
    if spec.chance is not None:
        chance = pd.DataFrame({"value": [spec.chance], "label": [t(lang, "chart.chance")]})
        rule = alt.Chart(chance).mark_rule(color=CHANCE_COLOUR, strokeDash=[4, 3], strokeWidth=1)
        layers.append(rule.encode(y=alt.Y("value:Q")))
        text = alt.Chart(chance).mark_text(align="right", baseline="bottom", dx=-2, fontSize=8)
        layers.append(
            text.encode(y="value:Q", x=alt.value(WIDTH), text="label:N", color=alt.value("#757575"))
        )
    if marks:
        shown = pd.DataFrame(
            {
                "step": [week for week, _ in marks],
                "label": [label for _, label in marks],
                "row": [9 + 10 * (number % 3) for number in range(len(marks))],
            }
        )
        mark_x = alt.X("step:Q")
        layers.append(
            alt.Chart(shown).mark_rule(color=MARK_COLOUR, strokeDash=[2, 2], strokeWidth=1.3).encode(x=mark_x)
        )
        layers.append(
            alt.Chart(shown)
            .mark_text(align="left", dx=3, fontSize=8, color=MARK_COLOUR, clip=True)
            .encode(x=mark_x, y=alt.Y("row:Q", scale=None), text="label:N")
        )
    if picker is not None:  # the nearest team answers a hover or a click, not the week's values
        layers.append(picker)
    else:
        hover = alt.selection_point(
            name=f"hover_{spec.key}",
            nearest=True,
            on="mouseover",
            fields=["step"],
            empty=False,
            clear="mouseout",
        )
        tooltip = [alt.Tooltip("step:Q", title=unit_label, format="d")]
        tooltip += [alt.Tooltip(f"{c}:Q", title=names[c], format=".2f") for c in spec.columns]
        layers.append(
            base.mark_rule(color="#616161", strokeWidth=1)
            .encode(x=x, opacity=alt.condition(hover, alt.value(0.6), alt.value(0)), tooltip=tooltip)
            .add_params(hover)
        )
    return alt.layer(*layers).properties(
        width=WIDTH, height=HEIGHT, title=alt.Title(t(lang, f"chart.{spec.key}"), fontSize=11)
    )


def _team_layers(x: alt.X, y: alt.Y, lang: str, key: str) -> tuple[Any, Any, Any]:
    """A thin grey line per team, the highlighted team's bold, and the layer that picks a team.

    The picking layer (invisible points, the nearest one answering) takes the place of the
    week's hover layer (two such layers cannot share a chart: the first takes every hover):
    hovering names the nearest team ("Team 3", as the network names it) with its week and its
    value (written as the page's language writes numbers), and a click reports that team.

    Returns:
        The teams' lines (drawn under the series), the highlighted team's line (drawn over
        them) and the picking layer (drawn on top).
    """
    # Named as the page names a team ("Team 3"), as the tooltip's heading (the field "title").
    tooltip = [
        alt.Tooltip("name:N", title="title"),
        alt.Tooltip("step:Q", title=t(lang, "chart.week"), format="d"),
        alt.Tooltip("value:Q", title=t(lang, "network.value"), format=".2f"),
    ]
    base = alt.Chart(named(TEAMS))
    others = base.transform_filter("!datum.selected").mark_line(
        color=TEAM_COLOUR, strokeWidth=1.2, opacity=0.8, clip=True
    )
    # Dashed, so that it cannot be taken for the organization's (red) line beside it.
    chosen = base.transform_filter("datum.selected").mark_line(
        color=HIGHLIGHT_COLOUR, strokeWidth=2.6, strokeDash=[6, 3], clip=True
    )
    near = alt.selection_point(
        name=f"team_{key}", nearest=True, on="mouseover", fields=["team"], empty=False, clear="mouseout"
    )
    picker = (
        base.transform_calculate(name=_team_name(lang))
        .mark_point(filled=True, size=30, clip=True)
        .encode(
            x=x,
            y=y,
            opacity=alt.condition(near, alt.value(0.9), alt.value(0)),
            color=alt.value(HIGHLIGHT_COLOUR),
            tooltip=tooltip,
        )
        .add_params(near)
    )
    return others.encode(x=x, y=y, detail="team:N"), chosen.encode(x=x, y=y, detail="team:N"), picker


def _team_name(lang: str) -> str:
    """A Vega expression naming a row's team in the page's words (``chart.team_name``)."""
    before, _, after = t(lang, "chart.team_name", team="{team}").partition("{team}")
    return f"{json.dumps(before, ensure_ascii=False)} + datum.team + {json.dumps(after, ensure_ascii=False)}"


@lru_cache(maxsize=64)
def _template(
    spec: ChartSpec,
    lang: str,
    unit: str,
    marks: tuple[tuple[int, str], ...],
    teams: bool = False,
    lowest: float | None = None,
) -> str:
    """A chart's spec without its data, as JSON text (Altair builds it once, not every week)."""
    return template(run_chart(spec, lang, unit, marks, teams, lowest))


def bottom(spec: ChartSpec, values: Iterable[float | None]) -> float | None:
    """Where a chart's y axis must start to show every value, if below its range; else None.

    A team's shared meaning can fall below the range that suits the organization's means (a
    small team whose members disagree more than chance would have them). The axis then starts
    at the next tenth below the lowest value, so it moves in steps of 0.1 rather than every week
    (each step redraws the chart), and returns to the spec's range after a reset.
    """
    if spec.ylim is None:
        return None
    found = [value for value in values if value is not None and not math.isnan(value)]
    if not found or min(found) >= spec.ylim[0]:
        return None
    return math.floor(round(min(found) * 10, 9)) / 10


def chart_spec(
    frame: pd.DataFrame,
    spec: ChartSpec,
    lang: str,
    unit: str = "week",
    marks: Marks = (),
    teams: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One chart of a run as the page's chart library reads it, filled with the run's data.

    Args:
        frame: The recorded table of the run (``metrics()`` of either model), week 0 to now.
        spec: What to draw.
        lang: The page's language.
        unit: ``week`` or ``period``.
        marks: Interventions to mark, as (week, label).
        teams: Each team's values of the spec's ``per_team`` series (:mod:`.team_lines`),
            to draw a line per team; None for none.

    Returns:
        A Vega-Lite spec; the chart comes from a cache, only its tables are new each week.
    """
    last = int(frame["step"].iloc[-1]) if len(frame) else 0
    extent = [{"step": 0}, {"step": max(1, last)}]
    tables = {DATA: records(frame, spec.columns), EXTENT: extent}
    drawn = teams is not None and spec.per_team is not None
    lowest = None
    if drawn:
        tables[TEAMS] = teams or []
        lowest = bottom(spec, (row["value"] for row in tables[TEAMS]))
    return filled(_template(spec, lang, unit, tuple(marks), drawn, lowest), tables)
