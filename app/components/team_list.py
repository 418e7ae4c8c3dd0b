"""A legend of teams beside the charts: one click on a team highlights it everywhere.

Vega-Lite's own legend lists one entry per colour and cannot lay out 130 teams where a trainer on
a projector could click one, so the teams drawn as lines are listed here as numbered chips that
wrap under the charts, the highlighted one in the colour that rings its members in the network
and draws its line in the charts. A click does what a click on a team's line does (``ui.team``);
a click on the highlighted team shows everyone again. The browser can send any value for the
chips, so only a team the list offered (or none) is taken.
"""

from __future__ import annotations

from typing import Any

import reacton.ipyvuetify as rv
import solara

from ..inputs import InputError, offered
from .common import Ui

CHOSEN = "orglearn-team-chip-chosen"
"""The class of the highlighted team's chip (coloured by the page's style)."""


@solara.component
def TeamList(ui: Ui, teams: tuple[int, ...], chosen: int | None) -> None:  # noqa: N802
    """The teams drawn as lines, as chips to click; ``chosen`` is the highlighted team.

    Its arguments change only when the teams, the highlight or the language do, so a week's
    Step does not draw the list again.
    """
    options: list[int | None] = [*teams, None]

    def picked(value: Any) -> None:
        try:
            ui.team.value = offered(value, options)
        except InputError:
            return  # not a team the list offered: nothing changes

    with solara.Column(gap="2px", classes=["orglearn-team-list"]):
        solara.Text(ui.t("explore.team_list"), style={"font-size": "0.8em", "color": "#555"})
        rv.ChipGroup(
            v_model=chosen,
            on_v_model=picked,
            column=True,
            active_class=CHOSEN,
            children=[
                rv.Chip(children=[str(team)], value=team, small=True, class_="orglearn-team-chip")
                for team in teams
            ],
        )
