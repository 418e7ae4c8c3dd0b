"""``orglearn run``: run one scenario and write its results to a folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from orglearn.cli.arguments import count, models, models_help, seed


def _every(text: str) -> int:
    """Snapshot weeks apart: 1 or more (0 would never move on)."""
    from orglearn.cli.arguments import positive

    return positive(text)


def add(commands: Any) -> None:
    """Add the command to the parser."""
    run = commands.add_parser("run", help="run one scenario and write its results to a folder")
    run.add_argument(
        "--model",
        choices=models(),
        default=None,
        help=models_help(),
    )
    run.add_argument(
        "--scenario",
        default=None,
        metavar="NAME_OR_FILE",
        help="a named scenario (see `orglearn scenarios`) or a scenario file (default: the model's baseline)",
    )
    run.add_argument(
        "--steps",
        type=count,
        default=200,
        metavar="N",
        help="weeks (periods) to run (default: 200); a closed world in March's model stops at rest",
    )
    run.add_argument(
        "--seed",
        type=seed,
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
        "--intervene",
        action="append",
        default=[],
        metavar="WEEK:KEY=VALUE",
        help="change a parameter from a week on, e.g. --intervene 100:management.style=aligning "
        "(repeatable; adds to the scenario's own [[interventions]])",
    )
    run.add_argument(
        "--snapshot-every",
        type=_every,
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
    run.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an earlier run in DIR (never a sweep or files orglearn did not write)",
    )
    run.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the scenario and write the run's files."""
    from orglearn.registry import describe_model
    from orglearn.scenarios import ScenarioError, load_scenario, parameter_table, parse_assignment
    from orglearn.scenarios.interventions import check_weeks, parse_intervene
    from orglearn.scenarios.limits import memory_problem
    from orglearn.simulation.run import prepare_folder, run_model, write_run

    overrides = dict(parse_assignment(text) for text in args.assignments)
    scenario = load_scenario(args.scenario, overrides, args.model)
    if args.intervene:
        table = parameter_table(scenario.model)
        added, problems = [], []
        for number, text in enumerate(args.intervene, start=1):
            found, wrong = parse_intervene(text, number, table)
            added += found
            problems += wrong
        if problems:
            raise ScenarioError(problems)
        scenario = scenario.with_interventions(added)
    if problems := check_weeks(scenario.interventions, args.steps):
        raise ScenarioError(problems)
    described = describe_model(scenario.model)
    if args.engine not in described.engines:
        raise ScenarioError(
            [f"--engine {args.engine}: {scenario.model} runs on {', '.join(described.engines)} only"]
        )
    if too_big := memory_problem(scenario.values, "mesa", args.steps, args.snapshot_every):
        raise ScenarioError([f"{scenario.sources[-1]}: {too_big}"])
    prepare_folder(args.out, overwrite=args.overwrite)
    result = run_model(scenario, args.steps, args.seed, args.snapshot_every, args.engine)
    written = write_run(result, args.out, ["orglearn", *sys.argv[1:]], overwrite=args.overwrite)
    last = result.metrics.iloc[-1]
    people = int((result.agents["step"] == 0).sum())
    print(
        f"orglearn run: {scenario.model} scenario {scenario.name}, {people} people, "
        f"{int(last['step'])} of {args.steps} steps, seed {result.seed}, {result.seconds:.1f} s"
    )
    for column in described.summary():
        print(f"  {column:32s} {last[column]: .3f}")
    if scenario.interventions:
        _print_recovery(result.metrics.set_index("step"), scenario.interventions, described.summary())
    print(f"results in {args.out}/: {' '.join(path.name for path in written)}")
    return 0


def _print_recovery(metrics: Any, interventions: Any, columns: Any) -> None:
    """After each intervention: the weeks until each headline metric settled (see history)."""
    from orglearn.simulation.history import BAND, SETTLE, recovery_weeks

    print(f"weeks until settled within {BAND} of the level of the last {SETTLE} weeks:")
    for item in interventions:
        weeks = {column: recovery_weeks(metrics[column], item.week) for column in columns}
        shown = ", ".join(f"{c} {'-' if w != w else int(w)}" for c, w in weeks.items())
        print(f"  after {item.name} (week {item.week}): {shown}")
