"""Memory: bytes per person of the Mesa form and the headless form, and the largest headless run.

Each measurement is a fresh process (:mod:`.probe`), so the peak it reports is that model's
alone. Memory per person is the peak minus what the process held after its imports, divided by
the people; the large run reports the whole process's peak, which is what has to fit the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from orglearn.benchmarks.config import Sizes

GIB = 2**30
Log = Callable[[str], None]


def probe(form: str, kind: str, people: int, steps: int) -> dict[str, Any]:
    """Run :mod:`.probe` in a new interpreter and return what it measured.

    Raises:
        RuntimeError: If the probe failed (its error output is in the message).
    """
    command = [sys.executable, "-m", "orglearn.benchmarks.probe"]
    command += ["--form", form, "--kind", kind, "--people", str(people), "--steps", str(steps)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"memory probe {' '.join(command[2:])} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(sizes: Sizes, log: Log) -> dict[str, Any]:
    """Measure memory per person in both forms, and the large headless run.

    Returns:
        ``{"per_person": [...], "big": [...]}``, one entry per probe.
    """
    per_person = []
    for kind in sizes.kinds:
        for form in ("mesa", "headless"):
            log(f"memory: {form}, {kind}, {sizes.memory_people:,} people")
            result = probe(form, kind, sizes.memory_people, sizes.memory_steps)
            per_person.append(result)
            log(f"  {result['bytes_per_person'] / 1024:.2f} KiB per person")
    big = []
    if sizes.big_steps:
        for kind in sizes.big_kinds:
            log(f"memory: headless, {kind}, {sizes.big_people:,} people × {sizes.big_steps} weeks")
            result = probe("headless", kind, sizes.big_people, sizes.big_steps)
            big.append(result)
            log(
                f"  peak {result['peak_bytes'] / GIB:.2f} GiB, "
                f"{result['seconds_per_week'] / sizes.big_people * 1e6:.2f} µs per person-week"
            )
    return {"per_person": per_person, "big": big}
