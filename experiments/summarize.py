"""Summaries: per design point (or group), the mean, spread and 95% interval of each metric.

Each run contributes one number per metric (its last week, or its average over a window), and
runs are grouped by the sweep's varied parameters unless other groups are asked for. The table
goes to the screen for the key metrics and to a CSV file for all of them. Failed runs never
enter a summary; the summary says how many there were and how to see them.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from orglearn.experiments.results import SweepResults
from orglearn.experiments.stats import describe
from orglearn.experiments.task import FAILED
from orglearn.simulation.outputs import Product, write_files

SUMMARY = Product("a summary table", re.compile(r"(^|,)metric,runs,mean,sd,ci_low,ci_high$"))
"""A summary CSV file, recognised by the end of its header."""


def key_metrics(results: SweepResults) -> list[str]:
    """The model's key metrics the sweep kept: shown on screen when no ``--metric`` is given.

    The CSV file always has every kept metric.
    """
    from orglearn.registry import describe_model

    return [m for m in describe_model(results.model).key_metrics() if m in results.metrics]


def summarize(
    results: SweepResults,
    by: list[str] | None = None,
    metrics: list[str] | None = None,
    statistic: str = "final",
    since: int = 0,
) -> pd.DataFrame:
    """The summary table: one row per group and metric.

    Args:
        results: The sweep.
        by: Grouping parameters (default: the varied parameters, i.e. one group per point).
        metrics: The metrics (default: all kept).
        statistic: ``final`` or ``average``.
        since: First week of an average.

    Returns:
        Columns: the ``by`` columns, ``metric``, ``runs``, ``mean``, ``sd``, ``ci_low``, ``ci_high``.
    """
    by = results.check_by(list(results.factors if by is None else by))
    metrics = results.check_metrics(list(metrics or results.metrics))
    values = results.per_run(metrics, statistic, since)
    runs = results.ok_runs(by)
    table = runs.merge(values, on="run_id", how="inner")
    return describe(table, by, metrics)


def failed_runs(results: SweepResults) -> pd.DataFrame:
    """The failed runs: id, point, replication, seed, varied parameters and the error's last line."""
    runs = results.store.runs(["point", "replication", "seed", "status", "error", *results.factors])
    failed = runs[runs["status"] == FAILED].drop(columns="status").copy()
    failed["error"] = [str(e).strip().splitlines()[-1] if e else "" for e in failed["error"]]
    return failed.reset_index(drop=True)


def _number(value: float) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.4g}"


def render(table: pd.DataFrame, by: list[str], metrics: list[str], describe_metric: dict[str, str]) -> str:
    """The summary as text, one block per metric, for the screen."""
    lines: list[str] = []
    for metric in metrics:
        rows = table[table["metric"] == metric]
        if rows.empty:
            continue
        lines.append(f"{metric} — {describe_metric.get(metric, '')}")
        shown = pd.DataFrame({name: rows[name].astype(str) for name in by})
        shown["runs"] = rows["runs"].astype(int).astype(str)
        shown["mean"] = [_number(v) for v in rows["mean"]]
        shown["sd"] = [_number(v) for v in rows["sd"]]
        shown["95% CI"] = [
            f"{_number(lo)} to {_number(hi)}" if not math.isnan(lo) else ""
            for lo, hi in zip(rows["ci_low"], rows["ci_high"], strict=True)
        ]
        lines.append(shown.to_string(index=False))
        lines.append("")
    return "\n".join(lines)


def write_csv(table: pd.DataFrame, path: Path, overwrite: bool = False, flag: str = "--csv") -> Path:
    """Write the summary table (every metric) as CSV, whole or not at all.

    Only an earlier summary table is ever replaced, and only with ``overwrite``; never a file
    of a run or sweep (its ``metadata.json``, its parts) or anyone else's.

    Raises:
        OutputError: If the file may not be written or the write fails.
    """
    return write_files([(path, SUMMARY)], lambda tmp: table.to_csv(tmp, index=False), overwrite, flag)[0]
