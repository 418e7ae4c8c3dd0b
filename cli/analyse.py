"""``orglearn summarize``, ``plot``, ``sensitivity`` and ``export``: read a sweep's results folder."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orglearn.cli.arguments import count

EXIT_USAGE = 2


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("results", type=Path, metavar="RESULTS", help="a sweep's results folder")
    parser.add_argument(
        "--statistic",
        choices=("final", "average", "recovery"),
        default="final",
        help="one number per run: the last week (default), the average over weeks --since to the end, "
        "or the weeks from an intervention (--since, or a swept interventions.NAME.week) until settled",
    )
    parser.add_argument(
        "--since", type=count, default=0, metavar="WEEK", help="first week of an average, or of a recovery"
    )


def add(commands: Any) -> None:
    """Add the commands to the parser."""
    summary = commands.add_parser(
        "summarize", help="mean, sd and 95%% confidence interval of each metric per design point or group"
    )
    _common(summary)
    summary.add_argument(
        "--by", type=_names, metavar="A,B", help="group by these parameters (default: the varied ones)"
    )
    summary.add_argument(
        "--metric", action="append", metavar="NAME", help="metric to show on screen (repeatable; CSV has all)"
    )
    summary.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="CSV file (default: RESULTS/summary.csv, rewritten each time); only ever a summary table",
    )
    summary.add_argument(
        "--overwrite", action="store_true", help="replace an earlier summary table in the --csv FILE"
    )
    summary.add_argument("--failed", action="store_true", help="list the failed runs with their errors")
    summary.set_defaults(handler=_guarded(summarize))

    chart = commands.add_parser(
        "plot",
        help="a metric over the weeks, or (with --x) each run's value against a parameter, one line per "
        "group, with 95%% bands",
    )
    _common(chart)
    chart.add_argument("--metric", required=True, metavar="NAME", help="the metric to plot")
    chart.add_argument(
        "--x",
        metavar="PARAMETER",
        help="plot each run's value (--statistic) against this numeric parameter instead of over the weeks",
    )
    chart.add_argument(
        "--by",
        type=_names,
        metavar="A,B",
        help="one line per value (default: the varied parameters, except --x)",
    )
    chart.add_argument(
        "--out", type=Path, metavar="IMAGE", help="a .png or .svg file (default: in RESULTS/plots)"
    )
    chart.set_defaults(handler=_guarded(plot))

    sens = commands.add_parser(
        "sensitivity", help="Sobol or Morris sensitivity indices of a metric (sweeps with that design)"
    )
    _common(sens)
    sens.add_argument("--metric", required=True, metavar="NAME", help="the metric to analyse")
    sens.add_argument("--out", type=Path, metavar="FILE", help="bar chart (default: RESULTS/plots/)")
    sens.set_defaults(handler=_guarded(sensitivity))

    export = commands.add_parser("export", help="write a sweep's runs and metrics tables as CSV files")
    export.add_argument("results", type=Path, metavar="RESULTS", help="a sweep's results folder")
    export.add_argument(
        "--to",
        type=Path,
        metavar="DIR",
        help="folder for the CSV files (default: RESULTS, rewritten each time)",
    )
    export.add_argument(
        "--overwrite", action="store_true", help="replace runs.csv and metrics.csv exported to DIR before"
    )
    export.set_defaults(handler=_guarded(export_csv))


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn a request the results cannot answer into one message and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        from orglearn.experiments.results import AnalysisError

        try:
            return handler(args)
        except AnalysisError as err:
            print(f"orglearn {args.command}: error: {err}", file=sys.stderr)
            return EXIT_USAGE

    return run


def _titles(metrics: list[str], model: str) -> dict[str, str]:
    from orglearn.experiments.stats import metric_words
    from orglearn.registry import describe_model

    columns = describe_model(model).sweep_metrics()
    return {m: metric_words(columns[m])[0] for m in metrics if m in columns}


def summarize(args: argparse.Namespace) -> int:
    """Print the summary of the key (or chosen) metrics and write all of them as CSV."""
    from orglearn.experiments.results import SweepResults
    from orglearn.experiments.summarize import SUMMARY, failed_runs, key_metrics, render, write_csv
    from orglearn.experiments.summarize import summarize as summary_table
    from orglearn.simulation.outputs import check_file

    results = SweepResults.open(args.results)
    if args.failed:
        failed = failed_runs(results)
        print(failed.to_string(index=False) if len(failed) else "no run failed")
        return 0
    # The default file is the summary's own place in the sweep and rewritten each time; a file
    # the user named is replaced only when asked. Either way only an earlier summary table.
    csv, overwrite = args.csv or args.results / "summary.csv", args.overwrite or args.csv is None
    check_file(csv, SUMMARY, overwrite, "--csv")  # before anything is shown
    by = results.check_by(args.by if args.by is not None else results.factors)
    table = summary_table(results, by, None, args.statistic, args.since)
    shown = key_metrics(results)
    if args.metric:
        shown = results.check_metrics(args.metric)
    counts = results.metadata["counts"]
    name = f" {results.spec['name']}" if results.spec["name"] != "sweep" else ""
    print(
        f"Sweep{name} in {args.results}: {counts['ok']} runs ok, {counts['failed']} failed, "
        f"{counts['missing']} missing; {results.describe_statistic(args.statistic, args.since)}, "
        "mean over runs with 95% confidence interval"
    )
    print()
    print(render(table, by, shown or results.metrics[:6], _titles(results.metrics, results.model)))
    path = write_csv(table, csv, overwrite)
    print(f"all {len(results.metrics)} metrics in {path}")
    if counts["failed"]:
        print(f"{counts['failed']} runs failed: `orglearn summarize {args.results} --failed` shows why")
    return 0


def plot(args: argparse.Namespace) -> int:
    """Draw one metric over the weeks, or each run's value against a parameter (``--x``)."""
    from orglearn.experiments.plot import default_path
    from orglearn.experiments.plot import plot as draw
    from orglearn.experiments.results import SweepResults
    from orglearn.registry import describe_model

    results = SweepResults.open(args.results)
    results.check_metrics([args.metric])
    description = describe_model(results.model).sweep_metrics().get(args.metric, args.metric)
    if args.x is None:
        by = results.check_by(args.by if args.by is not None else results.factors)
        out = args.out or default_path(results, args.metric, by)
        path = draw(results, args.metric, by, out, description)
        print(f"plot of {args.metric} in {path}")
        return 0
    from orglearn.experiments.response import default_path as response_path
    from orglearn.experiments.response import plot_against

    x = results.check_by([args.x], "--x")[0]
    by = results.check_by(args.by if args.by is not None else [f for f in results.factors if f != x])
    out = args.out or response_path(results, args.metric, x, by)
    path = plot_against(results, args.metric, x, by, out, description, args.statistic, args.since)
    print(f"plot of {args.metric} against {x} in {path}")
    return 0


