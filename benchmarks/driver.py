"""One side of a comparison between two checkouts: a process that times one tree's engine on request.

``orglearn bench --baseline OTHER_CHECKOUT`` (see :mod:`.baseline`) starts this script twice with
the same Python: once with ``--tree OTHER_CHECKOUT``, which imports ``orglearn`` from that folder
instead of the installed package, and once without, which imports the installed one. Both sides
are then timed the same way, in subprocesses, so neither has an advantage, and the parent can
interleave them week block by week block.

It runs as a script, never imported from the package, so it depends only on what every version
of orglearn offers: ``load_scenario(name, overrides)``, ``Engine(scenario, rng)`` with
``.step()``, ``Recorder(engine.values).record(engine.state)`` and ``LearningOrganization(scenario,
seed=...)``, and ``parameter_table()`` for the parameters it knows. Where the other tree differs,
the reply names what failed.

Protocol: one JSON object per line on stdin, one reply per line on stdout; the first line
written is ``{"ready": true, ...}`` or ``{"error": ...}``. Commands: ``{"op": "parameters"}``
(replies ``{"parameters": [...]}``), ``{"op": "build", "scenario", "settings", "forms",
"seed"}``, ``{"op": "run", "form", "weeks"}`` (replies ``{"wall", "cpu"}`` seconds) and
``{"op": "quit"}``. Anything the model prints goes to stderr.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO


class TreeFinder:
    """Imports ``orglearn`` and its subpackages from a source tree, as its editable install would."""

    def __init__(self, mapping: dict[str, Path]) -> None:
        self.mapping = mapping

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> Any:
        """A spec for a package the tree maps to a folder; other names are found through their parent."""
        folder = self.mapping.get(fullname)
        if folder is None or not (folder / "__init__.py").exists():
            return None
        return importlib.util.spec_from_file_location(
            fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )


def package_folders(tree: Path) -> dict[str, Path]:
    """Package name to folder, from the tree's ``pyproject.toml`` or its usual layouts.

    Raises:
        SystemExit: If the tree holds no ``orglearn`` package.
    """
    mapping: dict[str, Path] = {}
    pyproject = tree / "pyproject.toml"
    if pyproject.exists():
        config = tomllib.loads(pyproject.read_text("utf-8"))
        folders = config.get("tool", {}).get("setuptools", {}).get("package-dir", {})
        mapping = {name: tree / folder for name, folder in folders.items() if name.startswith("orglearn")}
    for layout in (tree / "src" / "orglearn", tree / "orglearn"):
        if "orglearn" not in mapping and (layout / "__init__.py").exists():
            mapping["orglearn"] = layout
    if "orglearn" not in mapping:
        raise SystemExit(f"no orglearn package in {tree} (no pyproject.toml package-dir, src/ or orglearn/)")
    return mapping


def use_tree(tree: Path) -> None:
    """Make ``import orglearn`` load from ``tree``, and never fall back to the installed package."""
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if not str(getattr(finder, "__module__", "")).startswith("__editable__")
    ]
    sys.meta_path.insert(0, TreeFinder(package_folders(tree)))
    for name in [name for name in sys.modules if name == "orglearn" or name.startswith("orglearn.")]:
        del sys.modules[name]


class Side:
    """The models of one tree, built and run on request."""

    def __init__(self) -> None:
        import numpy as np

        from orglearn.scenarios import load_scenario
        from orglearn.simulation import Engine

        self.np, self.load_scenario, self.Engine = np, load_scenario, Engine
        self.weeks: dict[str, Callable[[], object]] = {}

    def parameters(self) -> list[str] | None:
        """The parameters this tree's model knows (an older tree may lack newer mechanisms').

        None for a tree that cannot list them: its settings are then passed as they are.
        """
        try:
            from orglearn.scenarios import parameter_table
        except ImportError:
            return None
        return sorted(parameter_table())

    def build(self, scenario: str, settings: dict[str, Any], forms: list[str], seed: int) -> dict:
        """Build each form from the same scenario and seed; report the build times and the ties."""
        self.weeks.clear()
        try:
            setup = self.load_scenario(scenario, settings)
        except Exception as error:
            raise RuntimeError(f"load_scenario({scenario!r}, settings) failed: {error!r}") from error
        built, ties = {}, None
        for form in forms:
            wall, cpu = time.perf_counter(), time.process_time()
            self.weeks[form], ties = self._form(form, setup, seed)
            built[form] = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
        return {"build": built, "ties": ties}

    def _form(self, form: str, setup: Any, seed: int) -> tuple[Callable[[], object], int | None]:
        if form == "headless":
            from orglearn.simulation.recorder import Recorder

            engine = self.Engine(setup, self.np.random.default_rng(seed))
            recorder = Recorder(engine.values)
            recorder.record(engine.state)

            def week() -> object:
                engine.step()
                return recorder.record(engine.state)

            return week, _ties(engine.state)
        if form == "mesa":
            from orglearn.simulation import LearningOrganization

            model = LearningOrganization(setup, seed=seed)
            return model.step, _ties(model.state)
        raise ValueError(f"unknown form {form!r}")

    def run(self, form: str, weeks: int) -> dict[str, float]:
        """Run ``weeks`` weeks of one form; its wall and CPU seconds."""
        step = self.weeks[form]
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(weeks):
            step()
        return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def _ties(state: Any) -> int | None:
    try:
        return int(state.ties.count)
    except AttributeError:
        return None


def serve(side: Side, commands: TextIO, replies: TextIO) -> None:
    """Answer commands until ``quit`` or the end of input."""
    for line in commands:
        command = json.loads(line)
        if command["op"] == "quit":
            return
        try:
            reply: dict[str, Any]
            if command["op"] == "parameters":
                reply = {"parameters": side.parameters()}
            elif command["op"] == "build":
                args = (command["scenario"], command["settings"], command["forms"], command["seed"])
                reply = side.build(*args)
            else:
                reply = side.run(command["form"], command["weeks"])
        except Exception as error:
            reply = {"error": f"{command['op']} failed: {type(error).__name__}: {error}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def main(argv: list[str] | None = None) -> int:
    """Import one tree's engine, say so, and serve."""
    parser = argparse.ArgumentParser(prog="driver.py")
    parser.add_argument("--tree", type=Path, default=None, help="import orglearn from this checkout")
    args = parser.parse_args(argv)
    replies, sys.stdout = sys.stdout, sys.stderr
    try:
        if args.tree is not None:
            use_tree(args.tree.resolve())
        side = Side()
        import orglearn.simulation

        source = str(Path(orglearn.simulation.__file__).parent)
    except (Exception, SystemExit) as error:
        where = args.tree or "the installed package"
        replies.write(json.dumps({"error": f"cannot import orglearn's engine from {where}: {error}"}) + "\n")
        return 1
    replies.write(json.dumps({"ready": True, "source": source}) + "\n")
    replies.flush()
    serve(side, sys.stdin, replies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
