"""summarize, plot and sensitivity on sweeps whose numbers are chosen by hand."""

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from orglearn.experiments.plot import bands, plot
from orglearn.experiments.results import AnalysisError, SweepResults
from orglearn.experiments.sensitivity import analyse, bar_chart, noise_floor
from orglearn.experiments.summarize import failed_runs, summarize

T2 = 4.302652729911275  # t(0.975, 2 degrees of freedom)


@pytest.fixture
def hand(spec_factory, fake_sweep):
    """2 points (alignment 0 and 1) × 3 replications, 2 weeks: value = 10 × alignment + replication + week."""
    spec = spec_factory(vary={"management.alignment_effort": "0:1:2"}, replications=3, steps=2)
    folder = fake_sweep(spec, lambda row, r, week: 10 * row["management.alignment_effort"] + r + week)
    return SweepResults.open(folder)


def test_summary_of_final_values(hand):
    table = summarize(hand, metrics=["fit_org"])
    assert table["management.alignment_effort"].tolist() == [0.0, 1.0]
    assert table["runs"].tolist() == [3, 3]
    assert table["mean"].tolist() == [3.0, 13.0]  # (2 + 3 + 4) / 3 and (12 + 13 + 14) / 3
    assert table["sd"].tolist() == [1.0, 1.0]
    np.testing.assert_allclose(table["ci_low"], [3 - T2 / np.sqrt(3), 13 - T2 / np.sqrt(3)])
    np.testing.assert_allclose(table["ci_high"], [3 + T2 / np.sqrt(3), 13 + T2 / np.sqrt(3)])


def test_summary_of_averages_and_groups(hand):
    table = summarize(hand, metrics=["fit_org"], statistic="average")
    assert table["mean"].tolist() == [2.0, 12.0]  # replication r averages r, r+1, r+2 to r + 1
    pooled = summarize(hand, by=[], metrics=["fit_org"])
    assert pooled["runs"].tolist() == [6]
    assert pooled["mean"].tolist() == [8.0]
    later = summarize(hand, metrics=["fit_org"], statistic="average", since=2)
    assert later["mean"].tolist() == [3.0, 13.0]


def test_summary_has_every_kept_metric_by_default(hand):
    assert set(summarize(hand)["metric"]) == set(hand.metrics)


def test_requests_the_results_cannot_answer(hand):
    with pytest.raises(AnalysisError, match=r"not kept by this sweep\. Did you mean 'fit_org'"):
        summarize(hand, metrics=["fit_orgs"])
    with pytest.raises(AnalysisError, match=r"network\.kin: not a parameter\. Did you mean 'network\.kind'"):
        summarize(hand, by=["network.kin"])
    with pytest.raises(AnalysisError, match="--since 9: use a week from 0 to 2"):
        summarize(hand, statistic="average", since=9)
    with pytest.raises(AnalysisError, match="sensitivity indices need a sweep run with --design sobol"):
        analyse(hand, "fit_org")


def test_failed_runs_are_left_out_and_listed(spec_factory, fake_sweep):
    spec = spec_factory(vary={"management.alignment_effort": "0:1:2"}, replications=3, steps=2)
    results = SweepResults.open(fake_sweep(spec, lambda row, r, week: r, failed=(2,)))
    table = summarize(results, metrics=["fit_org"])
    assert table["runs"].tolist() == [2, 3]
    assert table["mean"].tolist() == [0.5, 1.0]
    failed = failed_runs(results)
    assert failed["run_id"].tolist() == [2]
    assert failed["error"].tolist() == ["ValueError: made to fail"]


