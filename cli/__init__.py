"""The command line: one entry point, ``orglearn``, with a subcommand per task.

Each command lives in its own module and imports what it needs only when it runs, so listing
scenarios does not load Mesa. Every problem with the user's input ends in one clear message on
standard error and exit status 2, never in a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from orglearn import __version__, check_import_name

check_import_name(__name__, "orglearn.cli")

EXIT_USAGE = 2


COMMANDS = (
    "orglearn.cli.run",
    "orglearn.cli.scenarios",
    "orglearn.cli.app",
    "orglearn.cli.sweep",
    "orglearn.cli.analyse",
    "orglearn.cli.claims",
    "orglearn.cli.cascade",
    "orglearn.cli.bench",
)
"""The modules that each add one command; each has ``add(commands)`` and a handler."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orglearn",
        description="An agent-based model of the learning organization.",
    )
    parser.add_argument("--version", action="version", version=f"orglearn {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from orglearn.scenarios.scenario import ScenarioError

    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except ScenarioError as err:
        print("orglearn: error in the scenario:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except OSError as err:
        print(f"orglearn: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("orglearn: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
