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

__all__ = ["__version__", "check_import_name"]


def check_import_name(name: str, expected: str) -> None:
    """Refuse a package of orglearn imported under its folder's bare name.

    From the repository's root, ``import simulation`` would find the folder ``simulation/`` and
    load a second copy of ``orglearn.simulation``, whose classes are not the package's (so an
    ``isinstance`` check fails for no visible reason). Each package calls this first thing.

    Raises:
        ImportError: Naming the import to write instead.
    """
    if name != expected:
        raise ImportError(f"import {expected}, not {name}: the folder is the package {expected}")
