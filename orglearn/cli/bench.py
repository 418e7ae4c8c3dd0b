"""``orglearn bench``: measure how fast orglearn runs, print a table and write JSON."""

from __future__ import annotations

import argparse
import sys
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
    bench.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the suite, print the table and write the JSON."""
    from orglearn.benchmarks import report
    from orglearn.benchmarks.suite import run_suite, write

    def log(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    out = args.out or Path("results") / f"bench-{args.mode}.json"
    results = run_suite(args.mode, args.only, log)
    print(report.table(results))
    written = write(results, out)
    summary = written.with_suffix(".md")
    summary.write_text(report.markdown(results), "utf-8")
    print(f"results in {written} (a Markdown summary in {summary})")
    return 0
