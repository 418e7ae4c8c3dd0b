"""Verdicts: paired differences between two arms, their confidence interval and effect size.

Both arms of a hypothesis ran on the same seeds, so the comparison is run by run: for each
replication, the treatment's value minus the control's, each the metric's average over the
hypothesis's weeks. The mean difference gets Student's t interval (95%) and an effect size,
Cohen's d_z (mean difference / standard deviation of the differences). The verdict is read off
the interval, at this horizon and this number of runs:

* **supported**: the interval lies entirely on the expected side of zero;
* **reversed**: it lies entirely on the other side;
* **not supported**: it contains zero (no clear difference).

No threshold is tuned per claim; a claim that does not hold is reported as not holding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from orglearn.experiments.claims.spec import Hypothesis
from orglearn.experiments.results import SweepResults
from orglearn.experiments.stats import interval

SUPPORTED, NOT_SUPPORTED, REVERSED = "supported", "not supported", "reversed"
VERDICTS = (SUPPORTED, NOT_SUPPORTED, REVERSED)


@dataclass(frozen=True)
class Comparison:
    """The paired comparison of two arms on one hypothesis.

    Attributes:
        hypothesis: What was compared.
        runs: Paired runs (replications present in both arms).
        control: Mean of the control arm's values.
        treatment: Mean of the treatment arm's values.
        difference: Mean paired difference, treatment minus control.
        low: Lower end of its 95% interval.
        high: Upper end.
        effect: Cohen's d_z (NaN if the differences do not vary).
        verdict: ``supported``, ``not supported`` or ``reversed``.
    """

    hypothesis: Hypothesis
    runs: int
    control: float
    treatment: float
    difference: float
    low: float
    high: float
    effect: float
    verdict: str


def verdict(low: float, high: float, expect: str) -> str:
    """The verdict a 95% interval of treatment minus control gives for the expected direction."""
    if math.isnan(low) or math.isnan(high):
        return NOT_SUPPORTED
    above, below = low > 0, high < 0
    if expect == "lower":
        above, below = below, above
    return SUPPORTED if above else REVERSED if below else NOT_SUPPORTED


def paired(control: np.ndarray, treatment: np.ndarray, hypothesis: Hypothesis) -> Comparison:
    """Compare two arms' values, paired by position (replication), on one hypothesis."""
    differences = np.asarray(treatment, dtype=float) - np.asarray(control, dtype=float)
    n = len(differences)
    mean = float(differences.mean()) if n else math.nan
    sd = float(differences.std(ddof=1)) if n > 1 else math.nan
    lows, highs = interval(np.array([mean]), np.array([sd]), np.array([n]))
    low, high = float(lows[0]), float(highs[0])
    effect = mean / sd if sd and not math.isnan(sd) else math.nan
    return Comparison(
        hypothesis,
        n,
        float(np.mean(control)) if n else math.nan,
        float(np.mean(treatment)) if n else math.nan,
        mean,
        low,
        high,
        effect,
        verdict(low, high, hypothesis.expect),
    )


def arm_of(ref: str) -> str:
    """An arm's name from its scenario file's path (``arms/rake.toml`` is arm ``rake``)."""
    return Path(ref).stem


def window_values(results: SweepResults, hypothesis: Hypothesis) -> pd.DataFrame:
    """Each successful run's average of the metric over the hypothesis's weeks, by arm and replication.

    Returns:
        Columns ``arm``, ``replication``, ``value``.
    """
    first, last = hypothesis.weeks
    parts = []
    for frame in results.store.iter_metrics([hypothesis.metric]):
        window = frame[(frame["step"] >= first) & (frame["step"] <= last)]
        parts.append(window.groupby("run_id", sort=False)[hypothesis.metric].mean().rename("value"))
    values = pd.concat(parts).reset_index() if parts else pd.DataFrame(columns=["run_id", "value"])
    table = results.store.runs(["status", "replication", "point"])
    design = results.store.read_design()[["point", "scenario"]]
    table = table[table["status"] == "ok"].merge(design, on="point")
    table["arm"] = table["scenario"].map(arm_of)
    merged = table.merge(values, on="run_id")
    return merged[["arm", "replication", "value"]]


def compare(results: SweepResults, hypothesis: Hypothesis) -> Comparison:
    """The paired comparison of a hypothesis in one sweep (replications missing in an arm are left out)."""
    values = window_values(results, hypothesis)
    wide = values.pivot_table(index="replication", columns="arm", values="value", aggfunc="first")
    if hypothesis.control not in wide or hypothesis.treatment not in wide:
        wide = pd.DataFrame(columns=[hypothesis.control, hypothesis.treatment])
    both = wide[[hypothesis.control, hypothesis.treatment]].dropna()
    return paired(both[hypothesis.control].to_numpy(), both[hypothesis.treatment].to_numpy(), hypothesis)
