"""Where a result came from: orglearn's version and commit, Python, the machine, the packages.

Every record orglearn writes (a run's, a sweep's and a cascade's ``metadata.json``, and a
benchmark's report) carries the same provenance, built here once, so that a result can be
traced to the code and the libraries that made it and two results can be told apart by them.
"""

from __future__ import annotations

import platform
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from orglearn import __version__

__all__ = ["PACKAGES", "git_commit", "packages", "provenance"]

PACKAGES = (
    "mesa",
    "numpy",
    "numba",
    "scipy",
    "pandas",
    "networkx",
    "pyarrow",
    "SALib",
    "dask",
    "distributed",
)
"""The libraries whose versions can change a result or its speed: the model's and the sweeps'."""


def git_commit() -> str | None:
    """The commit of the source tree orglearn runs from, if it is a git checkout."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (out.stdout.strip() or None) if out.returncode == 0 else None


def packages() -> dict[str, str]:
    """The installed version of each of :data:`PACKAGES` (those not installed are left out)."""
    found = {}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


def provenance() -> dict[str, Any]:
    """Orglearn's version and commit, Python's version, the platform and the packages' versions."""
    return {
        "orglearn_version": __version__,
        "git_commit": git_commit(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "packages": packages(),
    }
