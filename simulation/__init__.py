"""The model: the organization's state, the mechanisms of a week, the engine and the metrics."""

from orglearn import check_import_name
from orglearn.simulation.engine import Engine
from orglearn.simulation.model import LearningOrganization

check_import_name(__name__, "orglearn.simulation")

__all__ = ["Engine", "LearningOrganization"]
