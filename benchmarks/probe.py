"""Measurements that need a process of their own: peak memory of one model, from start to finish.

The peak resident memory of a process only ever grows, so each memory measurement runs in a
fresh interpreter: ``python -m orglearn.benchmarks.probe --form headless --kind network_org
--people 1000000 --steps 100`` imports what the model needs, notes the memory in use, builds and
runs the model (after a tiny one, so one-off costs such as loading compiled kernels are in the
baseline), and prints one line of JSON with the peak, the baseline and the timings.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

WARM_PEOPLE = 30
"""People in the model built before the baseline is read."""


def peak_bytes() -> int:
    """The peak resident memory of this process so far, in bytes.

    On Linux this is the kernel's high-water mark of this program's memory (``VmHWM``): the
    resource counter ``ru_maxrss`` would do, but a new program inherits it from the process that
    started it, so a probe started by a large benchmark would report the benchmark's peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)  # macOS counts bytes, Linux KiB


def reset_peak() -> None:
    """Start the kernel's high-water mark afresh (Linux), so the warm-up's peak is not the model's."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def current_bytes() -> int:
    """The resident memory of this process now, in bytes (the peak where that is not available)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return peak_bytes()
    return pages * resource.getpagesize()


def measure(form: str, kind: str, people: int, steps: int) -> dict[str, Any]:
    """Build one model, run it, and report its memory and time.

    Args:
        form: ``mesa`` (Mesa agents on a network space) or ``headless`` (arrays only).
        kind: Network kind.
        people: Its size.
        steps: Weeks to run, recording every metric every week.

    Returns:
        Bytes at the start (after imports and the warm-up), at the model's peak and at the
        process's (``peak_bytes``, which must fit the machine), and seconds to build and per week
        (wall and CPU).
    """
    import numpy as np

    from orglearn.benchmarks.config import BASE_SCENARIO, settings
    from orglearn.scenarios import load_scenario
    from orglearn.simulation import Engine, LearningOrganization
    from orglearn.simulation.recorder import RecordedEngine

    # A tiny model first, so what is paid once per process (modules imported on first use,
    # compiled or cached kernels) is in the baseline and not counted per person.
    warm = load_scenario(BASE_SCENARIO, settings(kind, WARM_PEOPLE))
    if form == "mesa":
        LearningOrganization(warm, seed=1).step()
    else:
        Engine(warm, np.random.default_rng(1)).step()
    del warm
    gc.collect()
    warm_peak = peak_bytes()
    reset_peak()
    scenario = load_scenario(BASE_SCENARIO, settings(kind, people))
    baseline = current_bytes()
    start = time.perf_counter()
    step: Callable[[], object]
    if form == "mesa":
        step = LearningOrganization(scenario, seed=1).step
    else:
        step = RecordedEngine(Engine(scenario, np.random.default_rng(1))).step

    built = time.perf_counter() - start
    after_build = peak_bytes()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(steps):
        step()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = peak_bytes()
    return {
        "form": form,
        "kind": kind,
        "people": people,
        "steps": steps,
        "baseline_bytes": baseline,
        "peak_after_build_bytes": after_build,
        "peak_bytes": max(peak, warm_peak),
        "model_peak_bytes": peak,
        "warm_up_peak_bytes": warm_peak,
        "bytes_per_person": (peak - baseline) / people,
        "build_seconds": built,
        "seconds_per_week": seconds / steps if steps else None,
        "cpu_seconds_per_week": cpu / steps if steps else None,
    }


def main(argv: list[str] | None = None) -> int:
    """Run one probe and print its JSON."""
    parser = argparse.ArgumentParser(prog="python -m orglearn.benchmarks.probe")
    parser.add_argument("--form", choices=("mesa", "headless"), required=True)
    parser.add_argument("--kind", required=True)
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--steps", type=int, default=1)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.form, args.kind, args.people, args.steps)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
