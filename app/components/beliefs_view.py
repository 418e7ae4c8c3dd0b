"""March's (1991) organization on the Explore tab: everyone's beliefs against reality.

The matrix (:mod:`..beliefs`) redraws after every period, like the network of the learning
organization; above a few dozen individuals or dimensions the page says that a selection is drawn.
"""

from __future__ import annotations

import solara

from ..beliefs import MAX_DIMENSIONS, MAX_ROWS, STATUSES, beliefs_chart
from .common import Ui, Vega

WORDS = ("reality", "code", "individual", "learners", "dimension", "knowledge", "belief", "status", *STATUSES)


@solara.component
def BeliefsView(ui: Ui, tick: int) -> None:  # noqa: N802
    """The matrix of beliefs against reality, with each row's knowledge beside it.

    ``tick`` is the model's change counter: a new value redraws the matrix.
    """
    if ui.session.running.model != "march1991":
        return  # the session has just switched to another model; this view is on its way out
    labels = {word: ui.t(f"beliefs.{word}") for word in WORDS}

    def draw(model) -> tuple:
        chart, sampled = beliefs_chart(model.state, model.engine.original, labels)
        return chart, sampled, model.state.beliefs.shape

    chart, sampled, (people, dimensions) = ui.session.read(draw)  # never half a period
    with solara.Column(gap="4px", classes=["orglearn-beliefs"]):
        solara.Text(
            ui.t("explore.beliefs"), style={"font-size": "0.8em", "color": "#555", "max-width": "640px"}
        )
        if sampled:
            solara.Info(
                ui.t(
                    "explore.beliefs_sampled",
                    people=people,
                    dimensions=dimensions,
                    rows=MAX_ROWS,
                    columns=MAX_DIMENSIONS,
                ),
                dense=True,
            )
        Vega(chart, lang=ui.lang.value)