def sensitivity(args: argparse.Namespace) -> int:
    """Compute, print and chart the sensitivity indices of one metric."""
    from orglearn.experiments.plot import check_chart_path
    from orglearn.experiments.results import SweepResults
    from orglearn.experiments.sensitivity import TABLE, analyse, bar_chart, write_csv
    from orglearn.simulation.outputs import check_file

    if args.out is not None:
        check_chart_path(args.out)
    results = SweepResults.open(args.results)
    csv = args.results / f"sensitivity_{args.metric}.csv"
    check_file(csv, TABLE, overwrite=True, flag="")  # only an earlier table; refused before computing
    table = analyse(results, args.metric, args.statistic, args.since)
    method = results.spec["design"]
    name = _titles([args.metric], results.model).get(args.metric, args.metric)
    title = f"{name}: {method.capitalize()} sensitivity"
    stat = results.describe_statistic(args.statistic, args.since)
    print(f"{title} ({stat}, mean over {results.spec['replications']} replication(s) per point)")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    write_csv(table, csv)
    out = args.out or args.results / "plots" / f"sensitivity_{args.metric}.png"
    bar_chart(table, method, title, results.caption(), out, results.model)
    print(f"table in {csv}, chart in {out}")
    return 0


def export_csv(args: argparse.Namespace) -> int:
    """Write runs.csv and metrics.csv."""
    from orglearn.experiments.results import SweepResults

    results = SweepResults.open(args.results)
    paths = results.store.export_csv(args.to or args.results, args.overwrite)
    print("wrote " + " and ".join(str(p) for p in paths))
    return 0
