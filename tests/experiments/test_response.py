"""Response curves (``orglearn plot --x``) on sweeps whose numbers are chosen by hand."""

import numpy as np
import pytest

from orglearn.experiments.response import curves, default_path, plot_against
from orglearn.experiments.results import AnalysisError, SweepResults

T2 = 4.302652729911275  # t(0.975, 2 degrees of freedom)


@pytest.fixture
def hand(spec_factory, fake_sweep):
    """3 alignments × 2 voices × 3 replications: final value = 10 × alignment + voice + replication."""
    spec = spec_factory(
        vary={"management.alignment_effort": "0:1:3", "network.voice": [0.2, 0.8]}, replications=3, steps=2
    )

    def value(row, r, week):
        return 10 * row["management.alignment_effort"] + row["network.voice"] + r + week

    return SweepResults.open(fake_sweep(spec, value))


def test_one_point_per_value_of_x_and_a_line_per_group(hand):
    table = curves(hand, "fit_org", "alignment_effort", ["voice"])
    assert list(table.columns[:2]) == ["network.voice", "management.alignment_effort"]
    first = table[table["network.voice"] == 0.2]
    assert first["management.alignment_effort"].tolist() == [0.0, 0.5, 1.0]
    np.testing.assert_allclose(first["mean"], [3.2, 8.2, 13.2])  # final week 2, mean replication 1
    assert first["runs"].tolist() == [3, 3, 3]
    np.testing.assert_allclose(first["ci_high"] - first["mean"], T2 / np.sqrt(3))
    averaged = curves(hand, "fit_org", "management.alignment_effort", [], statistic="average")
    np.testing.assert_allclose(averaged["mean"], [2.5, 7.5, 12.5])  # voices pooled, weeks 0-2 averaged


def test_x_must_be_a_numeric_parameter_apart_from_the_groups(hand):
    with pytest.raises(AnalysisError, match=r"--x network\.kind: not a numeric parameter"):
        curves(hand, "fit_org", "network.kind", [])
    with pytest.raises(AnalysisError, match="is also in --by"):
        curves(hand, "fit_org", "network.voice", ["network.voice"])
    with pytest.raises(AnalysisError, match=r"--x network\.voic: not a parameter\. Did you mean"):
        curves(hand, "fit_org", "network.voic", [])
    with pytest.raises(AnalysisError, match="not kept by this sweep"):
        curves(hand, "fit_orgg", "network.voice", [])


def test_the_chart_is_written_with_words_and_a_caption(hand, tmp_path):
    path = default_path(hand, "fit_org", "management.alignment_effort", ["network.voice"], "svg")
    assert path.name == "fit_org_against_management.alignment_effort_by_network.voice.svg"
    plot_against(hand, "fit_org", "alignment_effort", ["voice"], path, "Fit: 1 fits, 0 chance.")
    text = path.read_text()
    assert "against alignment" in text.lower() and "n = 3 per point" in text and "master seed 7" in text
    png = plot_against(hand, "fit_org", "alignment_effort", [], tmp_path / "p.png", "Fit")
    assert png.read_bytes().startswith(b"\x89PNG")
    with pytest.raises(AnalysisError, match=r"\.png, \.svg"):
        plot_against(hand, "fit_org", "alignment_effort", [], tmp_path / "p.gif", "Fit")
