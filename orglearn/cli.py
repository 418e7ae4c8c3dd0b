"""The command line: ``orglearn run``, ``orglearn scenarios`` and ``orglearn parameters``.

Each command imports only what it uses, so listing scenarios does not load Mesa. Every problem
with the user's input ends in one clear message on standard error and exit status 2, never in a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from orglearn import __version__

EXIT_USAGE = 2


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; use 0 or more")
    return value


def _seed(text: str) -> int:
    value = _positive(text)
    if value >= 2**63:
        raise argparse.ArgumentTypeError(f"{value} is too large; use a seed below 2**63")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orglearn",
        description="An agent-based model of the learning organization.",
    )
    parser.add_argument("--version", action="version", version=f"orglearn {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run one scenario and write its results to a folder")
    run.add_argument(
        "--scenario",
        default="baseline",
        metavar="NAME_OR_FILE",
        help="a named scenario (see `orglearn scenarios`) or a scenario file (default: baseline)",
    )
    run.add_argument("--steps", type=_positive, default=200, metavar="N", help="weeks to run (default: 200)")
    run.add_argument(
        "--seed",
        type=_seed,
        default=None,
        metavar="S",
        help="seed of all randomness (default: drawn, then recorded)",
    )
    run.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the results")
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="assignments",
        help="change one parameter, e.g. --set network.voice=0.8 (repeatable)",
    )
    run.add_argument(
        "--snapshot-every",
        type=_positive,
        default=None,
        metavar="K",
        help="also record everyone's state every K weeks in agents.csv",
    )
    run.add_argument(
        "--engine",
        choices=("fast", "readable"),
        default="fast",
        help="fast: on arrays (default); readable: person by person (slow, same results)",
    )
    run.add_argument("--overwrite", action="store_true", help="replace an earlier run in DIR")
    run.set_defaults(handler=_run)

    scenarios = commands.add_parser("scenarios", help="list the named scenarios")
    scenarios.add_argument("--lang", choices=("en", "nl"), default="en", help="language (default: en)")
    scenarios.set_defaults(handler=_scenarios)

    parameters = commands.add_parser("parameters", help="list every parameter with its default and range")
    parameters.add_argument("--lang", choices=("en", "nl"), default="en", help="language (default: en)")
    parameters.set_defaults(handler=_parameters)
    return parser


def _run(args: argparse.Namespace) -> int:
    from orglearn.scenarios import load_scenario, parse_assignment
    from orglearn.simulation.run import prepare_folder, run_model, write_run

    overrides = dict(parse_assignment(text) for text in args.assignments)
    scenario = load_scenario(args.scenario, overrides)
    prepare_folder(args.out, overwrite=args.overwrite)
    result = run_model(scenario, args.steps, args.seed, args.snapshot_every, args.engine)
    write_run(result, args.out, ["orglearn", *sys.argv[1:]])
    last = result.metrics.iloc[-1]
    people = len(result.agents[result.agents["step"] == 0])
    print(
        f"orglearn run: scenario {scenario.name}, {people} people, {args.steps} weeks, "
        f"seed {result.seed}, {result.seconds:.1f} s"
    )
    for column in (
        "goal_alignment_org",
        "shared_meaning_rules_org",
        "shared_meaning_insights_org",
        "shared_meaning_principles_org",
        "fit_org",
        "vision_fit",
    ):
        print(f"  {column:32s} {last[column]: .3f}")
    print(f"results in {args.out}/: metrics.csv agents.csv network.csv scenario.toml metadata.json")
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    from orglearn.scenarios import describe, scenario_names

    for name in scenario_names():
        text = describe(name).get(args.lang, "")
        first = text.split(". ")[0].rstrip(".") + "." if text else ""
        print(f"{name:16s} {first}")
    return 0


def _parameters(args: argparse.Namespace) -> int:
    from orglearn.scenarios import parameter_table

    for p in parameter_table().values():
        default = list(p.default) if isinstance(p.default, tuple) else p.default
        print(f"{p.name}  (default {default!r}; {p.allowed()}{'; ' + p.unit if p.unit else ''})")
        print(textwrap.indent(textwrap.fill(f"{p.label[args.lang]}: {p.help[args.lang]}", 96), "    "))
    return 0


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
