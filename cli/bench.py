"""``orglearn bench``: measure how fast orglearn runs, print a table and write JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

MODES = ("full", "quick", "smoke")
SECTIONS = ("engine", "memory", "startup", "sweep")


def sections(text: str) -> list[str]:
    """A comma-separated list of benchmark sections."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"use one or more of {', '.join(SECTIONS)}, separated by commas")
    return names


def add(commands: Any) -> None:
    """Add the command to the parser."""
    bench = commands.add_parser(
        "bench",
        help="measure speed and memory of the engine, start-up and sweep throughput (benchmarks/README.md)",
        description="Time the engine (with Mesa agents and headless) against the readable per-person step, "
        "measure memory per person, start-up and sweep throughput, all side by side in one run; print a "
        "table, check the targets and write everything to JSON.",
    )
    bench.add_argument(
        "--mode",
        choices=MODES,
        default="full",
        help="full: every size the targets are about (20-30 minutes); quick: smaller sizes (a few "
        "minutes); smoke: the smallest run of every section (default: full)",
    )
    bench.add_argument(
        "--only",
        type=sections,
        default=list(SECTIONS),
        metavar="A,B",
        help=f"run only these sections: {', '.join(SECTIONS)} (default: all)",
    )
    bench.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write the JSON, with a Markdown summary next to it (default: results/bench-MODE.json)",
    )
    bench.add_argument("--quiet", action="store_true", help="no progress lines, only the table")
    bench.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="also time the engine of another checkout (e.g. `git worktree add /tmp/old COMMIT`) in "
        "turns with this one and report new/old (benchmarks/README.md)",
    )
    bench.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the suite, print the table and write the JSON (the benchmark's own entry point does it)."""
    from orglearn.benchmarks.__main__ import handle as run

    return run(args)
