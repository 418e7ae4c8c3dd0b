"""Varying whole scenarios, and giving every design point the same seeds (common random numbers)."""

import pandas as pd
import pytest

from orglearn.experiments.results import SweepResults
from orglearn.experiments.spec import SweepError
from orglearn.experiments.summarize import summarize
from orglearn.scenarios import load_scenario


def test_each_point_runs_its_scenario_with_the_fixed_settings(sweep, spec_factory, tmp_path):
    spec = spec_factory(vary={"scenario": "rake,network_org"}, replications=2, common_seeds=True)
    assert set(spec.arms) == {"rake", "network_org"}
    report = sweep(spec)
    assert report.failed == 0
    runs = pd.concat(pd.read_parquet(p) for p in sorted((tmp_path / "results" / "runs").glob("*.parquet")))
    runs = runs.sort_values("run_id")
    network_org = load_scenario("network_org", {"organization.people": 20})
    second = runs[runs["point"] == 1].iloc[0]
    for key in ("network.kind", "network.voice", "network.actorship_mean", "organization.people"):
        assert second[key] == network_org[key], key
    assert (runs[runs["point"] == 0]["network.kind"] == "rake").all()
    # common random numbers: replication r has the same seed at both points
    assert list(runs[runs["point"] == 0]["seed"]) == list(runs[runs["point"] == 1]["seed"])


def test_without_common_seeds_points_get_their_own_seeds(sweep, spec_factory, tmp_path):
    sweep(spec_factory(vary={"scenario": ["rake", "network_org"]}, replications=2))
    runs = pd.concat(pd.read_parquet(p) for p in (tmp_path / "results" / "runs").glob("*.parquet"))
    assert runs["seed"].nunique() == 4


def test_results_can_be_grouped_by_scenario(sweep, spec_factory, tmp_path):
    sweep(spec_factory(vary={"scenario": "rake,network_org"}, replications=3, common_seeds=True))
    results = SweepResults.open(tmp_path / "results")
    table = summarize(results, by=["scenario"], metrics=["fit_org"])
    assert set(table["scenario"]) == {"rake", "network_org"}
    assert set(table["runs"]) == {3}


def test_common_seeds_and_scenarios_are_part_of_the_sweeps_identity(spec_factory):
    a = spec_factory(vary={"scenario": "rake,network_org"}, common_seeds=True)
    b = spec_factory(vary={"scenario": "rake,network_org"})
    c = spec_factory(vary={"scenario": "rake,open"}, common_seeds=True)
    assert len({a.fingerprint(), b.fingerprint(), c.fingerprint()}) == 3


@pytest.mark.parametrize(
    ("vary", "values", "message"),
    [
        ({"scenario": "rake,nothing"}, {}, "no scenario named or file called 'nothing'"),
        ({"scenario": "rake,rake"}, {}, "named twice"),
        ({"scenario": ""}, {}, "give scenario names"),
        ({"scenario": True}, {"design": "lhs", "samples": 4}, "on a grid only"),
        ({"scenario": "rake"}, {"common_seeds": "yes"}, "common_seeds: 'yes' is not allowed"),
    ],
)
def test_bad_scenario_factors_are_refused_clearly(spec_factory, vary, values, message):
    with pytest.raises(SweepError) as err:
        spec_factory(vary=vary, **values)
    assert message in str(err.value)
