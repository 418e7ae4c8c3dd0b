"""``python -m orglearn.benchmarks``: the benchmark with every option, including ``--baseline``.

Takes the options of ``orglearn bench`` and one more: ``--baseline OTHER_CHECKOUT`` times that
checkout's engine in turns with this one's in the same run and reports new/old (see
:mod:`.baseline`). The command line of ``orglearn bench`` can hand its arguments here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from orglearn.benchmarks.config import MODES, SECTIONS


def sections(text: str) -> list[str]:
    """A comma-separated list of benchmark sections."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in (*SECTIONS, "baseline")]
    if unknown or not names:
        known = ", ".join((*SECTIONS, "baseline"))
        raise argparse.ArgumentTypeError(f"use one or more of {known}, separated by commas")
    return names


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The benchmark's options, for this entry point or another command line."""
    parser.add_argument("--mode", choices=tuple(MODES), default="full", help="full, quick or smoke")
    parser.add_argument("--only", type=sections, default=list(SECTIONS), metavar="A,B")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE")
    parser.add_argument("--quiet", action="store_true", help="no progress lines, only the table")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="CHECKOUT",
        help="also time the engine of this other checkout (e.g. `git worktree add /tmp/old COMMIT`) "
        "in turns with this one, and report new/old (see benchmarks/README.md)",
    )


def handle(args: argparse.Namespace) -> int:
    """Run the suite, print the table and write the JSON and its Markdown summary."""
    from orglearn.benchmarks import report
    from orglearn.benchmarks.baseline import BaselineError
    from orglearn.benchmarks.suite import run_suite, write

    def log(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    only = [name for name in args.only if name != "baseline"]  # --baseline adds it
    if "baseline" in args.only and getattr(args, "baseline", None) is None:
        print("error: --only baseline needs --baseline CHECKOUT", file=sys.stderr)
        return 2
    try:
        results = run_suite(args.mode, only, log, getattr(args, "baseline", None))
    except BaselineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report.table(results))
    out = args.out or Path("results") / f"bench-{args.mode}.json"
    written = write(results, out)
    summary = written.with_suffix(".md")
    summary.write_text(report.markdown(results), "utf-8")
    print(f"results in {written} (a Markdown summary in {summary})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(prog="python -m orglearn.benchmarks", description=__doc__)
    add_arguments(parser)
    return handle(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
