"""Start-up: from the shell to the first week of ``orglearn run``, against ``python -c "import mesa"``.

A course runs the model live; every second before the first week shows. The command is timed end
to end as a user starts it (a new process running ``orglearn run --scenario school --steps 1``,
which builds the model, runs one week and writes its files), in turns with a process that only
imports Mesa, which any Mesa model has to do; each start is read on the wall clock and as the
CPU the process used (a start takes far longer than the 50 ms a sample needs). Python's
``-X importtime`` then lists what the command imports, to check that it loads neither the
browser stack nor anything it does not use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orglearn.benchmarks import timing
from orglearn.benchmarks.config import Sizes

FORBIDDEN = (
    "solara",
    "reacton",
    "ipywidgets",
    "ipyvue",
    "ipyvuetify",
    "altair",
    "uvicorn",
    "starlette",
    "matplotlib",
    "dask",
    "distributed",
    "SALib",
    "orglearn.app",
    "orglearn.experiments",
    "orglearn.benchmarks",
)
"""Packages ``orglearn run`` has no use for: the browser app and its stack, the sweep machinery and
its charts, this suite. (numba is used: the rules are compiled, and loaded from its cache.)"""

Log = Callable[[str], None]


def command_line() -> list[str]:
    """How to start ``orglearn``: its console script next to this Python, or ``python -m orglearn``."""
    script = Path(sys.executable).with_name("orglearn")
    if script.exists():
        return [str(script)]
    found = shutil.which("orglearn")
    return [found] if found else [sys.executable, "-m", "orglearn"]


def run_command(out: Path) -> list[str]:
    """``orglearn run`` on the school scenario for one week."""
    return [
        *command_line(),
        "run",
        "--scenario",
        "school",
        "--steps",
        "1",
        "--seed",
        "1",
        "--out",
        str(out),
        "--overwrite",
    ]


def mesa_command() -> list[str]:
    """A process that imports Mesa and nothing else."""
    return [sys.executable, "-c", "import mesa"]


def process_time(command: list[str], env: dict[str, str] | None = None) -> timing.Sample:
    """Wall seconds from starting a process to its end, and the CPU seconds it used.

    Raises:
        RuntimeError: If it fails.
    """
    with timing.Stopwatch() as watch:
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return watch.sample


def _starts(command: list[str]) -> timing.Timed:
    def timed(n: int) -> timing.Sample:
        samples = [process_time(command) for _ in range(n)]
        return timing.Sample(sum(s.wall for s in samples), sum(s.cpu for s in samples))

    return timed


def imported(command: list[str]) -> dict[str, float]:
    """Module name to cumulative import time in seconds, from Python's import profile."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    modules: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            modules[parts[2].strip()] = int(parts[1]) / 1e6
    return modules


def forbidden(modules: dict[str, float]) -> list[str]:
    """The modules among ``modules`` that belong to a forbidden package."""
    return sorted(m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))


def run(sizes: Sizes, log: Log) -> dict[str, Any]:
    """Time both commands in turns and list what the command line imports.

    Returns:
        Seconds of each (median, spread, samples), their ratio, and the import check.
    """
    with tempfile.TemporaryDirectory(prefix="orglearn-bench-") as folder:
        commands = {"orglearn_run": run_command(Path(folder) / "run"), "import_mesa": mesa_command()}
        for command in commands.values():  # once untimed, so both start from warm disk caches
            process_time(command)
        log(f"start-up: {sizes.startup_repeats} turns of `orglearn run` and `import mesa`")
        samples = timing.lockstep(
            {name: _starts(command) for name, command in commands.items()}, 1, sizes.startup_repeats
        )
        ours = imported(commands["orglearn_run"])
    mesa = imported(mesa_command())
    beyond = {m: s for m, s in ours.items() if m not in mesa}
    top = sorted(beyond.items(), key=lambda item: -item[1])
    found = timing.summary(samples)
    return {
        "seconds": found["median"],
        "spread": found["spread"],
        "samples": samples,
        "ratios": timing.ratios(samples, [("orglearn_run", "import_mesa")])["orglearn_run/import_mesa"],
        "modules": len(ours),
        "modules_of_mesa": len(mesa),
        "forbidden": forbidden(ours),
        "heaviest_beyond_mesa": [{"module": m, "seconds": s} for m, s in top[:12]],
        "command": "orglearn run --scenario school --steps 1 --seed 1 --out DIR --overwrite",
    }
