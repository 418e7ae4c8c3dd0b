"""New against old in one run: this checkout's engine timed in turns with another checkout's.

A change to the engine is judged by how much faster (or slower) it makes a week, and two runs of
the benchmark made minutes apart cannot tell a 10% gain from a change in the machine's load. So
``orglearn bench --baseline OTHER_CHECKOUT`` times both engines in the same run: each side is a
process of its own (:mod:`.driver`, started with the same Python; the old side imports
``orglearn`` from the other folder), both build the same organization from the same seed, and
the parent asks them for blocks of weeks in turns (old, new, then new, old, ...), on the wall
clock and on each process's CPU clock. The ratio new/old is paired per repetition, as
everywhere in this suite.

Two versions of the engine need not follow the same trajectory (a change to how random numbers
are drawn changes every week after the first), so the weeks timed are comparable in kind, not
identical: read the spread.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from orglearn.benchmarks import timing
from orglearn.benchmarks.config import BASE_SCENARIO, Sizes, settings

DRIVER = Path(__file__).with_name("driver.py")
SEED = 1
SIDES = ("old", "new")
Log = Callable[[str], None]


class BaselineError(RuntimeError):
    """The other checkout cannot be timed: not a checkout, or its engine's API differs."""


class Process:
    """A running :mod:`.driver`: send a command, read its reply."""

    def __init__(self, name: str, tree: Path | None) -> None:
        self.name = name
        self.where = str(tree) if tree else "this checkout"
        self.errors: IO[str] = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed by close())
        command = [sys.executable, "-P", str(DRIVER), *(["--tree", str(tree)] if tree else [])]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, text=True
        )
        self.ready = self._reply()

    def _reply(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.errors.seek(0)
            raise BaselineError(f"the {self.name} side ({self.where}) stopped:\n{self.errors.read()[-2000:]}")
        reply = json.loads(line)
        if "error" in reply:
            raise BaselineError(f"the {self.name} side ({self.where}): {reply['error']}")
        return reply

    def call(self, **command: Any) -> dict[str, Any]:
        """Send one command and return the reply.

        Raises:
            BaselineError: If the side failed or answered with an error.
        """
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._reply()

    def timed(self, form: str) -> timing.Timed:
        """Run ``n`` weeks of one form in the side's process, timed there."""

        def run(n: int) -> timing.Sample:
            reply = self.call(op="run", form=form, weeks=n)
            return timing.Sample(reply["wall"], reply["cpu"])

        return run

    def close(self) -> None:
        """Ask the side to stop, and make sure it does."""
        if self.process.poll() is None:
            try:
                assert self.process.stdin is not None
                self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
                self.process.stdin.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self.errors.close()


def form_of(ratio: str) -> str:
    """The form a ratio name such as ``new:headless/old:headless`` is about."""
    return ratio.split("/")[0].removeprefix("new:")


def commit(tree: Path) -> str | None:
    """The commit checked out in ``tree``, if it is a git checkout."""
    done = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or None


def time_size(
    sides: dict[str, Process],
    kind: str,
    people: int,
    forms: tuple[str, ...],
    sizes: Sizes,
    known: set[str] | None = None,
) -> dict:
    """Time the forms of one organization on both sides, in turns.

    Both sides run the benchmark's settings that both know (``known``): a mechanism only the new
    tree has stays at its default (off), so both do the same work.

    Returns:
        One row: seconds per week per clock and variant (``old:headless``, ...), ratios new/old.
    """
    chosen = {key: value for key, value in settings(kind, people).items() if known is None or key in known}
    built = {
        name: side.call(op="build", scenario=BASE_SCENARIO, settings=chosen, forms=list(forms), seed=SEED)
        for name, side in sides.items()
    }
    variants = {f"{name}:{form}": sides[name].timed(form) for form in forms for name in SIDES}
    first_week = {name: variant(1) for name, variant in variants.items()}
    for variant in variants.values():
        variant(max(0, sizes.warmup - 1))
    weeks, calibration = timing.calibrate(variants)
    seconds = timing.lockstep(variants, weeks, sizes.baseline_repeats)
    found = timing.summary(seconds)
    return {
        "kind": kind,
        "people": people,
        "ties": {name: reply["ties"] for name, reply in built.items()},
        "weeks_per_sample": weeks,
        "calibration": calibration,
        "repeats": sizes.baseline_repeats,
        "cold": {
            "build_seconds": {name: reply["build"] for name, reply in built.items()},
            "first_week_seconds": {
                clock: {name: sample[clock] for name, sample in first_week.items()} for clock in timing.CLOCKS
            },
        },
        "seconds_per_week": found["median"],
        "us_per_person_week": timing.summary(seconds, people / 1e6)["median"],
        "spread": found["spread"],
        "samples": seconds,
        "ratios": timing.ratios(seconds, [(f"new:{form}", f"old:{form}") for form in forms]),
    }


def check(tree: Path) -> Path:
    """Fail now, not after the other sections, if ``tree``'s engine cannot even be imported.

    Returns:
        The tree's absolute path.

    Raises:
        BaselineError: If ``tree`` is not a folder or holds no importable orglearn engine.
    """
    tree = Path(tree).expanduser().resolve()
    if not tree.is_dir():
        raise BaselineError(f"--baseline {tree}: not a folder (give the path of another checkout)")
    Process("old", tree).close()
    return tree


def run(sizes: Sizes, log: Log, tree: Path) -> dict[str, Any]:
    """Time this checkout's engine against the one in ``tree`` at every engine size of the mode.

    Raises:
        BaselineError: If ``tree`` is not a folder, or its engine cannot be built or run the same way.
    """
    tree = check(tree)
    sides: dict[str, Process] = {}
    try:
        for name, where in (("old", tree), ("new", None)):
            sides[name] = Process(name, where)
        listed = [side.call(op="parameters")["parameters"] for side in sides.values()]
        known = set.intersection(*(set(names) for names in listed)) if None not in listed else None
        wanted = {key for kind in sizes.kinds for key in settings(kind, max(sizes.engine, default=100))}
        left_out = sorted(wanted - known) if known is not None else []
        if left_out:
            log(f"baseline: the old tree lacks {', '.join(left_out)}: both sides run without them")
        rows = []
        for kind in sizes.kinds:
            for people in sorted({*sizes.engine, *sizes.headless}):
                forms = ("headless", "mesa") if people in sizes.engine else ("headless",)
                log(f"baseline: {kind}, {people:,} people: {', '.join(forms)}, new against old")
                row = time_size(sides, kind, people, forms, sizes, known)
                rows.append(row)
                log(
                    "  new/old (wall/cpu): "
                    + ", ".join(
                        f"{form_of(name)} {ratio['wall']['median']:.3f}/{ratio['cpu']['median']:.3f}"
                        for name, ratio in row["ratios"].items()
                    )
                )
        return {
            "old": {"tree": str(tree), "commit": commit(tree), "source": sides["old"].ready["source"]},
            "new": {"source": sides["new"].ready["source"]},
            "left_out": left_out,
            "rows": rows,
        }
    finally:
        for side in sides.values():
            side.close()
