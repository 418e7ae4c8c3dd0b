"""orglearn: an agent-based model of the learning organization.

Staff learn at three levels (rules, insights, principles) and learn to learn, in teams,
departments and units, on a network, under management that may or may not align their goals
into a shared vision. The model lives in :mod:`orglearn.simulation`, its people in
:mod:`orglearn.agents`, its settings in :mod:`orglearn.scenarios`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("orglearn")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
