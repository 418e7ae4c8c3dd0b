"""The app's view of a model: the little that differs between the models on screen.

The app runs any model in :data:`orglearn.registry.MODELS` (the learning organization, March's
(1991) model of exploration and exploitation, and any registered since). Controls come from each
model's parameter table and scenarios from its folder; what differs on screen comes from the
model's description: which scenario a session starts with, the unit of time, the metrics the
model records (for lessons and chart labels), its rules in plain sentences (for HOW IT WORKS), and
which charts show a run. A scenario's ``model`` decides which applies; nothing looks at a
scenario's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from orglearn.registry import describe_model

from .charts import ChartSpec


@dataclass(frozen=True)
class AppModel:
    """What the app needs to know about one model (read from its description).

    Attributes:
        name: The model's name (``Scenario.model``).
        start: The named scenario a session starts with.
        unit: Its unit of time (``week`` or ``period``), a key of the string files' ``chart`` section.
        charts: The charts of a run.
        metrics: Returns the columns its ``metrics()`` table records, with their descriptions.
        rules: Returns its rules in plain sentences, per language, in the order they run.
    """

    name: str
    start: str
    unit: str
    charts: tuple[ChartSpec, ...]
    metrics: Callable[[], Mapping[str, str]]
    rules: Callable[[], Mapping[str, Mapping[str, Any]]]


def app_model(name: str | None) -> AppModel:
    """The app's view of a model (the learning organization's for None)."""
    described = describe_model(name)
    return AppModel(
        described.name,
        described.start,
        described.unit,
        described.charts(),
        described.metrics,
        described.rules,
    )


def latest(model: Any) -> Mapping[str, float]:
    """The last recorded row of a running model, by column.

    The learning organization keeps its rows in a recorder, which answers without building a
    table; March's model builds its small table.
    """
    recorder = getattr(model, "recorder", None)
    if recorder is not None:
        return recorder.latest()
    return model.metrics().iloc[-1].to_dict()
