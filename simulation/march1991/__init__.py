"""March's (1991) model of exploration and exploitation in organizational learning.

The classic demonstration that slow learners help an organization learn: individuals learn from
an organizational code, the code learns from individuals who do better than it, and the speed of
each sets how much the organization comes to know. See :mod:`.engine` for the rules.
"""

from orglearn.simulation.march1991.engine import MarchEngine
from orglearn.simulation.march1991.model import March1991

__all__ = ["March1991", "MarchEngine"]
