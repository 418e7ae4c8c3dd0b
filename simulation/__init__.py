"""The model: the organization's state, the mechanisms of a week, the engine and the metrics."""

# Mesa first: while its classes are defined, its logging walks the call stack and looks up the
# module of every frame, a cost that grows with the modules already loaded (0.15-0.2 s of a
# 2 s `orglearn run` when numba, scipy and the engine come before it).
import mesa  # noqa: F401  # isort: skip

from orglearn import check_import_name
from orglearn.simulation.engine import Engine
from orglearn.simulation.model import LearningOrganization

check_import_name(__name__, "orglearn.simulation")

__all__ = ["Engine", "LearningOrganization"]
