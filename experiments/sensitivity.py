"""Sensitivity: which varied parameters move a metric, by Sobol or Morris indices from SALib.

The analysis needs the design its method was made for, in the order SALib drew it, so it
reads the design stored with the results (``design.parquet``) rather than drawing it again. Each
point's output is the mean over its replications of one number per run (the last week, or an
average), which averages out the model's own noise before the indices are computed. A point
without a successful run leaves a hole the methods cannot work around: the analysis is refused
with the number of such points and how to fill them.

Sobol indices say what share of the output's variance a parameter explains alone (S1) and with
all its interactions (ST); Morris's mu* says how much the output moves, on average, when the
parameter steps across its range, and sigma how much that depends on the other parameters.
Factors are analysed in the unit coordinates the design was drawn in, so mu* is comparable
across parameters with different units.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from orglearn.experiments.design import UNIT, salib_problem
from orglearn.experiments.results import AnalysisError, SweepResults
from orglearn.experiments.seeds import analysis_seed
from orglearn.experiments.spec import spec_from_dict
from orglearn.simulation.outputs import Product, write_files

METHODS = ("sobol", "morris")
TABLE = Product(
    "a sensitivity table", re.compile(r"^parameter,(S1,S1_conf,ST,ST_conf|mu,mu_star,sigma,mu_star_conf)$")
)
"""A table of indices, recognised by its header: the only file :func:`write_csv` writes over."""


def point_outputs(results: SweepResults, metric: str, statistic: str, since: int) -> np.ndarray:
    """Each design point's mean over its successful runs (NaN where it has none)."""
    values = results.per_run([metric], statistic, since)
    runs = results.ok_runs(["point"])
    means = runs.merge(values, on="run_id").groupby("point")[metric].mean()
    output = np.full(int(results.metadata["points"]), np.nan)
    output[means.index.to_numpy(dtype=int)] = means.to_numpy()
    return output


def analyse(results: SweepResults, metric: str, statistic: str = "final", since: int = 0) -> pd.DataFrame:
    """Sensitivity indices of one metric for every varied parameter.

    Returns:
        One row per parameter: for Sobol ``S1``, ``S1_conf``, ``ST``, ``ST_conf``; for Morris
        ``mu``, ``mu_star``, ``sigma``, ``mu_star_conf`` (``_conf``: half-width of the 95%
        bootstrap interval).

    Raises:
        AnalysisError: If the sweep's design does not fit, or points have no successful run.
    """
    design_name = results.spec["design"]
    if design_name not in METHODS:
        raise AnalysisError(
            f"{results.store.folder}: was run with the {design_name} design; sensitivity indices need a "
            "sweep run with --design sobol or --design morris"
        )
    results.check_metrics([metric])
    y = point_outputs(results, metric, statistic, since)
    missing = int(np.isnan(y).sum())
    if missing:
        raise AnalysisError(
            f"{missing} of {len(y)} design points have no successful run (or no value of {metric}); finish "
            f"the sweep, with --retry-failed for failed runs, before computing indices"
        )
    spec = spec_from_dict(results.spec)
    problem = salib_problem(spec)
    seed = analysis_seed(int(results.metadata["seed"]))
    if design_name == "sobol":
        from SALib.analyze import sobol

        indices = sobol.analyze(
            problem, y, calc_second_order=spec.second_order, seed=seed, print_to_console=False
        )
        columns = ("S1", "S1_conf", "ST", "ST_conf")
    else:
        from SALib.analyze import morris

        design = results.store.read_design()
        x = design[[UNIT + name for name in spec.factor_names]].to_numpy()
        indices = morris.analyze(problem, x, y, num_levels=spec.levels, seed=seed, print_to_console=False)
        columns = ("mu", "mu_star", "sigma", "mu_star_conf")
    table = pd.DataFrame({"parameter": problem["names"], **{c: np.asarray(indices[c]) for c in columns}})
    return table


