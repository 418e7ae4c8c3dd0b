"""Run the benchmark suite: the sections a mode asks for, the machine they ran on, one JSON file.

The JSON holds every timing sample next to the medians, the settings, the versions and the
machine, so a result can be read on its own and compared with a run at another commit.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from orglearn.benchmarks import report
from orglearn.benchmarks.config import EVERYTHING, MODES, SECTIONS

SCHEMA = 2
"""Version of the JSON layout; raised when a field changes meaning (2: every time on two clocks)."""

Log = Callable[[str], None]


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 0
    memory = None
    with contextlib.suppress(ValueError, OSError, AttributeError):
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    model = platform.processor()
    try:
        with open("/proc/cpuinfo") as info:
            model = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model
            )
    except OSError:
        pass
    from orglearn.simulation.provenance import provenance

    made = provenance()
    return {
        "node": platform.node(),
        "platform": made["platform"],
        "processor": model,
        "cores": cores,
        "memory_bytes": memory,
        "python": made["python"],
        "packages": {"orglearn": made["orglearn_version"], **made["packages"]},
    }


def load() -> list[float] | None:
    """The load average over 1, 5 and 15 minutes (how busy the machine was), where available."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (OSError, AttributeError):
        return None


def run_suite(
    mode: str, sections: Sequence[str] = SECTIONS, log: Log = print, baseline: Path | None = None
) -> dict[str, Any]:
    """Run the sections of a mode and evaluate the targets.

    Args:
        mode: ``full``, ``quick`` or ``smoke`` (see :mod:`.config`).
        sections: Which of ``engine``, ``memory``, ``startup``, ``sweep`` and ``baseline`` to run.
        log: Where progress lines go.
        baseline: Another checkout whose engine is timed in turns with this one (adds the
            ``baseline`` section).

    Returns:
        Everything measured, with the machine, the settings and the targets.
    """
    from orglearn.benchmarks import baseline as against
    from orglearn.benchmarks import engine, memory, startup, sweep
    from orglearn.simulation.provenance import git_commit

    sizes = MODES[mode]
    runners: dict[str, Callable[[Any, Log], dict[str, Any]]] = {
        "engine": engine.run,
        "memory": memory.run,
        "startup": startup.run,
        "sweep": sweep.run,
    }
    if baseline is not None:
        against.check(baseline)
        runners["baseline"] = lambda sizes, log: against.run(sizes, log, baseline)
        sections = [*sections, *(["baseline"] if "baseline" not in sections else [])]
    elif "baseline" in sections:
        raise ValueError("the baseline section needs another checkout to time against")
    results: dict[str, Any] = {
        "schema": SCHEMA,
        "mode": mode,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "machine": machine(),
        "load_before": load(),
        "settings": {"everything": EVERYTHING, "sizes": sizes.__dict__},
        "command": ["orglearn", *sys.argv[1:]] if Path(sys.argv[0]).name == "orglearn" else sys.argv,
    }
    clock = time.perf_counter()
    for section in sections:
        start = time.perf_counter()
        results[section] = runners[section](sizes, log)
        results[section]["section_seconds"] = time.perf_counter() - start
    results["seconds"] = time.perf_counter() - clock
    results["load_after"] = load()
    results["targets"] = report.targets(results)
    return results


def write(results: dict[str, Any], path: Path) -> Path:
    """Write the results as JSON (NaN written as null), creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_plain(results), indent=1, allow_nan=False) + "\n", "utf-8")
    return path


def _plain(value: Any) -> Any:
    """JSON-safe copies: tuples as lists, NaN and infinities as None, numpy numbers as Python ones."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value
