"""Statistics of replications: means, spreads and confidence intervals, also streamed.

A confidence interval here is Student's t interval for a mean over independent runs (each run
has its own seed), mean ± t(0.975, n − 1) · sd / √n, with the sample standard deviation
(n − 1 in the denominator). It is undefined (NaN) for a single run.

Time series are summarized while the metrics are read part by part, so memory does not grow
with the sweep: each part contributes counts, means and sums of squared deviations per group and
week, which are merged with the parallel formula of Chan, Golub and LeVeque (1979), exact up to
rounding.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import stats

LEVEL = 0.95


Number = np.ndarray | float


def interval(mean: Number, sd: Number, n: Number) -> tuple[np.ndarray, np.ndarray]:
    """The 95% t interval of a mean (NaN where n < 2), of one mean or of arrays of them."""
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(0.5 + LEVEL / 2, n - 1) * np.asarray(sd) / np.sqrt(n)
    half = np.where(n >= 2, half, np.nan)
    return np.asarray(mean) - half, np.asarray(mean) + half


def describe(values: pd.DataFrame, by: list[str], metrics: list[str]) -> pd.DataFrame:
    """Per group and metric: runs, mean, sd and 95% interval, as a long table.

    Args:
        values: One row per run: the grouping columns and one column per metric. Groups keep
            the order in which they first appear (the design's order, for rows in run order).
        by: The grouping columns (none: all runs in one group).
        metrics: The metric columns.

    Returns:
        Columns: the ``by`` columns, ``metric``, ``runs``, ``mean``, ``sd``, ``ci_low``, ``ci_high``.
    """
    long = values.melt(id_vars=by, value_vars=metrics, var_name="metric", value_name="value")
    keys = [*by, "metric"]
    grouped = long.groupby(keys, sort=False, dropna=False)["value"]
    table = grouped.agg(runs="count", mean="mean", sd="std").reset_index()
    table["ci_low"], table["ci_high"] = interval(table["mean"], table["sd"], table["runs"])
    order = {m: i for i, m in enumerate(metrics)}
    table["_order"] = table["metric"].map(order)
    table = table.sort_values("_order", kind="stable").drop(columns="_order")
    return table.reset_index(drop=True)


def moments(frame: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """Count, mean and sum of squared deviations of a column per key (NaN values left out)."""
    grouped = frame.groupby(keys, sort=False, dropna=False)[column]
    table = grouped.agg(n="count", mean="mean", var="var").reset_index()
    table["m2"] = table["var"].fillna(0.0) * (table["n"] - 1).clip(lower=0)
    return table.drop(columns="var")


def merge_moments(a: pd.DataFrame | None, b: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Merge two tables of :func:`moments` as if computed on the union of their rows."""
    if a is None:
        return b
    both = a.merge(b, on=keys, how="outer", suffixes=("_a", "_b"))
    for column in ("n", "mean", "m2"):
        both[[f"{column}_a", f"{column}_b"]] = both[[f"{column}_a", f"{column}_b"]].fillna(0.0)
    n = both["n_a"] + both["n_b"]
    delta = both["mean_b"] - both["mean_a"]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, both["mean_a"] + delta * both["n_b"] / n, np.nan)
        m2 = both["m2_a"] + both["m2_b"] + np.where(n > 0, delta**2 * both["n_a"] * both["n_b"] / n, 0.0)
    return pd.DataFrame({**{k: both[k] for k in keys}, "n": n, "mean": mean, "m2": m2})


def finish_moments(table: pd.DataFrame) -> pd.DataFrame:
    """Add ``sd``, ``ci_low`` and ``ci_high`` to a table of merged moments."""
    table = table.copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        table["sd"] = np.sqrt(np.where(table["n"] >= 2, table["m2"] / (table["n"] - 1), np.nan))
    table["ci_low"], table["ci_high"] = interval(table["mean"], table["sd"], table["n"])
    return table.drop(columns="m2")


def metric_words(description: str) -> tuple[str, str]:
    """Split a metric's plain description into a title and the meaning of its scale.

    ``"Shared meaning of rules within teams: 1 identical, 0 as different as chance."`` becomes
    ``("Shared meaning of rules within teams", "1 identical, 0 as different as chance")``.
    """
    title, _, scale = description.partition(":")
    title = re.sub(r"\s*\(.*?\)", "", title).strip().rstrip(".")
    return title, scale.strip().rstrip(".")
