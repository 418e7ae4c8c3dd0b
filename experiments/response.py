"""Response curves: one number per run against a numeric parameter, a line per group, with 95% bands.

Where :mod:`.plot` draws a metric over the weeks, this draws how a run's outcome depends on a
parameter the sweep varied. Each run gives one number (its value in the last week, which for a
model whose runs come to rest is the value at rest, or its average over a window); each marker
is the mean over the runs at one value of the parameter, with Student's t interval
(:mod:`.stats`), and each line one group of other parameters. March's (1991) Figure 1,
equilibrium knowledge against the socialization rate with a line per code learning rate, is
``orglearn plot RESULTS --metric code_knowledge --x march.p1 --by march.p2``.

Like every chart here it is written for a reader who did not run the sweep: the title says what
is measured and against what, the legend which group each line is and how many runs each marker
averages, and the caption where the numbers come from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from orglearn.experiments.plot import MAX_LINES, check_chart_path, finish, group_label, parameter_name
from orglearn.experiments.results import AnalysisError, SweepResults
from orglearn.experiments.stats import describe, metric_words

NUMERIC = ("int", "float")


def curves(
    results: SweepResults, metric: str, x: str, by: list[str], statistic: str = "final", since: int = 0
) -> pd.DataFrame:
    """Per group and value of ``x``: runs, mean, sd and the 95% interval of one number per run.

    Args:
        results: The sweep.
        metric: The metric.
        x: A numeric parameter (a short name such as ``p1`` is completed).
        by: The grouping parameters, one line per group.
        statistic: ``final`` or ``average``.
        since: First week of an average.

    Returns:
        Columns: the ``by`` columns, ``x``, ``runs``, ``mean``, ``sd``, ``ci_low``, ``ci_high``;
        groups in the design's order, ``x`` ascending within a group.

    Raises:
        AnalysisError: For a metric the sweep did not keep, or an ``x`` that is not a numeric
            parameter, or is also in ``by``, or too many groups.
    """
    from orglearn.scenarios import parameter_table

    results.check_metrics([metric])
    x = results.check_by([x], "--x")[0]
    by = results.check_by(by)
    table = parameter_table(results.model)
    if x not in table or table[x].type not in NUMERIC:
        raise AnalysisError(
            f"--x {x}: not a numeric parameter; plot against a number the sweep varied "
            f"({', '.join(results.factors) or 'nothing'}), and use --by for choices and scenarios"
        )
    if x in by:
        raise AnalysisError(f"--x {x}: is also in --by; a parameter is either the x axis or a group")
    runs = results.ok_runs([*by, x])
    groups = runs[by].drop_duplicates() if by else pd.DataFrame(index=range(1))
    if len(groups) > MAX_LINES:
        raise AnalysisError(
            f"--by {','.join(by)}: {len(groups)} groups are too many lines for one chart "
            f"(at most {MAX_LINES}); group by fewer parameters (varied: {', '.join(results.factors)})"
        )
    values = results.per_run([metric], statistic, since)
    merged = runs.merge(values, on="run_id", how="inner")
    if merged.empty:
        raise AnalysisError(f"{results.store.folder}: no successful runs to plot yet")
    summary = describe(merged, [*by, x], [metric]).drop(columns="metric")
    order = {tuple(key): i for i, key in enumerate(groups.to_numpy().tolist())} if by else {}
    summary["_group"] = [order.get(tuple(key), 0) for key in summary[by].to_numpy().tolist()] if by else 0
    summary = summary.sort_values(["_group", x], kind="stable").drop(columns="_group")
    return summary.reset_index(drop=True)


def _runs(rows: pd.DataFrame) -> str:
    low, high = int(rows["runs"].min()), int(rows["runs"].max())
    return f"n = {low} per point" if low == high else f"n = {low}–{high} per point"


def plot_against(
    results: SweepResults,
    metric: str,
    x: str,
    by: list[str],
    out: Path,
    description: str,
    statistic: str = "final",
    since: int = 0,
) -> Path:
    """Draw the response curves and write them.

    Args:
        results: The sweep.
        metric: The metric.
        x: The numeric parameter on the x axis.
        by: The grouping parameters (one line per group).
        out: The file to write; its suffix (.png, .svg, .pdf) chooses the format.
        description: The metric's plain description.
        statistic: ``final`` or ``average``.
        since: First week of an average.

    Returns:
        The file written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    check_chart_path(out)
    x = results.check_by([x], "--x")[0]
    by = results.check_by(by)
    table = curves(results, metric, x, by, statistic, since)
    model = results.model
    title, scale = metric_words(description)
    figure, axes = plt.subplots(figsize=(9, 5.6), layout="constrained")
    keys = table[by].drop_duplicates().to_numpy().tolist() if by else [[]]
    for key in keys:
        rows = table.merge(pd.DataFrame([key], columns=by), on=by) if by else table
        label = f"{group_label(by, tuple(key), model)} ({_runs(rows)})"
        (line,) = axes.plot(rows[x], rows["mean"], marker="o", label=label)
        axes.fill_between(rows[x], rows["ci_low"], rows["ci_high"], color=line.get_color(), alpha=0.2)
    x_words = parameter_name(x, model)
    by_words = " and ".join(parameter_name(b, model).lower() for b in by)
    axes.set_title(f"{title}, against {x_words.lower()}" + (f", by {by_words}" if by else ""), loc="left")
    axes.set_xlabel(x_words)
    axes.set_ylabel(scale or metric, wrap=True)
    caption = f"Each run: {results.describe_statistic(statistic, since)}. {results.caption()}"
    return finish(figure, axes, caption, out)


def default_path(results: SweepResults, metric: str, x: str, by: list[str], fmt: str = "png") -> Path:
    """Where a response plot goes when no ``--out`` is given: ``plots/`` in the results folder."""
    name = f"{metric}_against_{x}" + (f"_by_{'_'.join(by)}" if by else "")
    return results.store.folder / "plots" / f"{name}.{fmt}"
