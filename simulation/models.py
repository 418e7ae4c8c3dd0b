"""The models orglearn runs, by name: the learning organization and March (1991).

Everything that takes a model (``orglearn run --model``, sweeps, the browser) builds it here from
a scenario, which says which model it is for. Each model is a Mesa model with ``step()``,
``week``, ``running``, ``metrics()``, ``snapshot()``, ``ties_frame()`` and ``SUMMARY``.
"""

from __future__ import annotations

from typing import Any

import mesa

from orglearn.scenarios import Scenario
from orglearn.simulation.march1991.model import March1991
from orglearn.simulation.model import EngineKind, LearningOrganization

MODEL_CLASSES: dict[str, type[mesa.Model]] = {
    "orglearn": LearningOrganization,
    "march1991": March1991,
}


def build_model(scenario: Scenario, seed: int, engine: EngineKind = "fast") -> Any:
    """Build the Mesa model a scenario is for.

    Args:
        scenario: A validated scenario; its ``model`` names the model.
        seed: The seed of all randomness.
        engine: ``"readable"`` runs the learning organization person by person; March's model has
            only its array engine.

    Returns:
        The model, at step 0, with step 0 recorded.
    """
    if scenario.model == "orglearn":
        return LearningOrganization(scenario, seed=seed, engine=engine)
    if engine != "fast":
        raise ValueError(f"the readable engine exists for the orglearn model only, not {scenario.model}")
    return MODEL_CLASSES[scenario.model](scenario, seed=seed)