def noise_floor(results: SweepResults, metric: str, statistic: str = "final", since: int = 0) -> pd.DataFrame:
    """The mu* of a Morris sweep that replication noise alone would give, per parameter.

    A point's output is the mean of its R replications, so it carries noise of variance s²/R,
    with s the spread over the replications of that point (which the sweep stores). An
    elementary effect, the difference of two successive points of a trajectory over the step
    delta of the one factor that changed, then carries noise of standard deviation
    sqrt(s_a²/R_a + s_b²/R_b) / |delta|; were the outcome only noise, its absolute value would
    average sqrt(2/pi) times that. A parameter's floor is that average over its trajectories:
    a mu* well above it (twice, say) is an effect that the replications cannot explain.

    Returns:
        One row per parameter, in the design's order: ``parameter``, ``noise_floor``.

    Raises:
        AnalysisError: If the sweep is not a Morris sweep or a point has fewer than two runs.
    """
    if results.spec["design"] != "morris":
        raise AnalysisError(
            f"{results.store.folder}: a noise floor of mu* needs a sweep run with --design morris"
        )
    results.check_metrics([metric])
    values = results.per_run([metric], statistic, since)
    runs = results.ok_runs(["point"]).merge(values, on="run_id").groupby("point")[metric]
    points = int(results.metadata["points"])
    variance = runs.var(ddof=1).reindex(range(points)).to_numpy()
    count = runs.count().reindex(range(points)).to_numpy()
    if np.isnan(variance).any():
        raise AnalysisError(
            f"{metric}: every design point needs at least two successful runs for a noise floor"
        )
    spec = spec_from_dict(results.spec)
    names = spec.factor_names
    unit = results.store.read_design()[[UNIT + name for name in names]].to_numpy()
    noise: list[list[float]] = [[] for _ in names]
    for start in range(0, points, len(names) + 1):
        for j in range(start, start + len(names)):
            step = unit[j + 1] - unit[j]
            factor = int(np.argmax(np.abs(step)))
            spread = np.sqrt(variance[j] / count[j] + variance[j + 1] / count[j + 1])
            noise[factor].append(spread / abs(step[factor]))
    floor = [np.sqrt(2 / np.pi) * np.mean(n) if n else np.nan for n in noise]
    return pd.DataFrame({"parameter": names, "noise_floor": floor})


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """Write the indices as CSV, whole or not at all, and only over an earlier sensitivity table.

    The table's place is in the sweep's folder and it is rewritten each time, but a file of that
    name that orglearn did not write as a sensitivity table is refused.

    Raises:
        OutputError: If the file may not be written or the write fails.
    """
    return write_files([(path, TABLE)], lambda tmp: table.to_csv(tmp, index=False), True, "")[0]


def bar_chart(
    table: pd.DataFrame, method: str, title: str, caption: str, out: Path, model: str = "orglearn"
) -> Path:
    """Draw the indices as horizontal bars with their 95% intervals, largest at the top.

    Parameters are labelled in words from the parameter table of ``model``, the sweep's model.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from orglearn.scenarios import parameter_table

    names = parameter_table(model)
    if method == "sobol":
        bars = [("ST", "ST_conf", "Total effect (ST)"), ("S1", "S1_conf", "First-order effect (S1)")]
        label = "Share of the output's variance"
        table = table.sort_values("ST")
    else:
        bars = [("mu_star", "mu_star_conf", "Mean absolute effect (mu*)")]
        label = "Change of the output over the parameter's range (mu*)"
        table = table.sort_values("mu_star")
    figure, axes = plt.subplots(figsize=(8, 1.2 + 0.45 * len(table)), layout="constrained")
    rows = np.arange(len(table))
    height = 0.8 / len(bars)
    for i, (column, conf, legend) in enumerate(bars):
        axes.barh(rows + i * height, table[column], height, xerr=table[conf], label=legend, capsize=2)
    labels = [f"{names[p].label['en']} ({p})" if p in names else p for p in table["parameter"]]
    axes.set_yticks(rows + height * (len(bars) - 1) / 2, labels)
    axes.set_xlabel(label)
    axes.set_title(title, loc="left", fontsize=11)
    axes.legend(fontsize=8)
    axes.grid(axis="x", alpha=0.3)
    figure.text(0.01, -0.02, caption, fontsize=7, color="0.35", ha="left", va="top", wrap=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, bbox_inches="tight", dpi=120)
    plt.close(figure)
    return out
