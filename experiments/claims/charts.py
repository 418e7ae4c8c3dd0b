"""The chart of a hypothesis: both arms over the weeks, with 95% bands, the window shaded.

One chart per hypothesis lets a reader see what the verdict rests on: whether the arms separate,
when, and by how much compared with the spread of runs; the shaded weeks are those the verdict
averages over.
"""

from __future__ import annotations

from pathlib import Path

from orglearn.experiments.claims.analysis import arm_of
from orglearn.experiments.claims.spec import Hypothesis
from orglearn.experiments.plot import bands, finish
from orglearn.experiments.results import SweepResults
from orglearn.experiments.stats import metric_words
from orglearn.simulation.metrics import COLUMNS


def draw(results: SweepResults, hypothesis: Hypothesis, out: Path) -> Path:
    """Draw both arms of a hypothesis over time and write the chart (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = bands(results, hypothesis.metric, ["scenario"])
    table["arm"] = table["scenario"].map(arm_of)
    title, scale = metric_words(COLUMNS[hypothesis.metric])
    figure, axes = plt.subplots(figsize=(8, 4.6), layout="constrained")
    for arm in (hypothesis.control, hypothesis.treatment):
        rows = table[table["arm"] == arm]
        (line,) = axes.plot(rows["step"], rows["mean"], label=f"{arm} (n = {int(rows['n'].max())})")
        axes.fill_between(rows["step"], rows["ci_low"], rows["ci_high"], color=line.get_color(), alpha=0.2)
    axes.axvspan(*hypothesis.weeks, color="0.85", alpha=0.5, label="weeks compared")
    axes.set_title(f"{title}: {hypothesis.treatment} against {hypothesis.control}", loc="left", fontsize=11)
    axes.set_xlabel("Week")
    axes.set_ylabel(scale or hypothesis.metric, wrap=True)
    return finish(figure, axes, results.caption(), out, "Mean of paired runs, 95% band")
