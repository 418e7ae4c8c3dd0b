"""Docking with Lazer & Friedman (2007), at smaller settings than the README's run."""

import numpy as np
import pytest

from orglearn.experiments.claims.literature import lazer_friedman_check
from orglearn.experiments.docking import main, run_docking, run_scenarios, verdict


@pytest.fixture(scope="module")
def small():
    """20 paired seeds, 40 people, N = 14, K = 5, 30 weeks: everyone tied against a rake."""
    return run_docking(
        seeds=20, weeks=30, people=40, themes=14, interdependence=5, kinds=("complete", "rake")
    )


def test_the_networks_start_from_the_same_people_on_each_seed(small):
    np.testing.assert_array_equal(small.fitness["complete"][:, 0], small.fitness["rake"][:, 0])
    assert abs(small.fitness["complete"][:, 0].mean()) < 0.05  # random choices: about 0


def test_the_dense_network_is_fast_but_ends_lower(small):
    """Ahead by at least 0.05 in week 2, behind by at least 0.03 at the end, on paired intervals."""
    mean, low, _ = small.difference(2)
    assert low > 0 and mean > 0.05
    mean, _, high = small.difference(30)
    assert high < 0 and mean < -0.03
    assert verdict(small, 2, 30)


def test_both_networks_climb_well_above_chance(small):
    for kind in ("complete", "rake"):
        assert small.mean_interval(kind, 30)[1] > 0.5


def test_the_table_names_every_network_and_week(small):
    table = small.table((0, 2, 30))
    assert table.splitlines()[0] == "| week | complete | rake | complete − rake |"
    assert len(table.splitlines()) == 5


def test_the_literature_check_reports_it():
    check = lazer_friedman_check(seeds=20, people=40, themes=14, weeks=30)
    assert check.passed, check.obtained
    assert "week 30" in check.obtained


def test_the_command_prints_the_table(capsys):
    main(["--seeds", "3", "--weeks", "3", "--people", "20", "--themes", "8", "--interdependence", "3"])
    out = capsys.readouterr().out
    assert "| week | complete | rake | small_world |" in out


def test_named_scenarios_run_as_they_are_with_only_the_task_made_rugged():
    docking = run_scenarios(("network_org", "rake"), seeds=2, weeks=3, themes=8, interdependence=3)
    assert (docking.dense, docking.sparse) == ("network_org", "rake")
    assert docking.fitness["rake"].shape == (2, 4)
    assert docking.table((0, 3)).splitlines()[0] == "| week | network_org | rake | network_org − rake |"
    assert not np.array_equal(docking.fitness["network_org"][:, 3], docking.fitness["rake"][:, 3])


def test_the_command_runs_named_scenarios_with_changes(capsys):
    arguments = ["--scenarios", "network_org", "rake", "--seeds", "2", "--weeks", "2", "--themes", "6"]
    main([*arguments, "--interdependence", "2", "--set", "learning.reflection_threshold=10.0"])
    out = capsys.readouterr().out
    assert "learning.reflection_threshold = 10.0" in out
    assert "| week | network_org | rake | network_org − rake |" in out
