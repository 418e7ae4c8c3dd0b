"""The run's charts on the Explore tab, with a line per team on demand.

The charts (:mod:`..timeseries`) redraw when ``ui.charts`` says so; the highlighted team
(``ui.team``) is drawn bold in them, as its members are ringed in the network. The session
keeps each team's values week by week from week 0 (:mod:`..team_lines`); with "A line per team"
on, the team-level charts draw one thin line per team, and a click on a team's line highlights
that team everywhere, as does a click on it in the list of teams under the charts
(:mod:`.team_list`). The team a click names is used only if it is one the charts drew.
"""

from __future__ import annotations

from typing import Any

import solara

from ..model_view import app_model
from ..portrayal import offered_team
from ..schedule import marks
from ..session import InputError
from ..timeseries import chart_spec
from .common import InterventionMarks, Ui, VegaSpec
from .team_list import TeamList


def chart_specs(
    ui: Ui, team: int | None
) -> tuple[list[dict], int, int, list[tuple[int, str]], tuple[int, ...] | None]:
    """The charts of the run so far as Vega-Lite specs, with the last week, the rows and the marks.

    The table (and each team's values, if kept) is copied under the session's lock (the run
    loop appends between weeks); the specs are filled outside it, so the loop runs on meanwhile.
    Every intervention the run has reached is marked by a line with its label.

    Returns:
        The specs, the last week, the rows, the marks, and the teams drawn as lines (or None).
    """

    def look(model: Any) -> tuple:
        history = ui.session.shown_teams()
        shown = app_model(ui.session.running.model)
        if history is None:
            return model.metrics(), ui.session.running, None, None
        rows = {s.per_team: history.rows(s.per_team, team) for s in shown.charts if s.per_team}
        return model.metrics(), ui.session.running, rows, tuple(history.teams.tolist())

    frame, running, teams, drawn = ui.session.read(look)
    shown = app_model(running.model)
    last = int(frame["step"].iloc[-1])
    lines = marks(running, ui.lang.value, last)
    specs = [
        chart_spec(
            frame,
            spec,
            ui.lang.value,
            shown.unit,
            lines,
            teams.get(spec.per_team) if teams is not None and spec.per_team else None,
        )
        for spec in shown.charts
    ]
    return specs, last, len(frame), lines, drawn


@solara.component
def TeamLinesToggle(ui: Ui) -> None:  # noqa: N802
    """The switch for a line per team (the learning organization only: March's model has no teams)."""
    if ui.session.running.model != "orglearn":
        return

    def switched(value: Any) -> None:
        try:
            ui.session.show_teams(value)  # anything but True or False is refused there
        except InputError:
            return
        ui.model_changed()

    with solara.Div(classes=["orglearn-team-lines"]):
        solara.Checkbox(label=ui.t("explore.team_lines"), value=ui.session.team_lines, on_value=switched)


@solara.component
def RunCharts(ui: Ui) -> None:  # noqa: N802
    """The time-series charts of the run so far, from the model's recorder, drawn in the page.

    They read the charts' change counter (``ui.charts``): a new value redraws them (while a run plays only
    every few seconds). They sit side by side as far as the window allows, the first beside
    the network.
    """
    charts, lang, team = ui.charts.value, ui.lang.value, ui.team.value
    specs, week, rows, lines, drawn = solara.use_memo(lambda: chart_specs(ui, team), [charts, lang, team])
    teams = ui.session.read(lambda m: m.state.chart.n_teams if hasattr(m.state, "chart") else 0)

    def picked(datum: Any) -> None:
        chosen = offered_team(datum, teams)
        if chosen is not None:  # a click on a team's line; elsewhere in a chart changes nothing
            ui.team.value = chosen

    with solara.Column(classes=["orglearn-charts"], style={"flex": "1 1 420px", "min-width": "0"}):
        with solara.Row(gap="8px", style={"flex-wrap": "wrap"}):
            for spec in specs:
                with solara.Div(classes=["orglearn-chart"]):
                    VegaSpec(spec, on_click=picked if drawn is not None else None, lang=lang)
        TeamLinesToggle(ui)
        if drawn is not None:
            solara.Text(
                ui.t("explore.team_lines_help"),
                style={"font-size": "0.8em", "color": "#555"},
                classes=["orglearn-team-lines-help"],
            )
            TeamList(ui, drawn, team)
        unit = app_model(ui.session.running.model).unit
        solara.Text(
            ui.t(f"explore.charts_{unit}", week=week, rows=rows),
            style={"font-size": "0.8em", "color": "#555"},
            classes=["orglearn-charts-week"],
        )
        InterventionMarks(ui, lines)
