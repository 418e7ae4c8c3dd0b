"""``orglearn cascade``: give one person (or team) a change and trace who changes after them.

The experiment itself is :mod:`orglearn.experiments.cascade`; this command sets it up from the
options, prints a short table per level and writes the traces as CSV files into a folder of its
own (whole or not at all, never over files orglearn did not write; see
:mod:`orglearn.simulation.outputs`).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from orglearn.cli.arguments import count, positive, seed

LEVELS = ("rules", "insights", "principles")


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def add(commands: Any) -> None:
    """Add the command to the parser."""
    parser = commands.add_parser(
        "cascade", help="give one person or team a change and trace who changes after them, at every level"
    )
    parser.add_argument(
        "--scenario", default=None, metavar="NAME_OR_FILE", help="a scenario (default: baseline)"
    )
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--person",
        default=None,
        metavar="ID",
        help="the person given the change (default: the first staff member)",
    )
    who.add_argument("--team", type=count, default=None, metavar="ID", help="or a whole team, by number")
    parser.add_argument(
        "--level", default="insights", metavar="|".join(LEVELS), help="the level changed (default: insights)"
    )
    parser.add_argument(
        "--week", type=count, default=None, metavar="T", help="the change is given after week T (default: 60)"
    )
    how = parser.add_mutually_exclusive_group()  # a shift by --size, or a value by --to
    how.add_argument(
        "--size",
        type=_number,
        default=None,
        metavar="X",
        help="how far each theme moves, toward the side with more room, 0 < X <= 1 (default: 0.5)",
    )
    how.add_argument(
        "--to", type=_number, default=None, metavar="V", help="instead: set the themes to V, from -1 to 1"
    )
    parser.add_argument(
        "--theme", type=count, default=None, metavar="N", help="change only theme N (default: every theme)"
    )
    parser.add_argument(
        "--weeks",
        type=positive,
        default=None,
        metavar="W",
        help="weeks traced after the change (default: 100)",
    )
    parser.add_argument(
        "--seed", type=seed, default=None, metavar="S", help="the first seed (default: drawn, then recorded)"
    )
    parser.add_argument(
        "--seeds",
        type=positive,
        default=1,
        metavar="K",
        help="pairs of twins: seeds S to S + K - 1 (default: 1)",
    )
    parser.add_argument(
        "--tolerance",
        type=_number,
        default=None,
        metavar="D",
        help="a difference from one's twin above D counts as changed (default: 0.05)",
    )
    parser.add_argument(
        "--speed-share",
        type=_number,
        default=None,
        metavar="P",
        help="speed: weeks until this share of the others changed (default: 0.1)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="assignments",
        help="change one parameter of the scenario (repeatable)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="folder for the CSV files (default: print only)"
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an earlier cascade experiment in DIR"
    )
    parser.error = _one_line
    parser.set_defaults(handler=handle)


def _one_line(message: str) -> NoReturn:
    """Report a bad option in one line (argparse would print the whole usage first)."""
    print(f"orglearn cascade: {message}", file=sys.stderr)
    sys.exit(2)


def handle(args: argparse.Namespace) -> int:
    """Run the twins over the seeds, print the table and write the files."""
    from orglearn.experiments import cascade as c
    from orglearn.scenarios import load_scenario, parse_assignment
    from orglearn.scenarios.limits import memory_problem
    from orglearn.simulation.outputs import CASCADE, check_folder, check_writable
    from orglearn.simulation.streams import new_seed

    if args.level not in LEVELS:
        _one_line(f"--level {args.level}: use one of {', '.join(LEVELS)}")
    overrides = dict(parse_assignment(text) for text in args.assignments)
    scenario = load_scenario(args.scenario, overrides)
    change = c.Change(args.level, c.SIZE if args.size is None else args.size, args.to, args.theme)
    settings = c.Settings(
        week=c.WEEK if args.week is None else args.week,
        weeks=c.WEEKS if args.weeks is None else args.weeks,
        tolerance=c.TOLERANCE if args.tolerance is None else args.tolerance,
        speed_share=c.SPEED_SHARE if args.speed_share is None else args.speed_share,
    )
    first = new_seed() if args.seed is None else args.seed
    if first + args.seeds > 2**63:
        _one_line(
            f"--seeds {args.seeds}: seeds {first} and up pass 2**63 - 1; use a smaller --seed or --seeds"
        )
    seeds = list(range(first, first + args.seeds))
    try:
        c.check(scenario, change, settings)
        if too_big := memory_problem(scenario.values, "headless"):
            raise c.CascadeError(f"{scenario.sources[-1]}: {too_big}")
        if args.out is not None:
            check_folder(args.out, CASCADE, args.overwrite)
            check_writable(args.out)
        started, clock = datetime.now(UTC).isoformat(timespec="seconds"), time.perf_counter()
        cascades = c.run_cascades(scenario, seeds, change, settings, args.person, args.team)
    except c.CascadeError as err:
        _one_line(str(err))
    table = c.summary(cascades, settings)
    people = cascades[0].people
    given = people[people["given"]]
    _print(scenario, change, settings, seeds, given, table)
    if args.out is not None:
        info = {
            "started": started,
            "seconds": round(time.perf_counter() - clock, 3),
            "person": args.person,
            "team": args.team,
            "given": list(given["id"]),
        }
        written = _write(args.out, scenario, change, settings, seeds, cascades, table, info, args.overwrite)
        print(f"results in {args.out}/: {' '.join(path.name for path in written)}")
    return 0


def _print(scenario: Any, change: Any, settings: Any, seeds: list[int], given: Any, table: Any) -> None:
    """The heading and one line per level."""
    if len(given) == 1:
        row = given.iloc[0]
        whom = f"person {row['id']} ({row['role']}, team {row['team']})"
    else:
        whom = f"team {given.iloc[0]['team']} ({len(given)} people)"
    shown = f"seed {seeds[0]}" if len(seeds) == 1 else f"seeds {seeds[0]} to {seeds[-1]}"
    people = (
        int(scenario.values["organization.people"]) if not scenario.values["organization.chart"] else None
    )
    size = f", {people} people" if people else ""
    print(
        f"orglearn cascade: scenario {scenario.name}{size}; {change.describe()} for {whom} after week "
        f"{settings.week}; {settings.weeks} weeks traced; {shown}; changed: a difference above "
        f"{settings.tolerance:g}"
    )
    reach = [col for col in table.columns if col.startswith("reach_")]
    share = [col for col in table.columns if col.startswith("others_share_")]
    at = " ".join(f"{col.split('_')[-1]:>5s}" for col in reach)
    then = " ".join(f"{col.split('_')[-1]:>5s}" for col in share)
    speed = "weeks to " + format(settings.speed_share, ".0%")
    print(
        f"  {'':10s} {'share of others changed':>{6 * len(reach) - 1}s}  {'ever':>5s}  {speed:>12s}  "
        f"{'hops':>5s}  {'own':>5s}  others' share of the change"
    )
    print(f"  {'level':10s} {at}  {'':5s}  {'':12s}  {'':5s}  {settings.weeks:5d}  {then}")
    for row in table.itertuples(index=False):
        values = row._asdict()
        fast = "-" if math.isnan(values["speed"]) else f"{values['speed']:.0f}"
        fast = f"{fast} ({values['reached']}/{len(seeds)})" if len(seeds) > 1 else fast
        cells = [f"{values[col]:5.2f}" for col in reach]
        cells += [f"{values['ever']:5.2f}", f"{fast:>12s}", f"{values['max_hops']:5.1f}"]
        cells += [f"{values['seed_change']:5.2f}"]
        shares = " ".join("    -" if math.isnan(values[col]) else f"{values[col]:5.2f}" for col in share)
        line = f"{' '.join(cells[: len(reach)])}  {'  '.join(cells[len(reach) :])}"
        print(f"  {values['level']:10s} {line}  {shares}")
    print(f"  (means over {len(seeds)} seed{'s' if len(seeds) > 1 else ''}; weeks after the change)")


def _write(
    folder: Path,
    scenario: Any,
    change: Any,
    settings: Any,
    seeds: list[int],
    cascades: list[Any],
    table: Any,
    info: dict[str, Any],
    overwrite: bool,
) -> list[Path]:
    """Write the folder whole: the traces, the summary, the scenario and the metadata."""
    import pandas as pd

    from orglearn.simulation.outputs import CASCADE, OWN_FILES, write_folder
    from orglearn.simulation.provenance import provenance

    weeks = pd.concat([item.weeks for item in cascades], ignore_index=True)
    people = pd.concat([item.people for item in cascades], ignore_index=True)

    def fill(tmp: Path) -> None:
        weeks.to_csv(tmp / "cascade_weeks.csv", index=False)
        people.to_csv(tmp / "cascade_people.csv", index=False)
        table.to_csv(tmp / "cascade_summary.csv", index=False)
        (tmp / "scenario.toml").write_text(scenario.to_toml(), "utf-8")

    meta = {
        **provenance(),
        "command": ["orglearn", *sys.argv[1:]],
        "seeds": seeds,
        "scenario": scenario.name,
        "scenario_sources": list(scenario.sources),
        "change": {"level": change.level, "size": change.size, "to": change.to, "theme": change.theme},
        "settings": {
            "week": settings.week,
            "weeks": settings.weeks,
            "tolerance": settings.tolerance,
            "speed_share": settings.speed_share,
        },
        **info,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_folder(folder, CASCADE, fill, meta, overwrite)
    return [folder / name for name in OWN_FILES[CASCADE]]
