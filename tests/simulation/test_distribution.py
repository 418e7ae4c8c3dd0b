"""The model with one stream per mechanism is the model it was with one generator, in distribution.

For every named scenario, the headline metrics at week 120 of 30 seeds are compared with those of
the last engine that drew everything from one generator (``data/distribution_before_streams.csv``,
made by :mod:`distribution`). The test is a two-sample Kolmogorov-Smirnov test per scenario and
metric, with a family-wise error rate of 1% over all of them (Bonferroni: each p-value must exceed
0.01 / number of comparisons). The seeds are fixed, so the verdict is the same on every run.
"""

from pathlib import Path

import pandas as pd
import pytest
from distribution import every_scenario
from scipy.stats import ks_2samp

from orglearn.scenarios import scenario_names

BEFORE = Path(__file__).parent / "data" / "distribution_before_streams.csv"
FAMILY_ALPHA = 0.01


def p_values(a: pd.DataFrame, b: pd.DataFrame, metrics: list[str]) -> dict[tuple[str, str], float]:
    """KS p-value of each (scenario, metric) between two tables of finals."""
    out = {}
    for scenario in sorted(set(a.scenario)):
        for metric in metrics:
            x, y = a[a.scenario == scenario][metric], b[b.scenario == scenario][metric]
            out[scenario, metric] = float(ks_2samp(x, y).pvalue)
    return out


@pytest.fixture(scope="module")
def before() -> pd.DataFrame:
    return pd.read_csv(BEFORE)


def metrics_of(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if c not in ("scenario", "seed")]


@pytest.mark.slow
def test_every_named_scenario_keeps_its_distribution(before):
    # Every scenario named then; the journeys, which are newer, have no earlier distribution.
    names = sorted(set(before.scenario))
    assert set(names) <= set(scenario_names())
    now = every_scenario(names)
    metrics = metrics_of(before)
    p = p_values(before, now, metrics)
    threshold = FAMILY_ALPHA / len(p)
    rejected = {key: value for key, value in p.items() if value < threshold}
    assert not rejected, f"distributions changed (KS p < {threshold:.2g}): {rejected}"


def test_the_comparison_tells_different_models_apart(before):
    # The same test between two scenarios that differ in the model's settings must reject:
    # it has the power to see a change of the model's meaning, not only of its numbers.
    rake = before[before.scenario == "rake"].assign(scenario="x")
    network = before[before.scenario == "network_org"].assign(scenario="x")
    p = p_values(rake, network, metrics_of(before))
    assert min(p.values()) < FAMILY_ALPHA / (len(set(before.scenario)) * len(metrics_of(before)))
