"""The model: the organization's state, the mechanisms of a week, the engine and the metrics."""

from orglearn.simulation.engine import Engine
from orglearn.simulation.model import LearningOrganization

__all__ = ["Engine", "LearningOrganization"]
