import numpy as np
import pytest

from orglearn.experiments.design import UNIT, build_design, check_design, point_count
from orglearn.experiments.spec import SweepError


def test_grid_is_full_factorial_first_factor_slowest(spec_factory):
    spec = spec_factory(vary={"management.alignment_effort": "0:1:3", "network.kind": "rake,network_org"})
    design = build_design(spec)
    assert point_count(spec) == len(design) == 6
    assert design["point"].tolist() == list(range(6))
    assert design["management.alignment_effort"].tolist() == [0.0, 0.0, 0.5, 0.5, 1.0, 1.0]
    assert design["network.kind"].tolist() == ["rake", "network_org"] * 3


def test_no_factor_is_one_point(spec_factory):
    assert len(build_design(spec_factory(vary={}))) == 1


def test_lhs_is_stratified_in_range_and_seeded(spec_factory):
    spec = spec_factory(
        design="lhs", samples=10, vary={"network.voice": "0.2:0.7", "network.kind": "rake,teams"}
    )
    design = build_design(spec)
    assert len(design) == 10
    strata = np.floor(design[UNIT + "network.voice"] * 10).astype(int)
    assert sorted(strata) == list(range(10))  # one sample per stratum
    assert design["network.voice"].between(0.2, 0.7).all()
    assert set(design["network.kind"]) <= {"rake", "teams"}
    assert build_design(spec).equals(design)
    assert not build_design(
        spec_factory(design="lhs", samples=10, seed=8, vary={"network.voice": "0:1"})
    ).equals(design)


@pytest.mark.parametrize(("design", "samples", "points"), [("sobol", 8, 8 * 5), ("morris", 4, 4 * 4)])
def test_salib_designs_have_the_documented_size(spec_factory, design, samples, points):
    vary = {"network.voice": "0:1", "management.participation": "0:1", "network.bridging": "0:1"}
    spec = spec_factory(design=design, samples=samples, vary=vary)
    frame = build_design(spec)
    assert point_count(spec) == len(frame) == points
    assert frame[[UNIT + name for name in vary]].to_numpy().min() >= 0


def test_invalid_points_are_refused_before_running(spec_factory):
    spec = spec_factory(vary={"organization.team_size": "4,30"})
    with pytest.raises(SweepError) as info:
        check_design(spec, build_design(spec))
    assert "design point 1 (organization.team_size=30)" in info.value.problems[0]
    assert "1 design point(s) are not valid" in info.value.problems[-1]
