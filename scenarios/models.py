"""The models orglearn can run, as far as their settings are concerned.

orglearn ships its own model of the learning organization and March's (1991) classic model of
exploration and exploitation. Each has its own parameter table, its own named scenarios and its
own checks across parameters; a scenario file says which model it is for
(``[scenario] model = "march1991"``; the default is ``orglearn``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from orglearn.scenarios.checks import Where, march_checks, organization_checks

DEFAULT_MODEL = "orglearn"


@dataclass(frozen=True)
class ModelSettings:
    """Where a model's settings live.

    Attributes:
        name: The model's name on the command line (``--model``) and in scenario files.
        folder: Its folder inside ``scenarios/`` ("" for orglearn's own model).
        default: The scenario used when none is named.
        checks: Finds combinations of values that do not fit together.
    """

    name: str
    folder: str
    default: str
    checks: Callable[[Mapping[str, Any], Where], list[str]]

    def path(self) -> Path:
        """The folder holding the model's parameter table and named scenarios."""
        return Path(str(resources.files("orglearn.scenarios"))) / self.folder


MODELS: dict[str, ModelSettings] = {
    "orglearn": ModelSettings("orglearn", "", "baseline", organization_checks),
    "march1991": ModelSettings("march1991", "march1991", "baseline", march_checks),
}


def model_settings(name: str) -> ModelSettings:
    """The settings of a model by name, or a clear error naming the models there are."""
    from orglearn.scenarios.scenario import ScenarioError

    if name not in MODELS:
        raise ScenarioError([f"model {name!r} is not one of {', '.join(MODELS)}"])
    return MODELS[name]
