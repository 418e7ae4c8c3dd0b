"""``orglearn sweep``: run a parameter sweep into a results folder, resumably, on every core."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from orglearn.cli.arguments import count, models, models_help, positive, seed

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def add(commands: Any) -> None:
    """Add the command to the parser."""
    sweep = commands.add_parser(
        "sweep",
        help="run a parameter sweep: many runs over parameters and seeds, into a results folder",
        description="Run every design point of a sweep --replications times, each run with its own "
        "seed derived from --seed, and stream the results to --out. Rerunning the same command "
        "into the same folder runs only what is missing.",
    )
    sweep.add_argument(
        "experiment",
        nargs="?",
        metavar="EXPERIMENT",
        help="an experiment file (TOML) or a shipped example's name; the flags below override it",
    )
    what = sweep.add_argument_group("what to run")
    what.add_argument(
        "--model",
        choices=models(),
        help=models_help() + ": where --scenario names are looked up; a scenario file says its own model",
    )
    what.add_argument(
        "--scenario", metavar="NAME_OR_FILE", help="the base scenario (default: the model's baseline)"
    )
    what.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="assignments",
        help="fix one parameter for every run, e.g. --set organization.people=200 (repeatable)",
    )
    what.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=LEVELS",
        help="vary a parameter: START:STOP:COUNT or A,B,C for a grid; MIN:MAX (or just KEY, for the "
        "parameter's whole range) for lhs, sobol and morris (repeatable)",
    )
    what.add_argument(
        "--design", choices=("grid", "lhs", "sobol", "morris"), help="a full grid (default) or a sample"
    )
    what.add_argument(
        "--samples",
        type=positive,
        metavar="N",
        help="sample size: points (lhs), base samples (sobol: N×(k+2) points), paths (morris: N×(k+1))",
    )
    what.add_argument("--replications", type=positive, metavar="R", help="runs per design point (default: 1)")
    what.add_argument(
        "--steps",
        type=count,
        metavar="N",
        help="weeks (periods) per run (default: 200); a closed world in March's model stops at rest",
    )
    what.add_argument(
        "--seed", type=seed, metavar="S", help="master seed of all runs' seeds (default: drawn and recorded)"
    )
    what.add_argument("--metrics", metavar="A,B,...", help="the metrics to keep (default: all)")
    what.add_argument(
        "--every", type=positive, metavar="K", help="keep every K-th week (week 0 and the last always)"
    )
    what.add_argument(
        "--second-order",
        action="store_const",
        const=True,
        dest="second_order",
        help="sobol: also estimate second-order indices",
    )
    what.add_argument("--levels", type=positive, metavar="P", help="morris: levels of the grid (default: 4)")
    what.add_argument(
        "--common-seeds",
        action="store_const",
        const=True,
        dest="common_seeds",
        help="give replication r the same seed at every point (common random numbers, for paired comparison)",
    )
    where = sweep.add_argument_group("where and how to run")
    where.add_argument(
        "--out", type=Path, metavar="DIR", help="results folder (default: the file's out, else results/NAME)"
    )
    where.add_argument(
        "--resume", action="store_true", help="continue the sweep stored in --out (no other flags needed)"
    )
    where.add_argument("--retry-failed", action="store_true", help="also run again the runs that failed")
    where.add_argument("--yes", action="store_true", help="go ahead with a sweep of more than 100,000 runs")
    where.add_argument(
        "--check",
        type=Path,
        metavar="DIR",
        help="check a sweep's folder (its parts, its metadata, its input files), repair what can be "
        "repaired, say what was found, and run nothing",
    )
    executors = where.add_mutually_exclusive_group()
    executors.add_argument("--serial", action="store_true", help="run in this process, one run at a time")
    executors.add_argument(
        "--workers", type=positive, metavar="N", help="local worker processes (default: one per core)"
    )
    executors.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on an existing Dask cluster")
    executors.add_argument(
        "--dask-local", type=positive, metavar="N", help="run on a Dask LocalCluster of N worker processes"
    )
    where.add_argument("--quiet", action="store_true", help="no progress bar and no report (for scripts)")
    where.add_argument("--csv", action="store_true", help="also export runs.csv and metrics.csv at the end")
    sweep.set_defaults(handler=handle)


def _flags(args: argparse.Namespace) -> Any:
    from orglearn.experiments.source import KEYS
    from orglearn.experiments.spec import Source
    from orglearn.scenarios import parse_assignment

    source = Source()
    for key in (k for k in KEYS if k not in ("name", "description", "out")):  # the keys that are flags
        value = getattr(args, key)
        if value is not None:
            source.values[key] = value
            source.where[key] = "--" + key.replace("_", "-")
    for text in args.assignments:
        name, value = parse_assignment(text)
        source.settings[name] = value
        source.where[f"set:{name}"] = "--set"
    for text in args.vary:
        name, _, levels = text.partition("=")
        source.vary[name.strip()] = levels.strip() if levels.strip() else True
        source.where[f"vary:{name.strip()}"] = "--vary"
    return source


def handle(args: argparse.Namespace) -> int:
    """Build the sweep, run what is missing, and report."""
    from orglearn.experiments.spec import SweepError, build_spec, locate_experiment, merge, read_experiment

    if args.check is not None:
        return _check(args.check)
    try:
        flags = _flags(args)
        given = bool(flags.values or flags.settings or flags.vary)
        spec = None
        if args.experiment or given or not args.resume:
            file = read_experiment(locate_experiment(args.experiment)) if args.experiment else None
            if file is not None:
                _check_file_as_written(file, flags)
            spec = build_spec(merge(file, flags))
        out = args.out or (Path(spec.out) if spec and spec.out else None)
        if out is None and args.experiment and spec:
            out = Path("results") / spec.name
        if out is None:
            raise SweepError(["--out: say where the results go, for example --out results/my-sweep"])
        return _run(spec, out, args)
    except SweepError as err:
        print("orglearn sweep: error in the sweep:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE


def _check_file_as_written(file: Any, flags: Any) -> None:
    """Refuse a bad value in the experiment file even where a flag overrides it.

    Raises:
        SweepError: With the file's own problems (those that name the file).
    """
    from orglearn.experiments.source import without_overrides
    from orglearn.experiments.spec import SweepError, build_spec, merge

    kept = without_overrides(file, flags)
    if kept is None:
        return
    try:
        build_spec(merge(file, kept))
    except SweepError as err:
        origins = {origin.split(": [")[0] for origin in file.where.values()}
        own = [problem for problem in err.problems if any(problem.startswith(o) for o in origins)]
        if own:
            raise SweepError(own) from err


def _check(folder: Path) -> int:
    """Check and repair a sweep's folder: 0 if it is whole (now), 2 if it cannot be made so."""
    from orglearn.experiments.folder import FolderError
    from orglearn.experiments.integrity import check_folder

    try:
        lines = check_folder(folder)
    except FolderError as err:
        print(f"orglearn sweep --check: {err}", file=sys.stderr)
        return EXIT_USAGE
    print("\n".join(lines))
    return 0


