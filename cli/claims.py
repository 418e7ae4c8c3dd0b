"""``orglearn claims``: test the source text's claims and write a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from orglearn.cli.arguments import count, positive


def _numbers(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give claim numbers, e.g. 1,3") from None


def add(commands: Any) -> None:
    """Add the command to the parser."""
    claims = commands.add_parser(
        "claims", help="test the source text's claims with paired experiments and write a report"
    )
    claims.add_argument(
        "--out",
        type=Path,
        default=Path("results/claims"),
        metavar="DIR",
        help="folder for the sweeps, charts and report (default: results/claims)",
    )
    claims.add_argument("--claims", type=_numbers, default=None, metavar="N,M", help="only these claims")
    claims.add_argument(
        "--replications",
        type=count,
        default=None,
        metavar="R",
        help="paired runs per arm (default: each claim's, 30)",
    )
    claims.add_argument(
        "--robustness-replications",
        type=positive,
        default=None,
        metavar="R",
        help="paired runs per arm in each robustness variation (default: 10)",
    )
    claims.add_argument("--no-robustness", action="store_true", help="skip the robustness variations")
    claims.add_argument("--no-literature", action="store_true", help="skip the checks against the literature")
    how = claims.add_mutually_exclusive_group()
    how.add_argument("--serial", action="store_true", help="run in this process")
    how.add_argument("--workers", type=count, default=None, metavar="N", help="local worker processes")
    how.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on an existing Dask cluster")
    claims.add_argument("--quiet", action="store_true", help="no progress bars")
    claims.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the claims and write the report."""
    from orglearn.experiments.claims import run_claims
    from orglearn.experiments.claims.analysis import SUPPORTED

    if args.replications is not None and args.replications < 2:
        print(
            "orglearn claims: --replications: use 2 or more (a paired interval needs two runs)",
            file=sys.stderr,
        )
        return 2
    from orglearn.simulation.outputs import WHAT, folder_kind

    if args.out.is_file() or (args.out.is_dir() and folder_kind(args.out) is not None):
        what = "a file" if args.out.is_file() else WHAT[str(folder_kind(args.out))]
        print(f"orglearn claims: --out {args.out}: holds {what}; choose another folder", file=sys.stderr)
        return 2
    options = {
        "serial": args.serial,
        "workers": args.workers or None,
        "scheduler": args.scheduler,
        "quiet": args.quiet,
        "command": ["orglearn", *sys.argv[1:]],
    }
    md, page, results = run_claims(
        args.out,
        args.claims,
        args.replications,
        args.robustness_replications,
        robustness=not args.no_robustness,
        literature=not args.no_literature,
        options=options,
    )
    for result in results:
        for c in result.main:
            mark = "+" if c.verdict == SUPPORTED else "-" if c.verdict == "reversed" else "?"
            print(
                f"  {mark} claim {result.claim.number} {c.hypothesis.id:28s} {c.verdict:14s} "
                f"difference {c.difference:+.3f} ({c.low:+.3f} to {c.high:+.3f})"
            )
    print(f"report in {md} and {page}")
    return 0
