"""Vega-Lite specs built once and filled with new data every week.

Altair takes a tenth of a second or more to build a layered chart and turn it into a spec, and
a chart of the app looks the same week after week: only its data change. So a chart is built
once without data, reading its tables by name (:func:`named`); :func:`template` keeps that spec
as text, and :func:`filled` adds the week's tables to a copy. The page then gets a new spec
for the price of its data.
"""

from __future__ import annotations

import json
import math
from typing import Any

import altair as alt
import pandas as pd


def named(name: str) -> alt.Data:
    """A table the chart finds by name in the spec's ``datasets`` (filled in by :func:`filled`)."""
    return alt.Data(name=name)


def template(chart: alt.TopLevelMixin) -> str:
    """A chart's spec as JSON text, without Altair's re-validation of its own output."""
    return json.dumps(chart.to_dict(validate=False))


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table as JSON rows; a missing number (NaN) goes as null, which JSON knows."""
    rows = frame.to_dict("records")
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
    return rows


def filled(spec: str, datasets: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A fresh copy of a :func:`template` with the named tables in its ``datasets``."""
    chart = json.loads(spec)
    chart.setdefault("datasets", {}).update(datasets)
    return chart