def _run(spec: Any, out: Path, args: argparse.Namespace) -> int:
    from orglearn.experiments.runner import SweepOptions, run_sweep

    options = SweepOptions(
        out=out,
        resume=args.resume,
        retry_failed=args.retry_failed,
        quiet=args.quiet,
        serial=args.serial,
        workers=args.workers,
        scheduler=args.scheduler,
        dask_local=args.dask_local,
        command=["orglearn", *sys.argv[1:]],
        yes=args.yes,
    )
    report = run_sweep(spec, options)
    if args.csv and report.status != "interrupted":
        from orglearn.experiments.store import ResultStore

        ResultStore(out).export_csv(out)
    if report.status == "interrupted":
        print(
            f"orglearn sweep: interrupted; {report.total - report.missing} of {report.total} runs are saved "
            f"in {out}/. Run the same command again, or `orglearn sweep --resume --out {out}`, to finish.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if not args.quiet:
        _print_report(report, out)
    return 0


def _print_report(report: Any, out: Path) -> None:
    from orglearn.registry import describe_model

    spec = report.spec
    name = f" {spec.name}" if spec.name != "sweep" else ""
    model = "" if spec.model == "orglearn" else f" ({spec.model})"
    print(
        f"orglearn sweep{name}{model}: {report.points} design point{'s' if report.points != 1 else ''} × "
        f"{spec.replications} replication{'s' if spec.replications != 1 else ''} = {report.total} runs "
        f"of {spec.steps} {describe_model(spec.model).unit}s, master seed {spec.seed}"
    )
    ran = report.ok + report.failed
    if ran == 0:
        print(f"  nothing to do: all {report.total} runs are already in {out}/")
    else:
        rate = ran / report.wall if report.wall > 0 else float("nan")
        print(
            f"  this session: {ran} runs ({report.ok} ok, {report.failed} failed) in {report.wall:.1f} s "
            f"on {report.executor}, {rate:.2f} runs/s"
        )
        print(
            f"  time inside runs {report.run_seconds:.1f} s of {report.wall * report.workers:.1f} s worker "
            f"time: overhead {100 * report.overhead:.1f} %"
        )
    if report.failed_total:
        print(
            f"  {report.failed_total} run{'s' if report.failed_total != 1 else ''} failed: "
            f"`orglearn summarize {out} --failed` lists them with their errors"
        )
    if report.lost:
        print(
            f"  {report.lost} run(s) lost their worker process again and again (killed? out of "
            "memory?) and count as not done"
        )
    if report.missing:
        print(f"  {report.missing} runs are still missing: run the same command again to finish")
    if spec.design in ("sobol", "morris"):
        print(f"results in {out}/ — next: orglearn sensitivity {out} --metric {spec.metrics[0]}")
    else:
        by = f" --by {spec.factor_names[0]}" if spec.factor_names else ""
        print(f"results in {out}/ — next: orglearn summarize {out}{by}")
