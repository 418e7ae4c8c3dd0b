"""Plots: a metric over the weeks, one line per group, with its 95% confidence band.

The band at each week is the t interval of the mean over the group's runs. The chart is written
for a reader who did not run the sweep: the title says what is measured in words, the y axis
what its scale means, the legend which group each line is and how many runs it averages, and a
caption under the chart the scenario, the seeds and the version of orglearn.

The time series are read part by part and reduced to moments per group and week as they come
(:mod:`.stats`), so a plot of a very large sweep does not hold the sweep in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from orglearn.experiments.results import AnalysisError, SweepResults
from orglearn.experiments.stats import finish_moments, merge_moments, metric_words, moments

MAX_LINES = 12
BAND_LEGEND = "Mean of runs, with 95% confidence band"
FORMATS = ("png", "svg", "pdf")


def check_chart_path(out: Path) -> Path:
    """Refuse a chart file whose suffix chooses no format, before anything is computed.

    Every command that draws a chart checks its ``--out`` here, so they accept the same files.

    Raises:
        AnalysisError: Naming the file and the formats there are.
    """
    if out.suffix.lstrip(".").lower() not in FORMATS:
        raise AnalysisError(f"--out {out}: use a file ending in {', '.join('.' + f for f in FORMATS)}")
    return out


def bands(results: SweepResults, metric: str, by: list[str]) -> pd.DataFrame:
    """Per group and week: runs, mean, sd and the 95% interval of one metric.

    Returns:
        Columns: the ``by`` columns, ``step``, ``n``, ``mean``, ``sd``, ``ci_low``, ``ci_high``.
    """
    results.check_metrics([metric])
    by = results.check_by(by)
    runs = results.ok_runs(by)
    groups = runs[by].drop_duplicates() if by else pd.DataFrame(index=range(1))
    if len(groups) > MAX_LINES:
        raise AnalysisError(
            f"--by {','.join(by) or '(none)'}: {len(groups)} groups are too many lines for one chart "
            f"(at most {MAX_LINES}); group by fewer parameters (varied: {', '.join(results.factors)})"
        )
    keys = [*by, "step"]
    total = None
    for frame in results.store.iter_metrics([metric]):
        frame = frame.merge(runs, on="run_id", how="inner") if by else frame
        total = merge_moments(total, moments(frame, keys, metric), keys)
    if total is None:
        raise AnalysisError(f"{results.store.folder}: no successful runs to plot yet")
    return finish_moments(total).sort_values(keys, ignore_index=True)


def parameter_name(parameter: str, model: str) -> str:
    """A parameter's label in words (a name that is no parameter, like ``scenario``, as it is)."""
    from orglearn.scenarios import parameter_table

    table = parameter_table(model)
    return table[parameter].label["en"] if parameter in table else parameter


def group_label(by: list[str], key: tuple, model: str) -> str:
    """A group's values in words, for a legend (``Socialization rate (p1): 0.1``)."""
    words = [
        f"{parameter_name(name, model)}: {value:g}"
        if isinstance(value, float)
        else f"{parameter_name(name, model)}: {value}"
        for name, value in zip(by, key, strict=True)
    ]
    return ", ".join(words) or "all runs"


def plot(
    results: SweepResults,
    metric: str,
    by: list[str],
    out: Path,
    description: str,
) -> Path:
    """Draw the chart and write it.

    Args:
        results: The sweep.
        metric: The metric.
        by: The grouping parameters (one line per group).
        out: The file to write; its suffix (.png, .svg, .pdf) chooses the format.
        description: The metric's plain description.

    Returns:
        The file written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    check_chart_path(out)
    by = results.check_by(by)
    table = bands(results, metric, by)
    title, scale = metric_words(description)
    figure, axes = plt.subplots(figsize=(9, 5.6), layout="constrained")
    if by:
        order = results.ok_runs(by)[by].drop_duplicates()  # the design's order
        groups = [
            (tuple(key), table.merge(pd.DataFrame([key], columns=by), on=by)) for key in order.to_numpy()
        ]
    else:
        groups = [((), table)]
    for key, rows in groups:
        runs = int(rows["n"].max())
        label = f"{group_label(by, key, results.model)} (n = {runs})"
        (line,) = axes.plot(rows["step"], rows["mean"], label=label)
        axes.fill_between(rows["step"], rows["ci_low"], rows["ci_high"], color=line.get_color(), alpha=0.2)
    by_words = " and ".join(parameter_name(b, results.model).lower() for b in by)
    axes.set_title(title + (f", by {by_words}" if by else ""), loc="left", fontsize=12)
    axes.set_xlabel(results.unit.capitalize())
    axes.set_ylabel(scale or metric, wrap=True)
    return finish(figure, axes, results.caption(), out)


def finish(figure: Any, axes: Any, caption: str, out: Path, legend: str = BAND_LEGEND) -> Path:
    """Grid, legend and caption (where the numbers come from) on a chart, then write and close it.

    Every chart of results ends the same way, so a reader finds the same things in the same places.
    """
    import matplotlib.pyplot as plt

    axes.grid(alpha=0.3)
    axes.legend(title=legend, fontsize=9, title_fontsize=9)
    figure.text(0.01, -0.02, caption, fontsize=7, color="0.35", ha="left", va="top", wrap=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, bbox_inches="tight", dpi=120)
    plt.close(figure)
    return out


def default_path(results: SweepResults, metric: str, by: list[str], fmt: str = "png") -> Path:
    """Where a plot goes when no ``--out`` is given: ``plots/`` in the results folder."""
    name = metric + (f"_by_{'_'.join(by)}" if by else "")
    return results.store.folder / "plots" / f"{name}.{fmt}"