def test_bands_by_week(hand):
    table = bands(hand, "fit_org", ["management.alignment_effort"])
    first = table[table["management.alignment_effort"] == 0.0]
    assert first["step"].tolist() == [0, 1, 2]
    assert first["mean"].tolist() == [1.0, 2.0, 3.0]
    assert first["n"].tolist() == [3, 3, 3]
    np.testing.assert_allclose(first["ci_high"] - first["mean"], T2 / np.sqrt(3))


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_plot_files_are_valid_images(hand, tmp_path, suffix):
    from orglearn.simulation.metrics import COLUMNS

    path = plot(
        hand, "fit_org", ["management.alignment_effort"], tmp_path / f"p.{suffix}", COLUMNS["fit_org"]
    )
    data = path.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    else:
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        text = data.decode()
        assert "Agreement of the organization" in text and "master seed 7" in text and "Week" in text


def test_plot_refuses_unknown_formats(hand, tmp_path):
    with pytest.raises(AnalysisError, match=r"\.png, \.svg"):
        plot(hand, "fit_org", [], tmp_path / "p.gif", "x")


def linear(row, r, week):
    return 4 * row["u.network.voice"] + row["u.network.bridging"]


def test_sobol_indices_of_a_known_function(spec_factory, fake_sweep, tmp_path):
    vary = {"network.voice": "0:1", "network.bridging": "0:1"}
    spec = spec_factory(design="sobol", samples=512, vary=vary, replications=1, steps=0)
    results = SweepResults.open(fake_sweep(spec, linear))
    table = analyse(results, "fit_org")
    # y = 4 u1 + u2 with uniform u: first-order = total = a_i^2 / (16 + 1)
    np.testing.assert_allclose(table["S1"], [16 / 17, 1 / 17], atol=0.03)
    np.testing.assert_allclose(table["ST"], [16 / 17, 1 / 17], atol=0.03)
    chart = bar_chart(table, "sobol", "title", "caption", tmp_path / "s.png")
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_morris_effects_of_a_known_function(spec_factory, fake_sweep):
    vary = {"network.voice": "0:1", "network.bridging": "0:1"}
    spec = spec_factory(design="morris", samples=10, vary=vary, replications=2, steps=0)
    table = analyse(SweepResults.open(fake_sweep(spec, linear)), "fit_org")
    np.testing.assert_allclose(table["mu_star"], [4.0, 1.0])
    np.testing.assert_allclose(table["sigma"], [0.0, 0.0], atol=1e-12)


def test_sensitivity_needs_every_point(spec_factory, fake_sweep):
    spec = spec_factory(design="morris", samples=2, vary={"network.voice": "0:1"}, replications=1, steps=0)
    results = SweepResults.open(fake_sweep(spec, lambda row, r, week: row["u.network.voice"], failed=(0,)))
    with pytest.raises(AnalysisError, match="1 of 4 design points have no successful run"):
        analyse(results, "fit_org")


def test_morris_noise_floor_follows_the_spread_of_replications(spec_factory, fake_sweep):
    # y = 4 u + r: the replications 0, 1, 2 spread by 1 at every point, and cancel in mu*.
    vary = {"network.voice": "0:1", "network.bridging": "0:1"}
    spec = spec_factory(design="morris", samples=10, vary=vary, replications=3, steps=0)
    results = SweepResults.open(fake_sweep(spec, lambda row, r, week: 4 * row["u.network.voice"] + r))
    floor = noise_floor(results, "fit_org")
    assert floor["parameter"].tolist() == ["network.voice", "network.bridging"]
    # sqrt(2/pi) x sqrt(1/3 + 1/3) / (2/3): delta is 2/3 on a 4-level grid
    np.testing.assert_allclose(floor["noise_floor"], np.sqrt(2 / np.pi) * np.sqrt(2 / 3) * 1.5)
    np.testing.assert_allclose(analyse(results, "fit_org")["mu_star"], [4.0, 0.0], atol=1e-12)


def test_noise_floor_needs_replications(spec_factory, fake_sweep):
    spec = spec_factory(design="morris", samples=2, vary={"network.voice": "0:1"}, replications=1, steps=0)
    results = SweepResults.open(fake_sweep(spec, lambda row, r, week: row["u.network.voice"]))
    with pytest.raises(AnalysisError, match="at least two successful runs"):
        noise_floor(results, "fit_org")
