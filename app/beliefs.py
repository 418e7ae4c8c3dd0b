"""How March's (1991) organization is drawn: everyone's beliefs against reality, as a matrix.

Each row is a belief vector: reality itself on top, then the organization's code, then the
individuals; each column a dimension of reality. A cell is green where the belief matches
reality, red where it contradicts it and grey where it holds no view (0), so the code filling up
with green, and the individuals turning into copies of the code, right or wrong, is there to
see. Next to the matrix a bar per row gives its knowledge, coloured by how fast that individual
learns from the code (p1), so slow and fast learners can be told apart.

Above :data:`MAX_ROWS` individuals or :data:`MAX_DIMENSIONS` dimensions an evenly spaced
selection is drawn (the page says so); everything is computed from the model's arrays, by the
same knowledge function the metrics use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from orglearn.simulation.march1991.engine import MarchState
from orglearn.simulation.march1991.metrics import knowledge

MAX_ROWS = 60
"""At most this many individuals are drawn."""
MAX_DIMENSIONS = 60
"""At most this many dimensions are drawn."""
STATUSES = ("agrees", "none", "disagrees", "plus", "minus")
COLOURS = ("#43a047", "#e0e0e0", "#e53935", "#263238", "#b0bec5")
CELL = 9
"""Pixels per cell."""


@dataclass(frozen=True)
class Selection:
    """Which individuals (rows of the arrays) and dimensions are drawn, and whether that is all."""

    rows: np.ndarray
    dimensions: np.ndarray
    sampled: bool


def _spread(count: int, limit: int) -> np.ndarray:
    """All of ``range(count)``, or ``limit`` evenly spaced members of it."""
    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(int))


def select(state: MarchState) -> Selection:
    """The individuals and dimensions to draw."""
    n, m = state.beliefs.shape
    return Selection(_spread(n, MAX_ROWS), _spread(m, MAX_DIMENSIONS), n > MAX_ROWS or m > MAX_DIMENSIONS)


def row_names(labels: Mapping[str, str], selection: Selection) -> list[str]:
    """The drawn rows from the top: reality, the code, then the individuals by number."""
    return [labels["reality"], labels["code"], *(f"{labels['individual']} {i + 1}" for i in selection.rows)]


def belief_frame(state: MarchState, labels: Mapping[str, str], selection: Selection) -> pd.DataFrame:
    """One row per drawn cell: its row name, dimension, belief and status (see :data:`STATUSES`)."""
    dims = selection.dimensions
    reality = state.reality[dims]
    matrix = np.vstack([reality, state.code[dims], state.beliefs[np.ix_(selection.rows, dims)]])
    status = np.where(matrix == 0, 1, np.where(matrix == reality, 0, 2))
    status[0] = np.where(reality > 0, 3, 4)
    rows, columns = np.indices(matrix.shape)
    return pd.DataFrame(
        {
            "row": np.asarray(row_names(labels, selection), dtype=object)[rows.ravel()],
            "dimension": dims[columns.ravel()] + 1,
            "status": np.asarray([labels[s] for s in STATUSES], dtype=object)[status.ravel()],
            "belief": matrix.ravel(),
        }
    )


def knowledge_frame(
    state: MarchState, original: bool, labels: Mapping[str, str], selection: Selection
) -> pd.DataFrame:
    """One row per drawn belief vector but reality: its knowledge, and for individuals their p1."""
    rows = selection.rows
    code = float(knowledge(state.code, state.reality, original))
    people = np.asarray(knowledge(state.beliefs[rows], state.reality, original), dtype=float)
    kinds = [f"{labels['learners']} (p1 = {rate:g})" for rate in state.p1[rows]]
    return pd.DataFrame(
        {
            "row": row_names(labels, selection)[1:],
            "knowledge": np.round(np.concatenate([[code], people]), 3),
            "p1": np.concatenate([[np.nan], state.p1[rows]]),
            "kind": [labels["code"], *kinds],
        }
    )


def beliefs_chart(
    state: MarchState, original: bool, labels: Mapping[str, str]
) -> tuple[alt.HConcatChart, bool]:
    """The matrix of beliefs against reality and the knowledge bars, side by side.

    Args:
        state: March's organization.
        original: Whether the model runs March's own program (knowledge as (correct - wrong) / m).
        labels: Display words: ``reality``, ``code``, ``individual``, ``learners``, ``dimension``,
            ``knowledge``, ``belief``, ``status``, and one per status of :data:`STATUSES`.

    Returns:
        The chart, and whether only a selection of individuals or dimensions is drawn.
    """
    selection = select(state)
    names = row_names(labels, selection)
    height = CELL * len(names)
    y = alt.Y("row:N", title=None, scale=alt.Scale(domain=names), axis=alt.Axis(labelFontSize=8))
    dimension = alt.X(
        "dimension:O",
        title=labels["dimension"],
        axis=alt.Axis(labelFontSize=7, labelAngle=0, labelOverlap=True),
    )
    status = alt.Color(
        "status:N",
        title=labels["status"],
        scale=alt.Scale(domain=[labels[s] for s in STATUSES], range=list(COLOURS)),
        legend=alt.Legend(orient="bottom", columns=3),
    )
    matrix = (
        alt.Chart(belief_frame(state, labels, selection))
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=dimension,
            y=y,
            color=status,
            tooltip=[
                alt.Tooltip("row:N", title=" "),
                alt.Tooltip("dimension:O", title=labels["dimension"]),
                alt.Tooltip("belief:Q", title=labels["belief"]),
            ],
        )
        .properties(width=CELL * len(selection.dimensions), height=height)
    )
    bars = (
        alt.Chart(knowledge_frame(state, original, labels, selection))
        .mark_bar()
        .encode(
            x=alt.X("knowledge:Q", title=labels["knowledge"], scale=alt.Scale(domain=[-1, 1])),
            y=alt.Y("row:N", scale=alt.Scale(domain=names), axis=None),
            color=alt.Color(
                "kind:N", title=None, scale=alt.Scale(scheme="set2"), legend=alt.Legend(orient="bottom")
            ),
            tooltip=[
                alt.Tooltip("row:N", title=" "),
                alt.Tooltip("knowledge:Q", title=labels["knowledge"], format=".2f"),
                alt.Tooltip("p1:Q", title="p1", format=".2f"),
            ],
        )
        .properties(width=120, height=height)
    )
    chart = alt.hconcat(matrix, bars, spacing=6).resolve_scale(color="independent")
    return chart.configure_view(stroke=None), selection.sampled
