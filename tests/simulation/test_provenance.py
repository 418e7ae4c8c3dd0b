"""Every record carries one provenance (orglearn.simulation.provenance)."""

from __future__ import annotations

import json
import sys
from importlib.metadata import version

from orglearn import __version__
from orglearn.cli import main
from orglearn.simulation.provenance import PACKAGES, packages, provenance


def test_provenance_names_the_code_python_and_every_installed_package():
    made = provenance()
    assert made["orglearn_version"] == __version__
    assert made["python"] == sys.version.split()[0]
    assert made["packages"]["numpy"] == version("numpy")
    assert set(made["packages"]) <= set(PACKAGES)
    assert {"mesa", "numpy", "numba", "pandas", "networkx"} <= set(packages())


def test_a_run_and_a_sweep_record_the_same_provenance(tmp_path):
    assert (
        main(["run", "--scenario", "school", "--steps", "2", "--seed", "1", "--out", str(tmp_path / "run")])
        == 0
    )
    assert main([
        "sweep", "--scenario", "school", "--vary", "network.voice=0.2,0.8", "--steps", "2", "--seed", "1",
        "--replications", "1", "--workers", "1", "--out", str(tmp_path / "sweep"),
    ]) == 0  # fmt: skip
    made = provenance()
    for folder in ("run", "sweep"):
        meta = json.loads((tmp_path / folder / "metadata.json").read_text())
        assert {key: meta[key] for key in made} == made, folder
