"""The models the app shows, and the little that differs between them on screen.

The app runs any model orglearn ships (:data:`orglearn.simulation.models.MODEL_CLASSES`): the
learning organization and March's (1991) model of exploration and exploitation. Controls come
from each model's parameter table and scenarios from its folder; what differs on screen is
collected here: which scenario a session starts with, the unit of time, the metrics the model
records (for lessons and chart labels), its rules in plain sentences (for HOW IT WORKS), and
which charts show a run. A scenario's ``model`` decides which entry applies; nothing looks at a
scenario's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from orglearn.scenarios.models import DEFAULT_MODEL

from .charts import CHARTS, MARCH_CHARTS, ChartSpec


@dataclass(frozen=True)
class AppModel:
    """What the app needs to know about one model.

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


def _organization_metrics() -> Mapping[str, str]:
    from orglearn.simulation.metrics import COLUMNS

    return COLUMNS


def _organization_rules() -> Mapping[str, Mapping[str, Any]]:
    from orglearn.simulation.mechanisms import rule_sentences

    return rule_sentences()


def _march_metrics() -> Mapping[str, str]:
    from orglearn.simulation.march1991.metrics import COLUMNS

    return COLUMNS


def _march_rules() -> Mapping[str, Mapping[str, Any]]:
    from orglearn.simulation.march1991.rules import rule_sentences

    return rule_sentences()


APP_MODELS: dict[str, AppModel] = {
    "orglearn": AppModel("orglearn", "school", "week", CHARTS, _organization_metrics, _organization_rules),
    "march1991": AppModel("march1991", "baseline", "period", MARCH_CHARTS, _march_metrics, _march_rules),
}


def app_model(name: str | None) -> AppModel:
    """The app's entry for a model (the learning organization's for None)."""
    return APP_MODELS[name or DEFAULT_MODEL]


def latest(model: Any) -> Mapping[str, float]:
    """The last recorded row of a running model, by column.

    The learning organization keeps its rows in a recorder, which answers without building a
    table; March's model builds its small table.
    """
    recorder = getattr(model, "recorder", None)
    if recorder is not None:
        return recorder.latest()
    return model.metrics().iloc[-1].to_dict()
